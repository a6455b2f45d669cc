from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Giao ban")

    def ready(self) -> None:
        from portal.core import home
        from portal.core import sitemaps as sitemap_registry
        from portal.editorial import registry as editorial_registry
        from portal.search import registry as search_registry

        from . import signal_handlers  # noqa: F401  (connects the receivers)
        from .models import Meeting, PublicSummary
        from .revisions import PARTS
        from .selectors import home_section, meeting_document, summary_document
        from .sitemaps import MeetingSitemap, PublicSummarySitemap

        # A meeting's directives and documents are part of its content: kept in its
        # revisions and, on a live meeting, changed only by an approved change.
        editorial_registry.register(Meeting, parts=PARTS)
        editorial_registry.register(PublicSummary)
        search_registry.register(Meeting, to_document=meeting_document)
        search_registry.register(PublicSummary, to_document=summary_document)
        sitemap_registry.register("giao-ban", MeetingSitemap)
        sitemap_registry.register("giao-ban-tom-tat", PublicSummarySitemap)
        home.register(home_section, order=30)

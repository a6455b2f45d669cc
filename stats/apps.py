from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Thống kê")

    def ready(self) -> None:
        from portal.core import home
        from portal.core import sitemaps as sitemap_registry
        from portal.editorial import registry as editorial_registry
        from portal.search import registry as search_registry

        from . import signal_handlers  # noqa: F401
        from .models import Indicator, Release
        from .parts import PARTS
        from .selectors import home_section, indicator_document, release_document
        from .sitemaps import IndicatorSitemap, ReleaseSitemap

        editorial_registry.register(Release, parts=PARTS)
        search_registry.register(Release, to_document=release_document)
        search_registry.register(Indicator, to_document=indicator_document)
        home.register(home_section, order=20)
        sitemap_registry.register("thong-ke", ReleaseSitemap)
        sitemap_registry.register("chi-so", IndicatorSitemap)

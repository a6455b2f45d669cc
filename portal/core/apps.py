from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Cổng thông tin")

    def ready(self) -> None:
        from portal.pagecache import invalidation

        invalidation.connect()  # what replaces the page cache's generation

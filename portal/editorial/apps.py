from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "portal.editorial"
    label = "editorial"
    verbose_name = _("Quy trình duyệt")

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401

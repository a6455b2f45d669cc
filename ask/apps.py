from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AskConfig(AppConfig):
    name = "ask"
    label = "ask"
    verbose_name = _("Hỏi số liệu")

    def ready(self) -> None:
        from . import signal_handlers  # noqa: F401

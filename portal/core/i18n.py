"""The portal's two languages: Vietnamese first, English under ``/en/``."""

from django.utils.translation import get_language


def current_language() -> str:
    """ "en" on the English pages, "vi" everywhere else (no request, other languages)."""
    return "en" if (get_language() or "vi").startswith("en") else "vi"

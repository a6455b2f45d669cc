from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from portal.core.i18n import current_language


def _same_page_in(request, language: str) -> str:
    """This page's address in ``language`` (query string kept), or that language's home
    when the address does not resolve (an error page). Pages whose address differs
    between the languages (an article and its translation) override the link."""
    path = request.get_full_path()
    other = translate_url(path, language)
    if other == path and (language == "en") != path.startswith("/en/"):
        return "/en/" if language == "en" else "/"
    return other


def site(request):
    language = current_language()
    other = "vi" if language == "en" else "en"
    # The other language's address, read only by the parts of the page that are not kept (a
    # resolve and a reverse, once a page); this language's is the page's own.
    here = request.get_full_path()
    other_page = SimpleLazyObject(lambda: _same_page_in(request, other))
    return {
        "SITE_URL": settings.SITE_URL.rstrip("/"),
        "OTHER_LANG": other,
        "lang_switch_url": other_page,
        "alternate_vi": here if language == "vi" else other_page,
        "alternate_en": here if language == "en" else other_page,
    }

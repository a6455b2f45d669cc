import re

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.core import formatting
from portal.core.i18n import current_language
from portal.editorial.permissions import may_see_internal

from . import services


def _mark(text: str) -> str:
    return mark_safe(escape(text or "").replace("\x02", "<mark>").replace("\x03", "</mark>"))


CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def search(request):
    # Control characters (a NUL byte PostgreSQL refuses) are no part of a search.
    query = CONTROL.sub(" ", request.GET.get("q") or "").strip()[:200]
    page = total = None
    if query:
        language = current_language()
        results = services.search(query=query, staff=may_see_internal(request.user), language=language)
        page = Paginator(results, 20).get_page(request.GET.get("trang"))
        for doc in page.object_list:
            doc.snippet = _mark(doc.headline) if doc.headline else escape(doc.summary)
        # "1.000+": only the newest matches are ranked (services.RANKED_MATCHES).
        total = formatting.format_number(page.paginator.count, 0, language) + ("+" if results.more else "")
    return render(request, "search/results.html", {"query": query, "page": page, "total": total})

import re

from django.core.paginator import Paginator
from django.shortcuts import render

from portal.core import formatting
from portal.core.i18n import current_language
from portal.editorial.permissions import may_see_internal

from . import services

CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def search(request):
    # Control characters (a NUL byte PostgreSQL refuses) are no part of a search.
    query = CONTROL.sub(" ", request.GET.get("q") or "").strip()[:200]
    context = {"query": query, "page": None, "total": None, "more": False}
    if query:
        language = current_language()
        results = services.search(query=query, staff=may_see_internal(request.user), language=language)
        page = Paginator(results, 20).get_page(request.GET.get("trang"))
        # Only the newest matches are ranked (services.RANKED_MATCHES): "more than 500".
        context.update(
            page=page,
            count=page.paginator.count,
            total=formatting.format_number(page.paginator.count, 0, language),
            more=results.more,
        )
    return render(request, "search/results.html", context)

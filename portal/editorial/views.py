"""The editor's desk: the board's queue and "Việc của tôi", across all content models."""

from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from . import desk, permissions


def _page(request, *, title: str, rows, intro: str, empty: str, page_id: str):
    context = {
        **admin.site.each_context(request),
        "title": title,
        "rows": rows,
        "intro": intro,
        "empty": empty,
        "page_id": page_id,
        "people": desk.assignable_people() if permissions.may_assign(request.user) else [],
        "may_assign": permissions.may_assign(request.user),
    }
    return TemplateResponse(request, "admin/editorial/queue.html", context)


def pending_queue(request):
    if not permissions.may_view_content_in_admin(request.user):
        raise PermissionDenied
    return _page(
        request,
        title=_("Chờ duyệt"),
        rows=desk.queue(),
        intro=_("Mọi mục đang chờ duyệt (tin tức, giao ban, số liệu thống kê), mục chờ lâu nhất ở trên cùng."),
        empty=_("Không có mục nào chờ duyệt."),
        page_id="cho-duyet",
    )


def my_work(request):
    if not permissions.may_view_content_in_admin(request.user):
        raise PermissionDenied
    return _page(
        request,
        title=_("Việc của tôi"),
        rows=desk.my_work(request.user),
        intro=_(
            "Những mục đang chờ bạn: được giao cho bạn, bài nháp và bài bị trả lại của bạn, "
            "và các mục chờ duyệt bạn được xử lý. Mục chờ lâu nhất ở trên cùng."
        ),
        empty=_("Hiện không có việc nào chờ bạn."),
        page_id="viec-cua-toi",
    )


@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """``/favicon.ico``, asked for by browsers whatever the page says (the pages link the SVG)."""
    path = finders.find("img/favicon.ico") or (settings.STATIC_ROOT and (settings.STATIC_ROOT / "img" / "favicon.ico"))
    try:
        return FileResponse(open(path, "rb"), content_type="image/x-icon")
    except (TypeError, OSError):
        raise Http404 from None

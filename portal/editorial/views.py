"""The board's queue: every item waiting for review, across all content models."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import permissions, registry
from .enums import State


def pending_queue(request):
    if not permissions.may_view_in_admin(request.user):
        raise PermissionDenied
    groups = []
    for model in registry.models():
        opts = model._meta
        items = list(
            model.objects.filter(state=State.PENDING)
            .select_related("created_by", "submitted_by")
            .order_by("updated_at")[:200]
        )
        for item in items:
            item.admin_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
        groups.append({"name": opts.verbose_name_plural, "items": items})
    context = {
        **admin.site.each_context(request),
        "title": _("Chờ duyệt"),
        "groups": groups,
    }
    return TemplateResponse(request, "admin/editorial/queue.html", context)

from django.contrib import admin
from django.db import models

from portal.editorial.admin import RoleManagedAdmin
from portal.editorial.enums import Role

from .models import WebsiteLink


@admin.register(WebsiteLink)
class WebsiteLinkAdmin(RoleManagedAdmin):
    view_roles = frozenset({Role.BOARD, Role.ADMIN})
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # noqa: RUF012

    list_display = ("title", "url", "order", "is_active")
    list_editable = ("order", "is_active")

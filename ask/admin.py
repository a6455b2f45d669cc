"""Editors keep the aliases and the additive flag; the press office reads what people ask
(a read-only list: the most asked first, filterable by "no answer")."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.editorial.admin import ReadOnlyAdmin, RoleManagedAdmin
from portal.editorial.enums import Role

from .models import AskedQuestion, IndicatorAlias, IndicatorOptions


class CatalogueAdmin(RoleManagedAdmin):
    """Like the statistics catalogue: editors and above edit (each change in the audit log)."""

    add_roles = change_roles = frozenset({Role.EDITOR, Role.BOARD, Role.ADMIN})


@admin.register(IndicatorAlias)
class IndicatorAliasAdmin(CatalogueAdmin):
    list_display = ("text", "indicator", "weight")
    list_filter = ("indicator__sector",)
    search_fields = ("text", "indicator__name", "indicator__code")
    list_select_related = ("indicator",)
    ordering = ("indicator__sector__order", "indicator__order", "text")

    def get_queryset(self, request):
        # The indicators' own names are kept in step with the catalogue, not edited here.
        return super().get_queryset(request).filter(source=IndicatorAlias.Source.ALIAS)


@admin.register(IndicatorOptions)
class IndicatorOptionsAdmin(CatalogueAdmin):
    list_display = ("indicator", "additive")
    list_editable = ("additive",)
    list_select_related = ("indicator",)


class AnsweredFilter(admin.SimpleListFilter):
    title = _("câu trả lời")
    parameter_name = "tra-loi"

    def lookups(self, request, model_admin):
        return [("co", _("có câu trả lời")), ("khong", _("không có câu trả lời"))]

    def queryset(self, request, queryset):
        if self.value() == "co":
            return queryset.filter(answered=True)
        if self.value() == "khong":
            return queryset.filter(answered=False)
        return queryset


@admin.register(AskedQuestion)
class AskedQuestionAdmin(ReadOnlyAdmin):
    list_display = ("question", "count", "answered", "indicator_code", "period", "language", "last_asked")
    list_filter = (AnsweredFilter, "language")
    search_fields = ("question", "indicator_code")
    date_hierarchy = "last_asked"
    ordering = ("-count", "question")

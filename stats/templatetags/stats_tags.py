from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.core.i18n import current_language

register = template.Library()

ARROWS = {"tăng": ("chg-up", "▲"), "giảm": ("chg-down", "▼"), "không đổi": ("chg-flat", "▬")}


@register.filter
def change(value):
    """A ``stats.changes.Change`` in words and an arrow, not colour alone ("▲ tăng 1,01%"),
    marked "theo báo cáo" when the source stated it."""
    if value is None:
        return format_html('<span class="chg chg-none">{}</span>', _("không có số liệu so sánh"))
    css, arrow = ARROWS[value.direction]
    stated = format_html(' <span class="stated">({})</span>', _("theo báo cáo")) if value.stated else ""
    return format_html(
        '<span class="chg {}"><span aria-hidden="true">{}</span> {}</span>{}',
        css,
        arrow,
        value.words(current_language()),
        stated,
    )


@register.filter
def stat_number(value):
    """A stored figure as the page shows numbers: exact, grouped ("1.384", "12,5")."""
    from portal.core.formatting import format_number
    from stats.selectors import shown_decimals

    if value is None:
        return "—"
    return format_number(value, shown_decimals(value, 0), current_language())

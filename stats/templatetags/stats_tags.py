from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.core.formatting import format_number
from portal.core.i18n import current_language

register = template.Library()


@register.filter
def change(value):
    """A change in words and an arrow, not colour alone: "▲ tăng 10,29%"."""
    if value is None:
        return format_html('<span class="chg chg-none">{}</span>', _("không có số liệu so sánh"))
    text = format_number(abs(value), 2, current_language()) + "%"
    if value > 0:
        return format_html('<span class="chg chg-up"><span aria-hidden="true">▲</span> {} {}</span>', _("tăng"), text)
    if value < 0:
        return format_html('<span class="chg chg-down"><span aria-hidden="true">▼</span> {} {}</span>', _("giảm"), text)
    return format_html('<span class="chg chg-flat"><span aria-hidden="true">▬</span> {}</span>', _("không đổi"))

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from portal.core import formatting

register = template.Library()


def _lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


@register.filter
def vn_datetime(value):
    """ "Thứ tư, 01/02/2023 15:00" (English pages: "Wednesday, 01/02/2023 15:00")."""
    return formatting.format_datetime(value, _lang())


@register.filter
def vn_date(value):
    return formatting.format_datetime(value, _lang(), with_time=False)


@register.filter
def vn_int(value):
    if value in (None, "", "—"):
        return value
    try:
        return formatting.format_number(value, 0, _lang())
    except Exception:
        return value


@register.filter
def vn_number(value, decimals=None):
    try:
        return formatting.format_number(value, None if decimals in (None, "") else int(decimals), _lang())
    except Exception:
        return value


@register.simple_tag
def picture(image, alt, sizes="(max-width: 800px) 100vw, 800px", width=800, css_class="", eager=False):
    """<picture> with WebP and JPEG renditions at several widths."""
    if image is None:
        return ""
    target = int(width)
    height = round(image.height * min(target, image.width) / image.width) if image.width else None
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" class="{}" loading="{}" decoding="async">'
        "</picture>",
        image.srcset("webp"),
        sizes,
        image.rendition_url("jpeg", target),
        image.srcset("jpeg"),
        sizes,
        alt,
        min(target, image.width or target),
        height or "",
        css_class,
        "eager" if eager else "lazy",
    )

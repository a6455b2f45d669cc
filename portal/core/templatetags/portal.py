from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from portal.core import cache as page_cache
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


class ChromeNode(template.Node):
    """Output rendered once per process and language, then reused."""

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self._rendered: dict[str, str] = {}

    def render(self, context):
        language = get_language() or ""
        out = self._rendered.get(language)
        if out is None:
            with context.push():
                out = self.nodelist.render(context)
            self._rendered[language] = out
        return out


@register.tag
def chrome(parser, token):
    """``{% chrome %}…{% endchrome %}``: site furniture that depends on nothing but the
    language and the deployment (translations, static file names, addresses): the header,
    the menu, the footer text. Rendered once per process and language instead of on every
    request. Never put request data, a variable from a view or anything a publish changes
    inside: it would be shown to every later reader."""
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    return ChromeNode(nodelist)


class KeptNode(template.Node):
    def __init__(self, name: str, key, nodelist):
        self.name = name
        self.key = key
        self.nodelist = nodelist

    def render(self, context):
        key = self.key.resolve(context)
        if key is None:
            return self.nodelist.render(context)
        return page_cache.remember(f"fragment:{self.name}:{key}", lambda: self.nodelist.render(context))


@register.tag
def kept(parser, token):
    """``{% kept "name" key %}…{% endkept %}``: output kept under the publication generation
    (``portal.core.cache.remember``): reused until anything readers see changes, and never
    past the next scheduled publish or expiry. ``key`` must name everything else the
    output depends on (the item, the language, whether the reader sees internal items);
    with ``key`` None (a preview) the output is rendered every time."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError('{% kept "name" key %} takes a name and a key')
    name = bits[1].strip("\"'")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(name, parser.compile_filter(bits[2]), nodelist)

"""Server-side sanitising of rich text (nh3): an allow-list fit for news.

Scripts, event handlers, ``javascript:`` URLs, inline styles, SVG and embeds never pass;
``srcset`` is kept only when every candidate points into our own media.
"""

from __future__ import annotations

import re
from html import unescape

import nh3
from django import forms
from django.conf import settings
from django.utils.html import strip_tags
from django_ckeditor_5.fields import CKEditor5Field

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "span",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading"},
    "figure": {"class"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
SAFE_FIGURE_CLASSES = {"image", "table", "image-style-side", "image_resized"}


# Browsers drop tabs and newlines inside URLs and read "/\\host" as "//host".
URL_NOISE = re.compile(r"[\t\n\r]")


def _is_local_path(url: str) -> bool:
    return url.startswith("/") and not url.startswith(("//", "/\\"))


def _filter(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "srcset":
        media = settings.MEDIA_URL
        parts = [URL_NOISE.sub("", p).strip() for p in value.split(",") if p.strip()]
        if parts and all(p.startswith(media) and _is_local_path(p) for p in parts):
            return ", ".join(parts)
        return None
    if element == "img" and attribute == "src":
        url = URL_NOISE.sub("", value).strip()
        if _is_local_path(url) or url.lower().startswith(("http://", "https://")):
            return url
        return None
    if element == "figure" and attribute == "class":
        kept = [c for c in value.split() if c in SAFE_FIGURE_CLASSES]
        return " ".join(kept) or None
    return value


def sanitize_html(html: str) -> str:
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_filter,
        clean_content_tags={"script", "style"},
    )


WS = re.compile(r"\s+")


def html_to_text(html: str) -> str:
    """Plain text of rich text, for search and summaries."""
    text = re.sub(r"<(br|/p|/h[1-6]|/li|/figcaption|/tr|/td|/th)[^>]*>", " ", html or "")
    # Entities become characters ("TT&amp;TT" reads "TT&TT", "&nbsp;" a space): the text is
    # escaped again wherever it is shown.
    return WS.sub(" ", unescape(strip_tags(text)).replace("\xa0", " ")).strip()


class SanitizedHTMLFormField(forms.CharField):
    """Cleans to sanitised HTML, so that whatever a form keeps (a revision awaiting
    approval, a text refused by a concurrent edit) is already safe to render."""

    def clean(self, value):
        value = super().clean(value)
        return sanitize_html(value) if isinstance(value, str) else value


class SanitizedHTMLField(CKEditor5Field):
    """A CKEditor 5 field whose value is sanitised by nh3 when a form cleans it, when a
    model is validated or restored from a revision, and whenever it is saved."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SanitizedHTMLFormField, **kwargs})

    def to_python(self, value):
        value = super().to_python(value)
        return sanitize_html(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

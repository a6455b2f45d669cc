"""The English site under /en/ reads English everywhere: every page type a reader or a
member of staff opens, with the text that comes from the database (titles, names, unit
names, the meeting's record) taken out, shows no Vietnamese word. The language switch
("Tiếng Việt") is the one Vietnamese phrase allowed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from meetings import services as meetings
from portal.editorial.enums import Action, Role
from stats.models import Indicator, Sector
from tests import factories
from tests.factories import MeetingFactory, PersonFactory, ReleaseFactory, UnitFactory, ValueFactory

VIETNAMESE = re.compile(r"\w*[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]\w*", re.I)
ALLOWED = [
    "Tiếng Việt",  # the language switch
    # Not marked for translation in the code (listed in /work/handoff/i18n.md); remove
    # from here once they are:
    "statistics (Bộ Thông tin và Truyền thông)",  # stats/exports.py:349 (JSON schema)
    '(\\"theo báo cáo\\")',  # stats/exports.py:339 (JSON schema, escaped)
]
# Text some page of the list shows (so the forms and tables checked are really there).
SOME_ENGLISH = [
    "Summary by lead unit",  # the tracker
    "Post progress",  # the lead unit's directive page
    "Request an extension",
    "Leadership dashboard",
    "Latest release",  # statistics
    "Page not found",
]
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}


class VisibleText(HTMLParser):
    """The text a reader sees (and hears: alt, titles, labels, button values), without
    scripts, styles and hidden inputs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "input" and attrs.get("type") == "hidden":
            return
        self.parts.extend(v for k, v in attrs.items() if k in SHOWN_ATTRIBUTES and v)
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def vietnamese_words(html: str, database_text: list[str]) -> list[str]:
    """Each Vietnamese word left in the visible text once it is stripped of the allowed
    phrases and of the database's text (also where a page shortens it: "Cục Chuy…"),
    with a little of its context."""
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    phrases = [" ".join(p.split()) for p in ALLOWED + database_text if p.strip()]
    for phrase in sorted(phrases, key=len, reverse=True):
        text = text.replace(phrase, " ")
    shortened = {phrase[:end].rstrip() + "…" for phrase in phrases for end in range(3, len(phrase))}
    for phrase in sorted(shortened, key=len, reverse=True):
        text = text.replace(phrase, " ")
    seen: dict[str, str] = {}
    for m in VIETNAMESE.finditer(text):
        seen.setdefault(m.group(), text[max(m.start() - 40, 0) : m.end() + 40].strip())
    return [f"{word!r} in “{context}”" for word, context in seen.items()]


def test_english_pages_show_no_vietnamese_interface_text(client, reporter, editor, board):
    # -- what the database holds (its text is the authors', not the interface's) --------
    cat = factories.category(name="Chuyển đổi số", name_en="Digital transformation")
    article = factories.published_article(
        author=reporter,
        approver=board,
        cat=cat,
        language="en",
        title="Vietnam's digital economy grows",
        lead="The digital economy grew in 2022.",
        body="<p>Digital government services reached every province.</p>",
    )
    factories.published_article(author=reporter, approver=board, cat=cat, title="Kinh tế số tăng trưởng")

    office = UnitFactory(name="Văn phòng Bộ", order=1)
    dx = UnitFactory(name="Cục Chuyển đổi số quốc gia", order=2)
    minister = PersonFactory(full_name="Nguyễn Mạnh Hùng", title="Bộ trưởng", unit=office, username="bt_hung")
    head = PersonFactory(full_name="Lê Văn Minh", title="Cục trưởng", unit=dx, username="ct_minh")
    clerk = factories.make_user(Role.SECRETARIAT, "vp_ha", email="vp_ha@mic.gov.vn")
    PersonFactory(full_name="Ngô Thu Hà", title="Chuyên viên Văn phòng", unit=office, user=clerk)
    meeting = MeetingFactory(author=editor, chair=minister)
    meeting.attendees.set([minister, head])
    meeting.attending_units.set([office, dx])
    meetings.add_directive(
        meeting=meeting,
        text="Chỉ đạo xây dựng kế hoạch chuyển đổi số của Bộ TT&TT, trình Bộ trưởng.",
        giver=minister,
        lead_unit=dx,
        lead_person=head,
        supporting_units=[office],
        deadline="20/02/2022",
    )
    factories.transition(meeting, Action.SUBMIT, user=editor)
    factories.transition(meeting, Action.PUBLISH, user=board)
    directive = meeting.directives.get()

    release = ReleaseFactory(year=2022, month=1, author=reporter)
    indicators = list(Indicator.objects.order_by("order")[:3])
    for indicator in indicators:
        ValueFactory(release=release, indicator=indicator, value=42)
    factories.transition(release, Action.SUBMIT, user=reporter)
    factories.transition(release, Action.PUBLISH, user=board)

    database_text = [
        cat.name,
        "Kinh tế số tăng trưởng",
        meeting.title,
        meeting.place,
        *meeting.summary.splitlines(),
        *meeting.conclusions.splitlines(),
        *meeting.agenda.splitlines(),
        directive.text,
        *(u.name for u in (office, dx)),
        *(p.full_name for p in (minister, head)),
        *(p.title for p in (minister, head)),
        "Ngô Thu Hà",
        "Chuyên viên Văn phòng",
        # the statistics catalogue (names an editor keeps, with their English names)
        *Sector.objects.values_list("name", flat=True),
        *Indicator.objects.values_list("name", flat=True),
        *Indicator.objects.values_list("source_unit", flat=True),
    ]

    # -- the pages ----------------------------------------------------------------------
    anonymous = [
        "/en/",
        "/en/tin-tuc/",
        f"/en/tin-tuc/{cat.slug}/",
        article.get_absolute_url(),
        "/en/thong-ke/",
        "/en/thong-ke/2022-01/",
        "/en/thong-ke/hoi/",
        "/en/thong-ke/hoi/?q=mobile+subscriptions+january+2022",
        f"/en/thong-ke/chi-so/{indicators[0].code}/",
        "/en/thong-ke/du-lieu-mo/",
        "/en/giao-ban/",
        "/en/tim-kiem/?q=digital",
        "/en/tim-kiem/?q=zzzzqqq",
    ]
    staff = {
        clerk: [
            "/en/giao-ban/",
            f"/en/giao-ban/{meeting.slug}/",
            "/en/giao-ban/nhiem-vu/",
            f"/en/giao-ban/nhiem-vu/{directive.pk}/",
        ],
        head.user: [  # the lead unit's head: the progress and extension forms
            "/en/giao-ban/nhiem-vu/?cua_toi=on",
            f"/en/giao-ban/nhiem-vu/{directive.pk}/",
        ],
        board: ["/en/bang-dieu-hanh/"],
    }
    found: dict[str, list[str]] = {}
    seen_english: list[str] = []

    def check(path, expected=200):
        response = client.get(path)
        assert response.status_code == expected, (path, response.status_code)
        html = response.content.decode()
        assert '<html lang="en"' in html, path
        seen_english.extend(p for p in SOME_ENGLISH if p in html)
        if words := vietnamese_words(html, database_text):
            found[path] = words

    for path in anonymous:
        check(path)
    check("/en/khong-co-trang-nay/", expected=404)
    for user, paths in staff.items():
        client.force_login(user)
        for path in paths:
            check(path)
        client.logout()

    assert not found, "\n".join(f"{path}:\n  " + "\n  ".join(words) for path, words in found.items())
    # A year is a year in both languages, never a grouped number ("2,022", "2.022").
    assert "<h3>2022</h3>" in client.get("/en/thong-ke/").content.decode()
    assert "<h3>Năm 2022</h3>" in client.get("/thong-ke/").content.decode()
    assert set(seen_english) == set(SOME_ENGLISH)  # the pages showed what the test is about

"""Understanding a question, deterministically: the period, the comparison, a range, an
extreme, a trend or a sum, in the ways Vietnamese (and English) write them. What remains
of the question is the indicator's name, which the database matches against names and
aliases (``ask/matching.py``); nothing here guesses an indicator.

Everything works on the question in lower case without diacritics ("Tháng 01 năm 2022" →
"thang 01 nam 2022"), so diacritics are optional and the case does not matter."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LENGTH = 200

# Comparison bases (the names stats.changes uses).
PREV_MONTH, SAME_PERIOD, BOTH = "prev_month", "same_period", "both"


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" → "d", one space between words (the same folding as
    the database's ``ask_norm``, for the words this module looks for)."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text.lower()).strip()


def normalised_question(text: str) -> str:
    """The form in which questions are counted: folded, without e-mail addresses or long
    numbers (a telephone number typed in the box is not kept), at most 200 characters."""
    text = fold(text)
    text = re.sub(r"\S+@\S+", "…", text)
    text = re.sub(
        r"\d[\d .-]{5,}\d", lambda m: m.group(0) if re.fullmatch(r"\d{1,2}[/.-]\d{4}", m.group(0)) else "…", text
    )
    text = re.sub(r"[^\w\s/%.,-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_LENGTH]


@dataclass(frozen=True)
class Period:
    """What the question asks about in time. ``start``/``end`` are (year, month), a year
    of None meaning "the most recent such month"; ``kind`` says how it was written:
    month, quarter, half, months (the first n months), year, range, latest."""

    kind: str
    start: tuple[int | None, int] | None = None
    end: tuple[int | None, int] | None = None
    number: int = 0  # the quarter (1-4), the half (1-2), n of "n tháng đầu năm"

    @property
    def single_month(self) -> bool:
        return self.kind == "month"

    @property
    def months(self) -> list[tuple[int, int]]:
        if not self.start or not self.end or self.start[0] is None or self.end[0] is None:
            return []
        out, (y, m) = [], self.start
        while (y, m) <= self.end and len(out) < 1200:
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


LATEST = Period("latest")


@dataclass
class Understood:
    text: str  # what is left for the indicator: the question without period and comparison words
    period: Period = LATEST
    compare: str | None = None  # PREV_MONTH, SAME_PERIOD, BOTH
    compare_to: tuple[int, int] | None = None  # "so với tháng 12/2021"
    extreme: str | None = None  # "max", "min"
    trend: bool = False
    total: bool = False
    notes: list[str] = field(default_factory=list)


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
MONTHS_EN = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_EN = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
YEAR = r"((?:19|20)\d\d)"
MONTH = r"(0?[1-9]|1[0-2])"
SEP = r"\s*[/.-]\s*"
_MONTH_WORD = r"(?:thang|t|th)\s*"

# Comparisons first (so that "so với tháng trước" is not read as the period "tháng trước").
COMPARE_PATTERNS = [
    (rf"so voi (?:cung ky|cung thang)(?: nam (?:truoc|ngoai)| nam {YEAR[1:-1]}| {YEAR[1:-1]})?", SAME_PERIOD),
    (r"so voi (?:nam truoc|nam ngoai|cung ky)", SAME_PERIOD),
    (r"(?:cung ky nam truoc|cung ky|yoy|year on year|year-on-year|same (?:period|month) (?:of |last )?(?:year|\d{4})?)", SAME_PERIOD),
    (r"so voi thang truoc(?: do)?|so voi thang lien truoc|thang truoc do|mom|month on month|month-on-month|(?:on|than|vs|versus) (?:the )?previous month|(?:on|than|vs|versus) last month", PREV_MONTH),
    (r"tang hay giam|tang hoac giam|giam hay tang|tang giam|thay doi the nao|thay doi ra sao|bien dong the nao|bien dong ra sao|thay doi(?! giao dien)|up or down|change|increase or decrease|rise or fall", BOTH),
]  # fmt: skip

FILLER = [
    r"cho (?:toi|em|minh) (?:biet|hoi)", r"xin (?:cho biet|hoi)", r"la bao nhieu", r"duoc bao nhieu", r"bao nhieu",
    r"la (?:gi|may)", r"nhu the nao", r"the nao", r"ra sao", r"hien nay", r"hien tai", r"vay",
    r"what (?:is|was|were|are)", r"how (?:many|much)", r"did", r"does", r"is", r"was", r"were", r"are",
    r"there", r"the", r"of", r"for", r"number", r"what", r"how", r"la", r"duoc", r"dat", r"nhe", r"a",
    r"nam", r"thang", r"ca nuoc", r"viet nam", r"vn",
]  # fmt: skip
_FILLER = re.compile(r"\b(?:" + "|".join(FILLER) + r")\b")


def understand(question: str, *, today) -> Understood:
    """Read ``question`` (any case, with or without diacritics). ``today`` (a date) gives
    "tháng trước", "năm nay". The period is None-year for "tháng 1" without a year (the
    answer takes the most recent January that has figures)."""
    q = " " + fold(question)[:MAX_LENGTH] + " "
    q = re.sub(r"[?!;:()\"“”']", " ", q)
    out = Understood(text="")

    def cut(pattern: str) -> re.Match | None:
        nonlocal q
        match = re.search(pattern, q)
        if match:
            q = q[: match.start()] + " " + q[match.end() :]
        return match

    # "so với tháng 12/2021", "so với 12/2021": an explicit base month.
    m = cut(rf"so voi (?:{_MONTH_WORD})?{MONTH}(?:{SEP}| nam ){YEAR}")
    if m:
        out.compare_to = (int(m.group(2)), int(m.group(1)))
        out.compare = BOTH
    for pattern, base in COMPARE_PATTERNS:
        if cut(r"\b(?:" + pattern + r")\b"):
            out.compare = base if out.compare in (None, BOTH) else out.compare
            break
    if cut(
        r"\b(?:thang nao|luc nao|khi nao|ky nao)?\s*(?:cao nhat|lon nhat|nhieu nhat|dinh diem|highest|peak|maximum|max|most)\b"
    ):
        out.extreme = "max"
    elif cut(
        r"\b(?:thang nao|luc nao|khi nao|ky nao)?\s*(?:thap nhat|nho nhat|it nhat|lowest|minimum|min|least|fewest)\b"
    ):
        out.extreme = "min"
    cut(r"\b(?:thang nao|which month|when)\b")
    if cut(
        r"\b(?:xu huong|dien bien|bien dong|qua cac thang|theo thang|theo tung thang|tung thang|chuoi so lieu|trend|over time|monthly|by month|series)\b"
    ):
        out.trend = True
    if cut(r"\b(?:tong cong|tong so|cong don|luy ke|cong lai|tong|total|sum|altogether|in total)\b"):
        out.total = True

    out.period = _period(cut, today) or LATEST
    text = _FILLER.sub(" ", q)
    out.text = re.sub(r"\s+", " ", text).strip(" ,.-/")
    return out


def _month_en(name: str) -> int:
    return MONTHS_EN[name]


def _period(cut, today) -> Period | None:
    """The first period form found, cut out of the question."""
    ym = rf"(?:{_MONTH_WORD})?{MONTH}(?:{SEP}| nam | ){YEAR}"
    # Ranges: "từ tháng 1 đến tháng 6/2022", "từ 10/2021 đến 3/2022", "tháng 1-6/2022",
    # "from January to June 2022".
    m = cut(
        rf"\b(?:tu )?{_MONTH_WORD}{MONTH}(?:{SEP}{YEAR})?\s*(?:den|toi|-|–)\s*(?:het )?(?:{_MONTH_WORD})?{MONTH}(?:{SEP}| nam | ){YEAR}\b"
    )
    if m:
        end_y = int(m.group(4))
        start_y = int(m.group(2)) if m.group(2) else end_y
        return Period("range", (start_y, int(m.group(1))), (end_y, int(m.group(3))))
    m = cut(rf"\btu {MONTH}{SEP}{YEAR} (?:den|toi) {MONTH}{SEP}{YEAR}\b")
    if m:
        return Period("range", (int(m.group(2)), int(m.group(1))), (int(m.group(4)), int(m.group(3))))
    m = cut(rf"\b(?:from )?({_EN})(?: {YEAR})? (?:to|until|through|-) ({_EN}),? {YEAR}\b")
    if m:
        end_y = int(m.group(4))
        return Period("range", (int(m.group(2) or end_y), _month_en(m.group(1))), (end_y, _month_en(m.group(3))))
    # The first n months: "6 tháng đầu năm 2022", "nửa đầu năm 2022", "first half of 2022".
    m = cut(rf"\b(\d{{1,2}}) thang (?:dau )?(?:nam )?{YEAR}\b")
    if m and 1 <= int(m.group(1)) <= 12:
        n, y = int(m.group(1)), int(m.group(2))
        return Period("months", (y, 1), (y, n), number=n)
    m = cut(rf"\b(?:nua dau nam|6 thang dau nam|first half(?: of)?|h1) {YEAR}\b")
    if m:
        y = int(m.group(1))
        return Period("months", (y, 1), (y, 6), number=6)
    m = cut(rf"\b(?:nua cuoi nam|6 thang cuoi nam|second half(?: of)?|h2) {YEAR}\b")
    if m:
        y = int(m.group(1))
        return Period("half", (y, 7), (y, 12), number=2)
    # Quarters: "quý I/2022", "quý 1 năm 2022", "Q1/2022", "first quarter of 2022".
    m = cut(rf"\b(?:quy|q)\s*(iv|iii|ii|i|[1-4])(?:{SEP}| nam | ){YEAR}\b")
    if m:
        n = ROMAN.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2))
        return Period("quarter", (y, 3 * n - 2), (y, 3 * n), number=n)
    m = cut(rf"\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of)? {YEAR}\b")
    if m:
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}[m.group(1)]
        y = int(m.group(2))
        return Period("quarter", (y, 3 * n - 2), (y, 3 * n), number=n)
    # One month: "tháng 01/2022", "tháng 1 năm 2022", "T1/2022", "01/2022", "2022-01",
    # "January 2022", "Jan 2022".
    m = cut(rf"\b{ym}\b")
    if m:
        y, mo = int(m.group(2)), int(m.group(1))
        return Period("month", (y, mo), (y, mo))
    m = cut(rf"\b{YEAR}-(0[1-9]|1[0-2])\b")
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return Period("month", (y, mo), (y, mo))
    m = cut(rf"\b(?:in )?({_EN}),? {YEAR}\b")
    if m:
        y, mo = int(m.group(2)), _month_en(m.group(1))
        return Period("month", (y, mo), (y, mo))
    # Relative months.
    last = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    if cut(r"\b(?:thang truoc|thang vua qua|thang roi|last month|previous month)\b"):
        return Period("month", last, last)
    if cut(r"\b(?:thang nay|this month)\b"):
        here = (today.year, today.month)
        return Period("month", here, here)
    if cut(r"\b(?:moi nhat|gan nhat|gan day nhat|ky gan nhat|ky moi nhat|latest|most recent|newest)\b"):
        return LATEST
    # A month without a year: "tháng 1", "T1", "January".
    m = cut(rf"\b(?:thang|t) ?{MONTH}\b(?! ?[/.-]?\d)")
    if m:
        mo = int(m.group(1))
        return Period("month", (None, mo), (None, mo))
    m = cut(rf"\b(?:in )?({_EN})\b")
    if m and m.group(1) not in ("may", "mar"):  # "may" and "mar" are words too
        mo = _month_en(m.group(1))
        return Period("month", (None, mo), (None, mo))
    # Years: "năm 2022", "cả năm 2022", "2022", "năm nay", "năm ngoái".
    m = cut(rf"\b(?:ca nam |nam |in |year )?{YEAR}\b")
    if m:
        y = int(m.group(1))
        return Period("year", (y, 1), (y, 12))
    if cut(r"\b(?:nam nay|this year)\b"):
        return Period("year", (today.year, 1), (today.year, 12))
    if cut(r"\b(?:nam ngoai|nam truoc|last year)\b"):
        return Period("year", (today.year - 1, 1), (today.year - 1, 12))
    return None

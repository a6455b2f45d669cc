"""Reading a directive's deadline as people write it: a date ("20/02/2022"), a month
("trong tháng 02/2022", "tháng 2/2022", "02/2022") or a quarter ("quý II/2023", "quý 2/2023"),
which mean their last day; "thường xuyên" (ongoing, reported monthly); "không thời hạn"
(none, with a reason given beside it)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import DeadlineKind

_MONTH_RE = re.compile(r"^(?:trong\s+)?(?:tháng\s+)?(\d{1,2})\s*[/.-]\s*(\d{4})$", re.IGNORECASE)
_QUARTER_RE = re.compile(r"^(?:trong\s+)?quý\s+(i{1,3}|iv|[1-4])\s*[/.-]?\s*(?:năm\s+)?(\d{4})$", re.IGNORECASE)
_DATE_RE = re.compile(r"^(?:trước\s+)?(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$", re.IGNORECASE)
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ONGOING = {"thường xuyên", "thuong xuyen", "hằng tháng", "hàng tháng"}
_NONE = {"", "không thời hạn", "khong thoi han", "không có thời hạn", "không"}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ROMAN_OF = {v: k.upper() for k, v in ROMAN.items()}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> dt.date:
    return month_end(year, quarter * 3)


def parse_deadline(text: str) -> tuple[dt.date | None, DeadlineKind]:
    """``(date, kind)``; a month or a quarter resolves to its last day; ongoing and none
    have no date. Raises a Vietnamese ``ValidationError`` for anything else."""
    value = " ".join(unicodedata.normalize("NFC", text or "").strip().split())
    lowered = value.lower().rstrip(".")
    if lowered in _ONGOING:
        return None, DeadlineKind.ONGOING
    if lowered in _NONE:
        return None, DeadlineKind.NONE
    try:
        if m := _ISO_RE.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), DeadlineKind.DATE
        if m := _DATE_RE.match(value):
            return dt.date(int(m[3]), int(m[2]), int(m[1])), DeadlineKind.DATE
        if m := _MONTH_RE.match(value):
            return month_end(int(m[2]), int(m[1])), DeadlineKind.MONTH
        if m := _QUARTER_RE.match(value):
            q = m[1].lower()
            return quarter_end(int(m[2]), ROMAN.get(q) or int(q)), DeadlineKind.QUARTER
    except ValueError:
        pass
    raise ValidationError(
        _(
            "Thời hạn “%(value)s” không hợp lệ. Hãy ghi một ngày (20/02/2022), một tháng (trong tháng 02/2022), "
            "một quý (quý II/2023), “thường xuyên” hoặc “không thời hạn” (kèm lý do)."
        )
        % {"value": value},
        code="invalid_deadline",
    )


def format_deadline(deadline: dt.date | None, kind: str, *, capital: bool = False) -> str:
    """The deadline as it was given: "trong tháng 06/2023", "trong quý II/2023",
    "thường xuyên", "không thời hạn", "20/02/2022" (``capital``: first letter upper)."""
    if kind == DeadlineKind.ONGOING:
        text = _("thường xuyên (báo cáo hằng tháng)")
    elif kind == DeadlineKind.NONE:
        text = _("không thời hạn")
    elif deadline is None:
        return ""
    elif kind == DeadlineKind.MONTH:
        text = _("trong tháng %(mm)02d/%(yyyy)s") % {"mm": deadline.month, "yyyy": deadline.year}
    elif kind == DeadlineKind.QUARTER:
        text = _("trong quý %(q)s/%(yyyy)s") % {"q": ROMAN_OF[(deadline.month - 1) // 3 + 1], "yyyy": deadline.year}
    else:
        return deadline.strftime("%d/%m/%Y")
    return text[:1].upper() + text[1:] if capital else text


def input_text(deadline: dt.date | None, kind: str) -> str:
    """What the admin's deadline field shows for a stored deadline (parses back the same)."""
    if kind == DeadlineKind.ONGOING:
        return "thường xuyên"
    if kind == DeadlineKind.NONE:
        return "không thời hạn"
    return format_deadline(deadline, kind)

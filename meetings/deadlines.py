"""Reading a directive's deadline as people write it: a date ("20/02/2022") or a month
("trong tháng 02/2022", "tháng 2/2022", "02/2022"), which means its last day."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .enums import DeadlineKind

_MONTH_RE = re.compile(r"^(?:trong\s+)?(?:tháng\s+)?(\d{1,2})\s*[/.-]\s*(\d{4})$", re.IGNORECASE)
_DATE_RE = re.compile(r"^(?:trước\s+)?(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$", re.IGNORECASE)
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str) -> tuple[dt.date, DeadlineKind]:
    """``(date, kind)``; a month resolves to its last day. Raises a Vietnamese
    ``ValidationError`` for anything else."""
    value = " ".join((text or "").strip().split())
    try:
        if m := _ISO_RE.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), DeadlineKind.DATE
        if m := _DATE_RE.match(value):
            return dt.date(int(m[3]), int(m[2]), int(m[1])), DeadlineKind.DATE
        if m := _MONTH_RE.match(value):
            return month_end(int(m[2]), int(m[1])), DeadlineKind.MONTH
    except ValueError:
        pass
    raise ValidationError(
        _("Thời hạn “%(value)s” không hợp lệ. Hãy ghi một ngày (20/02/2022) hoặc một tháng (trong tháng 02/2022).")
        % {"value": value},
        code="invalid_deadline",
    )


def format_deadline(deadline: dt.date | None, kind: str) -> str:
    if deadline is None:
        return ""
    if kind == DeadlineKind.MONTH:
        return _("trong tháng %(mm)02d/%(yyyy)s") % {"mm": deadline.month, "yyyy": deadline.year}
    return deadline.strftime("%d/%m/%Y")

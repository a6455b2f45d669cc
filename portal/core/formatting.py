"""Vietnamese formats: "Thứ tư, 01/02/2023 15:00", "2.611.948", "91,32".

Django's own ``vi`` locale says "Thứ 4" and does not group thousands, so the portal
formats these itself. English pages spell the month out, since "01/02/2023" reads as
2 January to many English readers: "Wednesday, 1 February 2023 15:00", "2,611,948", "91.32".
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

WEEKDAYS_VI = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]  # fmt: skip


def local(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    """An aware time in Vietnam time; a naive time or a date as it is."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_datetime(value: dt.datetime | None, language: str = "vi", with_time: bool = True) -> str:
    if value is None:
        return ""
    return format_local(local(value), language, with_time)


def format_local(value: dt.datetime | dt.date, language: str = "vi", with_time: bool = True) -> str:
    """``format_datetime`` of a value already in Vietnam time (``local``); a date has no time."""
    with_time = with_time and isinstance(value, dt.datetime)
    weekday = value.weekday()
    if language == "en":
        out = f"{WEEKDAYS_EN[weekday]}, {value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    else:
        out = f"{WEEKDAYS_VI[weekday]}, {value:%d/%m/%Y}"
    if with_time:
        out += f" {value:%H:%M}"
    return out


def format_number(value, decimals: int | None = None, language: str = "vi") -> str:
    """Group thousands and use the language's separators; ``decimals`` None keeps the
    value's own decimals (trailing zeros of an exact Decimal are kept)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    thousands, decimal_sep = (",", ".") if language == "en" else (".", ",")
    out = thousands.join(groups)
    if frac:
        out += decimal_sep + frac
    return sign + out

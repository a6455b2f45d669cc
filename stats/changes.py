"""The ONE place that decides how a published figure's change is measured and written.

Kinds of indicator (``Indicator.kind``, kept in each release's catalogue as ``kind``):

- ``count``  — things counted in a plain unit (sự cố, đài, địa chỉ, cơ quan…): the change is
  an absolute number in the indicator's unit, with the percentage beside it
  ("tăng 6 đài (0,96%) so với tháng trước").
- ``rate``   — rates and shares (unit "%"): the change is in percentage points
  ("giảm 5 điểm phần trăm so với tháng trước"), never a percentage of a percentage.
- ``amount`` — money and volumes (tỷ đồng, triệu thuê bao…): the change is a percentage
  ("tăng 1,01% so với cùng kỳ năm 2021").

An indicator without a kind gets one from its unit (``kind_of``): "%" → rate; a money unit
(đồng, USD) or a unit starting with a multiplier word (nghìn, triệu, tỷ) → amount; else count.

Stated changes: a figure may carry the change its source states ("tăng 3% so với cùng kỳ
2021") in ``Value.stated`` (see ``STATED_SCHEMA``). A stated change takes the place of the
computed one for its base and is marked ``stated=True`` (shown "theo báo cáo").

Public API (stable — other apps rely on it):

``changes_of(value, *, user=None) -> Changes``
    Given a ``stats.models.Value`` row (a published figure), its changes against the
    previous month and against the same month a year earlier: ``Changes(prev_month,
    same_period)``, each a ``Change`` or ``None`` (no base and nothing stated). The bases
    are the figures of releases ``user`` may see (anonymous: what the public sees), else
    a base value stated with the figure. Two queries at most.

``change(*, base, kind, current, base_value, stated, unit, unit_en, year, month, decimals)``
    The same decision for figures already in hand (used by the release table, series,
    downloads and the summary): returns a ``Change`` or ``None``.

``Change`` (frozen dataclass):
    ``base``        "prev_month" | "same_period"
    ``amount``      Decimal >= 0, the size of the change, in ``unit``
    ``unit``        "%" | "điểm phần trăm" | the indicator's unit (counts)
    ``unit_en``     "%" | "percentage points" | the indicator's English unit
    ``direction``   "tăng" | "giảm" | "không đổi"  (``direction_en``: "up" | "down" | "unchanged")
    ``stated``      True when the source stated it ("theo báo cáo"), False when computed
    ``percent``     for counts, the % change beside the absolute one (None if unknown)
    ``base_value``  the figure compared with, when known
    ``base_label``  "tháng trước" | "cùng kỳ năm 2021" (``base_label_en``)
    ``phrase_vi``   "tăng 1,01% so với cùng kỳ năm 2021", "giảm 5 điểm phần trăm so với
                    tháng trước", "tăng 6 đài so với tháng trước"
    ``phrase_en``   "up 1.01% on the same period of 2021", "down 5 percentage points on
                    the previous month", "up 6 stations on the previous month"
    ``signed``      the amount with its sign (property); ``as_dict()`` for JSON/CSV
    ``short(language)`` the amount with sign and unit, without the base ("+1,01%", "−5 đpt")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from portal.core.formatting import format_number

COUNT, RATE, AMOUNT = "count", "rate", "amount"
KINDS = (COUNT, RATE, AMOUNT)
PREV_MONTH, SAME_PERIOD = "prev_month", "same_period"
BASES = (PREV_MONTH, SAME_PERIOD)
PP_VI, PP_EN = "điểm phần trăm", "percentage points"

# Value.stated: {"prev_month"|"same_period": {"amount": "-9.29", "unit": "%"|"count"|"pp",
#                                            "base_value": "4014701" | null}}
STATED_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        b: {
            "type": "object",
            "required": ["amount", "unit"],
            "properties": {
                "amount": {"type": "string"},
                "unit": {"enum": ["%", "count", "pp"]},
                "base_value": {"type": ["string", "null"]},
            },
        }
        for b in BASES
    },
}

_MULTIPLIER = re.compile(r"^(nghìn|ngàn|triệu|tỷ|tỉ)\b", re.IGNORECASE)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def kind_of(indicator) -> str:
    """The kind of an ``Indicator`` or of a release catalogue entry (dict)."""
    get = indicator.get if isinstance(indicator, dict) else lambda k, d=None: getattr(indicator, k, d)
    kind = get("kind") or ""
    if kind in KINDS:
        return kind
    return kind_from_unit(get("unit") or "")


def kind_from_unit(unit: str) -> str:
    unit = (unit or "").strip()
    if unit == "%" or unit.startswith("%"):
        return RATE
    if _MULTIPLIER.match(unit) or "đồng" in unit or "USD" in unit:
        return AMOUNT
    return COUNT


@dataclass(frozen=True)
class Change:
    base: str
    amount: Decimal
    unit: str
    unit_en: str
    direction: str
    direction_en: str
    stated: bool
    base_label: str
    base_label_en: str
    phrase_vi: str
    phrase_en: str
    percent: Decimal | None = None
    base_value: Decimal | None = None
    words_vi: str = ""  # the phrase without its base: "tăng 6 đài (0,96%)"
    words_en: str = ""

    @property
    def signed(self) -> Decimal:
        return -self.amount if self.direction == "giảm" else self.amount

    def short(self, language: str = "vi") -> str:
        sign = {"tăng": "+", "giảm": "−"}.get(self.direction, "")
        number = _fmt(self.amount, language)
        if self.unit == "%":
            return f"{sign}{number}%"
        if self.unit == PP_VI:
            return f"{sign}{number} {'pp' if language == 'en' else 'điểm %'}"
        return f"{sign}{number} {self.unit_en if language == 'en' else self.unit}".rstrip()

    def phrase(self, language: str = "vi") -> str:
        return self.phrase_en if language == "en" else self.phrase_vi

    def words(self, language: str = "vi") -> str:
        return self.words_en if language == "en" else self.words_vi

    @property
    def percent_change(self) -> Decimal | None:
        """The change as a signed percentage when it has one (for charts), else None."""
        if self.unit == "%":
            return self.signed
        if self.percent is not None:
            return self.percent
        return None

    def as_dict(self) -> dict:
        return {
            "base": self.base,
            "amount": _plain(self.signed),
            "unit": "pp" if self.unit == PP_VI else ("%" if self.unit == "%" else "count"),
            "direction": {"tăng": "up", "giảm": "down"}.get(self.direction, "unchanged"),
            "stated": self.stated,
            "percent": _plain(self.percent) if self.percent is not None else None,
            "base_value": _plain(self.base_value) if self.base_value is not None else None,
            "text_vi": self.phrase_vi,
            "text_en": self.phrase_en,
        }


@dataclass(frozen=True)
class Changes:
    prev_month: Change | None
    same_period: Change | None

    def __iter__(self):
        return iter((self.prev_month, self.same_period))

    def get(self, base: str) -> Change | None:
        return self.prev_month if base == PREV_MONTH else self.same_period


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _fmt(value: Decimal, language: str) -> str:
    """Without trailing zeros: "1,01", "3", "14,1"."""
    return format_number(Decimal(_plain(value)), None, language)


def _to_decimal(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        return Decimal(str(raw))
    except ArithmeticError:
        return None


def base_labels(base: str, year: int) -> tuple[str, str]:
    if base == PREV_MONTH:
        return "tháng trước", "the previous month"
    return f"cùng kỳ năm {year - 1}", f"the same period of {year - 1}"


def _percent(current: Decimal, base_value: Decimal | None) -> Decimal | None:
    if base_value is None or base_value == 0:
        return None
    return ((current - base_value) / abs(base_value) * _HUNDRED).quantize(_CENT, rounding=ROUND_HALF_UP)


def change(
    *,
    base: str,
    kind: str,
    current: Decimal | None,
    base_value: Decimal | None = None,
    stated: dict | None = None,
    unit: str = "",
    unit_en: str = "",
    year: int,
    month: int = 1,
    decimals: int = 0,
) -> Change | None:
    """The change of ``current`` against ``base`` ("prev_month"/"same_period"): the stated
    one when ``stated`` (a ``Value.stated`` entry) is given, else computed from
    ``base_value`` by ``kind``. None when neither is possible."""
    stated_base = _to_decimal((stated or {}).get("base_value"))
    if base_value is None:
        base_value = stated_base
    if stated and _to_decimal(stated.get("amount")) is not None:
        signed = _to_decimal(stated["amount"])
        stated_unit = stated.get("unit") or "%"
        if stated_unit == "%":
            u, u_en, percent = "%", "%", None
        elif stated_unit == "pp":
            u, u_en, percent = PP_VI, PP_EN, None
        else:
            u, u_en = unit, unit_en or unit
            percent = _percent(current, base_value) if current is not None else None
        return _make(base, signed, u, u_en, True, year, percent, base_value)
    if current is None or base_value is None:
        return None
    if kind == RATE:
        signed = (current - base_value).quantize(Decimal(1).scaleb(-max(decimals, 0)), rounding=ROUND_HALF_UP)
        return _make(base, signed, PP_VI, PP_EN, False, year, None, base_value)
    if kind == COUNT:
        signed = current - base_value
        return _make(base, signed, unit, unit_en or unit, False, year, _percent(current, base_value), base_value)
    signed = _percent(current, base_value)
    if signed is None:
        return None
    return _make(base, signed, "%", "%", False, year, None, base_value)


def _make(base, signed: Decimal, unit, unit_en, stated, year, percent, base_value) -> Change:
    direction, direction_en = (
        ("tăng", "up") if signed > 0 else ("giảm", "down") if signed < 0 else ("không đổi", "unchanged")
    )
    amount = abs(signed)
    label, label_en = base_labels(base, year)
    if direction == "không đổi":
        vi, en = "không đổi", "unchanged"
    else:
        vi = f"{direction} {_with_unit(amount, unit, 'vi')}"
        en = f"{direction_en} {_with_unit(amount, unit_en, 'en')}"
        if percent is not None and unit not in ("%", PP_VI):
            vi += f" ({_fmt(abs(percent), 'vi')}%)"
            en += f" ({_fmt(abs(percent), 'en')}%)"
    return Change(
        base=base,
        amount=amount,
        unit=unit,
        unit_en=unit_en,
        direction=direction,
        direction_en=direction_en,
        stated=stated,
        base_label=label,
        base_label_en=label_en,
        phrase_vi=f"{vi} so với {label}",
        phrase_en=f"{en} on {label_en}",
        percent=percent,
        base_value=base_value,
        words_vi=vi,
        words_en=en,
    )


def _with_unit(amount: Decimal, unit: str, language: str) -> str:
    number = _fmt(amount, language)
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".rstrip()


def changes_of(value, *, user=None) -> Changes:
    """See the module docstring. ``value`` is a ``Value`` row of a published release."""
    from django.contrib.auth.models import AnonymousUser

    from .models import Release, Value

    release = value.release
    indicator = value.indicator
    entry = (release.catalogue or {}).get(indicator.code) or {}
    kind = entry.get("kind") or kind_of(indicator)
    unit = entry.get("unit", indicator.unit)
    unit_en = entry.get("unit_en") or indicator.unit_en or unit
    decimals = int(entry.get("decimals", indicator.decimals) or 0)
    year, month = release.year, release.month
    py, pm = (year - 1, 12) if month == 1 else (year, month - 1)
    visible = Release.objects.visible_to(user or AnonymousUser())
    bases = {
        (y, m): v
        for y, m, v in Value.objects.filter(
            indicator_id=value.indicator_id,
            release__in=visible.filter(year__in=[py, year - 1], month__in=[pm, month]).values("pk"),
        ).values_list("release__year", "release__month", "value")
    }
    stated = value.stated or {}
    out = {}
    for base, key in ((PREV_MONTH, (py, pm)), (SAME_PERIOD, (year - 1, month))):
        out[base] = change(
            base=base,
            kind=kind,
            current=value.value,
            base_value=bases.get(key),
            stated=stated.get(base),
            unit=unit,
            unit_en=unit_en,
            year=year,
            month=month,
            decimals=decimals,
        )
    return Changes(prev_month=out[PREV_MONTH], same_period=out[SAME_PERIOD])


def parse_stated(raw, *, kind: str) -> dict | None:
    """An import cell or grid field holding a stated change: "+10,29%", "-9,29 %", "6"
    (a count, in the indicator's unit), "-5 điểm phần trăm" / "-5 đpt" (points).
    None for an empty cell; ``ValueError`` with a Vietnamese message otherwise."""
    from .numbers import NotANumber, parse_number

    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip().replace("\u00a0", " ")
    unit = "count"
    lowered = text.lower()
    for suffix in ("điểm phần trăm", "điểm %", "đpt", "pp"):
        if lowered.endswith(suffix):
            text, unit = text[: -len(suffix)].strip(), "pp"
            break
    else:
        if text.endswith("%"):
            text, unit = text[:-1].strip(), "%"
    try:
        amount = parse_number(text, decimals_hint=3)
    except NotANumber as exc:
        raise ValueError(f"“{raw}” không phải là mức thay đổi (ví dụ: +3%, -9,29%, 6, -5 điểm phần trăm).") from exc
    if amount is None:
        return None
    if unit == "count" and kind != COUNT:
        unit = "pp" if kind == RATE else "%"
    return {"amount": _plain(amount), "unit": unit}

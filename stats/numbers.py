"""Reading numbers written the Vietnamese way ("91,32", "2.611.948", "10,29%") or the
plain way ("91.32"), exactly (as ``Decimal``)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_ALLOWED = re.compile(r"^[+-]?[0-9.,]+$")


class NotANumber(ValueError):
    pass


def parse_number(raw, *, decimals_hint: int = 0) -> Decimal | None:
    """``None`` for an empty cell; ``NotANumber`` for anything that is not a number.

    Rules: a comma alone is the decimal mark ("11,496" = 11.496) unless it appears more
    than once ("1,234,567"); with both marks, the last one is the decimal mark; several
    dots are thousands ("2.611.948"); a single dot followed by exactly three digits is a
    thousands mark ("879.342") unless the indicator shows three or more decimals, in
    which case it is a decimal point; any other single dot is a decimal point ("91.32").
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NotANumber(str(raw))
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    if not text:
        return None
    if not _ALLOWED.match(text):
        raise NotANumber(str(raw))
    sign = ""
    if text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        if text.rfind(",") > text.rfind("."):
            whole, frac = text.rsplit(",", 1)
            thousands = "."
        else:
            whole, frac = text.rsplit(".", 1)
            thousands = ","
        if "," in whole and thousands == "." or "." in whole and thousands == ",":
            raise NotANumber(str(raw))
        _check_groups(whole.split(thousands), raw)
        number = whole.replace(thousands, "") + "." + frac
    elif commas:
        if commas == 1:
            number = text.replace(",", ".")
        else:
            _check_groups(text.split(","), raw)
            number = text.replace(",", "")
    elif dots:
        if dots > 1:
            _check_groups(text.split("."), raw)
            number = text.replace(".", "")
        else:
            whole, frac = text.split(".")
            if len(frac) == 3 and whole and decimals_hint < 3:
                _check_groups([whole, frac], raw)
                number = whole + frac
            else:
                number = text
    else:
        number = text
    if number.startswith(".") or number.endswith("."):
        raise NotANumber(str(raw))
    try:
        return Decimal(sign + number)
    except InvalidOperation as exc:
        raise NotANumber(str(raw)) from exc


def _check_groups(groups: list[str], raw) -> None:
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise NotANumber(str(raw))

"""Formula safety of spreadsheet cells (CSV injection).

A spreadsheet runs a cell as a formula when its text starts with ``=``, ``+``, ``-`` or ``@``;
it may drop a leading tab, carriage return or line feed first and then do the same. Following
OWASP's CSV-injection guidance, such a cell gets a leading apostrophe, which spreadsheets read
as "this is text". Line feed is in the list too: one list for every export, and the
apostrophe costs nothing on the rare cell that starts with a new line.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

# "-12", "-91.32", "-2.611.948", "-91,32": a negative number is data, not a formula; it stays
# a number in the spreadsheet.
_NEGATIVE_NUMBER = re.compile(r"-\d[\d.,]*")


def formula_safe(value):
    """``value`` as a spreadsheet cell that cannot run: text starting with a formula
    character gets a leading apostrophe; other values (numbers, dates, None) and plain
    negative numbers written as text are returned unchanged."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START) and not _NEGATIVE_NUMBER.fullmatch(value):
        return "'" + value
    return value


def formula_unguard(value):
    """The inverse of ``formula_safe`` for a file coming back (an import of a template
    the portal made): ``"'=x"`` reads as ``"=x"``; anything else is returned unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value

"""Files people download: CSV, XLSX and iCalendar, made the same way everywhere.

The public surface (an app's ``exports.py`` imports only these):

- ``formula_safe(value)``: a text cell a spreadsheet could run as a formula gets a leading
  apostrophe; numbers, dates and plain negative numbers are kept as they are.
- ``csv_bytes(rows, header=...)``: CSV as Excel opens it (UTF-8 with a BOM, CRLF), every cell
  formula-safe.
- ``XlsxBook``: a write-only workbook; ``book.sheet(...)`` streams rows (``sheet.append``),
  every text cell formula-safe and stored as text. Rows are counted, never looked up
  (``ws.max_row`` in a loop scans the whole sheet: quadratic).
- ``CalendarEvent`` and ``calendar_bytes(...)``: iCalendar through the ``icalendar`` library
  (escaping, folding at 75 octets, CRLF); ``event_uid("thong-ke-2022-01")`` gives a stable
  UID on the host of ``SITE_URL``.
- ``pdf_bytes(html, base_url)``: a PDF from HTML through WeasyPrint.
"""

from .calendars import CalendarEvent, calendar_bytes, event_uid
from .cells import formula_safe, formula_unguard
from .pdf import pdf_bytes
from .tables import BOLD, XlsxBook, XlsxSheet, csv_bytes

__all__ = [
    "BOLD",
    "CalendarEvent",
    "XlsxBook",
    "XlsxSheet",
    "calendar_bytes",
    "csv_bytes",
    "event_uid",
    "formula_safe",
    "formula_unguard",
    "pdf_bytes",
]

"""CSV and XLSX files: every text cell formula-safe, rows streamed.

``csv_bytes`` writes what Excel opens as UTF-8 (a BOM, CRLF line ends). ``XlsxBook`` is an
openpyxl write-only workbook: rows go to the file as they are appended, styles are given
with the cell, and the sheet counts its rows itself (``ws.max_row`` or ``ws[n]`` in a loop
scans every cell written so far, which made a 20,000-row export take minutes).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .cells import formula_safe

BOLD = Font(bold=True)


def csv_bytes(rows: Iterable[Sequence], *, header: Sequence[str] | None = None) -> bytes:
    """CSV with a UTF-8 BOM (so that Excel reads the Vietnamese text), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header is not None:
        writer.writerow([formula_safe(v) for v in header])
    for row in rows:
        writer.writerow([formula_safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class XlsxSheet:
    """One write-only sheet. Rows are appended in order and cannot be read back."""

    def __init__(self, ws, *, widths: Sequence[float] = (), freeze: str | None = None):
        self.ws = ws
        self.rows = 0  # rows written so far: the number of the last one
        # Column widths and the frozen panes go in the sheet's head: set before any row.
        for column, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(column)].width = width
        if freeze:
            ws.freeze_panes = freeze

    def cell(
        self,
        value,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        number_format: str | None = None,
    ) -> Cell:
        """A styled cell for ``append`` (its value made formula-safe)."""
        cell = WriteOnlyCell(self.ws, value=formula_safe(value))
        if isinstance(value, str):
            cell.data_type = "s"
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if number_format is not None:
            cell.number_format = number_format
        return cell

    def append(self, values: Iterable, *, font: Font | None = None, outline_level: int = 0) -> int:
        """Write one row and return its number. ``font`` styles every cell of the row.
        Text is stored as text, never as a formula."""
        self.rows += 1
        if outline_level:
            self.ws.row_dimensions[self.rows].outline_level = outline_level
        row = []
        for value in values:
            if isinstance(value, Cell):
                if font is not None:
                    value.font = font
                row.append(value)
            elif font is not None or (isinstance(value, str) and value in ERROR_CODES):
                row.append(self.cell(value, font=font))
            else:
                row.append(formula_safe(value))
        self.ws.append(row)
        return self.rows


class XlsxBook:
    """A write-only workbook: ``sheet()`` for each sheet in order, then ``to_bytes()``."""

    def __init__(self):
        self.workbook = Workbook(write_only=True)

    def sheet(self, title: str, *, widths: Sequence[float] = (), freeze: str | None = None) -> XlsxSheet:
        # A sheet title has at most 31 characters.
        return XlsxSheet(self.workbook.create_sheet(str(title)[:31]), widths=widths, freeze=freeze)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.workbook.save(buf)
        return buf.getvalue()

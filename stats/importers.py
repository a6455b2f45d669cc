"""Reading a release's values from an XLSX or CSV file (the downloadable template's
layout). Reading only: ``services.import_values`` checks and saves."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from portal.exports import formula_unguard

# Header labels of the template; matched without regard to case or spacing.
COLUMNS = {
    "code": "Mã chỉ tiêu",
    "sector": "Lĩnh vực",
    "name": "Tên chỉ tiêu",
    "unit": "Đơn vị tính",
    "period": "Kỳ",
    "value": "Giá trị",
    "note": "Ghi chú",
}
REQUIRED_COLUMNS = ("code", "period", "value")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000


class ImportRefused(ValidationError):
    """The file is refused as a whole; ``messages`` names each problem's row and column."""


def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def read_table(*, upload, filename: str) -> tuple[dict[str, tuple[int, str]], list[tuple[int, list]]]:
    """Return the columns found (key -> (index, letter)) and the data rows as
    (row number, cells). Raises ``ImportRefused`` for an unreadable file."""
    name = (filename or "").lower()
    data = upload.read()
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("Tệp lớn hơn 5 MB."))
    if name.endswith(".xlsx"):
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise ImportRefused(_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel.")) from exc
        ws = wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True, max_row=MAX_ROWS + 1)]
        wb.close()
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportRefused(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
        rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)][: MAX_ROWS + 1]
    else:
        raise ImportRefused(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    if not rows:
        raise ImportRefused(_("Tệp không có dữ liệu."))
    header = [_norm(c) for c in rows[0]]
    found: dict[str, tuple[int, str]] = {}
    for key, label in COLUMNS.items():
        if _norm(label) in header:
            idx = header.index(_norm(label))
            found[key] = (idx, get_column_letter(idx + 1))
    missing = [COLUMNS[k] for k in REQUIRED_COLUMNS if k not in found]
    if missing:
        raise ImportRefused(
            _("Dòng 1 (dòng tiêu đề): thiếu cột %(cols)s. Hãy dùng tệp mẫu tải về từ trang quản trị.")
            % {"cols": ", ".join(f"“{c}”" for c in missing)}
        )
    # A text cell the template guarded against formulas ("'=…") reads as it was written.
    return found, [(i + 2, [formula_unguard(c) for c in r]) for i, r in enumerate(rows[1:])]


PERIOD_RE = re.compile(r"^(?:tháng\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})$|^(\d{4})\s*[/.-]\s*(\d{1,2})$", re.I)


def parse_period(raw) -> tuple[int, int] | None:
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.year, raw.month
    match = PERIOD_RE.match(str(raw or "").strip())
    if not match:
        return None
    if match.group(1):
        month, year = int(match.group(1)), int(match.group(2))
    else:
        year, month = int(match.group(3)), int(match.group(4))
    if not 1 <= month <= 12:
        return None
    return year, month

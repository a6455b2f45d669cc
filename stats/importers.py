"""Reading a release's values from an XLSX or CSV file (the downloadable template's
layout). Reading only: ``services.import_values`` checks and saves."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

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
    # Changes the source states (stats.changes): "+3%", "-9,29%", "6" (a count), "-5 điểm phần trăm"
    "stated_prev_month": "Thay đổi so với tháng trước (theo báo cáo)",
    "stated_same_period": "Thay đổi so với cùng kỳ (theo báo cáo)",
    "base_prev_month": "Số liệu tháng trước (theo báo cáo)",
    "base_same_period": "Số liệu cùng kỳ (theo báo cáo)",
}
STATED_COLUMNS = ("stated_prev_month", "stated_same_period", "base_prev_month", "base_same_period")
REQUIRED_COLUMNS = ("code", "period", "value")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# An XLSX is a zip: what its central directory says the parts expand to, checked before
# any part is read (the zip reader never returns more than the declared size).
MAX_EXPANDED = 25 * 1024 * 1024
MAX_MEMBERS = 200


class ImportRefused(ValidationError):
    """The file is refused as a whole; ``messages`` names each problem's row and column."""


def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def read_table(*, upload, filename: str) -> tuple[dict[str, tuple[int, str]], list[tuple[int, list]]]:
    """Return the columns found (key -> (index, letter)) and the data rows as
    (row number, cells). Raises ``ImportRefused`` for an unreadable file."""
    name = (filename or "").lower()
    if (getattr(upload, "size", 0) or 0) > MAX_BYTES:
        raise ImportRefused(_("Tệp lớn hơn 5 MB."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("Tệp lớn hơn 5 MB."))
    if name.endswith(".xlsx"):
        check_archive(data)
        rows = _xlsx_rows(data)
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportRefused(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
        rows = []
        for r in csv.reader(io.StringIO(text), delimiter=delimiter):
            rows.append(list(r))
            if len(rows) > MAX_ROWS + 1 and any(str(c).strip() for c in r):
                raise ImportRefused(_too_many_rows())
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


def _too_many_rows() -> str:
    return _("Tệp có hơn %(n)s dòng số liệu (giới hạn của một lần nhập): không dòng nào được nhập. Hãy chia tệp.") % {
        "n": MAX_ROWS
    }


def check_archive(data: bytes) -> None:
    """Refuse an XLSX whose parts would expand past ``MAX_EXPANDED`` (a "zip bomb", such as
    a few hundred KB of shared strings expanding to hundreds of MB), from the zip's central
    directory alone, before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportRefused(_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel.")) from exc
    if len(members) > MAX_MEMBERS:
        raise ImportRefused(_("Tệp XLSX có quá nhiều thành phần (%(n)s): không nhập.") % {"n": len(members)})
    expanded = sum(m.file_size for m in members)
    if expanded > MAX_EXPANDED:
        raise ImportRefused(
            _(
                "Tệp XLSX khi giải nén lớn %(size)s MB, vượt giới hạn %(limit)s MB (tệp nén bất thường hoặc quá nhiều "
                "dữ liệu): không nhập. Hãy lưu lại tệp chỉ với bảng số liệu."
            )
            % {"size": expanded // (1024 * 1024), "limit": MAX_EXPANDED // (1024 * 1024)}
        )


def _xlsx_rows(data: bytes) -> list[list]:
    """The first sheet's rows (cached values). A formula cell without a cached value (a
    file written by a program that does not calculate) is refused, naming the cell: read
    as blank it would import silently as an empty figure."""
    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:
        raise ImportRefused(_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải bảng tính Excel.")) from exc
    try:
        rows: list[list] = []
        problems: list[str] = []
        value_rows = values.worksheets[0].iter_rows(values_only=True)
        formula_rows = formulas.worksheets[0].iter_rows(values_only=True)
        for number, (cached, written) in enumerate(zip(value_rows, formula_rows, strict=False), start=1):
            if number > MAX_ROWS + 1:
                if any(c is not None and str(c).strip() for c in cached):
                    raise ImportRefused(_too_many_rows())
                continue
            for column, (c, w) in enumerate(zip(cached, written, strict=False), start=1):
                if c is None and isinstance(w, str) and w.startswith("="):
                    problems.append(
                        _(
                            "Ô %(cell)s: công thức “%(f)s” chưa có giá trị đã tính (hãy mở tệp bằng Excel, lưu lại, hoặc ghi số thay cho công thức)."
                        )
                        % {"cell": f"{get_column_letter(column)}{number}", "f": w[:60]}
                    )
            rows.append(list(cached))
        if problems:
            raise ImportRefused(problems)
        return rows
    finally:
        values.close()
        formulas.close()


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

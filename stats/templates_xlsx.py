"""The import template: one row per indicator, with its code, period and current value."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from portal.core.formatting import format_number
from portal.editorial import services as wf

from . import parts
from .importers import COLUMNS
from .models import Release
from .selectors import all_indicators

ORDER = ("code", "sector", "name", "unit", "period", "value", "note")


def _rows(release: Release):
    """One row per indicator, with the figures as editors see them (a change awaiting
    approval included)."""
    values = wf.working_parts(release)[parts.VALUES.key]
    for ind in all_indicators():
        raw, note = (list(values.get(ind.code) or []) + [None, ""])[:2]
        value = parts.to_decimal(raw)
        yield [
            ind.code,
            ind.sector.name,
            ind.name,
            ind.unit,
            release.period_label,
            format_number(value, ind.decimals) if value is not None else "",
            note or "",
        ]


def template_xlsx(*, release: Release) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Số liệu")
    ws.append([COLUMNS[k] for k in ORDER])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in _rows(release):
        ws.append(row)
        ws.cell(ws.max_row, 6).number_format = "@"
    for col, w in zip("ABCDEFG", (26, 24, 60, 18, 10, 16, 50), strict=True):
        ws.column_dimensions[col].width = w
    help_ws = wb.create_sheet(_("Hướng dẫn"))
    for line in (
        _("Điền cột “Giá trị” theo cách viết Việt Nam (91,32; 2.611.948; 10,29%) hoặc dạng số thường (91.32)."),
        _("Không sửa cột “Mã chỉ tiêu”; cột “Kỳ” phải là tháng của kỳ công bố (ví dụ 01/2022)."),
        _("Mỗi chỉ tiêu chỉ một dòng. Tệp có lỗi sẽ bị từ chối toàn bộ, kèm số dòng và cột bị lỗi."),
    ):
        help_ws.append([line])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_csv(*, release: Release) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([COLUMNS[k] for k in ORDER])
    for row in _rows(release):
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")

"""The import template: one row per indicator, with its code, period and current value.
Text cells are formula-safe (``portal.exports``); the importer reads them back unguarded."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.core.formatting import format_number
from portal.editorial import services as wf
from portal.exports import BOLD, XlsxBook, csv_bytes

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
    book = XlsxBook()
    sheet = book.sheet(_("Số liệu"), widths=(26, 24, 60, 18, 10, 16, 50))
    sheet.append([COLUMNS[k] for k in ORDER], font=BOLD)
    value_column = ORDER.index("value")
    for row in _rows(release):
        # The value is text written the Vietnamese way ("91,32"): the cell is formatted as text.
        row[value_column] = sheet.cell(row[value_column], number_format="@")
        sheet.append(row)
    help_sheet = book.sheet(_("Hướng dẫn"))
    for line in (
        _("Điền cột “Giá trị” theo cách viết Việt Nam (91,32; 2.611.948; 10,29%) hoặc dạng số thường (91.32)."),
        _("Không sửa cột “Mã chỉ tiêu”; cột “Kỳ” phải là tháng của kỳ công bố (ví dụ 01/2022)."),
        _("Mỗi chỉ tiêu chỉ một dòng. Tệp có lỗi sẽ bị từ chối toàn bộ, kèm số dòng và cột bị lỗi."),
    ):
        help_sheet.append([line])
    return book.to_bytes()


def template_csv(*, release: Release) -> bytes:
    return csv_bytes(_rows(release), header=[COLUMNS[k] for k in ORDER])

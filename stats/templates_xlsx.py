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

ORDER = ("code", "sector", "name", "unit", "period", "value", "note",
         "stated_prev_month", "stated_same_period", "base_prev_month", "base_same_period")  # fmt: skip


def _stated_text(entry: dict | None, decimals: int) -> str:
    if not entry:
        return ""
    amount = parts.to_decimal(entry.get("amount"))
    if amount is None:
        return ""
    text = ("+" if amount > 0 else "") + format_number(amount)
    return text + {"%": "%", "pp": " điểm phần trăm"}.get(entry.get("unit"), "")


def _rows(release: Release):
    """One row per indicator, with the figures as editors see them (a change awaiting
    approval included)."""
    values = wf.working_parts(release)[parts.VALUES.key]
    for ind in all_indicators():
        value, note, _note_en, stated = parts.unpack(values.get(ind.code))
        prev, same = stated.get("prev_month") or {}, stated.get("same_period") or {}
        yield [
            ind.code,
            ind.sector.name,
            ind.name,
            ind.unit,
            release.period_label,
            format_number(value) if value is not None else "",  # exact: never rounded to the display
            note or "",
            _stated_text(prev, ind.decimals),
            _stated_text(same, ind.decimals),
            format_number(parts.to_decimal(prev.get("base_value"))) if prev.get("base_value") else "",
            format_number(parts.to_decimal(same.get("base_value"))) if same.get("base_value") else "",
        ]


def template_xlsx(*, release: Release) -> bytes:
    book = XlsxBook()
    sheet = book.sheet(_("Số liệu"), widths=(26, 24, 60, 18, 10, 16, 50, 18, 18, 18, 18))
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
        _("Có thể ghi kèm đơn vị khi đúng đơn vị của chỉ tiêu: “95,67 triệu” cho chỉ tiêu tính bằng triệu thuê bao."),
        _(
            "Cột “theo báo cáo”: mức thay đổi nguồn số liệu nêu (+3%; -9,29%; 6 cho số đếm; -5 điểm phần trăm) "
            "và số liệu so sánh nguồn nêu, nếu có."
        ),
        _("Không dùng công thức: ô công thức chưa có giá trị đã tính sẽ bị từ chối."),
    ):
        help_sheet.append([line])
    return book.to_bytes()


def template_csv(*, release: Release) -> bytes:
    return csv_bytes(_rows(release), header=[COLUMNS[k] for k in ORDER])

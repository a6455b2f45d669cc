"""A release's revision parts (``portal.editorial.registry``): its figures and the
indicators as it shows them. Every revision of a release holds both, so the comparison
shows a changed figure or a renamed indicator, and on a live release a change reaches
the rows only when the board approves it (``load``, inside the approving transaction).

- ``values``: ``{indicator code: [value as text or None, note, English note, stated changes]}``
  (stated changes: ``Value.stated``, see ``stats.changes``; older revisions have 3 items)
- ``catalogue``: ``{indicator code: {name, unit, decimals, definition, sector…}}``
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.formatting import format_number

from .changes import kind_of
from .models import Indicator, Release, Value

# The metadata a release shows for an indicator, and so keeps as approved.
CATALOGUE_FIELDS = ("name", "name_en", "unit", "unit_en", "decimals", "definition", "definition_en", "source_unit")
# plus "kind" (stats.changes.kind_of), "sector", "sector_name", "sector_name_en", "parent"


def plain(value: Decimal | None) -> str | None:
    """ "91.32", "1383": the exact figure as text, or None."""
    if value is None:
        return None
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def to_decimal(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return None


def catalogue_entry(indicator: Indicator) -> dict[str, Any]:
    """One indicator's metadata as a release keeps it (the sector and the parent needed)."""
    entry = {name: getattr(indicator, name) for name in CATALOGUE_FIELDS}
    entry["sector"] = indicator.sector.code
    entry["sector_name"] = indicator.sector.name
    entry["sector_name_en"] = indicator.sector.name_en
    entry["parent"] = indicator.parent.code if indicator.parent_id else None
    entry["kind"] = kind_of(indicator)
    return entry


def current_catalogue(indicators: list[Indicator] | None = None) -> dict[str, dict]:
    """The catalogue as it is now (what the next approval of a release will fix)."""
    if indicators is None:
        indicators = list(Indicator.objects.select_related("sector", "parent"))
    return {ind.code: catalogue_entry(ind) for ind in indicators}


def release_catalogue(release: Release, indicators: list[Indicator] | None = None) -> dict[str, dict]:
    """The indicators as ``release`` shows them: fixed when it was approved, else now's."""
    return release.catalogue or current_catalogue(indicators)


def value_rows(release: Release) -> dict[str, list]:
    """The release's Value rows as the ``values`` part."""
    rows = Value.objects.filter(release=release).values_list("indicator__code", "value", "note", "note_en", "stated")
    return {code: [plain(value), note, note_en, stated or {}] for code, value, note, note_en, stated in rows}


def unpack(row) -> tuple[Decimal | None, str, str, dict]:
    """A ``values`` part row (3 or 4 items) as (value, note, English note, stated)."""
    items = list(row or [])
    raw, note, note_en, stated = (items + [None, "", "", {}][len(items) :])[:4]
    return to_decimal(raw), note or "", note_en or "", stated or {}


class ValuesPart:
    key = "values"
    label = gettext_lazy("Số liệu")

    def dump(self, item: Release) -> dict[str, list]:
        return value_rows(item)

    def load(self, item: Release, data: dict[str, list]) -> None:
        """Make the release's Value rows match ``data`` (codes no longer in the catalogue
        are skipped). Corrections are recorded after the publish (``signal_handlers``)."""
        ids = dict(Indicator.objects.filter(code__in=list(data)).values_list("code", "pk"))
        wanted: dict[int, tuple[Decimal | None, str, str, dict]] = {}
        for code, row in data.items():
            if code in ids:
                wanted[ids[code]] = unpack(row)
        existing = {v.indicator_id: v for v in Value.objects.filter(release=item)}
        Value.objects.filter(release=item).exclude(indicator_id__in=list(wanted)).delete()
        for indicator_id, (value, note, note_en, stated) in wanted.items():
            row = existing.get(indicator_id)
            if row is None:
                Value.objects.create(
                    release=item, indicator_id=indicator_id, value=value, note=note, note_en=note_en, stated=stated
                )
            elif (row.value, row.note, row.note_en, row.stated or {}) != (value, note, note_en, stated):
                row.value, row.note, row.note_en, row.stated = value, note, note_en, stated
                row.save(update_fields=["value", "note", "note_en", "stated"])

    def display(self, data: dict[str, list]) -> dict[str, str]:
        out = {}
        for code, row in sorted(data.items()):
            value, note, _note_en, stated = unpack(row)
            text = format_number(value, None) if value is not None else "—"
            if note:
                text += f" ({_('ghi chú')}: {note})"
            for base, entry in sorted(stated.items()):
                label = _("so với tháng trước") if base == "prev_month" else _("so với cùng kỳ")
                unit = {"%": "%", "pp": " " + _("điểm phần trăm")}.get(entry.get("unit"), "")
                text += f" [{_('theo báo cáo')}: {entry.get('amount')}{unit} {label}]"
            out[code] = text
        return out


class CataloguePart:
    key = "catalogue"
    label = gettext_lazy("Chỉ tiêu (tên, đơn vị, định nghĩa)")

    def dump(self, item: Release) -> dict[str, dict]:
        return release_catalogue(item)

    def load(self, item: Release, data: dict[str, dict]) -> None:
        item.catalogue = data or {}
        Release.objects.filter(pk=item.pk).update(catalogue=item.catalogue)

    def display(self, data: dict[str, dict]) -> dict[str, str]:
        out = {}
        for code, entry in sorted((data or {}).items()):
            text = f"{entry.get('name', '')} · {entry.get('unit', '')} · " + _("%(n)s chữ số thập phân") % {
                "n": entry.get("decimals", 0)
            }
            text += f" · {entry.get('sector_name', '')}"
            if entry.get("definition"):
                text += f" · {entry['definition']}"
            out[code] = text
        return out


VALUES = ValuesPart()
CATALOGUE = CataloguePart()
PARTS = (VALUES, CATALOGUE)

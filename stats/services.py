"""Writes of statistics: the grid, imports, corrections. Keyword-only functions; the
admin stays thin and calls these. Bad input changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.formatting import format_number
from portal.editorial import permissions
from portal.editorial import services as wf
from portal.editorial.signals import content_changed

from . import importers
from .importers import COLUMNS, ImportRefused
from .models import Correction, Indicator, Release, Value
from .numbers import NotANumber, parse_number


@dataclass
class Entry:
    value: Decimal | None
    note: str = ""


def needs_correction_note(release: Release) -> bool:
    """A release readers have already seen is only changed by a correction with a note."""
    return bool(release.live and release.publish_at and release.publish_at <= timezone.now())


def save_values(
    *,
    release: Release,
    entries: dict[int, Entry],
    user,
    correction_note: str = "",
    expected_version: int | None = None,
) -> int:
    """Write the grid (indicator id -> entry). On a live release the values wait for the
    board's approval; on one readers have seen, a correction note is required. Returns
    the number of values written."""
    if not permissions.may_edit(user, release):
        raise permissions.TransitionNotAllowed(_("Bạn không được sửa kỳ công bố này."))
    correction_note = (correction_note or "").strip()
    with transaction.atomic():
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if expected_version is not None and locked.version != expected_version:
            editor = locked.updated_by
            raise ValidationError(
                _(
                    "Kỳ công bố này vừa được %(who)s sửa sau khi bạn mở bảng số liệu. Số liệu của bạn "
                    "CHƯA được lưu và vẫn còn trong bảng dưới đây: hãy xem lại số liệu hiện có rồi lưu lại."
                )
                % {"who": (editor.get_full_name() or editor.get_username()) if editor else "?"}
            )
        if needs_correction_note(locked) and not correction_note:
            raise ValidationError(
                _("Kỳ công bố này đã xuất bản: cần nêu nội dung đính chính (ghi chú đính chính) trước khi lưu.")
            )
        existing = {v.indicator_id: v for v in Value.objects.filter(release=locked)}
        written = 0
        for indicator_id, entry in entries.items():
            current = existing.get(indicator_id)
            if locked.live:
                if current is None:
                    if entry.value is None and not entry.note:
                        continue
                    current = Value(release=locked, indicator_id=indicator_id, value=None)
                if current.value == entry.value and current.note == entry.note and not current.has_pending:
                    continue
                current.has_pending = True
                current.pending_value = entry.value
                current.pending_note = entry.note
                current.save()
            else:
                if current is None:
                    if entry.value is None and not entry.note:
                        continue
                    current = Value(release=locked, indicator_id=indicator_id)
                current.value = entry.value
                current.note = entry.note
                current.save()
            written += 1
        if locked.live:
            if correction_note:
                pending = locked.corrections.filter(applied_at__isnull=True).first()
                if pending is None:
                    Correction.objects.create(release=locked, note=correction_note, created_by=user)
                else:
                    pending.note = correction_note
                    pending.save(update_fields=["note"])
            if written or correction_note:
                wf.save_existing(item=locked, user=user)
                wf.record_deferred_change(item=locked, user=user, m2m={})
        else:
            wf.save_existing(item=locked, user=user)
            wf.record_revision(item=locked, user=user)
    for f in Release._meta.concrete_fields:
        setattr(release, f.attname, getattr(Release.objects.get(pk=release.pk), f.attname))
    return written


def apply_pending(*, release: Release) -> Correction | None:
    """Called when the board approves a live release: pending values become what readers
    see; a correction keeps the superseded figures and its note."""
    pending_values = list(Value.objects.filter(release=release, has_pending=True).select_related("indicator"))
    correction = release.corrections.filter(applied_at__isnull=True).first()
    if not pending_values and correction is None:
        return None
    with transaction.atomic():
        if correction is not None:
            snapshot = {
                v.indicator.code: {"value": None if v.value is None else str(v.value), "note": v.note}
                for v in Value.objects.filter(release=release).select_related("indicator")
                if v.value is not None or v.note
            }
            last = release.corrections.filter(applied_at__isnull=False).order_by("-number").first()
            since = last.applied_at if last else release.publish_at
            correction.superseded = {"values": snapshot, "published_at": since.isoformat() if since else None}
            correction.number = release.corrections.filter(applied_at__isnull=False).count() + 1
            correction.applied_at = timezone.now()
            correction.save()
        for v in pending_values:
            v.value, v.note = v.pending_value, v.pending_note
            v.has_pending, v.pending_value, v.pending_note = False, None, ""
            v.save()
    content_changed.send(sender=Release, item=release)
    return correction


def import_values(*, release: Release, upload, filename: str, user, correction_note: str = "") -> int:
    """Read an XLSX/CSV file and save it through ``save_values``; every problem is
    reported with its row and column and nothing of the file is saved."""
    columns, rows = importers.read_table(upload=upload, filename=filename)
    indicators = {i.code.lower(): i for i in Indicator.objects.all()}
    problems: list[str] = []
    seen: dict[int, int] = {}
    entries: dict[int, Entry] = {}

    def cell(row, key):
        if key not in columns:
            return None
        idx = columns[key][0]
        return row[idx] if idx < len(row) else None

    def where(rownum, key):
        return _("Dòng %(row)s, cột %(col)s (%(label)s)") % {
            "row": rownum,
            "col": columns[key][1],
            "label": COLUMNS[key],
        }

    for rownum, row in rows:
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        code = str(cell(row, "code") or "").strip()
        if not code:
            problems.append(_("%(where)s: thiếu mã chỉ tiêu.") % {"where": where(rownum, "code")})
            continue
        indicator = indicators.get(code.lower())
        if indicator is None:
            problems.append(
                _("%(where)s: mã “%(code)s” không có trong danh mục chỉ tiêu.")
                % {"where": where(rownum, "code"), "code": code}
            )
            continue
        if indicator.pk in seen:
            problems.append(
                _("%(where)s: chỉ tiêu “%(code)s” bị trùng, đã có ở dòng %(first)s.")
                % {"where": where(rownum, "code"), "code": code, "first": seen[indicator.pk]}
            )
            continue
        seen[indicator.pk] = rownum
        period = importers.parse_period(cell(row, "period"))
        if period is None:
            problems.append(
                _("%(where)s: kỳ “%(raw)s” không đúng dạng tháng/năm (ví dụ 01/2022).")
                % {"where": where(rownum, "period"), "raw": cell(row, "period") or ""}
            )
        elif period != (release.year, release.month):
            problems.append(
                _("%(where)s: kỳ %(got)s không khớp với kỳ công bố %(want)s.")
                % {
                    "where": where(rownum, "period"),
                    "got": f"{period[1]:02d}/{period[0]}",
                    "want": release.period_label,
                }
            )
        raw = cell(row, "value")
        try:
            value = parse_number(raw, decimals_hint=indicator.decimals)
        except NotANumber:
            problems.append(_("%(where)s: “%(raw)s” không phải là số.") % {"where": where(rownum, "value"), "raw": raw})
            continue
        if value is None and indicator.required:
            problems.append(
                _("%(where)s: chỉ tiêu “%(code)s” bắt buộc có giá trị nhưng ô để trống.")
                % {"where": where(rownum, "value"), "code": indicator.code}
            )
            continue
        if value is not None and abs(value) >= Decimal(10) ** 17:
            problems.append(_("%(where)s: số quá lớn.") % {"where": where(rownum, "value")})
            continue
        note = str(cell(row, "note") or "").strip()[:500]
        entries[indicator.pk] = Entry(value=value, note=note)
    if not problems and not entries:
        problems.append(_("Tệp không có dòng số liệu nào."))
    if problems:
        raise ImportRefused(problems)
    return save_values(release=release, entries=entries, user=user, correction_note=correction_note)


def grid_entries(*, data, indicators: list[Indicator]) -> tuple[dict[int, Entry], dict[int, str]]:
    """Parse the admin grid's POST data: ``value-<id>`` and ``note-<id>`` per indicator.
    Returns the entries and the errors by indicator id."""
    entries: dict[int, Entry] = {}
    errors: dict[int, str] = {}
    for ind in indicators:
        if f"value-{ind.pk}" not in data:
            continue  # a field the form did not send leaves the stored value alone
        raw = data.get(f"value-{ind.pk}", "")
        note = (data.get(f"note-{ind.pk}", "") or "").strip()[:500]
        try:
            value = parse_number(raw, decimals_hint=ind.decimals)
        except NotANumber:
            errors[ind.pk] = _("“%(raw)s” không phải là số.") % {"raw": raw}
            continue
        entries[ind.pk] = Entry(value=value, note=note)
    return entries, errors


def display_value(value: Decimal | None, decimals: int) -> str:
    return format_number(value, decimals) if value is not None else ""


def reindex_indicators() -> int:
    """Put every indicator in the search index (names and definitions, never values)."""
    from portal.search.services import index_item

    count = 0
    for indicator in Indicator.objects.select_related("sector"):
        index_item(item=indicator, visible=True)
        count += 1
    return count

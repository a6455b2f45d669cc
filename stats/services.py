"""Writes of statistics: the grid, imports, corrections. Keyword-only functions; the
admin stays thin and calls these. Bad input changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.formatting import format_number
from portal.core.text import person_name
from portal.editorial import permissions
from portal.editorial import services as wf
from portal.editorial.enums import State

from . import importers, parts
from .importers import COLUMNS, ImportRefused
from .models import Correction, Indicator, Release
from .numbers import NotANumber, parse_number


@dataclass
class Entry:
    value: Decimal | None
    note: str = ""


MISSING_VERSION = gettext_lazy(
    "Biểu mẫu không cho biết bạn đang sửa phiên bản nào của kỳ công bố (trang đã cũ hoặc biểu mẫu bị sửa), "
    "nên số liệu CHƯA được lưu. Hãy tải lại bảng số liệu, xem số liệu hiện có rồi nhập lại."
)


def needs_correction_note(release: Release) -> bool:
    """A release readers have already seen is only changed by a correction with a note
    (also after it was withdrawn: when it comes back, readers are told what changed)."""
    seen = release.first_published_at if not release.live else release.publish_at
    return bool(seen and seen <= timezone.now())


def working_values(release: Release) -> dict[str, list]:
    """The figures as editors see them: the pending change's, else the rows."""
    return wf.working_parts(release)[parts.VALUES.key]


def save_values(
    *,
    release: Release,
    entries: dict[int, Entry],
    user,
    correction_note: str = "",
    expected_version: int | None = None,
    require_version: bool = False,
) -> int:
    """Write the grid (indicator id -> entry). On a live release the figures wait for the
    board's approval as the release's pending change (no Value row is touched before);
    on one readers have seen, a correction note is required. ``expected_version`` is the
    version the editor's form was made from (requests always pass it:
    ``require_version=True`` refuses a form that does not say). Returns the number of
    figures changed."""
    if not permissions.may_edit(user, release):
        raise permissions.TransitionNotAllowed(_("Bạn không được sửa kỳ công bố này."))
    correction_note = (correction_note or "").strip()
    with transaction.atomic():
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if expected_version is None and require_version:
            raise ValidationError(str(MISSING_VERSION))
        if expected_version is not None and locked.version != expected_version:
            editor = locked.updated_by
            raise ValidationError(
                _(
                    "Kỳ công bố này vừa được %(who)s sửa sau khi bạn mở bảng số liệu. Số liệu của bạn "
                    "CHƯA được lưu và vẫn còn trong bảng dưới đây: hãy xem lại số liệu hiện có rồi lưu lại."
                )
                % {"who": person_name(editor) if editor else "?"}
            )
        if needs_correction_note(locked) and not correction_note:
            raise ValidationError(
                _("Kỳ công bố này đã xuất bản: cần nêu nội dung đính chính (ghi chú đính chính) trước khi lưu.")
            )
        codes = dict(Indicator.objects.filter(pk__in=list(entries)).values_list("pk", "code"))
        current = working_values(locked)
        figures = {code: list(row) for code, row in current.items()}
        written = 0
        for indicator_id, entry in entries.items():
            code = codes.get(indicator_id)
            if code is None:
                continue
            old = current.get(code)
            if old is None and entry.value is None and not entry.note:
                continue
            row = [parts.plain(entry.value), entry.note, old[2] if old and len(old) > 2 else ""]
            if old is not None and list(old) == row:
                continue
            figures[code] = row
            written += 1
        if correction_note and (locked.live or needs_correction_note(locked)):
            pending = locked.corrections.filter(applied_at__isnull=True).first()
            if pending is None:
                Correction.objects.create(release=locked, note=correction_note, created_by=user)
            else:
                pending.note = correction_note
                pending.save(update_fields=["note"])
        if locked.live:
            if written or correction_note:
                # The item as its editors see it (a pending change of its text is kept),
                # with the figures and the catalogue as it is now: approving this change
                # is what brings a renamed indicator onto the published release.
                working, m2m = wf.working_copy(Release.objects.get(pk=locked.pk))
                wf.save_existing(item=locked, user=user)
                wf.record_deferred_change(
                    item=working,
                    user=user,
                    m2m=m2m or {},
                    parts={parts.VALUES.key: figures, parts.CATALOGUE.key: parts.current_catalogue()},
                )
        else:
            parts.VALUES.load(locked, figures)
            if locked.catalogue:
                # Withdrawn after it was published: it comes back with today's catalogue.
                locked.catalogue = parts.current_catalogue()
            wf.save_existing(item=locked, user=user)
            wf.record_revision(item=locked, user=user)
    fresh = Release.objects.get(pk=release.pk)
    for f in Release._meta.concrete_fields:
        setattr(release, f.attname, getattr(fresh, f.attname))
    return written


def superseded_version(release: Release) -> dict:
    """What readers saw before the publish just made: the figures and the indicators of
    the release's previous published revision."""
    from portal.editorial.enums import RevisionKind

    published = list(
        wf.revisions_of(release)
        .filter(kind=RevisionKind.PUBLISHED)
        .order_by("-number")
        .values_list("data", flat=True)[:2]
    )
    previous = published[1] if len(published) > 1 else {}
    values = {
        code: {"value": row[0], "note": row[1], "note_en": row[2] if len(row) > 2 else ""}
        for code, row in (previous.get(parts.VALUES.key) or {}).items()
        if row[0] is not None or row[1]
    }
    return {"values": values, "catalogue": previous.get(parts.CATALOGUE.key) or {}}


def after_publish(*, release: Release) -> Correction | None:
    """Called inside the approving transaction of a publish (``signal_handlers``): fixes the
    catalogue the release shows if it was never fixed, and applies a pending correction
    (its number, its time, and the figures and indicators it replaced). The page cache is
    renewed by the transition itself once it commits."""
    with transaction.atomic():
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if not (locked.live and locked.state == State.PUBLISHED):
            return None
        if not locked.catalogue:
            from portal.editorial.enums import RevisionKind

            approved = wf.revisions_of(locked).filter(kind=RevisionKind.PUBLISHED).order_by("-number").first()
            snapshot = (approved.data.get(parts.CATALOGUE.key) if approved else None) or parts.current_catalogue()
            Release.objects.filter(pk=locked.pk).update(catalogue=snapshot)
            release.catalogue = snapshot
        correction = locked.corrections.filter(applied_at__isnull=True).first()
        if correction is None:
            return None
        applied = locked.corrections.filter(applied_at__isnull=False).order_by("-number")
        last = applied.first()
        since = last.applied_at if last else locked.first_published_at or locked.publish_at
        correction.superseded = {**superseded_version(locked), "published_at": since.isoformat() if since else None}
        correction.number = applied.count() + 1
        correction.applied_at = timezone.now()
        correction.save()
    return correction


def import_values(
    *,
    release: Release,
    upload,
    filename: str,
    user,
    correction_note: str = "",
    expected_version: int | None = None,
    require_version: bool = False,
) -> int:
    """Read an XLSX/CSV file and save it through ``save_values``; every problem is
    reported with its row and column and nothing of the file is saved."""
    if expected_version is None and require_version:
        raise ValidationError(str(MISSING_VERSION))
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
    return save_values(
        release=release,
        entries=entries,
        user=user,
        correction_note=correction_note,
        expected_version=expected_version,
        require_version=require_version,
    )


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

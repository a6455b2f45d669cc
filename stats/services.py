"""Writes of statistics: the grid, imports, corrections. Keyword-only functions; the
admin stays thin and calls these. Bad input changes nothing."""

from __future__ import annotations

import re
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

from . import importers, parts, summary
from .importers import COLUMNS, ImportRefused
from .models import Correction, ImportRecord, Indicator, Release
from .numbers import NotANumber, parse_number


@dataclass
class Entry:
    value: Decimal | None
    note: str = ""
    # Stated changes (``Value.stated``); None keeps the ones already recorded.
    stated: dict | None = None


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
    correction_note_en: str = "",
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
            _v, _n, old_note_en, old_stated = parts.unpack(old)
            stated = old_stated if entry.stated is None else dict(entry.stated)
            if stated.pop("_keep_bases", False):
                # The grid edits the stated change, not the base figure the source gave with it.
                for base, kept in old_stated.items():
                    if base in stated and kept.get("base_value") and not stated[base].get("base_value"):
                        stated[base] = {**stated[base], "base_value": kept["base_value"]}
            row = [parts.plain(entry.value), entry.note, old_note_en, stated]
            if old is not None and list(parts.unpack(old)) == list(parts.unpack(row)):
                continue
            figures[code] = row
            written += 1
        if correction_note and (locked.live or needs_correction_note(locked)):
            pending = locked.corrections.filter(applied_at__isnull=True).first()
            note_en = (correction_note_en or "").strip()
            if pending is None:
                Correction.objects.create(release=locked, note=correction_note, note_en=note_en, created_by=user)
            else:
                pending.note = correction_note
                pending.note_en = note_en or pending.note_en
                pending.save(update_fields=["note", "note_en"])
        if locked.live:
            if written or correction_note:
                # The item as its editors see it (a pending change of its text is kept),
                # with the figures and the catalogue as it is now: approving this change
                # is what brings a renamed indicator onto the published release.
                working, m2m = wf.working_copy(Release.objects.get(pk=locked.pk))
                snapshot = {
                    "values": {code: _row_dict(row) for code, row in figures.items()},
                    "catalogue": parts.current_catalogue(),
                }
                summary.refresh(working, summary.generate(release=working, snapshot=snapshot))
                Release.objects.filter(pk=locked.pk).update(summary_generated=working.summary_generated)
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
            summary.refresh(locked, summary.generate(release=locked))
            wf.save_existing(item=locked, user=user)
            wf.record_revision(item=locked, user=user)
    fresh = Release.objects.get(pk=release.pk)
    for f in Release._meta.concrete_fields:
        setattr(release, f.attname, getattr(fresh, f.attname))
    return written


def _row_dict(row) -> dict:
    value, note, note_en, stated = parts.unpack(row)
    return {"value": parts.plain(value), "note": note, "note_en": note_en, "stated": stated}


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
        code: {
            "value": row[0],
            "note": row[1],
            "note_en": row[2] if len(row) > 2 else "",
            "stated": row[3] if len(row) > 3 else {},
        }
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


@dataclass
class PreviewRow:
    indicator: Indicator
    old: Decimal | None
    new: Decimal | None
    old_stated: dict
    new_stated: dict | None
    jump: bool = False

    @property
    def changed(self) -> bool:
        return self.old != self.new or (self.new_stated is not None and self.new_stated != self.old_stated)


@dataclass
class ImportPlan:
    """A read file, checked, not yet saved: its entries, every change against the figures
    editors see now, the jumps (10× up or down) and the totals that do not add up."""

    filename: str
    entries: dict[int, Entry]
    rows: list[PreviewRow]
    mismatches: list[str]

    @property
    def changes(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.changed]

    @property
    def jumps(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.jump]

    def to_session(self) -> dict:
        return {
            "filename": self.filename,
            "entries": {str(pk): [parts.plain(e.value), e.note, e.stated] for pk, e in self.entries.items()},
        }


JUMP = Decimal(10)

_UNIT_WORD = re.compile(r"^\s*([+-]?[0-9][0-9.,\s]*%?)\s*([^\W\d_].*?)\s*$")
_UNIT_ALIASES = {"ngàn": "nghìn", "tỉ": "tỷ"}


def _norm_unit(text: str) -> str:
    words = re.sub(r"\s+", " ", str(text or "")).strip().lower().split(" ")
    return " ".join(_UNIT_ALIASES.get(w, w) for w in words if w)


def split_unit_words(raw, indicator: Indicator):
    """ "95,67 triệu" for an indicator in "triệu thuê bao" -> "95,67". Unit words are
    accepted when they are the indicator's unit or its beginning (nghìn, triệu, tỷ…);
    otherwise ``ValueError`` with a message saying which unit the cell must use."""
    if not isinstance(raw, str):
        return raw
    match = _UNIT_WORD.match(raw)
    if not match:
        return raw
    number, words = match.group(1), _norm_unit(match.group(2))
    unit = _norm_unit(indicator.unit)
    if unit and (unit == words or unit.startswith(words + " ")):
        return number
    raise ValueError(
        _(
            "“%(raw)s” ghi đơn vị “%(words)s” nhưng chỉ tiêu “%(code)s” tính bằng “%(unit)s”: hãy ghi số theo đơn vị “%(unit)s” (không kèm chữ, hoặc kèm đúng đơn vị đó)."
        )
        % {"raw": raw, "words": match.group(2).strip(), "code": indicator.code, "unit": indicator.unit or "—"}
    )


def read_import(*, release: Release, upload, filename: str) -> ImportPlan:
    """Read and check an XLSX/CSV file without saving anything: every problem is reported
    with its row and column (``ImportRefused``); a good file gives the plan to preview."""
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
            value = parse_number(split_unit_words(raw, indicator), decimals_hint=indicator.decimals)
        except ValueError as exc:  # NotANumber, or unit words that are not the indicator's
            message = str(exc) if not isinstance(exc, NotANumber) else _("“%(raw)s” không phải là số.") % {"raw": raw}
            problems.append(f"{where(rownum, 'value')}: {message}")
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
        stated = None
        if any(k in columns for k in importers.STATED_COLUMNS):
            try:
                stated = stated_entry(indicator=indicator, **{k: cell(row, k) for k in importers.STATED_COLUMNS})
            except StatedError as exc:
                problems.append(f"{where(rownum, exc.column)}: {exc}")
                continue
        entries[indicator.pk] = Entry(value=value, note=note, stated=stated)
    if not problems and not entries:
        problems.append(_("Tệp không có dòng số liệu nào."))
    if problems:
        raise ImportRefused(problems)
    return plan_for(release=release, entries=entries, filename=filename)


def plan_for(*, release: Release, entries: dict[int, Entry], filename: str) -> ImportPlan:
    """Compare ``entries`` with the figures editors see now (the pending change included)."""
    from .selectors import all_indicators, breakdown_problems

    indicators = all_indicators()
    current = working_values(release)
    rows = []
    merged: dict[int, Decimal | None] = {}
    for ind in indicators:
        old, _note, _note_en, old_stated = parts.unpack(current.get(ind.code))
        merged[ind.pk] = old
        entry = entries.get(ind.pk)
        if entry is None:
            continue
        merged[ind.pk] = entry.value
        jump = bool(
            old and entry.value and (abs(entry.value) >= abs(old) * JUMP or abs(entry.value) * JUMP <= abs(old))
        )
        rows.append(PreviewRow(indicator=ind, old=old, new=entry.value, old_stated=old_stated,
                               new_stated=entry.stated, jump=jump))  # fmt: skip
    return ImportPlan(
        filename=filename,
        entries=entries,
        rows=rows,
        mismatches=breakdown_problems(indicators=indicators, values=merged),
    )


def plan_from_session(*, release: Release, data: dict) -> ImportPlan:
    entries = {
        int(pk): Entry(value=parts.to_decimal(v), note=note or "", stated=stated)
        for pk, (v, note, stated) in (data.get("entries") or {}).items()
    }
    return plan_for(release=release, entries=entries, filename=data.get("filename", ""))


def apply_import(
    *,
    release: Release,
    plan: ImportPlan,
    user,
    correction_note: str = "",
    override_reason: str = "",
    expected_version: int | None = None,
    require_version: bool = False,
) -> int:
    """Save a previewed file. Totals that do not add up are saved only with an explicit
    override and its reason, which is recorded (``ImportRecord``) with the file name."""
    override_reason = (override_reason or "").strip()
    if plan.mismatches and not override_reason:
        raise ImportRefused(
            [_("Tổng và các thành phần không khớp; cần xác nhận lưu và nêu lý do:")] + list(plan.mismatches)
        )
    with transaction.atomic():
        count = save_values(
            release=release,
            entries=plan.entries,
            user=user,
            correction_note=correction_note,
            expected_version=expected_version,
            require_version=require_version,
        )
        ImportRecord.objects.create(
            release=release,
            user=user,
            filename=plan.filename[:200],
            changed=count,
            mismatches="\n".join(plan.mismatches),
            override_reason=override_reason if plan.mismatches else "",
        )
    return count


def import_values(
    *,
    release: Release,
    upload,
    filename: str,
    user,
    correction_note: str = "",
    override_reason: str = "",
    expected_version: int | None = None,
    require_version: bool = False,
) -> int:
    """Read, check and save a file in one step (scripts, the demo, tests): the admin
    previews first (``read_import`` then ``apply_import``)."""
    if expected_version is None and require_version:
        raise ValidationError(str(MISSING_VERSION))
    plan = read_import(release=release, upload=upload, filename=filename)
    return apply_import(
        release=release,
        plan=plan,
        user=user,
        correction_note=correction_note,
        override_reason=override_reason,
        expected_version=expected_version,
        require_version=require_version,
    )


class StatedError(ValueError):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def stated_entry(*, indicator: Indicator, stated_prev_month=None, stated_same_period=None,
                 base_prev_month=None, base_same_period=None) -> dict:  # fmt: skip
    """``Value.stated`` from the cells of a row (or the grid's fields): the change the source
    states against each base, with the base figure when the source gives it."""
    from . import changes

    kind = changes.kind_of(indicator)
    out = {}
    for base, raw, raw_base in (
        (changes.PREV_MONTH, stated_prev_month, base_prev_month),
        (changes.SAME_PERIOD, stated_same_period, base_same_period),
    ):
        try:
            entry = changes.parse_stated(raw, kind=kind)
        except ValueError as exc:
            raise StatedError(f"stated_{base}", str(exc)) from exc
        try:
            base_value = parse_number(raw_base, decimals_hint=indicator.decimals)
        except NotANumber as exc:
            raise StatedError(f"base_{base}", _("“%(raw)s” không phải là số.") % {"raw": raw_base}) from exc
        if entry is None:
            if base_value is not None:
                raise StatedError(
                    f"stated_{base}", _("có số liệu so sánh theo báo cáo nhưng không có mức thay đổi theo báo cáo.")
                )
            continue
        entry["base_value"] = parts.plain(base_value)
        out[base] = entry
    return out


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
            value = parse_number(split_unit_words(raw, ind), decimals_hint=ind.decimals)
        except ValueError as exc:
            errors[ind.pk] = (
                str(exc) if not isinstance(exc, NotANumber) else _("“%(raw)s” không phải là số.") % {"raw": raw}
            )
            continue
        stated = None
        if f"stated_prev-{ind.pk}" in data or f"stated_same-{ind.pk}" in data:
            try:
                stated = stated_entry(
                    indicator=ind,
                    stated_prev_month=data.get(f"stated_prev-{ind.pk}", ""),
                    stated_same_period=data.get(f"stated_same-{ind.pk}", ""),
                )
            except StatedError as exc:
                errors[ind.pk] = str(exc)
                continue
            stated["_keep_bases"] = True
        entries[ind.pk] = Entry(value=value, note=note, stated=stated)
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

"""Reads of statistics: what a reader may see, with changes computed from stored
values, in a fixed number of queries whatever the number of indicators or months."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.formatting import format_number
from portal.core.i18n import current_language

from . import changes
from .models import AnnouncedRelease, Correction, Indicator, Release, Value

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def localized(obj, name: str, language: str | None = None) -> str:
    language = language or current_language()
    if language == "en":
        return getattr(obj, f"{name}_en", "") or getattr(obj, name)
    return getattr(obj, name)


def places(value: Decimal | None) -> int:
    """The number of decimals a stored value really has ("12.5" -> 1, "12.500000" -> 0)."""
    if value is None:
        return 0
    text = f"{value:f}"
    if "." not in text:
        return 0
    return len(text.split(".", 1)[1].rstrip("0"))


def shown_decimals(value: Decimal | None, decimals: int) -> int:
    """What you see is what you download: the indicator's decimals, or more when the stored
    value has more (12,5 in a 0-decimal indicator shows 12,5, never 13)."""
    return max(int(decimals or 0), places(value))


def plain_number(value: Decimal | None) -> str:
    """ "11.496", "1383": dot decimals, no thousands separators, no trailing zeros."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def compute_change(current: Decimal | None, base: Decimal | None) -> Decimal | None:
    """Percentage change from ``base`` to ``current``, two decimals; None when either is
    missing or the base is zero."""
    if current is None or base is None or base == 0:
        return None
    return ((current - base) / abs(base) * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def previous_period(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


# -- releases ------------------------------------------------------------------------------


def visible_releases(user) -> QuerySet[Release]:
    return Release.objects.visible_to(user).order_by("-year", "-month")


def release_for_period(user, year: int, month: int) -> Release | None:
    return visible_releases(user).filter(year=year, month=month).first()


def latest_release(user) -> Release | None:
    return visible_releases(user).first()


def archive(user) -> list[dict]:
    """Visible releases grouped by year, newest first."""
    years: dict[int, list[Release]] = {}
    for release in visible_releases(user).only("id", "year", "month", "publish_at"):
        years.setdefault(release.year, []).append(release)
    return [{"year": y, "releases": rs} for y, rs in years.items()]


def upcoming_releases(now=None) -> list[dict]:
    """The calendar: announced periods and scheduled releases whose time has not come.
    Only the period and the time are shown, never a value."""
    now = now or timezone.now()
    entries: dict[tuple[int, int], dict] = {}
    for a in AnnouncedRelease.objects.filter(planned_at__gt=now, cancelled=False):
        entries[(a.year, a.month)] = {"year": a.year, "month": a.month, "at": a.planned_at, "note": a.note}
    scheduled = Release.objects.filter(live=True, is_internal=False, publish_at__gt=now).values_list(
        "year", "month", "publish_at"
    )
    for year, month, at in scheduled:
        entries[(year, month)] = {"year": year, "month": month, "at": at, "note": ""}
    published = set()
    if entries:
        published = set(
            Release.objects.public(now)
            .filter(Q(*[Q(year=y, month=m) for y, m in entries], _connector=Q.OR))
            .values_list("year", "month")
        )
    out = [e for key, e in entries.items() if key not in published]
    for e in out:
        e["period_label"] = f"{e['month']:02d}/{e['year']}"
    return sorted(out, key=lambda e: e["at"])


def calendar_entries(now=None) -> list[dict]:
    """The iCalendar feed: every announced release (cancelled ones kept, marked), every
    scheduled one and every published one, past releases included, so that a subscribed
    calendar keeps its history and learns of moves (``sequence``) and cancellations.
    Two queries."""
    now = now or timezone.now()
    entries: dict[tuple[int, int], dict] = {}
    for a in AnnouncedRelease.objects.all():
        entries[(a.year, a.month)] = {
            "year": a.year, "month": a.month, "at": a.planned_at, "note": a.note,
            "sequence": a.sequence, "cancelled": a.cancelled, "published": False,
        }  # fmt: skip
    releases = Release.objects.filter(live=True, is_internal=False, publish_at__isnull=False).values_list(
        "year", "month", "publish_at", "version"
    )
    for year, month, at, version in releases:
        announced = entries.get((year, month))
        entries[(year, month)] = {
            "year": year,
            "month": month,
            "at": at,
            "note": announced["note"] if announced else "",
            # the release's own saves and the calendar entry's changes both move it on
            "sequence": (announced["sequence"] if announced else 0) + version,
            "cancelled": False,
            "published": at <= now,
        }
    for e in entries.values():
        e["period_label"] = f"{e['month']:02d}/{e['year']}"
    return sorted(entries.values(), key=lambda e: e["at"])


def corrections_of(release: Release) -> list[Correction]:
    return list(release.corrections.filter(applied_at__isnull=False).order_by("number"))


# -- one release as tables -----------------------------------------------------------------


@dataclass
class Row:
    indicator: Indicator
    code: str
    name: str
    unit: str
    decimals: int
    value: Decimal | None
    note: str
    depth: int
    previous: Decimal | None = None
    year_ago: Decimal | None = None
    # stats.changes.Change (computed by the indicator's kind, or stated by the source)
    mom: changes.Change | None = None
    yoy: changes.Change | None = None
    definition: str = ""
    source_unit: str = ""
    parent_code: str | None = None
    kind: str = ""
    stated: dict = field(default_factory=dict)
    # corrections.Amendment of this figure by applied corrections (old -> new), newest last
    corrected: list = field(default_factory=list)

    @property
    def value_display(self) -> str:
        return format_number(self.value, shown_decimals(self.value, self.decimals), current_language())

    @property
    def previous_display(self) -> str:
        return format_number(self.previous, shown_decimals(self.previous, self.decimals), current_language())

    @property
    def year_ago_display(self) -> str:
        return format_number(self.year_ago, shown_decimals(self.year_ago, self.decimals), current_language())

    @property
    def base_previous(self) -> Decimal | None:
        """The previous month's figure shown beside the change (a published one, or the
        base stated with the figure)."""
        return self.previous if self.previous is not None else (self.mom.base_value if self.mom else None)

    @property
    def base_year_ago(self) -> Decimal | None:
        return self.year_ago if self.year_ago is not None else (self.yoy.base_value if self.yoy else None)

    @property
    def base_previous_display(self) -> str:
        v = self.base_previous
        return format_number(v, shown_decimals(v, self.decimals), current_language())

    @property
    def base_year_ago_display(self) -> str:
        v = self.base_year_ago
        return format_number(v, shown_decimals(v, self.decimals), current_language())


@dataclass
class SectorTable:
    code: str
    name: str
    rows: list[Row] = field(default_factory=list)


def all_indicators() -> list[Indicator]:
    return list(
        Indicator.objects.select_related("sector", "parent").order_by("sector__order", "sector_id", "order", "id")
    )


def _meta(entry: dict, name: str, language: str) -> str:
    if language == "en":
        return entry.get(f"{name}_en") or entry.get(name) or ""
    return entry.get(name) or ""


def release_table(
    *,
    release: Release,
    user,
    snapshot: dict | None = None,
    pending: bool = False,
    include_empty: bool = False,
) -> list[SectorTable]:
    """The release's values by sector, with the previous month's and the same month a
    year earlier (from releases ``user`` may see) and the computed changes. Three
    queries. Names, units, decimals and sectors are the release's own (fixed when it was
    approved: ``Release.catalogue``), not the catalogue's of today. ``snapshot`` replaces
    the figures (and indicators) with a superseded version's; ``pending`` shows the change
    awaiting approval (previews)."""
    from . import parts

    language = current_language()
    indicators = all_indicators()
    py, pm = previous_period(release.year, release.month)
    bases = {
        (y, m): rid
        for y, m, rid in Release.objects.visible_to(user)
        .filter(Q(year=py, month=pm) | Q(year=release.year - 1, month=release.month))
        .values_list("year", "month", "id")
    }
    prev_id = bases.get((py, pm))
    year_ago_id = bases.get((release.year - 1, release.month))
    ids = {i for i in (prev_id, year_ago_id) if i}
    if not pending and snapshot is None:
        ids.add(release.pk)
    rows_by_release: dict[int, dict[int, tuple]] = {}
    if ids:
        for rid, ind_id, value, note, note_en, stated in Value.objects.filter(release_id__in=ids).values_list(
            "release_id", "indicator_id", "value", "note", "note_en", "stated"
        ):
            rows_by_release.setdefault(rid, {})[ind_id] = (
                value,
                note_en if language == "en" and note_en else note,
                stated or {},
            )
    catalogue = release.catalogue
    if pending:
        working = wf_working_parts(release)
        by_code = working[parts.VALUES.key]
        catalogue = working[parts.CATALOGUE.key]
        current = {}
        for ind in indicators:
            if ind.code in by_code:
                value, note, note_en, stated = parts.unpack(by_code[ind.code])
                current[ind.pk] = (value, note_en if language == "en" and note_en else note, stated)
    elif snapshot is not None:
        by_code = snapshot.get("values", {})
        catalogue = snapshot.get("catalogue") or catalogue
        current = {}
        for ind in indicators:
            if ind.code in by_code:
                raw = by_code[ind.code]
                note = raw.get("note_en") if language == "en" and raw.get("note_en") else raw.get("note", "")
                current[ind.pk] = (parts.to_decimal(raw.get("value")), note, raw.get("stated") or {})
    else:
        current = rows_by_release.get(release.pk, {})
    previous = rows_by_release.get(prev_id, {}) if prev_id else {}
    year_ago = rows_by_release.get(year_ago_id, {}) if year_ago_id else {}
    tables: dict[str, SectorTable] = {}
    for ind in indicators:
        value, note, stated = current.get(ind.pk, (None, "", {}))
        if value is None and not include_empty:
            continue
        entry = (catalogue or {}).get(ind.code) or parts.catalogue_entry(ind)
        prev_value = previous.get(ind.pk, (None,))[0]
        ago_value = year_ago.get(ind.pk, (None,))[0]
        kind = entry.get("kind") or changes.kind_of(ind)
        decimals = int(entry.get("decimals", ind.decimals) or 0)
        common = {
            "kind": kind,
            "current": value,
            "unit": entry.get("unit") or "",
            "unit_en": entry.get("unit_en") or entry.get("unit") or "",
            "year": release.year,
            "month": release.month,
            "decimals": decimals,
        }
        sector = entry.get("sector") or ind.sector.code
        table = tables.get(sector)
        if table is None:
            name = _meta({"name": entry.get("sector_name"), "name_en": entry.get("sector_name_en")}, "name", language)
            table = tables[sector] = SectorTable(code=sector, name=name or localized(ind.sector, "name", language))
        table.rows.append(
            Row(
                indicator=ind,
                code=ind.code,
                name=_meta(entry, "name", language),
                unit=_meta(entry, "unit", language),
                decimals=decimals,
                value=value,
                note=note,
                depth=1 if entry.get("parent") else 0,
                previous=prev_value,
                year_ago=ago_value,
                mom=changes.change(
                    base=changes.PREV_MONTH, base_value=prev_value, stated=stated.get(changes.PREV_MONTH), **common
                ),
                yoy=changes.change(
                    base=changes.SAME_PERIOD, base_value=ago_value, stated=stated.get(changes.SAME_PERIOD), **common
                ),
                definition=_meta(entry, "definition", language),
                source_unit=entry.get("source_unit") or "",
                parent_code=entry.get("parent"),
                kind=kind,
                stated=stated,
            )
        )
    return list(tables.values())


def wf_working_parts(release: Release) -> dict:
    from portal.editorial import services as wf

    return wf.working_parts(release)


def breakdown_problems(*, indicators: list[Indicator], values: dict[int, Decimal | None]) -> list[str]:
    """Totals whose parts do not add up, as Vietnamese sentences for the admin."""
    problems = []
    by_parent: dict[int, list[Indicator]] = {}
    for ind in indicators:
        if ind.parent_id:
            by_parent.setdefault(ind.parent_id, []).append(ind)
    for ind in indicators:
        parts = by_parent.get(ind.pk)
        total = values.get(ind.pk)
        if not parts or total is None:
            continue
        known = [values.get(p.pk) for p in parts if values.get(p.pk) is not None]
        if not known:
            continue
        added = sum(known, Decimal(0))
        if added != total:
            problems.append(
                _("“%(name)s” là %(total)s nhưng các thành phần (%(parts)s) cộng lại được %(sum)s.")
                % {
                    "name": ind.name,
                    "total": format_number(total, ind.decimals),
                    "parts": ", ".join(p.name for p in parts),
                    "sum": format_number(added, ind.decimals),
                }
            )
    return problems


def release_grid(release: Release, *, posted=None, errors: dict[int, str] | None = None) -> dict:
    """The admin's grid of a release, every indicator by sector: the figure and note editors
    work on (the change awaiting approval, else the rows; or, given ``posted``, what was
    just posted, shown again with its ``errors``), what readers see beside it on a live
    release, and the values of the previous month and of the same month a year before.
    A fixed number of queries whatever the number of indicators."""
    from . import parts

    indicators = all_indicators()
    working = wf_working_parts(release)[parts.VALUES.key]
    published = parts.value_rows(release) if release.live else {}
    py, pm = previous_period(release.year, release.month)
    ago = (release.year - 1, release.month)
    base = {
        (r.year, r.month): r.pk
        for r in Release.objects.filter(year__in=[py, ago[0]], month__in=[pm, ago[1]]).only("id", "year", "month")
    }
    earlier = {
        (release_id, indicator_id): value
        for release_id, indicator_id, value in Value.objects.filter(
            release_id__in=[pk for pk in (base.get((py, pm)), base.get(ago)) if pk]
        ).values_list("release_id", "indicator_id", "value")
    }
    sectors: list[dict] = []
    for ind in indicators:
        row = working.get(ind.code)
        shown_row = published.get(ind.code)
        if posted is not None:
            value, note = posted.get(f"value-{ind.pk}", ""), posted.get(f"note-{ind.pk}", "")
            stated_prev = posted.get(f"stated_prev-{ind.pk}", "")
            stated_same = posted.get(f"stated_same-{ind.pk}", "")
        else:
            working_value, note, _note_en, stated = parts.unpack(row)
            value = format_number(working_value) if working_value is not None else ""
            stated_prev = stated_text(stated.get(changes.PREV_MONTH))
            stated_same = stated_text(stated.get(changes.SAME_PERIOD))
        published_value = parts.to_decimal(shown_row[0]) if shown_row else None
        pending = release.has_unpublished_changes and (list(row or []) != list(shown_row or []))
        if not sectors or sectors[-1]["sector"].pk != ind.sector_id:
            sectors.append({"sector": ind.sector, "rows": []})
        sectors[-1]["rows"].append(
            {
                "indicator": ind,
                "value": value,
                "note": note,
                "stated_prev": stated_prev,
                "stated_same": stated_same,
                "pending": bool(release.live and pending),
                "published": format_number(published_value, ind.decimals) if published_value is not None else "",
                "previous": format_number(earlier.get((base.get((py, pm)), ind.pk)), ind.decimals),
                "year_ago": format_number(earlier.get((base.get(ago), ind.pk)), ind.decimals),
                "error": (errors or {}).get(ind.pk, ""),
            }
        )
    return {
        "sectors": sectors,
        "previous_label": f"{pm:02d}/{py}",
        "year_ago_label": f"{ago[1]:02d}/{ago[0]}",
    }


def stated_text(entry: dict | None) -> str:
    """A stated change as editors type it: "+3%", "-9,29%", "6", "-5 điểm phần trăm"."""
    if not entry or entry.get("amount") in (None, ""):
        return ""
    amount = Decimal(str(entry["amount"]))
    text = ("+" if amount > 0 else "") + format_number(amount)
    return text + {"%": "%", "pp": " điểm phần trăm"}.get(entry.get("unit"), "")


def release_breakdown_problems(release: Release, *, pending: bool = True) -> list[str]:
    """Totals whose parts do not add up, in the figures editors see (``pending``: the
    change awaiting approval) or in the rows (what readers see)."""
    from . import parts

    indicators = all_indicators()
    by_code = wf_working_parts(release)[parts.VALUES.key] if pending else parts.value_rows(release)
    ids = {ind.code: ind.pk for ind in indicators}
    values = {ids[code]: parts.to_decimal(row[0]) for code, row in by_code.items() if code in ids}
    return breakdown_problems(indicators=indicators, values=values)


# -- one indicator over time -----------------------------------------------------------------


@dataclass
class Point:
    year: int
    month: int
    value: Decimal
    decimals: int
    mom: changes.Change | None = None
    yoy: changes.Change | None = None
    stated: dict = field(default_factory=dict)

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def period_label(self) -> str:
        return f"{self.month:02d}/{self.year:04d}"

    @property
    def value_display(self) -> str:
        return format_number(self.value, shown_decimals(self.value, self.decimals), current_language())


def indicator_by_code(code: str) -> Indicator | None:
    return Indicator.objects.select_related("sector", "parent").filter(code=code).first()


def indicator_series(*, indicator: Indicator, user) -> list[Point]:
    """Every visible release's value of the indicator, oldest first. One query."""
    # Each release's own number of decimals for the indicator (as it was approved).
    decimals = KeyTextTransform("decimals", KeyTransform(indicator.code, "release__catalogue"))
    rows = (
        Value.objects.filter(
            indicator=indicator,
            value__isnull=False,
            release__in=Release.objects.visible_to(user).values("pk"),
        )
        .annotate(release_decimals=decimals)
        .order_by("release__year", "release__month")
        .values_list("release__year", "release__month", "value", "release_decimals", "stated")
    )
    points = [
        Point(year=y, month=m, value=v, decimals=int(d) if d not in (None, "") else indicator.decimals, stated=st or {})
        for y, m, v, d, st in rows
    ]
    by_period = {(p.year, p.month): p.value for p in points}
    kind = changes.kind_of(indicator)
    for p in points:
        common = {
            "kind": kind,
            "current": p.value,
            "unit": indicator.unit,
            "unit_en": indicator.unit_en or indicator.unit,
            "year": p.year,
            "month": p.month,
            "decimals": p.decimals,
        }
        p.mom = changes.change(
            base=changes.PREV_MONTH,
            base_value=by_period.get(previous_period(p.year, p.month)),
            stated=p.stated.get(changes.PREV_MONTH),
            **common,
        )
        p.yoy = changes.change(
            base=changes.SAME_PERIOD,
            base_value=by_period.get((p.year - 1, p.month)),
            stated=p.stated.get(changes.SAME_PERIOD),
            **common,
        )
    return points


# -- search and home ---------------------------------------------------------------------------


def release_document(release: Release) -> dict:
    """The search document of a release: its title and every value in words. It is
    indexed with the release's publish time, so search hides it during the embargo."""
    from django.contrib.auth.models import AnonymousUser

    lines = []
    for table in release_table(release=release, user=AnonymousUser()):
        lines.append(table.name)
        for row in table.rows:
            sep = "" if row.unit == "%" else " "
            lines.append(f"{row.name}: {row.value_display}{sep}{row.unit}. {row.note}".strip())
            if row.indicator.name_en:
                lines.append(row.indicator.name_en)
    title = str(release)
    return {
        "kind": _("Thống kê"),
        "title": title,
        "summary": release.summary or release.notes or title,
        "body": "\n".join(lines),
        "url": release.get_absolute_url(),
        "language": "vi",
    }


def indicator_document(indicator: Indicator) -> list[dict]:
    """An indicator's search documents, one per language: names, unit and definition, never a
    value. Undated (``date`` None): a reference item ranks after dated results of the same
    relevance and shows no date (portal/search/registry.py)."""
    from django.utils import translation

    common = {
        "kind": _("Chỉ tiêu thống kê"),
        "date": None,
        "is_internal": False,
        "publish_at": timezone.now(),
        "expire_at": None,
    }
    vi = {
        **common,
        "language": "vi",
        "title": indicator.name,
        "keywords": f"{indicator.sector.name} {indicator.code}",
        "summary": indicator.definition or indicator.name,
        "body": f"{indicator.name} ({indicator.unit}). {indicator.sector.name}. {indicator.definition}".strip(),
        "url": indicator.get_absolute_url(),
    }
    if not indicator.name_en:
        return [vi]
    with translation.override("en"):
        url_en = indicator.get_absolute_url()
    en = {
        **common,
        "language": "en",
        "title": indicator.name_en,
        "keywords": f"{indicator.sector.name_en} {indicator.code}",
        "summary": indicator.definition_en or indicator.name_en,
        "body": f"{indicator.name_en} ({indicator.unit_en}). {indicator.sector.name_en}. {indicator.definition_en}".strip(),
        "url": url_en,
    }
    return [vi, en]


def home_section(request):
    release = latest_release(request.user)
    upcoming = upcoming_releases()[:3]
    if release is None and not upcoming:
        return None
    headlines = []
    if release is not None:
        for table in release_table(release=release, user=request.user):
            row = next((r for r in table.rows if r.depth == 0), None)
            if row:
                headlines.append({"sector": table.name, "row": row})
    return {
        "template": "stats/_home_section.html",
        "release": release,
        "headlines": headlines[:6],
        "upcoming": upcoming,
    }


# -- status and corrections of a release ---------------------------------------------------


@dataclass(frozen=True)
class Amendment:
    """One figure changed by a correction: old -> new, when and why."""

    number: int
    date: object  # datetime the correction was applied
    reason: str
    code: str
    old: Decimal | None
    new: Decimal | None


def amendments(release: Release, corrections: list[Correction], current: dict[str, Decimal | None]) -> list[Amendment]:
    """Every figure each applied correction changed (``current``: the figures now, by
    code), oldest correction first. No query."""
    from . import parts

    out = []
    english = current_language() == "en"
    ordered = sorted(corrections, key=lambda c: c.number)
    for i, c in enumerate(ordered):
        before = {k: parts.to_decimal(v.get("value")) for k, v in ((c.superseded or {}).get("values") or {}).items()}
        if i + 1 < len(ordered):
            nxt = (ordered[i + 1].superseded or {}).get("values") or {}
            after = {k: parts.to_decimal(v.get("value")) for k, v in nxt.items()}
        else:
            after = current
        for code in sorted(set(before) | set(after)):
            if before.get(code) != after.get(code):
                out.append(
                    Amendment(number=c.number, date=c.applied_at, reason=(c.note_en if english and c.note_en else c.note), code=code,
                              old=before.get(code), new=after.get(code))
                )  # fmt: skip
    return out


def mark_amendments(tables: list[SectorTable], found: list[Amendment]) -> None:
    by_code: dict[str, list[Amendment]] = {}
    for a in found:
        by_code.setdefault(a.code, []).append(a)
    for table in tables:
        for row in table.rows:
            row.corrected = by_code.get(row.code, [])


STATUS_OFFICIAL, STATUS_PROVISIONAL, STATUS_REVISED = "official", "provisional", "revised"


def release_status(release: Release, corrections: list[Correction]) -> tuple[str, str]:
    """(code, label): "revised"/"đã đính chính", "provisional"/"sơ bộ", "official"/"chính thức"."""
    if corrections:
        return STATUS_REVISED, _("đã đính chính")
    if release.provisional:
        return STATUS_PROVISIONAL, _("sơ bộ")
    return STATUS_OFFICIAL, _("chính thức")


def next_release(release: Release, now=None):
    """When the next release is due: the release's own date, else the calendar's next
    announced release after this period."""
    if release.next_release_at:
        return release.next_release_at
    after = (
        AnnouncedRelease.objects.filter(
            Q(year__gt=release.year) | Q(year=release.year, month__gt=release.month), cancelled=False
        )
        .order_by("year", "month")
        .first()
    )
    return after.planned_at if after else None


def bulk_rows(user):
    """Every figure of every release ``user`` may see, one row per indicator × period,
    by indicator then period: (period, sector code, code, name, unit, kind, value, note).
    One query, streamed."""
    language = current_language()
    indicators = {i.pk: i for i in all_indicators()}
    rows = (
        Value.objects.filter(value__isnull=False, release__in=Release.objects.visible_to(user).values("pk"))
        .order_by("indicator__sector__order", "indicator__order", "indicator_id", "release__year", "release__month")
        .values_list("indicator_id", "release__year", "release__month", "value", "note", "note_en")
        .iterator(chunk_size=2000)
    )
    for ind_id, year, month, value, note, note_en in rows:
        ind = indicators[ind_id]
        yield [
            f"{year:04d}-{month:02d}",
            ind.sector.code,
            ind.code,
            localized(ind, "name", language),
            localized(ind, "unit", language),
            changes.kind_of(ind),
            plain_number(value),
            note_en if language == "en" and note_en else note,
        ]

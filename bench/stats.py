"""Scale data for statistics: twenty years of monthly releases, each with a value for every
indicator of the catalogue, and their search documents.

The rows are written in bulk, but the workflow decides what they hold: the bench reporter
creates each release a few days after the month ended with its figures (a ``save``
revision), submits it, and the bench board member approves it ahead of its release time,
about the 10th of the next month (scheduled) — ``common.published_history``, i.e.
``portal.editorial.services.replay``: state, ``live``, ``version``, times, the audit rows
and the revisions, whose data holds the release's registered parts (its figures and the
catalogue it shows, ``stats/parts.py``) as ``serialize`` gives them. What the approval
hook adds (``stats.services.after_publish``: the catalogue fixed at approval) is set too.
The search documents are made by ``portal.search.services.index_item`` itself.

Idempotent: periods that already have a release (the demo's, or an earlier run's) are
left alone, and only live releases and indicators missing from the index are indexed.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone, translation

from portal.editorial.services import History
from portal.editorial.signals import content_changed
from portal.search.models import SearchDocument
from portal.search.services import index_item
from stats.models import Indicator, Release, Value
from stats.parts import CATALOGUE, VALUES, current_catalogue, plain

from .common import copy_instances, published_history, reserve_ids, write_history

VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEARS = 20


@dataclass(frozen=True)
class Profile:
    """How an indicator moves. ``kind``:

    - ``level``: a level with a yearly ``growth`` and relative ``noise`` (counts in the
      month, subscriptions, revenue of the month);
    - ``ytd``: cumulative since January (the month's flow grows by ``growth`` a year);
    - ``adoption``: a share of ``cap`` (100 for a percentage, 63 provinces…) on a logistic
      curve whose logit rises by ``growth`` a year (``noise`` in logit units);
    - ``rate``: a percentage change around ``center`` (``noise`` in points), higher in
      January (the Lunar New Year peak);
    - ``share_of``: a share of indicator ``of`` (the anchor's share, drifting by ``growth``
      a year, relative).

    ``monotone``: never decreases (a cumulative total, a count of provinces).
    ``default``: the level at the end of the window when the database has no figure."""

    kind: str = "level"
    growth: float = 0.05
    noise: float = 0.03
    default: float = 1000.0
    cap: float | None = None
    monotone: bool = False
    center: float = 15.0
    of: str = ""


# The catalogue of the January 2022 release (stats/catalogue.py). Levels are anchored on
# each indicator's latest published figure, so the series run through the real ones.
PROFILES = {
    "bc-tang-truong-doanh-thu": Profile("rate", center=15, noise=6, default=15),
    "vt-doanh-thu": Profile("ytd", growth=0.03, noise=0.03, default=11.496),
    "vt-thue-bao-smartphone": Profile(growth=0.08, noise=0.005, default=91.32),
    "vt-bang-rong-co-dinh-hgd": Profile(growth=0.10, noise=0.005, default=18.66),
    "ud-dvctt-muc-do-4": Profile("adoption", growth=0.3, noise=0.03, cap=100, default=96.74),
    "ud-ket-noi-csdl-dan-cu": Profile("adoption", growth=0.45, noise=0.05, cap=63, monotone=True, default=63),
    "ud-kien-truc-cqdt": Profile("adoption", growth=0.35, noise=0.05, cap=63, monotone=True, default=54),
    "ud-ke-hoach-cntt-5-nam": Profile("adoption", growth=0.35, noise=0.05, cap=63, monotone=True, default=54),
    "ud-chuong-trinh-cds": Profile("adoption", growth=0.4, noise=0.05, cap=63, monotone=True, default=52),
    "at-su-co-tan-cong": Profile(growth=0.07, noise=0.15, default=1383),  # the sum of its parts when it has some
    "at-phishing": Profile(growth=0.08, noise=0.2, default=197),
    "at-deface": Profile(growth=0.02, noise=0.25, default=125),
    "at-malware": Profile(growth=0.1, noise=0.15, default=1061),
    "at-ip-botnet": Profile(growth=0.03, noise=0.08, default=879342),
    "at-chung-thu-so-da-cap": Profile(growth=0.14, noise=0.002, monotone=True, default=4581000),
    "at-chung-thu-so-hoat-dong": Profile(
        "share_of", of="at-chung-thu-so-da-cap", growth=-0.02, noise=0.005, default=1690000
    ),
    "cn-doanh-thu-ict": Profile(growth=0.12, noise=0.06, default=222762),
    "bc-co-quan-bao-chi": Profile(growth=0.005, noise=0.002, default=816),
    "bc-bao-hai-loai-hinh": Profile(growth=0.03, noise=0.003, default=114),
    "bc-tap-chi-hai-loai-hinh": Profile(growth=0.04, noise=0.003, default=116),
    "bc-bao-tap-chi-in": Profile(growth=-0.01, noise=0.002, default=557),
    "bc-bao-tap-chi-dien-tu": Profile(growth=0.05, noise=0.01, default=29),
    "bc-thue-bao-truyen-hinh-tra-tien": Profile(growth=0.06, noise=0.005, default=16.4),
    "bc-mang-xa-hoi": Profile(growth=0.15, noise=0.005, default=854),
    "bc-tai-khoan-mang-xa-hoi": Profile(growth=0.12, noise=0.01, default=97),
    "bc-dai-truyen-thanh-xa": Profile("adoption", growth=0.1, noise=0.01, cap=10599, monotone=True, default=9792),
    "bc-dai-truyen-thanh-cntt": Profile(growth=0.25, noise=0.003, monotone=True, default=634),
}


def profile_of(indicator: Indicator) -> Profile:
    """The indicator's profile; an indicator added in the admin gets one from its unit."""
    if indicator.code in PROFILES:
        return PROFILES[indicator.code]
    if indicator.unit.strip() == "%":
        if "tăng trưởng" in indicator.name.lower():
            return Profile("rate", center=10, noise=5)
        return Profile("adoption", growth=0.2, noise=0.03, cap=100, default=50)
    return Profile()


# -- periods and times ----------------------------------------------------------------------


def release_time(year: int, month: int) -> dt.datetime:
    """09:00 on the 10th of the next month, or the nearest working day."""
    ny, nm = (year + 1, 1) if month == 12 else (year, month + 1)
    day = dt.date(ny, nm, 10)
    if day.weekday() == 5:
        day -= dt.timedelta(days=1)
    elif day.weekday() == 6:
        day += dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN)


def window(now: dt.datetime, years: int) -> list[tuple[int, int]]:
    """``years`` × 12 periods, oldest first, ending with the latest one whose release
    time has passed."""
    local = timezone.localtime(now, VN)
    index = local.year * 12 + local.month - 1 - 1  # last month
    while release_time(*divmod_period(index)) > now:
        index -= 1
    return [divmod_period(i) for i in range(index - years * 12 + 1, index + 1)]


def divmod_period(index: int) -> tuple[int, int]:
    year, month0 = divmod(index, 12)
    return year, month0 + 1


def period_index(year: int, month: int) -> int:
    return year * 12 + month - 1


# -- values -----------------------------------------------------------------------------------


def quantize(value: float, decimals: int) -> Decimal:
    return Decimal(repr(max(value, 0.0))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _logit(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return math.log(p / (1 - p))


def anchors() -> dict[int, tuple[int, float]]:
    """Each indicator's latest figure in a live release: (period index, value)."""
    rows = (
        Value.objects.filter(value__isnull=False, release__live=True)
        .order_by("indicator_id", "-release__year", "-release__month")
        .distinct("indicator_id")
        .values_list("indicator_id", "release__year", "release__month", "value")
    )
    return {ind: (period_index(y, m), float(v)) for ind, y, m, v in rows}


def series(
    *, indicators: list[Indicator], periods: list[tuple[int, int]], rng
) -> dict[int, dict[tuple[int, int], Decimal]]:
    """indicator id -> period -> value, for every indicator and period. A total with parts
    is the exact sum of its parts (so the admin's breakdown check passes)."""
    known = anchors()
    end = period_index(*periods[-1])
    by_id = {i.pk: i for i in indicators}
    by_code = {i.code: i for i in indicators}
    parts: dict[int, list[Indicator]] = {}
    for ind in indicators:
        if ind.parent_id in by_id:
            parts.setdefault(ind.parent_id, []).append(ind)
    out: dict[int, dict[tuple[int, int], Decimal]] = {}
    raw: dict[int, dict[tuple[int, int], float]] = {}  # unrounded, for share_of

    def anchor_of(ind: Indicator, prof: Profile) -> tuple[int, float]:
        if ind.pk in known:
            return known[ind.pk]
        parent = by_id.get(ind.parent_id)
        if parent is not None and parent.pk in known:
            # A new part of a known total: share what its known siblings leave.
            siblings = parts[parent.pk]
            at, total = known[parent.pk]
            rest = total - sum(known[s.pk][1] for s in siblings if s.pk in known)
            unknown = sum(1 for s in siblings if s.pk not in known)
            if rest > 0 and unknown:
                return at, rest / unknown
        return end, prof.default

    def compute(ind: Indicator) -> None:
        if ind.pk in out:
            return
        if ind.pk in parts:
            for part in parts[ind.pk]:
                compute(part)
            out[ind.pk] = {p: sum((out[c.pk][p] for c in parts[ind.pk]), Decimal(0)) for p in periods}
            raw[ind.pk] = {p: float(v) for p, v in out[ind.pk].items()}
            return
        prof = profile_of(ind)
        at, level = anchor_of(ind, prof)
        values: dict[tuple[int, int], float] = {}
        if prof.kind == "ytd":
            monthly = level / (at % 12 + 1)
            flows = {}
            for year in sorted({y for y, _ in periods}):
                total = 0.0
                for month in range(1, 13):
                    t = (period_index(year, month) - at) / 12
                    total += monthly * (1 + prof.growth) ** t * max(0.0, 1 + rng.gauss(0, prof.noise))
                    flows[(year, month)] = total
            values = {p: flows[p] for p in periods}
        else:
            other = by_code.get(prof.of) if prof.kind == "share_of" else None
            if other is not None:
                compute(other)
                base = known.get(other.pk, (end, profile_of(other).default))[1]
                share = level / base if base else 0.4
            for p in periods:
                t = (period_index(*p) - at) / 12
                if prof.kind == "adoption" and prof.cap:
                    x = _logit(level / prof.cap) + prof.growth * t + rng.gauss(0, prof.noise)
                    values[p] = prof.cap / (1 + math.exp(-x))
                elif prof.kind == "rate":
                    values[p] = prof.center + (8 if p[1] == 1 else 0) + rng.gauss(0, prof.noise)
                elif other is not None:
                    s = min(0.95, share * (1 + prof.growth) ** t * (1 + rng.gauss(0, prof.noise)))
                    values[p] = raw[other.pk][p] * s
                else:
                    values[p] = level * (1 + prof.growth) ** t * max(0.0, 1 + rng.gauss(0, prof.noise))
        if prof.monotone:
            top = 0.0
            for p in periods:
                top = max(top, values[p])
                values[p] = top
        if prof.kind == "rate":
            out[ind.pk] = {p: _signed(v, ind.decimals) for p, v in values.items()}
        else:
            out[ind.pk] = {p: quantize(v, ind.decimals) for p, v in values.items()}
        raw[ind.pk] = values

    for ind in indicators:
        compute(ind)
    return out


def _signed(value: float, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# -- rows --------------------------------------------------------------------------------------


def _notes(year: int, month: int, at: dt.datetime) -> tuple[str, str]:
    day = at.strftime("%d/%m/%Y")
    return (
        f"Số liệu báo cáo tại Hội nghị Giao ban quản lý nhà nước tháng {month:02d}/{year} của Bộ TT&TT (Hà Nội, {day}).",
        f"Figures reported at the ministry's state management briefing for {month:02d}/{year} (Ha Noi, {day}).",
    )


def _workflow_times(publish_at: dt.datetime, rng) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
    """Created (with its figures), submitted, approved: a few working days before the
    release time, which the board approves ahead of (so the release waits, scheduled)."""
    approved = publish_at - dt.timedelta(hours=rng.randint(1, 20), minutes=rng.randint(0, 59))
    created = approved - dt.timedelta(days=rng.randint(3, 6), hours=rng.randint(0, 6), minutes=rng.randint(0, 59))
    submitted = created + dt.timedelta(seconds=(approved - created).total_seconds() * rng.uniform(0.5, 0.85))
    return created, submitted, approved


def generate(*, author, approver, stdout, rng, years: int = YEARS, now: dt.datetime | None = None) -> int:
    """Add the missing monthly releases of the last ``years`` years, published; returns
    how many were added."""
    started = time.monotonic()
    now = now or timezone.now()
    periods = window(now, years)
    indicators = list(Indicator.objects.order_by("sector__order", "sector_id", "order", "id"))
    existing = set(Release.objects.values_list("year", "month"))
    missing = [p for p in periods if p not in existing]
    stdout.write(
        f"stats: {periods[0][1]:02d}/{periods[0][0]} – {periods[-1][1]:02d}/{periods[-1][0]}, "
        f"{len(indicators)} indicators, {len(periods) - len(missing)} releases already there, "
        f"{len(missing)} to add\n"
    )
    made = 0
    if missing and indicators:
        figures = series(indicators=indicators, periods=periods, rng=rng)
        catalogue = current_catalogue()  # the indicators as every release shows them
        by_code = {ind.pk: ind.code for ind in indicators}
        releases, history = [], History()
        with transaction.atomic(), connection.cursor() as cur:
            for (year, month), pk in zip(missing, reserve_ids(cur, Release, len(missing)), strict=True):
                publish_at = release_time(year, month).astimezone(dt.UTC)  # as read back from the database
                created, submitted, approved = _workflow_times(publish_at, rng)
                notes, notes_en = _notes(year, month, publish_at)
                release = Release(pk=pk, year=year, month=month, notes=notes, notes_en=notes_en, is_internal=False)
                parts = {
                    VALUES.key: {
                        by_code[ind.pk]: [plain(figures[ind.pk][(year, month)]), "", "", {}] for ind in indicators
                    },
                    CATALOGUE.key: catalogue,
                }
                history += published_history(
                    item=release, author=author, approver=approver, created=created, submitted=submitted,
                    approved=approved, publish_at=publish_at, now=now, parts=parts,
                )  # fmt: skip
                if release.live:
                    release.catalogue = catalogue  # fixed at approval (``stats.services.after_publish``)
                releases.append(release)
            copy_instances(cur, Release, releases)
            values = [
                Value(release=release, indicator=ind, value=figures[ind.pk][(release.year, release.month)])
                for release in releases
                for ind in indicators
            ]
            Value.objects.bulk_create(values, batch_size=5000)
            write_history(cur, history)
        made = len(releases)
        stdout.write(
            f"stats: {made} releases, {len(values)} values, {len(history.revisions)} revisions, "
            f"{len(history.logs)} transitions written ({time.monotonic() - started:.1f} s)\n"
        )
    indexed = index_missing()
    if made or indexed:
        content_changed.send(sender=Release, item=None)  # what readers see has changed: cached pages are stale
    stdout.write(f"stats: {indexed} search documents added ({time.monotonic() - started:.1f} s)\n")
    return made


def index_missing() -> int:
    """What a publish (or an indicator's save) would have put in the search index, for
    the live releases and the indicators that are not there yet. The documents are
    written in Vietnamese, the site's language."""
    count = 0
    with translation.override("vi"):
        for model, qs in (
            (Release, Release.objects.filter(live=True)),
            (Indicator, Indicator.objects.select_related("sector")),
        ):
            ct = ContentType.objects.get_for_model(model)
            indexed = SearchDocument.objects.filter(content_type=ct).values("object_id")
            for item in qs.exclude(pk__in=indexed).order_by("pk"):
                index_item(item=item, visible=True if model is Indicator else None)
                count += 1
    return count


def pdf_timings(*, requests: int = 20, stdout=None) -> dict:
    """The release PDF before and after issue 12, on the newest public release: "before"
    renders on every request, as the view did (``?cb=N`` made a new PDF each time); "after"
    is the view now (``stats.pdfs``: once per version, then from storage). Wall-clock
    seconds, one process, the stored files removed first.

        DATABASE_URL=postgres://postgres@127.0.0.1:54329/bench_stats .venv/bin/python manage.py \\
            shell -c "from bench.stats import pdf_timings; pdf_timings()"
    """
    import sys

    from django.contrib.auth.models import AnonymousUser
    from django.core.files.storage import default_storage
    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory

    from portal.exports import pdf_bytes
    from stats import pdfs, selectors, views

    stdout = stdout or sys.stdout
    release = selectors.latest_release(AnonymousUser())
    path = f"/thong-ke/{release.period}.pdf"
    if default_storage.exists(pdfs.PREFIX.rstrip("/")):
        for name in default_storage.listdir(pdfs.PREFIX)[1]:
            default_storage.delete(pdfs.PREFIX + name)

    def old_view(n: int) -> float:
        request = RequestFactory().get(f"{path}?cb={n}", HTTP_HOST="127.0.0.1")
        request.user = AnonymousUser()
        started = time.perf_counter()
        context = views._context(request, release)
        context["pdf"] = True
        html = render_to_string("stats/release_pdf.html", context, request=request)
        pdf_bytes(html, request.build_absolute_uri("/"))
        return time.perf_counter() - started

    client = Client(HTTP_HOST="127.0.0.1")

    def new_view(suffix: str) -> float:
        started = time.perf_counter()
        response = client.get(path + suffix, secure=True)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        return time.perf_counter() - started

    with translation.override("vi"):
        before_first = old_view(0)
        before = [old_view(n) for n in range(1, requests + 1)]
    after_first = new_view("")
    after = [new_view(f"?cb={n}") for n in range(1, requests + 1)]
    result = {
        "path": path,
        "before_first_s": round(before_first, 3),
        "before_cb_total_s": round(sum(before), 3),
        "before_cb_max_s": round(max(before), 3),
        "after_first_s": round(after_first, 3),
        "after_cb_total_s": round(sum(after), 3),
        "after_cb_max_s": round(max(after), 3),
    }
    stdout.write(f"{result}\n")
    return result

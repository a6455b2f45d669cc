"""Answering a question with published figures only.

Two queries whatever the question: the indicator (``matching.candidates``, names and
aliases in PostgreSQL) and that indicator's figures in every release the reader may see
(``series``: ``Release.objects.visible_to(user)``, the one visibility rule, so nothing
under embargo, unpublished, withdrawn or internal is ever read), with the release's own
name, unit and decimals for it, the changes its source stated and the last correction.
Every change is decided and worded by ``stats.changes``. Nothing is estimated: a period
without a release says so and offers the nearest ones; a sum needs every month."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from portal.core.formatting import format_number
from stats import changes as stats_changes
from stats.models import Release
from stats.parts import plain

from . import matching, phrasing
from .understand import PREV_MONTH, SAME_PERIOD, Period, Understood, understand

# How many months a trend without a period shows.
TREND_MONTHS = 13


@dataclass
class Figure:
    """One published figure of the indicator, as its release shows it."""

    year: int
    month: int
    value: Decimal
    decimals: int
    name: str
    name_en: str
    unit: str
    unit_en: str
    kind: str
    stated: dict
    corrected_from: Decimal | None = None
    corrected_at: dt.datetime | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.year, self.month)

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def period_label(self) -> str:  # for stats.charts.series_line
        return f"{self.month:02d}/{self.year:04d}"

    def display(self, language: str) -> str:
        return format_number(self.value, self.decimals, language)

    @property
    def display_vi(self) -> str:
        return self.display("vi")

    @property
    def display_en(self) -> str:
        return self.display("en")


@dataclass
class ShownChange:
    """A ``stats.changes.Change`` as the answer words it: against the previous month, the
    same period a year earlier, or (``against``) another month."""

    change: stats_changes.Change
    phrase_vi: str
    phrase_en: str
    against: Figure | None = None

    @property
    def stated(self) -> bool:
        return self.change.stated

    def phrase(self, language: str) -> str:
        return self.phrase_en if language == "en" else self.phrase_vi

    def as_dict(self) -> dict:
        data = self.change.as_dict()
        data["text_vi"], data["text_en"] = self.phrase_vi, self.phrase_en
        if self.against is not None:
            data["base"] = f"month:{self.against.period}"
        return data


def shown(item) -> ShownChange:
    """``(base, change[, other figure])`` as the sentences use it."""
    base, change = item[0], item[1]
    return ShownChange(
        change=change,
        phrase_vi=phrasing.change_phrase(item, "vi"),
        phrase_en=phrasing.change_phrase(item, "en"),
        against=item[2] if base == "other" else None,
    )


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Answer:
    question: str
    language: str
    understood: Understood
    status: str = "no_indicator"  # answered, ambiguous, no_indicator, no_data, incomplete, empty
    indicator: matching.Candidate | None = None
    alternatives: list[matching.Candidate] = field(default_factory=list)
    sentence: str = ""
    value: Decimal | None = None
    figure: str = ""
    unit: str = ""
    period_code: str = ""
    period_label: str = ""
    changes: list[ShownChange] = field(default_factory=list)
    corrected: Figure | None = None
    release_url: str = ""
    series_url: str = ""
    points: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    nearest: list[Link] = field(default_factory=list)
    other_indicators: list[Link] = field(default_factory=list)
    interpretation: str = ""

    @property
    def answered(self) -> bool:
        return self.status == "answered"


def shown_condition(understood: Understood | None, today: dt.date) -> tuple[str, list]:
    """The releases whose own name, unit and decimals of the indicator are read (those the
    answer may show): reading a release's whole catalogue for each of 20 years of figures
    would cost more than the rest of the answer. Other figures use today's catalogue."""
    period = understood.period if understood else Period("latest")
    if period.kind == "latest" or period.start is None:
        if understood and understood.extreme:
            return "true", []
        return "r.year >= %s", [today.year - 1]
    if period.start[0] is None:
        return "r.month = %s", [period.start[1]]
    return "r.year BETWEEN %s AND %s", [period.start[0], period.end[0]]


SERIES_SQL = """
SELECT r.year, r.month, v.value, v.stated,
       CASE WHEN {shown} THEN r.catalogue -> %s END AS entry,
       c.old, c.applied_at
FROM stats_value v
JOIN stats_release r ON r.id = v.release_id
LEFT JOIN LATERAL (
    SELECT (c.superseded #>> ARRAY['values', %s, 'value'])::numeric AS old, c.applied_at
    FROM stats_correction c
    WHERE c.release_id = r.id AND c.applied_at IS NOT NULL
      AND (c.superseded #>> ARRAY['values', %s, 'value'])::numeric <> v.value
    ORDER BY c.number DESC
    LIMIT 1
) c ON true
WHERE v.indicator_id = %s AND v.value IS NOT NULL AND v.release_id IN ({visible})
ORDER BY r.year, r.month
"""


def series(*, indicator: matching.Candidate, user, understood: Understood | None = None, today=None) -> list[Figure]:
    """The indicator's figures in every release ``user`` may see, oldest first, with the
    release's own name, unit and decimals for it, the changes its source stated and the
    figure a correction replaced. One query; the releases are those of the one visibility
    rule (``Release.objects.visible_to``), embedded as a subquery."""
    code = indicator.code
    today = today or timezone.localdate()
    visible_sql, visible_params = Release.objects.visible_to(user).values("pk").query.sql_with_params()
    shown, shown_params = shown_condition(understood, today)
    sql = SERIES_SQL.format(shown=shown, visible=visible_sql)
    params = [*shown_params, code, code, code, indicator.indicator_id, *visible_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    out = []
    for year, month, value, stated, entry, corrected_from, corrected_at in rows:
        entry = _json(entry) or {}
        unit = entry.get("unit", indicator.unit) or ""
        out.append(
            Figure(
                year=year,
                month=month,
                value=value,
                decimals=int(entry.get("decimals", indicator.decimals) or 0),
                name=entry.get("name") or indicator.name,
                name_en=entry.get("name_en") or indicator.name_en or "",
                unit=unit,
                unit_en=entry.get("unit_en") or indicator.unit_en or unit,
                kind=entry.get("kind") or indicator.kind or stats_changes.kind_from_unit(unit),
                stated=_json(stated) or {},
                corrected_from=corrected_from,
                corrected_at=corrected_at,
            )
        )
    return out


def _json(raw):
    """jsonb as the driver gives it (Django leaves it as text)."""
    if raw is None or isinstance(raw, (dict, list)):
        return raw
    if raw == "{}":
        return {}
    return json.loads(raw)


def previous_month(key: tuple[int, int]) -> tuple[int, int]:
    year, month = key
    return (year - 1, 12) if month == 1 else (year, month - 1)


def change_of(fig: Figure, base: str, by_key: dict) -> stats_changes.Change | None:
    """The change ``stats.changes`` states for ``fig`` against ``base``: the stated one, else
    one computed from the base figure (when the reader may see it)."""
    base_key = previous_month(fig.key) if base == PREV_MONTH else (fig.year - 1, fig.month)
    base_fig = by_key.get(base_key)
    return stats_changes.change(
        base=base,
        kind=fig.kind,
        current=fig.value,
        base_value=base_fig.value if base_fig else None,
        stated=fig.stated.get(base),
        unit=fig.unit,
        unit_en=fig.unit_en,
        year=fig.year,
        month=fig.month,
        decimals=fig.decimals,
    )


def change_between(fig: Figure, base_fig: Figure) -> stats_changes.Change | None:
    """A change against any earlier month, computed (never stated) by ``stats.changes``."""
    return stats_changes.change(
        base=SAME_PERIOD,
        kind=fig.kind,
        current=fig.value,
        base_value=base_fig.value,
        unit=fig.unit,
        unit_en=fig.unit_en,
        year=fig.year,
        month=fig.month,
        decimals=fig.decimals,
    )


def ask(question: str, *, user, language: str = "vi", today: dt.date | None = None) -> Answer:
    """The answer to ``question`` for ``user`` (what the reader may see), in ``language``."""
    today = today or timezone.localdate()
    understood = understand(question, today=today)
    answer = Answer(question=question.strip(), language=language, understood=understood)
    if not answer.question:
        answer.status = "empty"
        return answer
    found = matching.candidates(understood.text)
    chosen, others = matching.decide(found)
    answer.alternatives = others[:4]
    if chosen is None:
        answer.status = "ambiguous" if found else "no_indicator"
        if not found:
            answer.alternatives = matching.closest(understood.text)
        answer.other_indicators = [_indicator_link(c, understood, language) for c in answer.alternatives]
        answer.interpretation = phrasing.interpretation(None, understood, language)
        answer.sentence = phrasing.unknown(answer, language)
        return answer
    answer.indicator = chosen
    answer.other_indicators = [_indicator_link(c, understood, language) for c in answer.alternatives]
    answer.series_url = reverse("stats:indicator", args=[chosen.code])
    figures = series(indicator=chosen, user=user, understood=understood, today=today)
    _answer_from(answer, figures, understood, language)
    answer.interpretation = phrasing.interpretation(chosen, understood, language, answer=answer)
    return answer


def _answer_from(answer: Answer, figures: list[Figure], understood: Understood, language: str) -> None:
    indicator = answer.indicator
    if not figures:
        answer.status = "no_data"
        answer.sentence = phrasing.no_figures(indicator, language)
        return
    by_key = {f.key: f for f in figures}
    period = understood.period
    if understood.trend or understood.extreme or period.kind == "range":
        _series_answer(answer, figures, by_key, understood, language)
        return
    if period.kind == "latest":
        _point_answer(answer, figures[-1], by_key, understood, language)
        return
    if period.kind == "month":
        year, month = period.start
        if year is None:
            matching_months = [f for f in figures if f.month == month]
            if matching_months:
                _point_answer(answer, matching_months[-1], by_key, understood, language)
                return
            _no_release(answer, figures, period, language)
            return
        fig = by_key.get((year, month))
        if fig is None:
            _no_release(answer, figures, period, language)
            return
        _point_answer(answer, fig, by_key, understood, language)
        return
    _aggregate_answer(answer, figures, by_key, understood, language)


def _fill(answer: Answer, fig: Figure, language: str) -> None:
    answer.value = fig.value
    answer.figure = fig.display(language)
    answer.unit = fig.unit_en if language == "en" else fig.unit
    answer.period_code = fig.period
    answer.period_label = phrasing.month_label(fig.year, fig.month, language)
    answer.release_url = reverse("stats:release", args=[fig.year, fig.month])
    if fig.corrected_from is not None:
        answer.corrected = fig


def _point_answer(answer, fig: Figure, by_key, understood: Understood, language: str) -> None:
    answer.status = "answered"
    _fill(answer, fig, language)
    wanted = understood.compare
    found = []
    if understood.compare_to and understood.compare_to != fig.key:
        base_fig = by_key.get(understood.compare_to)
        if understood.compare_to == previous_month(fig.key):
            found = [("prev", change_of(fig, PREV_MONTH, by_key))]
        elif understood.compare_to == (fig.year - 1, fig.month):
            found = [("same", change_of(fig, SAME_PERIOD, by_key))]
        elif base_fig is not None:
            found = [("other", change_between(fig, base_fig), base_fig)]
        if not found or found[0][1] is None:
            answer.notes.append(phrasing.no_base_note(understood.compare_to, language))
            found = []
    else:
        bases = {PREV_MONTH: [PREV_MONTH], SAME_PERIOD: [SAME_PERIOD]}.get(wanted, [SAME_PERIOD, PREV_MONTH])
        for base in bases:
            c = change_of(fig, base, by_key)
            if c is not None:
                found.append((base, c))
        if wanted and not found:
            answer.notes.append(phrasing.no_change_note(wanted, language))
    answer.changes = [shown(item) for item in found]
    answer.sentence = phrasing.point(fig, found, language)
    answer.nearest = _neighbours(answer, fig, by_key, understood, language)


def _no_release(answer: Answer, figures: list[Figure], period: Period, language: str) -> None:
    answer.status = "no_data"
    answer.sentence = phrasing.no_release(answer.indicator, period, language)
    year, month = period.start
    if year is None:
        answer.nearest = [_period_link(answer, f, language) for f in figures[-2:]]
        return
    before = [f for f in figures if f.key < (year, month)]
    after = [f for f in figures if f.key > (year, month)]
    answer.nearest = [_period_link(answer, f, language) for f in before[-1:] + after[:1]]


def _aggregate_answer(answer: Answer, figures, by_key, understood: Understood, language: str) -> None:
    """A quarter, a half, the first n months, a year: the sum of its months when the
    indicator adds up (every month needed), else the figure of its last month."""
    period = understood.period
    months = period.months
    present = [by_key[k] for k in months if k in by_key]
    if not present:
        _no_release(answer, figures, Period("month", period.start, period.start), language)
        answer.sentence = phrasing.no_release(answer.indicator, period, language)
        return
    if answer.indicator.additive or understood.total:
        if not answer.indicator.additive:
            answer.notes.append(phrasing.not_additive_note(language))
        else:
            missing = [k for k in months if k not in by_key]
            if missing:
                answer.status = "incomplete"
                answer.points = present
                answer.sentence = phrasing.incomplete_sum(answer.indicator, period, present, missing, language)
                answer.nearest = [_period_link(answer, f, language) for f in present[-3:]]
                return
            answer.status = "answered"
            total = sum((f.value for f in present), Decimal(0))
            last = present[-1]
            answer.value = total
            answer.figure = format_number(total, last.decimals, language)
            answer.unit = last.unit_en if language == "en" else last.unit
            answer.period_code = phrasing.period_code(period)
            answer.period_label = phrasing.period_label(period, language)
            answer.points = present
            answer.sentence = phrasing.total(last, total, period, len(present), language)
            corrected = [f for f in present if f.corrected_from is not None]
            if corrected:
                answer.corrected = corrected[-1]
            return
    last = present[-1]
    _point_answer(answer, last, by_key, understood, language)
    if last.key != months[-1]:
        answer.notes.append(phrasing.latest_in_period_note(period, last, language))


def _series_answer(answer: Answer, figures, by_key, understood: Understood, language: str) -> None:
    period = understood.period
    if period.kind == "latest":
        chosen = figures if understood.extreme else figures[-TREND_MONTHS:]
    elif period.kind == "month" and period.start[0] is None:
        chosen = [f for f in figures if f.month == period.start[1]]
    else:
        keys = set(period.months)
        chosen = [f for f in figures if f.key in keys]
    if not chosen:
        _no_release(answer, figures, Period("month", period.start, period.start), language)
        answer.sentence = phrasing.no_release(answer.indicator, period, language)
        return
    answer.points = chosen
    answer.status = "answered"
    if understood.extreme:
        pick = max if understood.extreme == "max" else min
        best = pick(chosen, key=lambda f: (f.value, f.key if understood.extreme == "max" else (-f.year, -f.month)))
        ties = [f for f in chosen if f.value == best.value]
        _fill(answer, best, language)
        answer.sentence = phrasing.extreme(best, understood.extreme, period, chosen, ties, language)
        return
    if understood.total and answer.indicator.additive and period.kind != "latest":
        missing = [k for k in period.months if k not in by_key]
        if missing:
            answer.status = "incomplete"
            answer.sentence = phrasing.incomplete_sum(answer.indicator, period, chosen, missing, language)
            return
        last = chosen[-1]
        total = sum((f.value for f in chosen), Decimal(0))
        answer.value = total
        answer.figure = format_number(total, last.decimals, language)
        answer.unit = last.unit_en if language == "en" else last.unit
        answer.period_code = phrasing.period_code(period)
        answer.period_label = phrasing.period_label(period, language)
        answer.sentence = phrasing.total(last, total, period, len(chosen), language)
        return
    last, first = chosen[-1], chosen[0]
    _fill(answer, last, language)
    change = change_between(last, first) if first.key != last.key else None
    highest = max(chosen, key=lambda f: f.value)
    lowest = min(chosen, key=lambda f: f.value)
    answer.changes = [shown(("other", change, first))] if change else []
    answer.sentence = phrasing.trend(first, last, change, highest, lowest, len(chosen), language)


def _question_for(name: str, understood: Understood, language: str, period: Period | None = None) -> str:
    return f"{name} {phrasing.intent_words(understood, language, period=period)}".strip()


def _ask_url(language: str, question: str) -> str:
    return reverse("ask:page") + "?" + urlencode({"q": question})


def _indicator_link(candidate: matching.Candidate, understood: Understood, language: str) -> Link:
    name = candidate.label(language)
    return Link(label=name, url=_ask_url(language, _question_for(name, understood, language)))


def _period_link(answer: Answer, fig: Figure, language: str) -> Link:
    name = answer.indicator.label(language)
    period = Period("month", fig.key, fig.key)
    understood = Understood(text="", period=period, compare=answer.understood.compare)
    return Link(
        label=phrasing.month_label(fig.year, fig.month, language),
        url=_ask_url(language, _question_for(name, understood, language)),
    )


def _neighbours(answer: Answer, fig: Figure, by_key, understood, language) -> list[Link]:
    """The months before and after that have figures, to ask about instead."""
    keys = sorted(by_key)
    i = keys.index(fig.key)
    return [_period_link(answer, by_key[k], language) for k in keys[max(0, i - 1) : i] + keys[i + 1 : i + 2]]


def as_json(answer: Answer, *, base_url: str = "") -> dict:
    """The answer as the JSON endpoint returns it (documented in docs/hoi-so-lieu.md)."""
    ind = answer.indicator
    data = {
        "question": answer.question,
        "language": answer.language,
        "status": answer.status,
        "answer": answer.sentence,
        "understood": {
            "indicator": ind.code if ind else None,
            "period": phrasing.period_code(answer.understood.period) or "latest",
            "compare": answer.understood.compare,
            "extreme": answer.understood.extreme,
            "trend": answer.understood.trend,
            "total": answer.understood.total,
            "text": answer.interpretation,
        },
        "indicator": (
            {
                "code": ind.code,
                "name": ind.label(answer.language),
                "url": base_url + answer.series_url,
                "additive": ind.additive,
            }
            if ind
            else None
        ),
        "value": plain(answer.value) if answer.value is not None else None,
        "value_display": answer.figure or None,
        "unit": answer.unit or None,
        "period": answer.period_code or None,
        "period_label": answer.period_label or None,
        "changes": [c.as_dict() for c in answer.changes],
        "corrected": (
            {
                "previous_value": plain(answer.corrected.corrected_from),
                "corrected_at": answer.corrected.corrected_at.isoformat() if answer.corrected.corrected_at else None,
            }
            if answer.corrected
            else None
        ),
        "release_url": base_url + answer.release_url if answer.release_url else None,
        "series": [{"period": f.period, "value": plain(f.value)} for f in answer.points],
        "notes": answer.notes,
        "nearest": [{"label": link.label, "url": base_url + link.url} for link in answer.nearest],
        "other_indicators": [{"label": link.label, "url": base_url + link.url} for link in answer.other_indicators],
    }
    return data

"""Each figure of the dashboard as one table: the same rows on the page (under its chart)
and in its CSV download. Cells are text, written the Vietnamese way (English under /en/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.core.formatting import format_datetime, format_number
from portal.core.text import person_name
from portal.editorial.desk import waiting_time

from . import charts, selectors
from .permissions import Scope


@dataclass
class Table:
    slug: str
    title: str
    header: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    chart: str = ""
    empty: str = ""
    links: dict[int, str] = field(default_factory=dict)  # row index → a link for its first cell

    @property
    def columns(self) -> list[tuple[str, bool]]:
        return [(h, i in self.numeric) for i, h in enumerate(self.header)]

    @property
    def lines(self) -> list[dict]:
        """The rows for the page: the first cell (a row header, linked when it has a
        link) and the others with whether they are numbers."""
        return [
            {
                "head": row[0],
                "link": self.links.get(n, ""),
                "cells": [(c, i in self.numeric) for i, c in enumerate(row) if i],
            }
            for n, row in enumerate(self.rows)
        ]


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "vi"


def _num(value, decimals: int | None = None) -> str:
    return format_number(value, decimals, language=_lang())


def _hours(value: float) -> str:
    """ "2,5 giờ"; under an hour in minutes ("45 phút")."""
    if value < 1:
        return _("%(m)s phút") % {"m": _num(round(value * 60))}
    return _("%(h)s giờ") % {"h": _num(round(value, 1), 1)}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{_num(round(value * 100, 1), 1)}%"


def turnaround_table(now: dt.datetime) -> Table:
    rows = selectors.turnaround(now)
    groups: dict[str, charts.Group] = {}
    for r in rows:
        group = groups.setdefault(r.app, charts.Group(r.app_name))
        group.bars.append(
            charts.Bar(r.month_label, r.median_hours, _("trung vị %(v)s") % {"v": _hours(r.median_hours)})
        )
        group.bars.append(charts.Bar("", r.p90_hours, _("phân vị 90: %(v)s") % {"v": _hours(r.p90_hours)}, series=1))
    title = _("Thời gian từ gửi duyệt đến xuất bản, theo ứng dụng và tháng xuất bản")
    return Table(
        slug="thoi-gian-duyet",
        title=title,
        header=[_("Ứng dụng"), _("Tháng"), _("Số lượt xuất bản"), _("Trung vị (giờ)"), _("Phân vị 90 (giờ)")],
        rows=[
            [
                r.app_name,
                r.month_label,
                _num(r.items),
                _num(round(r.median_hours, 1), 1),
                _num(round(r.p90_hours, 1), 1),
            ]
            for r in rows
        ],
        numeric=frozenset({2, 3, 4}),
        chart=charts.bar_chart(chart_id="bieu-do-thoi-gian-duyet", title=title, groups=list(groups.values())),
        empty=_("Chưa có mục nào được xuất bản sau khi gửi duyệt trong 12 tháng qua."),
    )


def return_table(now: dt.datetime) -> Table:
    rows = selectors.return_rates(now)
    groups: dict[str, charts.Group] = {}
    for r in rows:
        group = groups.setdefault(r.app, charts.Group(r.app_name))
        text = f"{_percent(r.rate)} ({_num(r.returns)}/{_num(r.submits)})"
        group.bars.append(charts.Bar(r.month_label, r.rate or 0, text))
    title = _("Tỷ lệ trả lại (số lượt trả lại ÷ số lượt gửi duyệt), theo ứng dụng và tháng")
    return Table(
        slug="ty-le-tra-lai",
        title=title,
        header=[_("Ứng dụng"), _("Tháng"), _("Lượt gửi duyệt"), _("Lượt trả lại"), _("Tỷ lệ trả lại")],
        rows=[[r.app_name, r.month_label, _num(r.submits), _num(r.returns), _percent(r.rate)] for r in rows],
        numeric=frozenset({2, 3, 4}),
        chart=charts.bar_chart(chart_id="bieu-do-tra-lai", title=title, groups=list(groups.values())),
        empty=_("Không có lượt gửi duyệt nào trong 12 tháng qua."),
    )


def waiting_table(now: dt.datetime) -> Table:
    rows = selectors.waiting()
    per_app: dict[str, list] = {}
    for r in rows:
        per_app.setdefault(r.app, []).append(r)
    bars = [
        charts.Bar(
            items[0].app_name,
            len(items),
            _("%(n)s mục, lâu nhất %(t)s") % {"n": _num(len(items)), "t": waiting_time(items[0].since, now)},
        )
        for items in per_app.values()
    ]
    title = _("Số mục đang chờ duyệt theo ứng dụng, và mục chờ lâu nhất")
    return Table(
        slug="cho-duyet",
        title=title,
        header=[_("Tiêu đề"), _("Loại"), _("Người gửi duyệt"), _("Gửi duyệt lúc"), _("Đã chờ"), _("Số giờ chờ")],
        rows=[
            [
                str(r.item),
                r.kind,
                person_name(r.submitter) if r.submitter else "—",
                format_datetime(r.since, _lang()),
                waiting_time(r.since, now),
                _num(round(r.hours(now), 1), 1),
            ]
            for r in rows
        ],
        numeric=frozenset({5}),
        links={i: r.admin_url for i, r in enumerate(rows) if r.admin_url},
        chart=charts.bar_chart(chart_id="bieu-do-cho-duyet", title=title, groups=[charts.Group("", bars)]),
        empty=_("Không có mục nào đang chờ duyệt."),
    )


def directive_table(scope: Scope, now: dt.datetime, today: dt.date) -> Table:
    rows = selectors.directive_completion(unit_ids=scope.unit_ids, today=today, now=now)
    names = [_("Đúng hạn"), _("Trễ hạn"), _("Quá hạn"), _("Đang mở"), _("Thường xuyên")]
    groups = [
        charts.Group(
            r["lead_unit__name"],
            [charts.Bar(name, r[key], _num(r[key]), series=i) for i, (key, name) in enumerate(
                zip(selectors.DIRECTIVE_COLUMNS, names, strict=True))],
        )
        for r in rows
    ]  # fmt: skip
    title = _("Tình hình thực hiện nhiệm vụ theo đơn vị chủ trì (các cuộc họp trong 12 tháng qua)")
    return Table(
        slug="nhiem-vu-don-vi",
        title=title,
        header=[_("Đơn vị chủ trì"), _("Tổng số"), *names],
        rows=[
            [r["lead_unit__name"], _num(r["total"]), *(_num(r[k]) for k in selectors.DIRECTIVE_COLUMNS)] for r in rows
        ],
        numeric=frozenset(range(1, 7)),
        chart=charts.bar_chart(chart_id="bieu-do-nhiem-vu", title=title, groups=groups),
        empty=_("Không có nhiệm vụ nào được giao tại các cuộc họp trong 12 tháng qua."),
    )


def overdue_table(scope: Scope, today: dt.date) -> Table:
    rows = selectors.top_overdue(unit_ids=scope.unit_ids, today=today)
    bars = [
        charts.Bar(f"{n}. {d.lead_unit.short_name or d.lead_unit.name}", d.days_overdue,
                   _("%(n)s ngày") % {"n": _num(d.days_overdue)})
        for n, d in enumerate(rows, start=1)
    ]  # fmt: skip
    title = _("10 nhiệm vụ quá hạn lâu nhất (số ngày quá hạn)")
    return Table(
        slug="qua-han",
        title=title,
        header=[
            _("Nhiệm vụ"),
            _("Thông báo, mục"),
            _("Đơn vị chủ trì"),
            _("Người chủ trì"),
            _("Hạn đang áp dụng"),
            _("Số ngày quá hạn"),
        ],  # fmt: skip
        rows=[
            [
                f"{n}. {d.text}",
                d.reference(),
                d.lead_unit.name,
                d.lead_person.full_name if d.lead_person else "—",
                d.current_deadline_label(),
                _num(d.days_overdue),
            ]
            for n, d in enumerate(rows, start=1)
        ],
        numeric=frozenset({5}),
        links={i: d.get_absolute_url() for i, d in enumerate(rows)},
        chart=charts.bar_chart(chart_id="bieu-do-qua-han", title=title, groups=[charts.Group("", bars)]),
        empty=_("Không có nhiệm vụ nào quá hạn."),
    )


EDITORIAL_SLUGS = ("thoi-gian-duyet", "cho-duyet", "ty-le-tra-lai")
DIRECTIVE_SLUGS = ("nhiem-vu-don-vi", "qua-han")
SLUGS = frozenset(EDITORIAL_SLUGS + DIRECTIVE_SLUGS)


def tables_for(scope: Scope, *, only: str | None = None) -> list[Table]:
    """The tables ``scope`` may see (``only``: just the one of that slug)."""
    now, today = timezone.now(), timezone.localdate()
    makers = []
    if scope.editorial:
        makers += [
            ("thoi-gian-duyet", lambda: turnaround_table(now)),
            ("cho-duyet", lambda: waiting_table(now)),
            ("ty-le-tra-lai", lambda: return_table(now)),
        ]
    if scope.directives:
        makers += [
            ("nhiem-vu-don-vi", lambda: directive_table(scope, now, today)),
            ("qua-han", lambda: overdue_table(scope, today)),
        ]
    return [make() for slug, make in makers if only is None or slug == only]

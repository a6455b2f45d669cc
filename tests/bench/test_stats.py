"""bench/stats.py: the statistics' scale data is what the workflow would have left (public
releases with their figures, revisions holding their parts, history and search documents),
a second run adds nothing, and the figures pass the admin's breakdown check."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder

from bench import stats as bench
from portal.core.formatting import format_number
from portal.editorial import services as wf
from portal.editorial.enums import Action, Role
from portal.editorial.models import Revision, TransitionLog
from portal.search import services as search
from portal.search.models import SearchDocument
from stats import demo, services
from stats.models import Indicator, Release, Value
from stats.selectors import release_breakdown_problems
from tests.stats.conftest import VN, make_release, publish

SMALL = ["vt-doanh-thu", "ud-dvctt-muc-do-4", "at-su-co-tan-cong", "at-phishing", "at-deface", "at-malware"]


def counts():
    return tuple(m.objects.count() for m in (Release, Value, Revision, TransitionLog, SearchDocument))


def test_generate_adds_public_releases_once(client, clock, reporter, board, bench_users):
    author, approver = bench_users
    clock.set(dt.datetime(2022, 3, 20, 9, tzinfo=VN))
    Indicator.objects.exclude(code__in=SMALL).exclude(parent=None).delete()  # parts first (PROTECT)
    Indicator.objects.exclude(code__in=SMALL).delete()
    incidents = Indicator.objects.get(code="at-su-co-tan-cong")
    # A release written through the workflow (its figure anchors the series) and one
    # still waiting for the board: both periods are left alone.
    december = make_release(2021, 12, author=reporter)
    services.save_values(release=december, entries={incidents.pk: services.Entry(Decimal(1254))}, user=reporter)
    publish(december, author=reporter, approver=board, at=dt.datetime(2022, 1, 10, 9, tzinfo=VN))
    pending = make_release(2022, 2, author=reporter)
    wf.transition(item=pending, action=Action.SUBMIT, user=reporter)

    out = io.StringIO()
    made = bench.generate(author=author, approver=approver, stdout=out, rng=random.Random(5), years=2)

    assert made == 22 and "22 to add" in out.getvalue()
    assert Release.objects.count() == 24  # 03/2020 – 02/2022
    assert Value.objects.filter(release=december).count() == 1
    pending.refresh_from_db()
    assert pending.state == "pending" and not pending.live

    release = Release.objects.get(year=2021, month=6)
    assert (release.state, release.live, release.has_unpublished_changes, release.version) == (
        "published",
        True,
        False,
        3,
    )
    # 10/07/2021 is a Saturday: the Friday before, 09:00 in Ha Noi
    assert release.publish_at == dt.datetime(2021, 7, 9, 9, tzinfo=VN) == release.first_published_at
    assert release.created_at < release.updated_at < release.publish_at  # approved ahead, scheduled
    # Created with its figures (a save revision), submitted, approved: every revision holds
    # the parts (figures, catalogue) as serialize() gives them from the rows.
    revisions = list(wf.revisions_of(release).order_by("number"))
    assert [(r.kind, r.state, r.created_by) for r in revisions] == [
        ("save", "draft", author),
        ("published", "published", approver),
    ]
    content = json.loads(json.dumps(wf.serialize(item=release), cls=DjangoJSONEncoder))
    assert revisions[1].data == content and set(content) >= {"values", "catalogue"}
    assert revisions[0].data == {**content, "publish_at": None}
    assert release.catalogue == content["catalogue"]
    history = list(wf.history_of(release))
    assert [(log.action, log.user) for log in history] == [("submit", author), ("publish", approver)]
    assert history[1].publish_at == release.publish_at and history[1].at == release.updated_at
    assert release_breakdown_problems(release) == []
    values = {v.indicator.code: v for v in Value.objects.filter(release=release).select_related("indicator")}
    assert sorted(values) == sorted(SMALL)
    parts = sum(values[c].value for c in ("at-phishing", "at-deface", "at-malware"))
    assert values["at-su-co-tan-cong"].value == parts > 0

    html = client.get("/thong-ke/2021-06/").content.decode()
    for v in values.values():
        assert (
            f'<td class="num value" data-label="Giá trị">{format_number(v.value, v.indicator.decimals)}</td>' in html
        ), v.indicator.code
    series = client.get("/thong-ke/chi-so/at-phishing/").content.decode()
    assert "03/2020" in series and "06/2021" in series and "02/2022" not in series

    doc = SearchDocument.objects.get(object_id=release.pk, url="/thong-ke/2021-06/")
    assert doc.publish_at == release.publish_at and doc.kind == "Thống kê" and "Phishing" in doc.body
    assert "/thong-ke/2021-06/" in [d["url"] for d in search.search(query="tháng 06/2021", staff=False)[:20]]
    assert SearchDocument.objects.filter(url="/thong-ke/chi-so/at-phishing/").exists()

    before = counts()
    out = io.StringIO()
    assert bench.generate(author=author, approver=approver, stdout=out, rng=random.Random(6), years=2) == 0
    assert counts() == before and "0 to add" in out.getvalue()


def test_full_catalogue_respects_decimals_and_breakdowns(clock, reporter, editor, board, administrator, bench_users):
    author, approver = bench_users
    clock.set(dt.datetime(2022, 3, 20, 9, tzinfo=VN))
    users = {Role.REPORTER: reporter, Role.EDITOR: editor, Role.BOARD: board, Role.ADMIN: administrator}
    demo.load(users=users, stdout=io.StringIO())
    january = dict(Value.objects.filter(release__year=2022, release__month=1).values_list("indicator_id", "value"))

    assert (
        bench.generate(author=author, approver=approver, stdout=io.StringIO(), rng=random.Random(5), years=1) == 10
    )  # the demo no longer invents 12/2021

    indicators = list(Indicator.objects.all())
    for release in Release.objects.filter(year=2021, month__gte=3).exclude(month=12):
        assert release_breakdown_problems(release) == [], release.period
        values = dict(Value.objects.filter(release=release).values_list("indicator_id", "value"))
        assert len(values) == len(indicators)
        for ind in indicators:
            value = values[ind.pk]
            assert value == value.quantize(Decimal(1).scaleb(-ind.decimals)), ind.code
            if release.month == 11 and ind.code not in ("bc-tang-truong-doanh-thu", "vt-doanh-thu"):
                # the series runs through the real figures of January 2022
                assert abs(value - january[ind.pk]) <= january[ind.pk] * Decimal("0.5"), ind.code

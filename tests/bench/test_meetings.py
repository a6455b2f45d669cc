"""The meetings' scale data (bench/meetings.py), in small numbers: idempotent, counted by
the tracker, and the rows the workflow itself would have written."""

import io
import json
import random

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.urls import reverse

from bench import meetings as bench
from meetings import selectors
from meetings.models import Directive, Meeting, Person, ProgressUpdate, PublicSummary, Unit
from portal.editorial.models import Revision, TransitionLog
from portal.editorial.services import serialize
from portal.search.models import SearchDocument
from portal.search.services import index_item

SMALL = {"meetings": 30, "directives": 120, "people": 60}


def counts():
    models = (Unit, Person, Meeting, PublicSummary, Directive, ProgressUpdate, Revision, TransitionLog, SearchDocument)
    return {m.__name__: m.objects.count() for m in models}


def test_generate_is_idempotent_and_tracked(bench_users, client):
    user, approver = bench_users
    out = io.StringIO()
    bench.generate(author=user, approver=approver, stdout=out, rng=random.Random(5), **SMALL)
    assert "meetings: done" in out.getvalue()
    first = counts()
    assert Meeting.objects.filter(created_by=user).count() == 30
    assert Directive.objects.count() == 120
    assert first["Unit"] == len(bench.UNITS) and first["Person"] == 60
    assert Unit.objects.filter(parent__isnull=False).exists(), "units form a tree"

    # A second run (another seed, as bench/generate.py's shared generator would be) adds nothing.
    again = io.StringIO()
    bench.generate(author=user, approver=approver, stdout=again, rng=random.Random(6), **SMALL)
    assert counts() == first
    assert "nothing to add" in again.getvalue()

    # The tracker counts every generated directive, with deadlines as dates and months
    # and statuses derived as usual.
    qs = selectors.tracker_directives(filters=selectors.TrackerFilters(), user=user)
    assert sum(r["assigned"] for r in selectors.unit_counts(qs)) == 120
    kinds = {d.deadline_kind for d in Directive.objects.all()}
    assert {"date", "month"} <= kinds <= {"date", "month", "quarter", "ongoing"}
    # Completed directives were reported and verified; numbers are 1..n per meeting.
    assert not Directive.objects.filter(completed_on__isnull=False, verified_by__isnull=True).exists()
    for meeting in Meeting.objects.filter(directives__isnull=False).distinct()[:10]:
        got = list(meeting.directives.order_by("number").values_list("number", flat=True))
        assert got == list(range(1, len(got) + 1))
    assert "hoan-thanh" in set(qs.values_list("status", flat=True))
    assert Directive.objects.filter(completed_on__isnull=False, completed_on__gt=F("deadline")).exists()
    for d in Directive.objects.filter(completed_on__isnull=False)[:20]:
        done = d.progress_updates.get(marks_done=True)
        assert done.on == d.completed_on and done.text == d.completion_evidence
        assert d.last_progress_at == max(u.created_at for u in d.progress_updates.all())

    client.force_login(user)
    page = client.get(reverse("meetings:tracker"))
    assert page.status_code == 200
    assert page.content.decode().count('<tr id="nhiem-vu-') == 50
    export = client.get(reverse("meetings:tracker_export", args=["csv"]))
    assert b"".join(export.streaming_content).decode("utf-8-sig").count("\r\n") == 121


def test_generated_rows_are_what_the_workflow_writes(bench_users, client):
    user, approver = bench_users
    bench.generate(author=user, approver=approver, stdout=io.StringIO(), rng=random.Random(5), **SMALL)
    live = list(Meeting.objects.filter(live=True)) + list(PublicSummary.objects.filter(live=True))
    assert len(live) >= 20 and any(isinstance(item, PublicSummary) for item in live)
    assert not Meeting.objects.filter(live=True, state="draft").exists()
    fields = ["kind", "language", "title", "summary", "body", "url", "is_internal", "publish_at", "expire_at", "vector"]
    for item in live:
        ct = ContentType.objects.get_for_model(type(item))
        assert item.version == 3 and item.first_published_at == item.publish_at
        assert (item.created_by, item.submitted_by, item.updated_by) == (user, user, user)
        written = SearchDocument.objects.filter(content_type=ct, object_id=item.pk).values(*fields).get()
        index_item(item=item)  # what a transition does
        assert SearchDocument.objects.filter(content_type=ct, object_id=item.pk).values(*fields).get() == written
        # A save revision at creation (as the admin keeps), the published one at approval:
        # both hold serialize() of the item with its parts (directives, documents).
        revisions = list(Revision.objects.filter(content_type=ct, object_id=item.pk).order_by("number"))
        assert [(r.number, r.kind, r.state, r.created_by) for r in revisions] == [
            (1, "save", "draft", user),
            (2, "published", "published", approver),
        ]
        content = json.loads(json.dumps(serialize(item=item), cls=DjangoJSONEncoder))
        assert revisions[1].data == content
        assert revisions[0].data == {**content, "publish_at": None}
        if isinstance(item, Meeting):
            assert [d["id"] for d in content["directives"]] == list(
                item.directives.order_by("number", "id").values_list("id", flat=True)
            )
        history = TransitionLog.objects.filter(content_type=ct, object_id=item.pk).order_by("at")
        assert list(history.values_list("action", "from_state", "to_state", "user", "publish_at")) == [
            ("submit", "draft", "pending", user.pk, None),
            ("publish", "pending", "published", approver.pk, item.publish_at),
        ]
        assert item.created_at == revisions[0].created_at < history[0].at < history[1].at == item.updated_at
        assert item.publish_at == history[1].at  # published when approved, never back-dated
    # Unpublished meetings are not in the index.
    for meeting in Meeting.objects.filter(live=False):
        ct = ContentType.objects.get_for_model(Meeting)
        assert not SearchDocument.objects.filter(content_type=ct, object_id=meeting.pk).exists()

    # Anonymous readers see the public summaries, not the internal records.
    summary = PublicSummary.objects.filter(live=True).select_related("meeting").first()
    html = client.get(summary.get_absolute_url()).content.decode()
    assert client.get(summary.meeting.get_absolute_url()).status_code == 404
    assert summary.title.replace("&", "&amp;") in html and "bang-nhiem-vu" not in html
    assert client.get(reverse("meetings:index")).status_code == 200

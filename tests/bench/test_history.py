"""``portal.editorial.services.replay``, the one path of the scale data's history: an item
replayed in bulk ends with the workflow fields, audit rows and revisions that saving it
and moving it through ``transition`` leave, and the workflow's refusals hold."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from bench.common import copy_instances
from news.models import Article, Category
from portal.editorial import services as wf
from portal.editorial.enums import Action, Role
from portal.editorial.models import Revision, TransitionLog
from portal.editorial.permissions import TransitionNotAllowed
from portal.editorial.services import Step
from tests.factories import make_user

WORKFLOW = ["state", "live", "version", "publish_at", "first_published_at", "created_by_id", "updated_by_id",
            "submitted_by_id", "has_unpublished_changes", "created_at"]  # fmt: skip
LOG = ["action", "from_state", "to_state", "user_id", "comment", "publish_at", "at"]
REVISION = ["number", "kind", "state", "created_by_id", "created_at"]


def _content(category, **kw):
    return {"title": "Bộ TT&TT ban hành hướng dẫn về chữ ký số", "slug": "huong-dan-chu-ky-so", "lead": "Sapo.",
            "body": "<p>Nội dung.</p>", "category": category, **kw}  # fmt: skip


def _rows(item):
    logs = list(wf.history_of(item).order_by("at", "id").values(*LOG))
    revisions = list(wf.revisions_of(item).order_by("number").values(*REVISION, "data"))
    return logs, revisions


@pytest.mark.parametrize("scheduled", [False, True])
def test_replay_writes_what_the_workflow_writes(db, reporter, board, scheduled):
    category = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    t0 = dt.datetime(2024, 5, 6, 8, 0, tzinfo=dt.UTC)
    created, submitted, approved = t0, t0 + dt.timedelta(hours=3), t0 + dt.timedelta(hours=20)
    publish_at = approved + dt.timedelta(days=2) if scheduled else None

    # Through the workflow, as the admin does it: save_new and a revision, then the buttons.
    with time_machine.travel(created, tick=False) as traveller:
        real = wf.save_new(item=Article(**_content(category)), user=reporter)
        wf.record_revision(item=real, user=reporter)
        traveller.move_to(submitted)
        wf.transition(item=real, action=Action.SUBMIT, user=reporter)
        traveller.move_to(approved)
        wf.transition(item=real, action=Action.PUBLISH, user=board, publish_at=publish_at)
    real.refresh_from_db()

    # Replayed in bulk: the same steps at the same times, written afterwards.
    copy = Article(**_content(category, slug="huong-dan-chu-ky-so-2"))
    copy.pk = real.pk + 1000
    history = wf.replay(
        item=copy,
        steps=[Step(at=created, user=reporter), Step(at=submitted, user=reporter, action=Action.SUBMIT),
               Step(at=approved, user=board, action=Action.PUBLISH, publish_at=publish_at)],
        m2m={"tags": []},
    )  # fmt: skip
    with connection.cursor() as cursor:
        copy_instances(cursor, Article, [copy])  # as the generators write items
    wf.write_history(history)

    copy.refresh_from_db()
    assert {f: getattr(copy, f) for f in WORKFLOW} == {f: getattr(real, f) for f in WORKFLOW}
    assert copy.updated_at == approved and copy.version == 3 and copy.live
    assert copy.publish_at == (publish_at or approved)
    real_logs, real_revisions = _rows(real)
    copy_logs, copy_revisions = _rows(copy)
    assert copy_logs == real_logs and [r["action"] for r in copy_logs] == ["submit", "publish"]
    for r in real_revisions + copy_revisions:
        r["data"].pop("slug")
    assert copy_revisions == real_revisions
    assert [r["kind"] for r in copy_revisions] == ["save", "published"]
    expected = json.loads(json.dumps(wf.serialize(item=copy), cls=DjangoJSONEncoder))
    assert Revision.objects.get(object_id=copy.pk, kind="published").data == expected


def test_replay_refuses_what_the_workflow_refuses(db, reporter, board):
    category = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    at = dt.datetime(2024, 5, 6, 8, 0, tzinfo=dt.UTC)
    hour = dt.timedelta(hours=1)

    def replay(*steps):
        item = Article(pk=99, **_content(category))
        return wf.replay(item=item, steps=[Step(at=at, user=reporter), *steps], m2m={"tags": []})

    with pytest.raises(TransitionNotAllowed):  # not from a draft
        replay(Step(at=at + hour, user=board, action=Action.PUBLISH))
    with pytest.raises(TransitionNotAllowed):  # the second pair of eyes
        replay(Step(at=at + hour, user=reporter, action=Action.SUBMIT),
               Step(at=at + 2 * hour, user=reporter, action=Action.PUBLISH))  # fmt: skip
    editor_board = make_user(Role.BOARD, "bbt-sua")
    with pytest.raises(TransitionNotAllowed):  # saved a revision of it since: may not approve it
        replay(Step(at=at + hour, user=editor_board), Step(at=at + hour, user=reporter, action=Action.SUBMIT),
               Step(at=at + 2 * hour, user=editor_board, action=Action.PUBLISH))  # fmt: skip
    with pytest.raises(TransitionNotAllowed):  # back-dating is Quản trị's, with a reason
        replay(Step(at=at + hour, user=reporter, action=Action.SUBMIT),
               Step(at=at + 2 * hour, user=board, action=Action.PUBLISH, publish_at=at - 10 * hour))  # fmt: skip
    with pytest.raises(ValidationError):  # a return needs its reason
        replay(Step(at=at + hour, user=reporter, action=Action.SUBMIT),
               Step(at=at + 2 * hour, user=board, action=Action.RETURN))  # fmt: skip
    history = replay(
        Step(at=at + hour, user=reporter, action=Action.SUBMIT),
        Step(at=at + 2 * hour, user=board, action=Action.RETURN, comment="Thiếu nguồn."),
        Step(at=at + 3 * hour, user=reporter),
        Step(at=at + 4 * hour, user=reporter, action=Action.SUBMIT),
        Step(at=at + 5 * hour, user=board, action=Action.PUBLISH),
    )
    assert [(log.action, log.to_state) for log in history.logs] == [
        ("submit", "pending"), ("return", "returned"), ("submit", "pending"), ("publish", "published")
    ]  # fmt: skip
    assert [r.kind for r in history.revisions] == ["save", "save", "published"]
    assert [r.number for r in history.revisions] == [1, 2, 3]
    assert not TransitionLog.objects.exists() and not Revision.objects.exists()  # nothing written

"""The shared fixtures do what the tests rely on: the clock moves every reading of the
time (model defaults included), the client's requests and the factories' workflow steps
run their on-commit callbacks once, and the factories go through the workflow."""

import datetime as dt
import time
from zoneinfo import ZoneInfo

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.models import Directive
from portal.editorial import services as wf
from portal.editorial.enums import Action, Role, State
from portal.editorial.models import Revision, TransitionLog
from tests import factories

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_clock_moves_model_defaults_and_auto_now(clock, reporter, board):
    when = dt.datetime(2022, 2, 10, 9, 0, tzinfo=VN)
    clock.set(when)
    assert clock.now == when == timezone.now()
    assert dt.datetime.now(tz=VN) == when and abs(time.time() - when.timestamp()) < 1

    item = factories.article(author=reporter)
    revision = Revision.objects.get(object_id=item.pk, content_type__model="article")
    assert item.created_at == when and item.updated_at == when  # auto_now_add, auto_now
    assert revision.created_at == when  # default=timezone.now

    clock.advance(hours=2, minutes=30)
    later = when + dt.timedelta(hours=2, minutes=30)
    factories.transition(item, Action.SUBMIT, user=reporter)
    item.refresh_from_db()
    assert item.updated_at == later and item.created_at == when
    assert TransitionLog.objects.get(object_id=item.pk, action=Action.SUBMIT).at == later  # default=timezone.now

    clock.advance(days=1)
    unit = factories.UnitFactory()
    directive = factories.DirectiveFactory(lead_unit=unit, meeting__author=reporter)
    assert Directive.objects.get(pk=directive.pk).created_at == later + dt.timedelta(days=1)


def test_clock_stands_still_until_moved(clock):
    first = timezone.now()
    time.sleep(0.01)
    assert timezone.now() == first == clock.now


def test_factories_go_through_the_workflow(reporter, editor, board):
    item = factories.article(author=reporter)
    assert item.state == State.DRAFT and item.created_by == reporter and item.version == 1
    assert wf.latest_revision_number(item) == 1

    tag = factories.TagFactory()
    tagged = factories.ArticleFactory(author=reporter, tags=[tag])
    assert list(tagged.tags.all()) == [tag]
    assert Revision.objects.get(object_id=tagged.pk, content_type__model="article").data["tags"] == [tag.pk]

    returned = factories.article_in_state(State.RETURNED, author=reporter, editor=editor)
    assert returned.state == State.RETURNED
    published = factories.published_article(author=reporter, approver=board)
    assert published.live and published.state == State.PUBLISHED
    assert list(TransitionLog.objects.filter(object_id=published.pk).values_list("action", flat=True)) == [
        Action.SUBMIT,
        Action.PUBLISH,
    ]
    assert factories.make_user(Role.EDITOR).groups.get().name == Role.EDITOR.value


def test_workflow_steps_and_requests_run_after_commit_callbacks_once(client, reporter, board):
    """Submitting e-mails the board; publishing e-mails the author: each exactly once,
    whether the step is a factory's, a request's, or a service call wrapped in
    ``django_capture_on_commit_callbacks``."""
    item = factories.article(author=reporter)
    mail.outbox.clear()
    factories.transition(item, Action.SUBMIT, user=reporter)
    assert [m.to for m in mail.outbox] == [[board.email]]

    mail.outbox.clear()
    client.force_login(board)
    response = client.post(
        reverse("admin:news_article_transition", args=[item.pk, str(Action.RETURN)]),
        factories.shown(item, comment="Cần bổ sung số liệu."),
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[reporter.email]]


def test_service_calls_run_callbacks_only_when_captured(reporter, board, django_capture_on_commit_callbacks):
    item = factories.article(author=reporter)
    mail.outbox.clear()
    wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    assert mail.outbox == [], "the test's transaction never commits"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        wf.transition(item=item, action=Action.PUBLISH, user=board)
    assert len(callbacks) == 1 and [m.to for m in mail.outbox] == [[reporter.email]]

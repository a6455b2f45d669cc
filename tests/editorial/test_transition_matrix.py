"""Every role × every action × every state, through the admin's transition URL (what a
browser, or anyone forging a POST, actually reaches). The expected table is written out
here from DESIGN.md, independently of ``portal/editorial/workflow.py``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from portal.editorial import services as wf
from portal.editorial.enums import Action, Role, State
from tests import factories
from tests.factories import make_user

ACTORS = ("author", "reporter2", "editor", "board", "administrator", "staff_reader", "anonymous")
REASON = "Lý do: số liệu chưa khớp với báo cáo."

# (action) -> (source states, actors allowed, target)
EXPECTED = {
    Action.SUBMIT: ({State.DRAFT, State.RETURNED}, {"author", "editor", "board", "administrator"}, State.PENDING),
    Action.RETURN: ({State.PENDING}, {"editor", "board", "administrator"}, State.RETURNED),
    Action.PUBLISH: ({State.PENDING}, {"board", "administrator"}, State.PUBLISHED),
    Action.FORCE_PUBLISH: ({State.DRAFT, State.PENDING, State.RETURNED}, {"administrator"}, State.PUBLISHED),
    Action.WITHDRAW: ({State.PUBLISHED}, {"board", "administrator"}, State.WITHDRAWN),
    Action.REOPEN: ({State.WITHDRAWN}, {"board", "administrator"}, State.DRAFT),
}
STATES = (State.DRAFT, State.PENDING, State.RETURNED, State.PUBLISHED, State.WITHDRAWN)


def transition_url(item, action) -> str:
    return reverse("admin:news_article_transition", args=[item.pk, str(action)])


@pytest.fixture
def people(reporter, reporter2, editor, board, board2, administrator, staff_reader):
    return {
        "author": reporter,
        "reporter2": reporter2,
        "editor": editor,
        "board": board,
        "board2": board2,
        "administrator": administrator,
        "staff_reader": staff_reader,
        "anonymous": None,
    }


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("actor", ACTORS)
def test_transition_matrix(client, people, actor, action, state):
    # Brought to ``state`` by board2, so that "board" never acts on its own work here.
    item = factories.article_in_state(state, author=people["author"], editor=people["editor"], board=people["board2"])
    history_before = list(wf.history_of(item).values_list("id", flat=True))
    version_before = item.version
    user = people[actor]
    if user is not None:
        client.force_login(user)

    response = client.post(transition_url(item, action), factories.shown(item, comment=REASON))

    item.refresh_from_db()
    history = list(wf.history_of(item))
    sources, allowed, target = EXPECTED[action]
    if state in sources and actor in allowed:
        assert response.status_code == 302, response.content[:500]
        assert item.state == target
        assert len(history) == len(history_before) + 1
        last = history[-1]
        assert (last.action, last.from_state, last.to_state, last.user_id) == (action, state, target, user.pk)
        assert last.comment == REASON
        assert item.live == (target == State.PUBLISHED)
    else:
        if user is None:
            # Not logged in: sent to the admin login, nothing else happens.
            assert response.status_code == 302
            assert reverse("admin:login") in response["Location"]
        else:
            assert response.status_code == 403
        assert item.state == state
        assert item.version == version_before
        assert [h.id for h in history] == history_before


def test_get_on_transition_url_changes_nothing(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    response = client.get(transition_url(item, Action.PUBLISH))
    assert response.status_code == 405
    item.refresh_from_db()
    assert item.state == State.PENDING


def test_unknown_action_is_refused(client, reporter, administrator):
    item = factories.article(author=reporter)
    client.force_login(administrator)
    response = client.post(transition_url(item, "delete_everything"), factories.shown(item, comment=REASON))
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.state == State.DRAFT


def test_board_cannot_approve_its_own_item(client, board, board2):
    own = factories.article_in_state(State.PENDING, author=board)
    client.force_login(board)
    response = client.post(transition_url(own, Action.PUBLISH), factories.shown(own))
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.state == State.PENDING and not own.live
    # Another member of the board may.
    client.force_login(board2)
    assert client.post(transition_url(own, Action.PUBLISH), factories.shown(own)).status_code == 302
    own.refresh_from_db()
    assert own.state == State.PUBLISHED and own.live


def test_board_cannot_approve_what_it_submitted_for_someone_else(client, reporter, board, board2):
    item = factories.article(author=reporter)
    wf.transition(item=item, action=Action.SUBMIT, user=board)
    client.force_login(board)
    assert client.post(transition_url(item, Action.PUBLISH), factories.shown(item)).status_code == 403
    item.refresh_from_db()
    assert item.state == State.PENDING


def test_administrator_may_neither_publish_nor_force_publish_own_item(client, administrator, board2):
    """Force-publishing skips the review, never the second pair of eyes."""
    item = factories.article_in_state(State.PENDING, author=administrator)
    client.force_login(administrator)
    assert client.post(transition_url(item, Action.PUBLISH), factories.shown(item)).status_code == 403
    response = client.post(transition_url(item, Action.FORCE_PUBLISH), factories.shown(item, comment=REASON))
    assert response.status_code == 403
    assert "không thể tự duyệt" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PENDING and not item.live
    # Another administrator may force it, with the reason recorded.
    other = make_user(Role.ADMIN, "quantri2")
    client.force_login(other)
    response = client.post(transition_url(item, Action.FORCE_PUBLISH), factories.shown(item, comment=REASON))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.live
    assert wf.history_of(item).last().comment == REASON


@pytest.mark.parametrize("action", [Action.RETURN, Action.WITHDRAW, Action.FORCE_PUBLISH])
@pytest.mark.parametrize("comment", ["", "   \n  "])
def test_reason_is_required(client, reporter, board2, administrator, action, comment):
    state = State.PUBLISHED if action == Action.WITHDRAW else State.PENDING
    item = factories.article_in_state(state, author=reporter, board=board2)
    before = wf.history_of(item).count()
    client.force_login(administrator)
    response = client.post(transition_url(item, action), factories.shown(item, comment=comment), follow=True)
    assert response.status_code == 200
    assert "Cần nêu lý do" in response.content.decode()
    item.refresh_from_db()
    assert item.state == state
    assert wf.history_of(item).count() == before


def test_force_publish_reason_shows_in_history_timeline(client, reporter, administrator):
    item = factories.article(author=reporter)
    client.force_login(administrator)
    reason = "Chỉ đạo khẩn của Lãnh đạo Bộ, cần đăng ngay trước 17 giờ."
    response = client.post(
        transition_url(item, Action.FORCE_PUBLISH), factories.shown(item, comment=reason), follow=True
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.live
    page = client.get(reverse("admin:news_article_change", args=[item.pk])).content.decode()
    timeline = page.split('id="wf-history-h"', 1)[1].split("</section>", 1)[0]
    assert reason in timeline
    assert "Xuất bản bắt buộc" in timeline
    assert "quantri" in timeline
    # And readers can see it.
    assert client.get(item.get_absolute_url()).status_code == 200


def test_history_rows_are_append_only(reporter, board):
    from portal.editorial.models import AppendOnlyError

    item = factories.article_in_state(State.PUBLISHED, author=reporter, board=board)
    row = wf.history_of(item).first()
    row.comment = "sửa lén"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()


def test_full_cycle_history_is_a_timeline(client, reporter, editor, board):
    item = factories.article(author=reporter)
    wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    wf.transition(item=item, action=Action.RETURN, user=editor, comment="Thiếu nguồn tin.")
    wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    wf.transition(item=item, action=Action.PUBLISH, user=board)
    wf.transition(item=item, action=Action.WITHDRAW, user=board, comment="Gỡ để đính chính.")
    wf.transition(item=item, action=Action.REOPEN, user=board)
    steps = [(h.action, h.from_state, h.to_state) for h in wf.history_of(item)]
    assert steps == [
        (Action.SUBMIT, State.DRAFT, State.PENDING),
        (Action.RETURN, State.PENDING, State.RETURNED),
        (Action.SUBMIT, State.RETURNED, State.PENDING),
        (Action.PUBLISH, State.PENDING, State.PUBLISHED),
        (Action.WITHDRAW, State.PUBLISHED, State.WITHDRAWN),
        (Action.REOPEN, State.WITHDRAWN, State.DRAFT),
    ]
    client.force_login(board)
    page = client.get(reverse("admin:news_article_change", args=[item.pk])).content.decode()
    assert "Thiếu nguồn tin." in page and "Gỡ để đính chính." in page
    # Withdrawn: gone for readers.
    client.logout()
    assert client.get(f"/tin-tuc/{item.slug}/").status_code == 404


def test_live_article_with_pending_change(client, reporter, editor, board, board2):
    """A change to a live article is a draft of its own: it goes through the same table,
    and the board may still take the live version down meanwhile."""
    item = factories.published_article(author=reporter, approver=board2, body="<p>Bản đã duyệt.</p>")
    client.force_login(board)
    client.post(
        reverse("admin:news_article_change", args=[item.pk]),
        factories.article_form_data(item, body="<p>Bản sửa.</p>"),
    )
    item.refresh_from_db()
    assert (item.state, item.live, item.has_unpublished_changes) == (State.DRAFT, True, True)
    edit_log = wf.history_of(item).last()
    assert (edit_log.action, edit_log.from_state, edit_log.to_state) == ("edit_live", State.PUBLISHED, State.DRAFT)
    # Nobody may publish a draft of a change without it being submitted.
    client.force_login(board2)
    assert client.post(transition_url(item, Action.PUBLISH), factories.shown(item)).status_code == 403
    # An editor may not take a live article down.
    client.force_login(editor)
    assert client.post(transition_url(item, Action.WITHDRAW), factories.shown(item, comment=REASON)).status_code == 403
    # The board may: the live version goes down.
    client.force_login(board2)
    assert client.post(transition_url(item, Action.WITHDRAW), factories.shown(item, comment=REASON)).status_code == 302
    item.refresh_from_db()
    assert item.state == State.WITHDRAWN and not item.live
    client.logout()
    assert client.get(f"/tin-tuc/{item.slug}/").status_code == 404


def test_board_cannot_approve_a_change_it_wrote_even_if_someone_else_submits(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board2, body="<p>Bản cũ.</p>")
    client.force_login(board)
    client.post(
        reverse("admin:news_article_change", args=[item.pk]),
        factories.article_form_data(item, body="<p>Bản do Ban Biên tập tự viết.</p>"),
    )
    wf.transition(item=item, action=Action.SUBMIT, user=reporter)  # the author sends it on
    item.refresh_from_db()
    assert item.state == State.PENDING
    assert client.post(transition_url(item, Action.PUBLISH), factories.shown(item)).status_code == 403
    item.refresh_from_db()
    assert item.has_unpublished_changes
    client.force_login(board2)
    assert client.post(transition_url(item, Action.PUBLISH), factories.shown(item)).status_code == 302
    item.refresh_from_db()
    assert item.body == "<p>Bản do Ban Biên tập tự viết.</p>" and not item.has_unpublished_changes

"""Issue "Approval integrity": the findings about the workflow core, each reproduced as
it was seen (through the admin, as a browser or a forged post reaches it). The meetings
and statistics findings live in tests/meetings and tests/stats; the matrix over roles,
actions, content types and conditions in tests/editorial/test_integrity_matrix.py."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from portal.editorial import services as wf
from portal.editorial.enums import Action, RevisionKind, Role, State
from portal.editorial.models import ChangeLog, PreviewLog, TransitionLog
from tests import factories
from tests.factories import make_user


def change_url(item) -> str:
    return reverse("admin:news_article_change", args=[item.pk])


def transition_url(item, action) -> str:
    return reverse("admin:news_article_transition", args=[item.pk, str(action)])


def shown_on_page(page: str) -> dict:
    """The hidden version and revision fields of the workflow forms on a change page."""
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
    return {"version": version, "revision": revision}


# -- 1. the second pair of eyes counts every author of the pending change ---------------


def test_finding1_board_member_who_rewrote_a_pending_article_cannot_approve_it(client, reporter, board, board2):
    item = factories.article_in_state(State.PENDING, author=reporter, title="Bản của phóng viên")
    client.force_login(board)
    response = client.post(
        change_url(item),
        factories.article_form_data(item, title="Bản Ban Biên tập tự viết lại", body="<p>Nội dung mới.</p>"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Bản Ban Biên tập tự viết lại"

    response = client.post(transition_url(item, Action.PUBLISH), factories.shown(item))

    assert response.status_code == 403
    assert "không thể tự duyệt" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PENDING and not item.live
    # The rewrite needs another member's look.
    client.force_login(board2)
    assert client.post(transition_url(item, Action.PUBLISH), factories.shown(item)).status_code == 302
    item.refresh_from_db()
    assert item.live and item.title == "Bản Ban Biên tập tự viết lại"


def test_finding1_rewrite_of_a_live_article_by_the_board_needs_another_member(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board2, title="Tin đã duyệt")
    client.force_login(board)
    client.post(change_url(item), factories.article_form_data(item, title="Tin do chính tôi sửa"))
    wf.transition(item=item, action=Action.SUBMIT, user=reporter)  # someone else submits it
    assert client.post(transition_url(item, Action.PUBLISH), factories.shown(item)).status_code == 403
    item.refresh_from_db()
    assert item.title == "Tin đã duyệt" and item.has_unpublished_changes


def test_finding1_authorship_ends_with_the_approval(client, reporter, editor, board, board2):
    """Who changed an earlier, approved version is not an author of the next change."""
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    client.post(change_url(item), factories.article_form_data(item, lead="Sapo sửa bởi Ban Biên tập."))
    wf.transition(item=item, action=Action.PUBLISH, user=board2)
    client.force_login(editor)
    # An editor cannot edit a live item; the reporter's correction goes through the board.
    client.force_login(board2)
    client.post(change_url(item), factories.article_form_data(item, lead="Sapo sửa lần hai."))
    wf.transition(item=item, action=Action.SUBMIT, user=board2)
    client.force_login(board)
    assert client.post(transition_url(item, Action.PUBLISH), factories.shown(item)).status_code == 302
    item.refresh_from_db()
    assert item.lead == "Sapo sửa lần hai."


# -- 2. an approval applies to exactly what the approver saw ------------------------------


def test_finding2_approval_from_a_page_showing_an_older_text_is_refused(client, reporter, editor, board):
    item = factories.article_in_state(State.PENDING, author=reporter, body="<p>Văn bản A.</p>")
    client.force_login(board)
    page = client.get(change_url(item)).content.decode()
    assert "Văn bản A." in page
    shown = shown_on_page(page)

    client.force_login(editor)
    client.post(change_url(item), factories.article_form_data(item, body="<p>Văn bản B.</p>"))
    client.force_login(board)
    response = client.post(transition_url(item, Action.PUBLISH), {**shown, "comment": ""})

    assert response.status_code == 409
    body = response.content.decode()
    assert "đã thay đổi sau khi bạn mở trang" in body
    current = wf.latest_revision_number(item)
    compare = reverse("admin:news_article_compare", args=[item.pk]) + f"?a={shown['revision']}&amp;b={current}"
    assert compare in body
    item.refresh_from_db()
    assert item.state == State.PENDING and not item.live
    # The comparison shows the two texts side by side.
    diff = client.get(compare.replace("&amp;", "&")).content.decode()
    assert "A.</del>" in diff and "B.</ins>" in diff


@pytest.mark.parametrize("action", [Action.PUBLISH, Action.RETURN, Action.WITHDRAW, Action.SUBMIT])
def test_finding2_every_action_without_the_version_shown_is_refused(client, reporter, board, board2, action):
    state = State.PUBLISHED if action == Action.WITHDRAW else State.DRAFT if action == Action.SUBMIT else State.PENDING
    item = factories.article_in_state(state, author=reporter, board=board2)
    before = (item.state, item.version, wf.history_of(item).count())
    client.force_login(board)
    response = client.post(transition_url(item, action), {"comment": "Lý do đầy đủ."})
    assert response.status_code == 409
    assert "không cho biết bạn đang xem phiên bản nào" in response.content.decode()
    item.refresh_from_db()
    assert (item.state, item.version, wf.history_of(item).count()) == before


def test_finding2_a_forged_version_number_is_refused(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    response = client.post(transition_url(item, Action.PUBLISH), {"version": "abc", "revision": "1"})
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.state == State.PENDING


# -- 3. a save without the version it started from -----------------------------------------


def test_finding3_change_form_without_edit_version_is_refused(client, reporter, editor):
    item = factories.article(author=reporter, title="Bản mới nhất")
    client.force_login(editor)
    client.post(change_url(item), factories.article_form_data(item, title="Bản mới nhất, đã sửa"))
    item.refresh_from_db()
    version = item.version

    response = client.post(change_url(item), factories.article_form_data(item, title="Ghi đè", edit_version=None))

    assert response.status_code == 200
    assert "không cho biết bạn đang sửa phiên bản nào" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Bản mới nhất, đã sửa" and item.version == version


# -- 10. the audit log ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "TRUNCATE editorial_transitionlog",
        "TRUNCATE editorial_transitionlog CASCADE",
        "DELETE FROM editorial_transitionlog",
        "UPDATE editorial_transitionlog SET comment = 'sửa lén'",
        "TRUNCATE editorial_changelog",
        "UPDATE editorial_changelog SET object_repr = 'x'",
        "DELETE FROM editorial_changelog",
        "TRUNCATE editorial_previewlog",
        "DELETE FROM editorial_previewlog",
    ],
)
def test_finding10_audit_tables_refuse_truncate_update_and_delete(reporter, board, sql):
    item = factories.published_article(author=reporter, approver=board)
    wf.log_change(obj=item.category, user=board, kind="change", changes={"name": ["a", "b"]})
    wf.log_preview(item=item, user=board, what="xem trước")
    counts = (TransitionLog.objects.count(), ChangeLog.objects.count(), PreviewLog.objects.count())
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as after a commit: no deferred checks pending
    with pytest.raises(Exception, match="chỉ được thêm"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert (TransitionLog.objects.count(), ChangeLog.objects.count(), PreviewLog.objects.count()) == counts
    assert not TransitionLog.objects.filter(comment="sửa lén").exists()


def test_finding10_audit_log_admin_reads_in_vietnamese_newest_first(client, reporter, editor, board):
    first = factories.article_in_state(State.PENDING, author=reporter, title="Bài gửi trước")
    second = factories.article(author=reporter, title="Bài bị trả lại sau")
    wf.transition(item=second, action=Action.SUBMIT, user=reporter)
    wf.transition(item=second, action=Action.RETURN, user=editor, comment="Thiếu nguồn số liệu.")
    client.force_login(board)
    page = client.get(reverse("admin:editorial_transitionlog_changelist")).content.decode()
    for text in ("Bài bị trả lại sau", "Bài gửi trước", "Thiếu nguồn số liệu.", "Trả lại", "Người thực hiện", "Mục"):
        assert text in page
    for english in ("Content type", "Object id", "TransitionLog object"):
        assert english not in page
    assert page.index("Bài bị trả lại sau") < page.index("Bài gửi trước")
    assert first.pk
    # Filters by content type, user and action.
    for param in ("loai=", "user__id__exact", "action__exact"):
        assert param in page
    assert "content type" not in page.lower() and "Sessions" not in page
    assert "Bài viết" in page.split("loại dữ liệu", 1)[1]


# -- 11. refusals say why, in Vietnamese -------------------------------------------------


def test_finding11_refused_action_shows_the_reason_in_vietnamese(client, reporter, reporter2):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(reporter2)
    response = client.post(transition_url(item, Action.PUBLISH), factories.shown(item))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Vai trò của bạn không được phép thực hiện thao tác “Duyệt và xuất bản”" in body
    assert "Không có gì bị thay đổi" in body
    assert "403 Forbidden" not in body
    item.refresh_from_db()
    assert item.state == State.PENDING


def test_finding11_refused_edit_shows_the_reason_in_vietnamese(client, reporter, editor, board):
    # (an editor may now start a correction of a live article: a withdrawn one stays closed)
    item = factories.article_in_state(State.WITHDRAWN, author=reporter, board=board)
    client.force_login(editor)
    response = client.post(change_url(item), factories.article_form_data(item, title="Sửa trái phép"))
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()
    item.refresh_from_db()
    assert item.title != "Sửa trái phép"


# -- 12. back-dating ------------------------------------------------------------------------


def test_finding12_board_cannot_back_date_a_publication(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    response = client.post(transition_url(item, Action.PUBLISH), factories.shown(item, publish_at="2023-02-01T08:00"))
    assert response.status_code == 403
    assert "chỉ Quản trị được lùi ngày xuất bản" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PENDING and not item.live


def test_finding12_a_few_minutes_ago_is_not_back_dating(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    earlier = timezone.localtime() - dt.timedelta(minutes=2)
    response = client.post(
        transition_url(item, Action.PUBLISH), factories.shown(item, publish_at=earlier.strftime("%Y-%m-%dT%H:%M"))
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.live


def test_finding12_administrator_back_dates_only_with_a_recorded_reason(client, reporter, administrator):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(administrator)
    response = client.post(
        transition_url(item, Action.PUBLISH), factories.shown(item, publish_at="2023-02-01T08:00"), follow=True
    )
    assert "Lùi ngày xuất bản cần ghi lý do" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PENDING
    reason = "Đăng lại bài của cổng cũ, giữ ngày gốc."
    response = client.post(
        transition_url(item, Action.PUBLISH), factories.shown(item, publish_at="2023-02-01T08:00", comment=reason)
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.live and timezone.localtime(item.publish_at).year == 2023
    assert wf.history_of(item).last().comment == reason


def test_finding12_a_pending_change_cannot_move_a_live_article_back_in_time(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board2)
    client.force_login(board2)
    data = factories.article_form_data(item, publish_at_0="2020-01-01", publish_at_1="08:00:00")
    assert client.post(change_url(item), data).status_code == 302
    wf.transition(item=item, action=Action.SUBMIT, user=board2)
    client.force_login(board)
    response = client.post(transition_url(item, Action.PUBLISH), factories.shown(item))
    assert response.status_code == 403
    item.refresh_from_db()
    assert timezone.localtime(item.publish_at).year != 2020


# -- the Văn phòng role writes no content -----------------------------------------------


def test_secretariat_neither_writes_nor_reads_unpublished_content(client, reporter):
    secretariat = make_user(Role.SECRETARIAT, "vanphong")
    item = factories.article(author=reporter, title="Bản nháp nội bộ")
    client.force_login(secretariat)
    assert client.get(reverse("admin:news_article_add")).status_code == 403
    assert client.get(change_url(item)).status_code == 403
    assert client.post(transition_url(item, Action.SUBMIT), factories.shown(item)).status_code == 403
    item.refresh_from_db()
    assert item.state == State.DRAFT
    assert not wf.revisions_of(item).filter(kind=RevisionKind.CONFLICT).exists()


# -- an action taken from a form with unsaved edits saves them first ----------------------


def act_from_form(client, item, action, **form):
    """Press a workflow button of the change page: the whole change form is posted to the
    action's address, with the page's version and revision."""
    data = {**factories.article_form_data(item, **form), **factories.shown(item)}
    return client.post(transition_url(item, action), data)


def test_return_from_a_form_with_a_corrected_title_keeps_the_correction(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter, title="Tiêu đề có lỗi chínhh tả")
    client.force_login(board)
    response = act_from_form(
        client, item, Action.RETURN, title="Tiêu đề đã sửa chính tả", wf_comment_return="Cần thêm nguồn."
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.RETURNED and item.title == "Tiêu đề đã sửa chính tả"
    last = wf.revisions_of(item).filter(kind=RevisionKind.SAVE).first()
    assert last.created_by == board and last.data["title"] == "Tiêu đề đã sửa chính tả"
    assert wf.history_of(item).last().comment == "Cần thêm nguồn."


def test_publish_from_a_form_with_edits_saves_them_and_then_needs_another_member(client, reporter, board, board2):
    item = factories.article_in_state(State.PENDING, author=reporter, body="<p>Doanh thu đạt 100 tỷ đồngg.</p>")
    client.force_login(board)
    response = act_from_form(client, item, Action.PUBLISH, body="<p>Doanh thu đạt 100 tỷ đồng.</p>")
    assert response.status_code == 403  # the board member is now an author of the change
    item.refresh_from_db()
    assert item.body == "<p>Doanh thu đạt 100 tỷ đồng.</p>"  # the fix is kept, not lost
    assert item.state == State.PENDING and not item.live
    client.force_login(board2)
    assert act_from_form(client, item, Action.PUBLISH).status_code == 302
    item.refresh_from_db()
    assert item.live and item.body == "<p>Doanh thu đạt 100 tỷ đồng.</p>"


def test_action_from_an_unchanged_form_saves_nothing(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    revisions = wf.revisions_of(item).count()
    client.force_login(board)
    assert act_from_form(client, item, Action.PUBLISH).status_code == 302
    item.refresh_from_db()
    assert item.live
    assert wf.revisions_of(item).filter(kind=RevisionKind.SAVE).count() == revisions


def test_action_from_a_form_with_edits_over_a_newer_version_is_refused_and_kept(client, reporter, editor, board):
    item = factories.article_in_state(State.PENDING, author=reporter, title="Bản A")
    stale = factories.article_form_data(item, title="Bản của Ban Biên tập")
    shown = factories.shown(item)
    client.force_login(editor)
    client.post(change_url(item), factories.article_form_data(item, title="Bản B của biên tập viên"))
    client.force_login(board)
    response = client.post(transition_url(item, Action.RETURN), {**stale, **shown, "wf_comment_return": "Sửa lại."})
    assert response.status_code == 200
    assert "KHÔNG ghi đè" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Bản B của biên tập viên" and item.state == State.PENDING
    kept = wf.revisions_of(item).filter(kind=RevisionKind.CONFLICT).first()
    assert kept.data["title"] == "Bản của Ban Biên tập"


def test_change_page_buttons_belong_to_the_change_form(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    page = client.get(change_url(item)).content.decode()
    form = page.split('id="article_form"', 1)[1].split("</form>", 1)[0]
    button = re.search(r'<button[^>]*id="wf-btn-publish"[^>]*>', form).group(0)
    assert "quy-trinh/publish/" in button
    assert re.search(r'<input type="hidden" name="version" value="\d+">', form)
    # the same actions again below the Save row
    assert form.count("quy-trinh/publish/") == 2


def test_finding2_publish_button_of_a_page_showing_text_a_after_text_b_was_saved(client, reporter, editor, board):
    """The page still open shows A and the board changed nothing on it: the whole form is
    posted with the action, and it is refused as stale (not saved as an edit of A)."""
    item = factories.article_in_state(State.PENDING, author=reporter, body="<p>Văn bản A.</p>")
    page_form = {**factories.article_form_data(item), **factories.shown(item)}
    client.force_login(editor)
    client.post(change_url(item), factories.article_form_data(item, body="<p>Văn bản B.</p>"))
    client.force_login(board)
    response = client.post(transition_url(item, Action.PUBLISH), page_form)
    assert response.status_code == 409
    assert "so-sanh/?a=" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PENDING and not item.live and item.body == "<p>Văn bản B.</p>"
    assert not wf.revisions_of(item).filter(kind=RevisionKind.CONFLICT).exists()

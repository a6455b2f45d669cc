"""Saving through the admin: revisions, comparing them, edits to live items waiting for
approval, concurrent edits, the board's queue and e-mail notifications."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from portal.editorial import services as wf
from portal.editorial.enums import Action, RevisionKind, State
from tests import factories


def change_url(item) -> str:
    return reverse("admin:news_article_change", args=[item.pk])


def add_url() -> str:
    return reverse("admin:news_article_add")


def transition(client, item, action, comment=""):
    return client.post(
        reverse("admin:news_article_transition", args=[item.pk, str(action)]), factories.shown(item, comment=comment)
    )


def test_add_page_renders_and_speaks_vietnamese(client, reporter):
    client.force_login(reporter)
    page = client.get(add_url())
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Tiêu đề", "Sapo", "Nội dung", "Chuyên mục", "theo giờ Việt Nam (UTC+7)"):
        assert label in html


def test_every_admin_save_keeps_a_revision(client, reporter):
    cat = factories.category()
    client.force_login(reporter)
    from news.models import Article

    blank = Article(title="", slug="", lead="", body="", category=cat)
    data = factories.article_form_data(
        blank,
        title="Hội nghị giao ban quản lý nhà nước tháng 1/2023",
        lead="Bộ trưởng Nguyễn Mạnh Hùng chủ trì hội nghị.",
        body="<p>Doanh thu toàn ngành ước đạt 296.000 tỷ đồng.</p>",
        edit_version=None,
    )
    response = client.post(add_url(), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Article.objects.get()
    assert item.created_by == reporter and item.state == State.DRAFT
    assert wf.revisions_of(item).count() == 1

    for n in range(2, 5):
        data = factories.article_form_data(item, body=f"<p>Bản sửa lần {n}.</p>")
        assert client.post(change_url(item), data).status_code == 302
        item.refresh_from_db()
        assert wf.revisions_of(item).count() == n
        assert item.body == f"<p>Bản sửa lần {n}.</p>"
    assert [r.number for r in wf.revisions_of(item)] == [4, 3, 2, 1]
    assert all(r.created_by_id == reporter.pk for r in wf.revisions_of(item))


def test_compare_view_shows_both_sides_with_changes_marked(client, reporter):
    item = factories.article(author=reporter, title="Tiêu đề ban đầu", body="<p>Doanh thu đạt 100 tỷ đồng.</p>")
    client.force_login(reporter)
    client.post(change_url(item), factories.article_form_data(item))
    item.refresh_from_db()
    client.post(
        change_url(item),
        factories.article_form_data(item, title="Tiêu đề đã sửa", body="<p>Doanh thu đạt 120 tỷ đồng.</p>"),
    )
    numbers = sorted(wf.revisions_of(item).values_list("number", flat=True))[-2:]
    page = client.get(reverse("admin:news_article_compare", args=[item.pk]), {"a": numbers[0], "b": numbers[1]})
    assert page.status_code == 200
    html = page.content.decode()
    assert f"#{numbers[0]}" in html and f"#{numbers[1]}" in html
    assert "<del>100</del>" in html and "<ins>120</ins>" in html
    assert "<del>ban</del>" in html or "<del>ban đầu</del>" in html
    assert "đã đổi" in html
    # Unchanged fields are shown on both sides, unmarked.
    sapo_row = html.split("Sapo", 1)[1].split("</tr>", 1)[0]
    assert "đã đổi" not in sapo_row and "<del>" not in sapo_row


def test_compare_view_escapes_content(client, reporter):
    item = factories.article(author=reporter, title="Tiêu đề một")
    client.force_login(reporter)
    assert client.post(change_url(item), factories.article_form_data(item)).status_code == 302
    item.refresh_from_db()
    saved = client.post(change_url(item), factories.article_form_data(item, title="<b>Tiêu đề hai</b>"))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    item.refresh_from_db()
    assert item.title == "<b>Tiêu đề hai</b>", "kept as typed: escaping is the page's job"
    numbers = sorted(wf.revisions_of(item).values_list("number", flat=True))[-2:]
    page = client.get(reverse("admin:news_article_compare", args=[item.pk]), {"a": numbers[0], "b": numbers[1]})
    assert page.status_code == 200
    html = page.content.decode()
    # The comparison itself, with the title changed on the right, its markup as text.
    assert f"#{numbers[0]}" in html and f"#{numbers[1]}" in html and "đã đổi" in html
    assert "<del>một</del>" in html
    assert "&lt;b&gt;" in html and "&lt;/b&gt;" in html
    assert "<b>Tiêu" not in html and "hai</b>" not in html


def test_editing_published_article_waits_for_approval(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board2, body="<p>Bản đã duyệt.</p>")
    public_url = item.get_absolute_url()
    assert "Bản đã duyệt." in client.get(public_url).content.decode()

    client.force_login(board)
    response = client.post(
        change_url(item),
        factories.article_form_data(item, title="Tiêu đề mới chưa duyệt", body="<p>Bản sửa chưa duyệt.</p>"),
        follow=True,
    )
    assert response.status_code == 200
    assert "Bạn đọc vẫn thấy bản đã xuất bản" in response.content.decode()
    item.refresh_from_db()
    assert item.live and item.has_unpublished_changes

    client.logout()
    page = client.get(public_url).content.decode()
    assert "Bản đã duyệt." in page and "chưa duyệt" not in page
    assert "Tiêu đề mới chưa duyệt" not in client.get("/").content.decode()

    # The editors see the change in the form and in the preview.
    client.force_login(board)
    form_page = client.get(change_url(item)).content.decode()
    assert "Bản sửa chưa duyệt." in form_page
    preview = client.get(reverse("admin:news_article_preview", args=[item.pk]))
    assert "Bản sửa chưa duyệt." in preview.content.decode()
    assert "BẢN XEM TRƯỚC" in preview.content.decode()

    # Submit, then another board member approves: readers see the change.
    assert transition(client, item, Action.SUBMIT).status_code == 302
    client.force_login(board2)
    assert transition(client, item, Action.PUBLISH).status_code == 302
    client.logout()
    page = client.get(public_url).content.decode()
    assert "Bản sửa chưa duyệt." in page and "Bản đã duyệt." not in page
    item.refresh_from_db()
    assert item.title == "Tiêu đề mới chưa duyệt" and not item.has_unpublished_changes


def test_returned_change_to_live_article_keeps_old_version_public(client, reporter, editor, board, board2):
    item = factories.published_article(author=reporter, approver=board2, body="<p>Bản đã duyệt.</p>")
    client.force_login(board)
    client.post(change_url(item), factories.article_form_data(item, body="<p>Bản sửa sai.</p>"))
    wf.transition(item=item, action=Action.SUBMIT, user=board)
    wf.transition(item=item, action=Action.RETURN, user=editor, comment="Sai số liệu.")
    client.logout()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Bản đã duyệt." in page and "Bản sửa sai." not in page


def test_concurrent_edits_second_is_refused_and_kept(client, reporter, editor):
    item = factories.article(author=reporter, body="<p>Bản gốc.</p>")
    start = factories.article_form_data(item)
    assert start["edit_version"] == str(item.version)

    client.force_login(reporter)
    first = client.post(change_url(item), {**start, "body": "<p>Bản của phóng viên.</p>"})
    assert first.status_code == 302

    client.force_login(editor)
    second = client.post(change_url(item), {**start, "body": "<p>Bản của biên tập viên.</p>"})
    assert second.status_code == 200  # the form again, with the message
    html = second.content.decode()
    assert "vừa được" in html and "sửa lúc" in html and "không bị mất" in html

    item.refresh_from_db()
    assert item.body == "<p>Bản của phóng viên.</p>"
    kept = wf.revisions_of(item).filter(kind=RevisionKind.CONFLICT).get()
    assert kept.data["body"] == "<p>Bản của biên tập viên.</p>"
    assert kept.created_by == editor
    # Both texts are there to compare.
    bodies = [r.data["body"] for r in wf.revisions_of(item)]
    assert "<p>Bản của phóng viên.</p>" in bodies and "<p>Bản của biên tập viên.</p>" in bodies


def test_concurrent_edits_of_a_live_article(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board2)
    start = factories.article_form_data(item)
    client.force_login(board)
    assert client.post(change_url(item), {**start, "lead": "Sapo thứ nhất."}).status_code == 302
    client.force_login(board2)
    second = client.post(change_url(item), {**start, "lead": "Sapo thứ hai."})
    assert second.status_code == 200
    assert "không bị mất" in second.content.decode()
    assert wf.revisions_of(item).filter(kind=RevisionKind.CONFLICT, data__lead="Sapo thứ hai.").exists()


def test_reporter_cannot_edit_others_or_submitted_items(client, reporter, reporter2):
    item = factories.article(author=reporter2, title="Bài của người khác")
    client.force_login(reporter)
    response = client.post(change_url(item), factories.article_form_data(item, title="Chiếm bài"))
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Bài của người khác"

    own = factories.article_in_state(State.PENDING, author=reporter, title="Đã gửi duyệt")
    response = client.post(change_url(own), factories.article_form_data(own, title="Sửa sau khi gửi"))
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.title == "Đã gửi duyệt"


def test_editor_and_reporter_start_a_correction_of_a_live_article_readers_keep_the_approved_one(
    client, reporter, reporter2, editor, board
):
    item = factories.published_article(author=reporter, approver=board, title="Đã xuất bản", body="<p>Bản cũ.</p>")
    client.force_login(reporter2)  # not their article
    response = client.post(change_url(item), factories.article_form_data(item, title="Sửa trái phép"))
    assert response.status_code == 403
    for user, title in ((editor, "Đính chính của biên tập viên"), (reporter, "Đính chính của phóng viên")):
        client.force_login(user)
        item.refresh_from_db()
        response = client.post(change_url(item), factories.article_form_data(item, title=title))
        assert response.status_code == 302, user
        item.refresh_from_db()
        assert item.title == "Đã xuất bản" and item.has_unpublished_changes and item.live
    assert wf.pending_revision(item).data["title"] == "Đính chính của phóng viên"
    client.logout()
    assert "Đã xuất bản" in client.get(item.get_absolute_url()).content.decode()


def test_admin_list_shows_state_author_and_filters(client, reporter, board):
    factories.article_in_state(State.PENDING, author=reporter, title="Bài chờ duyệt A")
    factories.article(author=board, title="Bài nháp B")
    client.force_login(board)
    html = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "Bài chờ duyệt A" in html and "Bài nháp B" in html
    assert "Chờ duyệt" in html and "phongvien" in html
    filtered = client.get(reverse("admin:news_article_changelist"), {"state": "pending"}).content.decode()
    assert "Bài chờ duyệt A" in filtered and "Bài nháp B" not in filtered
    by_author = client.get(reverse("admin:news_article_changelist"), {"created_by__id__exact": reporter.pk})
    assert "Bài nháp B" not in by_author.content.decode()


def test_board_queue_lists_pending_items(client, reporter, board):
    factories.article_in_state(State.PENDING, author=reporter, title="Đang chờ Ban Biên tập")
    factories.article(author=reporter, title="Vẫn là nháp")
    client.force_login(board)
    html = client.get(reverse("pending_queue")).content.decode()
    assert "Đang chờ Ban Biên tập" in html and "Vẫn là nháp" not in html


def test_preview_of_a_draft_uses_the_public_template(client, reporter, staff_reader):
    item = factories.article(author=reporter, title="Bản nháp xem trước")
    client.force_login(reporter)
    response = client.get(reverse("admin:news_article_preview", args=[item.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản nháp xem trước" in html and "BẢN XEM TRƯỚC" in html
    assert "noindex" in response["X-Robots-Tag"]
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(staff_reader)  # staff without a workflow role
    assert client.get(reverse("admin:news_article_preview", args=[item.pk])).status_code == 403


def test_notifications(reporter, editor, board, board2, settings, django_capture_on_commit_callbacks):
    """Sent after the transition commits (``transaction.on_commit``)."""
    item = factories.article(author=reporter, title="Bài cần duyệt")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter)
        assert mail.outbox == [], "not before the commit"
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {board.email, board2.email}
    assert "Bài cần duyệt" in mail.outbox[0].subject

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.RETURN, user=editor, comment="Thiếu ảnh minh hoạ.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reporter.email]
    assert "Thiếu ảnh minh hoạ." in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.PUBLISH, user=board)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reporter.email]
    assert "xuất bản" in mail.outbox[0].subject.lower()


def test_notification_not_sent_when_transition_refused(reporter, reporter2, django_capture_on_commit_callbacks):
    import pytest

    from portal.editorial.permissions import TransitionNotAllowed

    item = factories.article(author=reporter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionNotAllowed):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter2)
    assert mail.outbox == []


def test_compare_view_names_related_items(client, reporter):
    first = factories.category(name="Bưu chính")
    second = factories.category(name="Viễn thông")
    item = factories.article(author=reporter, cat=first)
    client.force_login(reporter)
    client.post(change_url(item), factories.article_form_data(item))
    item.refresh_from_db()
    client.post(change_url(item), factories.article_form_data(item, category=str(second.pk)))
    numbers = sorted(wf.revisions_of(item).values_list("number", flat=True))[-2:]
    html = client.get(
        reverse("admin:news_article_compare", args=[item.pk]), {"a": numbers[0], "b": numbers[1]}
    ).content.decode()
    row = html.split("Chuyên mục", 1)[1].split("</tr>", 1)[0]
    assert "<del>Bưu</del> <del>chính</del>" in row and "<ins>Viễn</ins> <ins>thông</ins>" in row
    assert "đã đổi" in row
    assert "Tiếng Việt" in html and "False" not in html and "Không" in html


def test_compare_view_shows_times_in_vietnam_time(client, reporter):
    item = factories.article(author=reporter)
    client.force_login(reporter)
    client.post(change_url(item), factories.article_form_data(item))
    item.refresh_from_db()
    data = factories.article_form_data(item, publish_at_0="2023-02-01", publish_at_1="15:00:00")
    assert client.post(change_url(item), data).status_code == 302
    numbers = sorted(wf.revisions_of(item).values_list("number", flat=True))[-2:]
    html = client.get(
        reverse("admin:news_article_compare", args=[item.pk]), {"a": numbers[0], "b": numbers[1]}
    ).content.decode()
    row = html.split("Thời điểm xuất bản", 1)[1].split("</tr>", 1)[0]
    assert "01/02/2023 15:00" in row and "đã đổi" in row


def test_board_schedules_publication_from_the_admin(client, reporter, board, clock):
    import datetime as dt

    from django.utils import timezone

    clock.set(timezone.make_aware(dt.datetime(2023, 2, 1, 8, 0)))
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    response = client.post(
        reverse("admin:news_article_transition", args=[item.pk, "publish"]),
        factories.shown(item, comment="", publish_at="2023-02-01T15:00"),  # datetime-local, Vietnam time
        follow=True,
    )
    assert "Đã lên lịch (01/02/2023 15:00)" in response.content.decode()
    item.refresh_from_db()
    assert timezone.localtime(item.publish_at).strftime("%d/%m/%Y %H:%M") == "01/02/2023 15:00"
    assert item.publish_at == timezone.make_aware(dt.datetime(2023, 2, 1, 8, 0)).replace(hour=15)
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    clock.set(timezone.make_aware(dt.datetime(2023, 2, 1, 15, 0)))
    assert client.get(item.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("raw", ["ngày mai", "2023-13-01T10:00", "2023-02-30T10:00", "2023-02-01T25:00"])
def test_bad_publish_time_is_refused(client, reporter, board, raw):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    response = client.post(
        reverse("admin:news_article_transition", args=[item.pk, "publish"]),
        factories.shown(item, publish_at=raw),
        follow=True,
    )
    assert "Thời điểm xuất bản không hợp lệ" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PENDING


def test_change_to_live_article_cannot_be_scheduled(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board2, body="<p>Bản cũ.</p>")
    client.force_login(board)
    client.post(change_url(item), factories.article_form_data(item, body="<p>Bản mới.</p>"))
    wf.transition(item=item, action=Action.SUBMIT, user=board)
    client.force_login(board2)
    response = client.post(
        reverse("admin:news_article_transition", args=[item.pk, "publish"]),
        factories.shown(item, publish_at="2099-01-01T08:00"),
        follow=True,
    )
    assert "không hẹn giờ được" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PENDING and item.has_unpublished_changes
    client.logout()
    assert "Bản cũ." in client.get(item.get_absolute_url()).content.decode()


def test_delete_refused_for_published_items(client, reporter, board, administrator):
    item = factories.published_article(author=reporter, approver=board)
    client.force_login(administrator)
    response = client.post(reverse("admin:news_article_delete", args=[item.pk]), {"post": "yes"})
    assert response.status_code == 403
    draft = factories.article(author=reporter)
    client.force_login(board)
    assert client.post(reverse("admin:news_article_delete", args=[draft.pk]), {"post": "yes"}).status_code == 403
    client.force_login(administrator)
    assert client.post(reverse("admin:news_article_delete", args=[draft.pk]), {"post": "yes"}).status_code == 302


def test_read_only_change_pages_render(client, reporter, reporter2, editor, board, staff_reader):
    others = factories.article(author=reporter2, title="Bài của phóng viên khác")
    pending = factories.article_in_state(State.PENDING, author=reporter, title="Bài đang chờ duyệt")
    live = factories.published_article(author=reporter, approver=board, title="Bài đã xuất bản")
    for user, item in ((reporter, others), (reporter, pending), (reporter2, live)):
        client.force_login(user)
        response = client.get(change_url(item))
        assert response.status_code == 200, (user, item)
        html = response.content.decode()
        assert item.title in html
        assert 'name="_save"' not in html  # nothing to save
    client.force_login(staff_reader)  # staff without a workflow role
    assert client.get(change_url(live)).status_code == 403
    assert client.get(reverse("admin:news_article_changelist")).status_code == 403


def test_expiry_before_publication_is_refused(client, reporter):
    item = factories.article(author=reporter, title="Tiêu đề giữ nguyên")
    client.force_login(reporter)
    data = factories.article_form_data(
        item,
        title="Tiêu đề mới",
        publish_at_0="2023-02-01",
        publish_at_1="15:00:00",
        expire_at_0="2023-02-01",
        expire_at_1="09:00:00",
    )
    response = client.post(change_url(item), data)
    assert response.status_code == 200
    assert "Thời điểm hết hạn phải sau thời điểm xuất bản." in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Tiêu đề giữ nguyên"


def test_duplicate_slug_is_refused_in_vietnamese(client, reporter):
    factories.article(author=reporter, slug="dia-chi-da-co")
    item = factories.article(author=reporter, slug="dia-chi-rieng")
    client.force_login(reporter)
    response = client.post(change_url(item), factories.article_form_data(item, slug="Địa chỉ đã có"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đường dẫn đã tồn tại" in html
    item.refresh_from_db()
    assert item.slug == "dia-chi-rieng"


def test_conflict_after_a_transition_names_who_moved_it(client, reporter, editor, board):
    item = factories.article_in_state(State.PENDING, author=reporter, body="<p>Bản gửi duyệt.</p>")
    start = factories.article_form_data(item)
    wf.transition(item=item, action=Action.RETURN, user=board, comment="Thiếu nguồn.")
    client.force_login(editor)
    response = client.post(change_url(item), {**start, "body": "<p>Bản biên tập viên sửa.</p>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "vừa được banbientap chuyển sang “Trả lại”" in html
    item.refresh_from_db()
    assert item.body == "<p>Bản gửi duyệt.</p>"
    assert wf.revisions_of(item).filter(kind=RevisionKind.CONFLICT, data__body="<p>Bản biên tập viên sửa.</p>").exists()


def test_tag_and_cover_changes_to_live_article_wait_for_approval(client, reporter, board, board2):
    from news.models import Tag

    old_tag = Tag.objects.create(name="Bưu chính", slug="buu-chinh")
    new_tag = Tag.objects.create(name="Kinh tế số", slug="kinh-te-so")
    item = factories.published_article(author=reporter, approver=board2)
    item.tags.set([old_tag])
    client.force_login(board)
    data = factories.article_form_data(item, tags=[str(new_tag.pk)], cover_caption="Chú thích mới")
    assert client.post(change_url(item), data).status_code == 302
    item.refresh_from_db()
    assert list(item.tags.values_list("name", flat=True)) == ["Bưu chính"]
    client.logout()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Bưu chính" in page and "Kinh tế số" not in page
    # The form shows the pending tags to editors.
    client.force_login(board)
    form_page = client.get(change_url(item)).content.decode()
    assert f'<option value="{new_tag.pk}" selected>' in form_page
    wf.transition(item=item, action=Action.SUBMIT, user=board)
    wf.transition(item=item, action=Action.PUBLISH, user=board2)
    client.logout()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Kinh tế số" in page and "Bưu chính" not in page


def test_board_is_not_asked_to_approve_its_own_item(board, board2, django_capture_on_commit_callbacks):
    item = factories.article(author=board, title="Bài do Ban Biên tập viết")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=board)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [board2.email]


def test_a_line_break_in_a_title_neither_breaks_nor_silences_the_mail(
    reporter, board, django_capture_on_commit_callbacks
):
    item = factories.article(author=reporter, title="Dòng một\r\nBcc: ke-gian@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert "\n" not in sent.subject and "\r" not in sent.subject
    assert sent.subject.endswith("Dòng một Bcc: ke-gian@example.com")
    assert sent.bcc == [] and sent.to == [board.email]


def test_a_failed_notification_is_logged_and_the_transition_stands(
    reporter, board, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from portal.editorial import notifications

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("máy chủ thư không trả lời")

    monkeypatch.setattr(notifications, "send_mail", refuse)
    item = factories.article(author=reporter, title="Bài gửi khi máy chủ thư hỏng")
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    item.refresh_from_db()
    assert item.state == State.PENDING
    assert "Không gửi được thư thông báo" in caplog.text and "Bài gửi khi máy chủ thư hỏng" in caplog.text

"""Issue "The editor's desk": the change form leads with the item's state and its actions,
one publish-time box, one reason box (the browser journeys are in
tests/e2e/test_editors_desk.py)."""

from __future__ import annotations

import datetime as dt
import html
import re

from django.urls import reverse
from django.utils import timezone

from portal.editorial import services as wf
from portal.editorial.enums import Action, RevisionKind, State
from tests import factories


def change_url(item) -> str:
    return reverse("admin:news_article_change", args=[item.pk])


def transition_url(item, action) -> str:
    return reverse("admin:news_article_transition", args=[item.pk, str(action)])


def form_of(page: str) -> str:
    return page.split('id="article_form"', 1)[1].split("</form>", 1)[0]


def test_change_form_leads_with_state_and_actions_above_the_fields(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    form = form_of(client.get(change_url(item)).content.decode())
    first_field = form.index('name="title"')
    assert form.index("wf-state wf-pending") < first_field
    assert form.index('id="wf-btn-publish"') < first_field
    assert form.index("quy-trinh/return/") < first_field
    assert form.count("quy-trinh/return/") == 2  # repeated below the Save row
    assert "Đang ở chỗ" in form and "Ban Biên tập" in form


def test_return_reason_stands_beside_the_returned_badge(client, reporter, editor):
    item = factories.article_in_state(State.RETURNED, author=reporter, editor=editor)
    client.force_login(reporter)
    form = form_of(client.get(change_url(item)).content.decode())
    lead = form[: form.index('name="title"')]
    assert "wf-state wf-returned" in lead and "Cần bổ sung số liệu." in lead
    assert "Lý do trả lại" in lead


def test_one_reason_box_and_one_publish_time_box(client, reporter, administrator):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(administrator)
    page = client.get(change_url(item)).content.decode()
    assert len(re.findall(r"<textarea[^>]*name=\"(?:comment|wf_comment_[a-z_]+)\"", page)) == 1
    assert page.count("Lý do (bắt buộc)") == 0
    assert "datetime-local" not in page
    assert 'name="publish_at_0"' not in page and 'name="publish_at_1"' not in page
    box = re.search(r'<input[^>]*name="publish_at"[^>]*>', page).group(0)
    assert 'placeholder="dd/mm/yyyy HH:MM"' in box


def test_publish_time_box_shows_vietnamese_order(client, reporter):
    at = timezone.make_aware(dt.datetime(2031, 2, 1, 15, 30))
    item = factories.article(author=reporter, publish_at=at)
    client.force_login(reporter)
    page = client.get(change_url(item)).content.decode()
    box = re.search(r'<input[^>]*name="publish_at"[^>]*>', page).group(0)
    assert 'value="01/02/2031 15:30"' in box


def test_board_schedules_with_the_forms_publish_time_box_and_stays_a_second_pair_of_eyes(
    client, reporter, board, clock
):
    clock.set(timezone.make_aware(dt.datetime(2023, 2, 1, 8, 0)))
    item = factories.article_in_state(State.PENDING, author=reporter)
    saves = wf.revisions_of(item).filter(kind=RevisionKind.SAVE).count()
    client.force_login(board)
    data = {
        **factories.article_form_data(item, publish_at_0=None, publish_at_1=None, publish_at="01/02/2023 15:00"),
        **factories.shown(item),
        "comment": "",
    }
    response = client.post(transition_url(item, Action.PUBLISH), data, follow=True)
    assert "Đã lên lịch (01/02/2023 15:00)" in response.content.decode()
    item.refresh_from_db()
    assert item.live and timezone.localtime(item.publish_at).strftime("%d/%m/%Y %H:%M") == "01/02/2023 15:00"
    # Choosing the time is part of the approval, not an edit of the content.
    assert wf.revisions_of(item).filter(kind=RevisionKind.SAVE).count() == saves


def test_the_one_reason_box_carries_the_return_reason(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    data = {**factories.article_form_data(item), **factories.shown(item), "comment": "Thiếu nguồn số liệu."}
    assert client.post(transition_url(item, Action.RETURN), data).status_code == 302
    item.refresh_from_db()
    assert item.state == State.RETURNED
    assert wf.history_of(item).last().comment == "Thiếu nguồn số liệu."


def test_a_bad_time_in_the_box_changes_nothing(client, reporter, board):
    item = factories.article_in_state(State.PENDING, author=reporter)
    client.force_login(board)
    data = {
        **factories.article_form_data(item, publish_at_0=None, publish_at_1=None, publish_at="31/02/2023 15:00"),
        **factories.shown(item),
    }
    response = client.post(transition_url(item, Action.PUBLISH), data, follow=True)
    assert "Thời điểm xuất bản không hợp lệ" in response.content.decode()
    item.refresh_from_db()
    assert item.state == State.PENDING


def test_change_form_loads_the_leave_warning_from_a_file(client, reporter):
    item = factories.article(author=reporter)
    client.force_login(reporter)
    page = client.get(change_url(item)).content.decode()
    assert re.search(r'<script src="/static/js/desk[^"]*\.js" defer></script>', page)
    assert "onbeforeunload" not in page


# -- restore and compare -----------------------------------------------------------------


def restore_url(item, number) -> str:
    return reverse("admin:news_article_restore", args=[item.pk, number])


def test_restore_an_old_revision_as_a_new_one_history_kept(client, reporter):
    item = factories.article(author=reporter, title="Bản đầu")
    client.force_login(reporter)
    assert client.post(change_url(item), factories.article_form_data(item, title="Bản hai")).status_code == 302
    numbers = list(wf.revisions_of(item).order_by("number").values_list("number", flat=True))
    item.refresh_from_db()
    response = client.post(restore_url(item, numbers[0]), {"version": item.version}, follow=True)
    assert "Đã khôi phục nội dung của phiên bản #1" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Bản đầu"
    after = list(wf.revisions_of(item).order_by("number"))
    assert [r.number for r in after] == [*numbers, numbers[-1] + 1]  # nothing rewritten
    assert after[-1].data["title"] == "Bản đầu" and after[-2].data["title"] == "Bản hai"


def test_restore_from_a_stale_page_or_by_someone_who_may_not_edit_is_refused(client, reporter, reporter2):
    item = factories.article(author=reporter, title="Bản đầu")
    client.force_login(reporter)
    client.post(change_url(item), factories.article_form_data(item, title="Bản hai"))
    assert client.post(restore_url(item, 1), {"version": 1}).status_code == 409
    item.refresh_from_db()
    client.force_login(reporter2)
    assert client.post(restore_url(item, 1), {"version": item.version}).status_code == 403
    item.refresh_from_db()
    assert item.title == "Bản hai"


def test_restore_on_a_live_article_waits_for_approval(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board2, title="Bản đã duyệt")
    client.force_login(board)
    client.post(change_url(item), factories.article_form_data(item, title="Bản sửa"))
    item.refresh_from_db()
    first = wf.revisions_of(item).order_by("number").first().number
    assert client.post(restore_url(item, first), {"version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.title == "Bản đã duyệt" and item.has_unpublished_changes
    assert wf.pending_revision(item).data["title"] == "Bản đã duyệt"


def test_compare_follows_the_form_order_and_shows_images_as_images(client, reporter):
    body_a = "<p>Mở đầu.</p>"
    body_b = (
        '<p>Mở đầu.</p><figure class="image"><img src="/media/editor/anh.jpg" alt="Toàn cảnh hội nghị">'
        "<figcaption>Toàn cảnh hội nghị</figcaption></figure><p>Đoạn tiếp theo.</p>"
    )
    item = factories.article(author=reporter, title="Bài có ảnh", body=body_a)
    client.force_login(reporter)
    client.post(change_url(item), factories.article_form_data(item, body=body_b))
    page = client.get(reverse("admin:news_article_compare", args=[item.pk]), {"a": 1, "b": 2}).content.decode()
    labels = re.findall(r'<th scope="row">([^<]+)', page)
    assert [label.strip() for label in labels[:4]] == ["Tiêu đề", "Đường dẫn", "Sapo", "Nội dung"]
    assert '<img class="wf-thumb" src="/media/editor/anh.jpg" alt="Toàn cảnh hội nghị">' in page
    # the caption is a line of its own, not run into the next paragraph
    assert "Toàn cảnh hội nghị Đoạn tiếp theo" not in page


# -- the queue, assignment, notes, bulk actions -------------------------------------------


def test_queue_lists_every_waiting_item_oldest_first_with_flags_and_links(client, reporter, editor, board, clock):
    from django.core import mail

    clock.set(timezone.make_aware(dt.datetime(2026, 3, 2, 8, 0)))
    old = factories.article(author=reporter, title="Bài gửi từ sáng")
    factories.transition(old, Action.SUBMIT, user=reporter, comment="Nhờ duyệt sớm giúp em.")
    clock.advance(hours=2)
    scheduled = factories.article(
        author=reporter, title="Bài hẹn giờ", publish_at=timezone.make_aware(dt.datetime(2026, 3, 5, 7, 0))
    )
    factories.transition(scheduled, Action.SUBMIT, user=reporter)
    returned = factories.article_in_state(State.RETURNED, author=reporter, editor=editor, title="Bài sửa lại")
    factories.transition(returned, Action.SUBMIT, user=reporter)
    clock.advance(hours=1)
    client.force_login(board)
    page = client.get(reverse("pending_queue")).content.decode()
    order = [page.index(t) for t in ("Bài gửi từ sáng", "Bài hẹn giờ", "Bài sửa lại")]
    assert order == sorted(order)
    row = page.split("Bài gửi từ sáng", 1)[1].split("</tr>", 1)[0].replace("\xa0", " ")
    assert ">3 giờ<" in row and "Nhờ duyệt sớm giúp em." in row
    assert "Xem trước" in row and "Bài viết" in row
    assert "Hẹn giờ 05/03/2026 07:00" in page.split("Bài hẹn giờ", 1)[1].split("</tr>", 1)[0]
    assert "Đính chính sau khi bị trả lại" in page.split("Bài sửa lại", 1)[1].split("</tr>", 1)[0]
    mail.outbox.clear()


def test_queue_runs_a_fixed_number_of_queries(client, reporter, board, django_assert_max_num_queries):
    for n in range(3):
        factories.article_in_state(State.PENDING, author=reporter, title=f"Bài {n}")
    client.force_login(board)
    client.get(reverse("pending_queue"))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("pending_queue"))
    for n in range(3, 12):
        factories.article_in_state(State.PENDING, author=reporter, title=f"Bài {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("pending_queue"))


def test_assign_is_recorded_notified_and_lands_in_my_work(
    client, reporter, editor, board, django_capture_on_commit_callbacks
):
    from django.core import mail

    from portal.editorial.models import Assignment

    item = factories.article_in_state(State.PENDING, author=reporter, title="Bài cần biên tập")
    client.force_login(board)
    mail.outbox.clear()
    response = client.post(
        reverse("admin:news_article_assign", args=[item.pk]), {"assignee": editor.pk, "next": reverse("pending_queue")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("pending_queue")
    row = Assignment.objects.get()
    assert row.assignee == editor and row.assigned_by == board
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Bài cần biên tập" in mail.outbox[0].subject and "http" in mail.outbox[0].body
    client.force_login(editor)
    mine = client.get(reverse("my_work")).content.decode()
    assert "Bài cần biên tập" in mine
    form = client.get(change_url(item)).content.decode()
    assert "Đang ở chỗ" in form and f"{editor.last_name} {editor.first_name}" in form
    # A reporter may not give items away.
    client.force_login(reporter)
    assert (
        client.post(reverse("admin:news_article_assign", args=[item.pk]), {"assignee": reporter.pk}).status_code == 403
    )


def test_my_work_for_every_role(client, reporter, reporter2, editor, board, board2, administrator):
    draft = factories.article(author=reporter, title="Nháp của phóng viên")
    returned = factories.article_in_state(State.RETURNED, author=reporter, editor=editor, title="Bài bị trả lại")
    others = factories.article(author=reporter2, title="Nháp của người khác")
    own_by_board = factories.article(author=board, title="Bài Ban Biên tập viết")
    factories.transition(own_by_board, Action.SUBMIT, user=board)
    client.force_login(reporter)
    page = client.get(reverse("my_work")).content.decode()
    assert draft.title in page and returned.title in page and others.title not in page
    assert "Cần bổ sung số liệu." in page  # the return reason
    for user in (editor, board2, administrator):
        client.force_login(user)
        assert own_by_board.title in client.get(reverse("my_work")).content.decode(), user
    client.force_login(board)  # not asked to approve their own item
    assert own_by_board.title not in client.get(reverse("my_work")).content.decode()


def test_notes_thread_kept_with_the_item_mailed_to_those_involved_never_public(
    client, reporter, editor, board, django_capture_on_commit_callbacks
):
    from django.core import mail

    item = factories.published_article(author=reporter, approver=board, title="Bài có trao đổi")
    client.force_login(editor)
    mail.outbox.clear()
    response = client.post(reverse("admin:news_article_note", args=[item.pk]), {"text": "Số liệu đoạn 2 lấy ở đâu?"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[reporter.email]] or set(mail.outbox[0].to) >= {reporter.email}
    assert editor.email not in mail.outbox[0].to
    assert "Số liệu đoạn 2 lấy ở đâu?" in mail.outbox[0].body
    client.force_login(reporter)
    mail.outbox.clear()
    client.post(reverse("admin:news_article_note", args=[item.pk]), {"text": "Theo báo cáo tháng của Bộ."})
    assert editor.email in mail.outbox[0].to
    form = client.get(change_url(item)).content.decode()
    assert form.index("Số liệu đoạn 2 lấy ở đâu?") < form.index("Theo báo cáo tháng của Bộ.")
    client.logout()
    public = client.get(item.get_absolute_url()).content.decode()
    assert "Số liệu đoạn 2" not in public and "Theo báo cáo tháng" not in public


def test_bulk_publish_each_item_checked_refused_ones_named(client, reporter, board, board2):
    fine = [factories.article_in_state(State.PENDING, author=reporter, title=f"Bài duyệt được {n}") for n in range(2)]
    own = factories.article(author=board, title="Bài của chính người duyệt")
    factories.transition(own, Action.SUBMIT, user=board)
    items = [*fine, own]
    client.force_login(board)
    data = {
        "action": "bulk_publish",
        "_selected_action": [str(i.pk) for i in items],
        "index": "0",
        **{f"wf_v_{i.pk}": str(type(i).objects.get(pk=i.pk).version) for i in items},
    }
    response = client.post(reverse("admin:news_article_changelist"), data, follow=True)
    page = response.content.decode()
    assert "Đã “Duyệt và xuất bản” 2 mục" in page
    assert "Không “Duyệt và xuất bản” được “Bài của chính người duyệt”" in page
    assert "thành viên Ban Biên tập khác" in page
    for i in fine:
        i.refresh_from_db()
        assert i.live
    own.refresh_from_db()
    assert own.state == State.PENDING and not own.live


def test_bulk_return_with_one_reason_and_a_stale_version_refused(client, reporter, editor):
    a = factories.article_in_state(State.PENDING, author=reporter, title="Bài A")
    b = factories.article_in_state(State.PENDING, author=reporter, title="Bài B")
    client.force_login(editor)
    data = {
        "action": "bulk_return",
        "_selected_action": [str(a.pk), str(b.pk)],
        "index": "0",
        "comment": "Thiếu nguồn.",
        f"wf_v_{a.pk}": str(a.version),
        f"wf_v_{b.pk}": str(b.version - 1),  # the list was older than the item
    }
    page = client.post(reverse("admin:news_article_changelist"), data, follow=True).content.decode()
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.state == State.RETURNED and wf.history_of(a).last().comment == "Thiếu nguồn."
    assert b.state == State.PENDING and "Không “Trả lại” được “Bài B”" in page


# -- e-mails -------------------------------------------------------------------------------


def test_mails_name_the_real_role_link_absolutely_and_carry_the_note(
    reporter, editor, board, board2, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.SITE_URL = "http://127.0.0.1:8123"  # as `make run` derives it from PORT=8123
    editor.first_name, editor.last_name = "Hùng", "Trần Văn"
    editor.save()
    item = factories.article(author=reporter, title="Bài về bưu chính")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter, comment="Số liệu đã đối chiếu.")
    body = mail.outbox[0].body
    assert "Số liệu đã đối chiếu." in body
    assert f"http://127.0.0.1:8123/admin/news/article/{item.pk}/change/" in body and ":8000" not in body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.RETURN, user=editor, comment="Thiếu nguồn.")
    body = mail.outbox[0].body
    assert body.startswith("Biên tập viên Trần Văn Hùng đã trả lại") and "Ban Biên tập đã trả lại" not in body
    assert f"http://127.0.0.1:8123/admin/news/article/{item.pk}/change/" in body


def test_scheduled_approval_says_when_and_a_publication_links_to_the_public_page(
    reporter, board, settings, clock, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.SITE_URL = "http://127.0.0.1:8123"
    clock.set(timezone.make_aware(dt.datetime(2026, 3, 2, 8, 0)))
    item = factories.article_in_state(State.PENDING, author=reporter, title="Bài hẹn giờ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(
            item=item, action=Action.PUBLISH, user=board, publish_at=timezone.make_aware(dt.datetime(2026, 3, 2, 15, 0))
        )
    sent = mail.outbox[0]
    assert "15:00 02/03/2026" in sent.subject and "sẽ tự xuất bản lúc 15:00 02/03/2026" in sent.body
    assert "đã được duyệt và xuất bản" not in sent.body
    item.refresh_from_db()
    assert "http://127.0.0.1:8123" + item.get_absolute_url() in sent.body
    now_item = factories.article_in_state(State.PENDING, author=reporter, title="Bài xuất bản ngay")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=now_item, action=Action.PUBLISH, user=board)
    now_item.refresh_from_db()
    assert "http://127.0.0.1:8123" + now_item.get_absolute_url() in mail.outbox[0].body
    assert "/admin/" not in mail.outbox[0].body


def test_a_failed_send_is_kept_and_sent_by_the_next_transition_or_the_command(
    reporter, board, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.core.management import call_command

    from portal.editorial import notifications
    from portal.editorial.models import FailedMail

    real = notifications.send_mail

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("máy chủ thư không trả lời")

    monkeypatch.setattr(notifications, "send_mail", refuse)
    item = factories.article(author=reporter, title="Bài gửi khi máy chủ thư hỏng")
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=item, action=Action.SUBMIT, user=reporter)
    kept = FailedMail.objects.get()
    assert kept.object_id == item.pk and kept.sent_at is None and kept.recipients == [board.email]
    assert "Không gửi được thư thông báo" in caplog.text and f"#{item.pk}" in caplog.text
    monkeypatch.setattr(notifications, "send_mail", real)
    mail.outbox.clear()
    other = factories.article(author=reporter, title="Bài sau")
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=other, action=Action.SUBMIT, user=reporter)
    subjects = [m.subject for m in mail.outbox]
    assert any("Bài gửi khi máy chủ thư hỏng" in s for s in subjects) and any("Bài sau" in s for s in subjects)
    kept.refresh_from_db()
    assert kept.sent_at is not None
    # The command sends what is still kept.
    monkeypatch.setattr(notifications, "send_mail", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=other, action=Action.RETURN, user=board, comment="Thiếu ảnh.")
    monkeypatch.setattr(notifications, "send_mail", real)
    mail.outbox.clear()
    call_command("resend_notifications")
    assert [m.subject for m in mail.outbox] == [FailedMail.objects.latest("id").subject]
    assert not FailedMail.objects.filter(sent_at__isnull=True).exists()


def test_article_list_shows_view_counts_sortable(client, reporter, board):
    from news.models import Article

    few = factories.published_article(author=reporter, approver=board, title="Ít người đọc")
    many = factories.published_article(author=reporter, approver=board, title="Nhiều người đọc")
    Article.objects.filter(pk=few.pk).update(view_count=7)
    Article.objects.filter(pk=many.pk).update(view_count=2611948)
    client.force_login(board)
    page = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "Lượt xem" in page and "2.611.948" in page
    assert re.search(r'<th scope="col" class="sortable[^"]*column-views', page)  # a sortable column
    desc = client.get(reverse("admin:news_article_changelist") + "?o=-5").content.decode()
    assert desc.index("Nhiều người đọc") < desc.index("Ít người đọc")
    asc = client.get(reverse("admin:news_article_changelist") + "?o=5").content.decode()
    assert asc.index("Ít người đọc") < asc.index("Nhiều người đọc")


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_view_on_site_only_for_what_readers_can_see(client, reporter, board):
    draft = factories.article(author=reporter, title="Bài nháp")
    live = factories.published_article(author=reporter, approver=board, title="Bài đã xuất bản")
    client.force_login(board)
    assert "Xem trên trang web" not in client.get(change_url(draft)).content.decode()
    assert "Xem trên trang web" in client.get(change_url(live)).content.decode()


# -- images and rich text --------------------------------------------------------------------


def test_body_image_without_alt_is_refused_naming_it(client, reporter):
    item = factories.article(author=reporter, body="<p>Trước.</p>")
    client.force_login(reporter)
    body = '<figure class="image"><img src="/media/images/2026/11/r/anh-hoi-nghi.jpg"></figure><p>Sau.</p>'
    response = client.post(change_url(item), factories.article_form_data(item, body=body))
    assert response.status_code == 200
    page = response.content.decode()
    assert "chưa có mô tả" in page and "ảnh thứ 1 (anh-hoi-nghi.jpg)" in page
    item.refresh_from_db()
    assert item.body == "<p>Trước.</p>"


def test_body_images_get_srcset_of_their_renditions(client, reporter, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from portal.core.images import store_image

    buf = io.BytesIO()
    PILImage.new("RGB", (1400, 900), (200, 30, 30)).save(buf, "JPEG")
    image = store_image(SimpleUploadedFile("anh.jpg", buf.getvalue(), "image/jpeg"), user=reporter)
    src = image.rendition_url("jpeg", 1200)
    item = factories.article(author=reporter)
    client.force_login(reporter)
    body = f'<figure class="image"><img src="{src}" alt="Toàn cảnh hội nghị"></figure>'
    assert client.post(change_url(item), factories.article_form_data(item, body=body)).status_code == 302
    item.refresh_from_db()
    tag = re.search(r"<img[^>]*>", item.body).group(0)
    assert 'srcset="' in tag and " 480w" in tag and 'sizes="' in tag and 'alt="Toàn cảnh hội nghị"' in tag
    client.logout()


def test_a_body_emptied_by_sanitising_says_what_was_removed(client, reporter):
    item = factories.article(author=reporter, body="<p>Trước.</p>")
    client.force_login(reporter)
    body = '<script>alert(1)</script><iframe src="https://example.com/video"></iframe>'
    page = client.post(change_url(item), factories.article_form_data(item, body=body)).content.decode()
    assert "đoạn mã (script)" in page and "khung nhúng" in page and "Nội dung trống sau khi làm sạch" in page
    assert "Trường này không được để trắng" not in page


def test_cover_thumbnail_and_read_only_view_as_readers_see_it(client, reporter, reporter2, board):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from news.models import Article
    from portal.core.images import store_image

    buf = io.BytesIO()
    PILImage.new("RGB", (900, 600), (20, 90, 160)).save(buf, "JPEG")
    cover = store_image(SimpleUploadedFile("bia.jpg", buf.getvalue(), "image/jpeg"), user=reporter)
    item = factories.published_article(
        author=reporter, approver=board, body="<p>Đoạn <strong>đậm</strong>.</p>", cover_alt="Ảnh bìa"
    )
    Article.objects.filter(pk=item.pk).update(cover=cover)
    client.force_login(reporter)
    page = client.get(change_url(item)).content.decode()
    assert re.search(r'<img class="wf-thumb" src="[^"]+-480\.jpg" alt="Ảnh bìa">', page)
    client.force_login(reporter2)  # may only read it
    page = client.get(change_url(item)).content.decode()
    assert '<div class="wf-body"><p>Đoạn <strong>đậm</strong>.</p></div>' in page
    assert "&lt;p&gt;" not in page and "Cover upload" not in page and "Tải ảnh đại diện" not in page
    assert 'class="wf-thumb"' in page


def test_queue_holds_every_apps_waiting_items_with_the_embargo_flag(client, reporter, board, clock):
    from stats.models import Release
    from tests.factories import ReleaseFactory

    clock.set(timezone.make_aware(dt.datetime(2026, 3, 2, 8, 0)))
    article = factories.article(author=reporter, title="Bài tin tức chờ duyệt")
    factories.transition(article, Action.SUBMIT, user=reporter)
    clock.advance(minutes=30)
    release = ReleaseFactory(
        author=reporter, year=2026, month=2, publish_at=timezone.make_aware(dt.datetime(2026, 3, 5, 9))
    )
    factories.transition(release, Action.SUBMIT, user=reporter)
    client.force_login(board)
    page = client.get(reverse("pending_queue")).content.decode()
    title = html.escape(str(release))
    assert page.index("Bài tin tức chờ duyệt") < page.index(title)
    row = page.split(title, 1)[1].split("</tr>", 1)[0]
    assert "Cấm công bố trước 05/03/2026 09:00 (embargo)" in row
    assert Release._meta.verbose_name.capitalize() in row


def test_a_reporter_submits_a_correction_of_a_live_article_in_one_press(client, reporter, board, board2):
    item = factories.published_article(author=reporter, approver=board, body="<p>Tăng 12,5%.</p>")
    client.force_login(reporter)
    page = client.get(change_url(item)).content.decode()
    assert "Gửi duyệt bản đính chính" in page
    data = {
        **factories.article_form_data(item, body="<p>Tăng 15,2%.</p>"),
        **factories.shown(item),
        "comment": "Đính chính số liệu.",
    }
    assert client.post(transition_url(item, Action.SUBMIT), data).status_code == 302
    item.refresh_from_db()
    assert item.state == State.PENDING and item.live and item.body == "<p>Tăng 12,5%.</p>"
    factories.transition(item, Action.PUBLISH, user=board2)
    item.refresh_from_db()
    assert item.body == "<p>Tăng 15,2%.</p>" and not item.has_unpublished_changes


def test_a_chosen_cover_is_kept_across_a_validation_error(client, reporter, settings):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from portal.core.models import Image

    buf = io.BytesIO()
    PILImage.new("RGB", (800, 500), (10, 120, 60)).save(buf, "JPEG")
    item = factories.article(author=reporter, title="Bài có ảnh bìa")
    client.force_login(reporter)
    images = Image.objects.count()
    data = factories.article_form_data(item, title="", cover_alt="Cánh đồng")
    data["cover_upload"] = SimpleUploadedFile("canh-dong.jpg", buf.getvalue(), "image/jpeg")
    response = client.post(change_url(item), data)
    assert response.status_code == 200  # the title is required
    page = response.content.decode()
    assert "Ảnh “canh-dong.jpg” bạn đã chọn được giữ lại" in page
    assert Image.objects.count() == images  # nothing stored before the save may go ahead
    token = re.search(r'name="cover_kept" value="([^"]+)"', page).group(1)
    item.refresh_from_db()
    data = factories.article_form_data(item, title="Bài có ảnh bìa", cover_alt="Cánh đồng", cover_kept=token)
    assert client.post(change_url(item), data).status_code == 302
    item.refresh_from_db()
    assert item.cover_id and Image.objects.count() == images + 1

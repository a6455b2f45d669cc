"""The Vietnamese admin: a meeting recorded with its directives inline, documents
validated by their content, the workflow on top."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Attachment, Directive, Meeting, PublicSummary
from portal.editorial.enums import State

from .conftest import act


@pytest.fixture(autouse=True)
def _vietnamese():
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def form_data(units, people, **overrides):
    data = {
        "title": "Hội nghị Giao ban quản lý nhà nước tháng 01/2022",
        "slug": "",
        "kind": "giao-ban-thang",
        "start_at_0": "10/02/2022",
        "start_at_1": "08:30",
        "place": "Hà Nội",
        "format": "truc-tuyen",
        "bridge_points": "11",
        "chair": str(people["minister"].pk),
        "attendees": [str(people["deputy"].pk)],
        "attending_units": [str(units["dx"].pk), str(units["office"].pk)],
        "agenda": "Kết quả tháng 01/2022",
        "summary": "Năm 2022 là năm tổng tiến công chuyển đổi số.",
        "conclusions": "Giao xây dựng kế hoạch chuyển đổi số.",
        "is_internal": "on",
        "edit_version": "",
        "directives-TOTAL_FORMS": "2",
        "directives-INITIAL_FORMS": "0",
        "directives-MIN_NUM_FORMS": "0",
        "directives-MAX_NUM_FORMS": "1000",
        "directives-0-number": "1",
        "directives-0-text": "Xây dựng kế hoạch chuyển đổi số của Bộ, trình Bộ trưởng.",
        "directives-0-giver": str(people["minister"].pk),
        "directives-0-lead_unit": str(units["dx"].pk),
        "directives-0-lead_person": str(people["deputy"].pk),
        "directives-0-supporting_units": [str(units["office"].pk)],
        "directives-0-deadline_text": "trong tháng 02/2022",
        "directives-1-number": "2",
        "directives-1-text": "Lập kế hoạch công tác theo tuần, trình Bộ trưởng ký.",
        "directives-1-giver": str(people["minister"].pk),
        "directives-1-lead_unit": str(units["office"].pk),
        "directives-1-deadline_text": "20/02/2022",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "_save": "Lưu",
    }
    data.update(overrides)
    return data


def with_directive_rows(data: dict, directives) -> dict:
    """``data`` with the directives inline holding ``directives`` as the change form shows
    them (each row names its directive; numbers are the form's own, not posted)."""
    data.update({"directives-TOTAL_FORMS": str(len(directives)), "directives-INITIAL_FORMS": "0"})
    for i, d in enumerate(directives):
        data.update({
            f"directives-{i}-row_id": str(d.pk), f"directives-{i}-text": d.text,
            f"directives-{i}-lead_unit": str(d.lead_unit_id), f"directives-{i}-giver": str(d.giver_id),
            f"directives-{i}-lead_person": str(d.lead_person_id or ""),
            f"directives-{i}-deadline_text": d.deadline.strftime("%d/%m/%Y"),
        })  # fmt: skip
        data.pop(f"directives-{i}-supporting_units", None)
        data.pop(f"directives-{i}-number", None)
    return data


def publish_fields(item) -> dict:
    """The publish time as the change form shows it (a live item keeps it)."""
    from django.utils import timezone

    local = timezone.localtime(item.publish_at)
    return {"publish_at_0": local.strftime("%d/%m/%Y"), "publish_at_1": local.strftime("%H:%M:%S")}


def test_add_page_speaks_vietnamese(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:meetings_meeting_add")).content.decode()
    for label in ("Tên cuộc họp", "Loại cuộc họp", "Số điểm cầu", "Nhiệm vụ giao tại cuộc họp", "Thời hạn",
                  "Đơn vị chủ trì", "Chỉ lưu hành nội bộ", "Tài liệu, biên bản"):  # fmt: skip
        assert label in html, label


def test_editor_records_meeting_with_two_directives_and_submits(client, editor, units, people):
    client.force_login(editor)
    response = client.post(reverse("admin:meetings_meeting_add"), form_data(units, people))
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get()
    assert meeting.slug == "hoi-nghi-giao-ban-quan-ly-nha-nuoc-thang-01-2022"
    assert meeting.is_internal and meeting.state == State.DRAFT
    d1, d2 = meeting.directives.order_by("number")
    assert (d1.deadline.isoformat(), d1.deadline_kind) == ("2022-02-28", "month")
    assert (d2.deadline.isoformat(), d2.deadline_kind) == ("2022-02-20", "date")
    assert list(d1.supporting_units.all()) == [units["office"]]
    response = act(client, meeting, "submit")
    assert response.status_code == 302
    assert meeting.state == State.PENDING
    # The change page shows the month deadline the way it was written.
    html = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert 'value="trong tháng 02/2022"' in html


def test_bad_deadline_and_missing_bridge_points_save_nothing(client, editor, units, people):
    client.force_login(editor)
    data = form_data(units, people, **{"directives-1-deadline_text": "sớm nhất có thể", "bridge_points": ""})
    response = client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "không hợp lệ" in html and "Hãy ghi số điểm cầu" in html
    assert Meeting.objects.count() == 0 and Directive.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("bien-ban.pdf", b"%PDF-1.7\n...", True),
        ("bien-ban.docx", None, True),
        ("bien-ban.pdf", b"MZ\x90\x00 not a pdf", False),
        ("bien-ban.docx", b"PK\x03\x04 broken zip", False),
        ("anh.pdf", b"<svg xmlns='http://www.w3.org/2000/svg'/>", False),
    ],
)
def test_minutes_validated_by_content(client, editor, units, people, name, content, ok):
    client.force_login(editor)
    upload = SimpleUploadedFile(name, content if content is not None else docx_bytes())
    data = form_data(
        units,
        people,
        **{"attachments-TOTAL_FORMS": "1", "attachments-0-title": "Biên bản cuộc họp", "attachments-0-file": upload},
    )
    response = client.post(reverse("admin:meetings_meeting_add"), data)
    if ok:
        assert response.status_code == 302
        att = Attachment.objects.get()
        assert att.original_name == name and att.size > 0
    else:
        assert response.status_code == 200
        assert "Không nhận tệp này: chỉ nhận văn bản PDF, Word (DOCX)" in response.content.decode()
        assert Meeting.objects.count() == 0 and Attachment.objects.count() == 0


def test_oversized_document_refused(settings):
    from django.core.exceptions import ValidationError

    from meetings import files

    upload = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * 100)
    upload.size = files.MAX_DOCUMENT_BYTES + 1
    with pytest.raises(ValidationError) as exc:
        files.document_kind(upload)
    assert "tối đa là 20 MB" in exc.value.messages[0]


def test_board_publishes_public_summary_through_admin(client, january_meeting, editor, board):
    client.force_login(editor)
    add = reverse("admin:meetings_publicsummary_add")
    response = client.post(
        add,
        {
            "meeting": str(january_meeting.pk),
            "title": "Bộ TT&TT giao ban tháng 01/2022",
            "text": "Năm 2022 là năm tổng tiến công chuyển đổi số.",
            "edit_version": "",
            "_save": "Lưu",
        },
    )
    assert response.status_code == 302
    summary = PublicSummary.objects.get()
    assert not summary.is_internal
    assert summary.slug == "bo-tttt-giao-ban-thang-01-2022", "its own address, from its public title"
    act(client, summary, "submit")
    client.force_login(board)
    act(client, summary, "publish")
    assert summary.live
    client.logout()
    assert client.get(summary.get_absolute_url()).status_code == 200
    assert client.get(january_meeting.get_absolute_url()).status_code == 404
    html = client.get(reverse("admin:meetings_meeting_change", args=[january_meeting.pk]))
    assert html.status_code == 302  # signed out: to the login page


def test_preview_and_board_queue(client, editor, board, units, people):
    client.force_login(editor)
    client.post(reverse("admin:meetings_meeting_add"), form_data(units, people))
    meeting = Meeting.objects.get()
    preview = client.get(reverse("admin:meetings_meeting_preview", args=[meeting.pk]))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Bản xem trước" in html and "Xây dựng kế hoạch chuyển đổi số của Bộ" in html
    assert "private" in preview["Cache-Control"] and "no-store" in preview["Cache-Control"]
    act(client, meeting, "submit")
    client.force_login(board)
    queue = client.get("/admin/cho-duyet/")
    assert queue.status_code == 200 and meeting.title in queue.content.decode()


def test_directive_added_to_a_published_meeting_waits_for_approval(client, january_meeting, board, board2, units,
                                                                   people):  # fmt: skip
    """An old-style post (the inline's own row ids) still works: the change, with the new
    directive, is held; approving it adds the directive and keeps the existing rows."""
    client.force_login(board2)
    change = reverse("admin:meetings_meeting_change", args=[january_meeting.pk])
    existing = list(january_meeting.directives.order_by("number"))
    data = form_data(units, people, title="Tên mới chờ duyệt", edit_version=str(january_meeting.version),
                     **publish_fields(january_meeting))  # fmt: skip
    data.update({"directives-TOTAL_FORMS": str(len(existing) + 1), "directives-INITIAL_FORMS": str(len(existing))})
    for i, d in enumerate(existing):
        data.update({
            f"directives-{i}-id": str(d.pk), f"directives-{i}-meeting": str(january_meeting.pk),
            f"directives-{i}-number": str(d.number), f"directives-{i}-text": d.text,
            f"directives-{i}-giver": str(d.giver_id), f"directives-{i}-lead_unit": str(d.lead_unit_id),
            f"directives-{i}-lead_person": str(d.lead_person_id or ""), f"directives-{i}-deadline_text": "02/2022",
        })  # fmt: skip
    n = len(existing)
    data.update({
        f"directives-{n}-number": "4", f"directives-{n}-text": "Nhiệm vụ bổ sung sau cuộc họp.",
        f"directives-{n}-lead_unit": str(units["info"].pk), f"directives-{n}-deadline_text": "31/03/2022",
        f"directives-{n}-giver": "", f"directives-{n}-lead_person": "",
    })  # fmt: skip
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    january_meeting.refresh_from_db()
    assert january_meeting.title == "Hội nghị Giao ban quản lý nhà nước tháng 01/2022", "title change waits"
    assert january_meeting.has_unpublished_changes
    assert january_meeting.directives.count() == 3, "the new directive waits too"
    assert act(client, january_meeting, "submit").status_code == 302
    client.force_login(board)
    assert act(client, january_meeting, "publish").status_code == 302
    assert january_meeting.title == "Tên mới chờ duyệt"
    assert january_meeting.directives.count() == 4
    assert january_meeting.directives.get(number=4).deadline.isoformat() == "2022-03-31"
    assert {d.pk for d in existing} < set(january_meeting.directives.values_list("pk", flat=True))


def test_history_pages_in_admin(client, administrator, january_meeting, people, clock):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.core.management import call_command

    from meetings import services

    clock.set(dt.datetime(2022, 2, 18, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))  # a Friday
    plan = january_meeting.directives.get(number=1)
    update = services.post_progress(
        directive=plan, user=administrator, text="Đã gửi dự thảo.",
        attachment=SimpleUploadedFile("du-thao.docx", docx_bytes()),
    )  # fmt: skip
    call_command("send_directive_reminders", verbosity=0)
    client.force_login(administrator)
    page = client.get(reverse("admin:meetings_progressupdate_change", args=[update.pk]))
    assert page.status_code == 200 and reverse("meetings:progress_file", args=[update.pk]) in page.content.decode()
    page = client.get(reverse("admin:meetings_digestlog_changelist"))
    assert page.status_code == 200 and "cvp_lan@mic.gov.vn" in page.content.decode()

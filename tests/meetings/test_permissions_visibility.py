"""Who may post progress, and what anonymous readers never see."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from meetings import services
from meetings.models import Directive, ProgressUpdate, PublicSummary
from portal.editorial import services as wf
from portal.editorial.enums import Action

from .conftest import make_meeting, publish

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def progress_url(d):
    return reverse("meetings:directive", args=[d.pk])


def post(client, d, **extra):
    data = {"on": "2022-02-15", "text": "Đã hoàn thành dự thảo.", **extra}
    return client.post(progress_url(d), data)


@pytest.fixture
def plan(january_meeting):
    return Directive.objects.get(meeting=january_meeting, number=1)  # lead unit: dx


def test_outsider_gets_403_and_nothing_is_saved(client, plan, people, clock):
    clock.set(dt.datetime(2022, 2, 16, 9, 0, tzinfo=VN))
    outsider = people["personnel_head"].user  # Vụ Tổ chức cán bộ, not the lead unit
    client.force_login(outsider)
    page = client.get(progress_url(plan))
    assert page.status_code == 200
    assert 'id="form-tien-do"' not in page.content.decode()
    response = post(client, plan, mark_done="on")
    assert response.status_code == 403
    plan.refresh_from_db()
    assert ProgressUpdate.objects.count() == 0
    assert plan.completed_on is None and plan.last_progress_at is None
    with pytest.raises(PermissionDenied):
        services.post_progress(directive=plan, user=outsider, text="x")
    assert ProgressUpdate.objects.count() == 0


def test_staff_without_a_person_cannot_post(client, plan, staff_reader, editor):
    for user in (staff_reader, editor):
        client.force_login(user)
        assert post(client, plan).status_code == 403
    assert ProgressUpdate.objects.count() == 0


@pytest.mark.parametrize("who", ["dx_head", "dx_staff", "minister", "deputy"])
def test_lead_unit_people_giver_and_lead_person_may_post(client, plan, people, who, clock):
    clock.set(dt.datetime(2022, 2, 16, 9, 0, tzinfo=VN))
    client.force_login(people[who].user)
    response = post(client, plan)
    assert response.status_code == 303
    assert ProgressUpdate.objects.filter(directive=plan).count() == 1


def test_administrator_may_post_and_mark_done(client, plan, administrator, clock):
    clock.set(dt.datetime(2022, 3, 3, 9, 0, tzinfo=VN))
    client.force_login(administrator)
    response = post(client, plan, on="2022-03-03", mark_done="on", evidence="Quyết định số 1/QĐ-BTTTT")
    assert response.status_code == 303
    page = client.get(progress_url(plan)).content.decode()
    assert "Chờ xác nhận hoàn thành" in page and "03/03/2022" in page and "chờ Văn phòng xác nhận" in page
    # The administrator verifies too (Văn phòng's right): done, 3 days late (due 28/02).
    response = client.post(progress_url(plan), {"hanh_dong": "xac-nhan"})
    assert response.status_code == 303
    page = client.get(progress_url(plan)).content.decode()
    assert "Hoàn thành trễ 3 ngày" in page


def test_bad_progress_changes_nothing(client, plan, people, clock):
    clock.set(dt.datetime(2022, 2, 16, 9, 0, tzinfo=VN))
    client.force_login(people["dx_head"].user)
    response = post(client, plan, text="   ")
    assert response.status_code == 400
    response = post(client, plan, on="2022-02-20")  # in the future
    assert response.status_code == 400
    assert "Ngày cập nhật không được ở tương lai." in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_anonymous_never_sees_internal_meetings_or_the_tracker(client, january_meeting, plan):
    assert january_meeting.is_internal and january_meeting.live
    url = january_meeting.get_absolute_url()
    assert client.get(url).status_code == 404
    index = client.get(reverse("meetings:index")).content.decode()
    assert january_meeting.title not in index
    ics = client.get(reverse("meetings:calendar_ics")).content.decode()
    assert "BEGIN:VCALENDAR" in ics and "VEVENT" not in ics
    assert january_meeting.title not in client.get("/tim-kiem/?q=giao ban").content.decode()
    assert url not in client.get("/sitemap.xml").content.decode()
    for name, args in [("tracker", []), ("directive", [plan.pk])]:
        response = client.get(reverse(f"meetings:{name}", args=args))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse("meetings:tracker_export", args=[fmt]))
        assert response.status_code == 302
    assert client.post(progress_url(plan), {"text": "x", "on": "2022-02-15"}).status_code == 302
    assert ProgressUpdate.objects.count() == 0


def test_signed_in_non_staff_gets_403_on_tracker(client, january_meeting, django_user_model):
    user = django_user_model.objects.create_user("dan", password="x")
    client.force_login(user)
    assert client.get(reverse("meetings:tracker")).status_code == 403
    assert client.get(january_meeting.get_absolute_url()).status_code == 404


def test_staff_sees_internal_meeting_in_list_calendar_and_search(client, january_meeting, staff_reader):
    client.force_login(staff_reader)
    assert january_meeting.title in client.get(reverse("meetings:index")).content.decode()
    ics = client.get(reverse("meetings:calendar_ics")).content.decode()
    assert "VEVENT" in ics and "DTSTART:20220210T013000Z" in ics
    assert january_meeting.get_absolute_url() in client.get("/tim-kiem/?q=chuyển đổi số").content.decode()


def test_public_summary_is_published_separately(client, january_meeting, editor, board, board2, people):
    summary = PublicSummary(
        meeting=january_meeting,
        title="Bộ TT&TT giao ban quản lý nhà nước tháng 01/2022",
        text="Hội nghị trực tuyến với 11 điểm cầu.\nNăm 2022 là năm tổng tiến công chuyển đổi số.",
    )
    wf.save_new(item=summary, user=editor)
    url = summary.get_absolute_url()
    assert url != january_meeting.get_absolute_url()
    assert client.get(url).status_code == 404, "a draft summary is not public"
    publish(summary, author=editor, board=board)
    assert client.get(january_meeting.get_absolute_url()).status_code == 404, "the record's address stays internal"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "năm tổng tiến công chuyển đổi số" in html
    assert "Bộ TT&amp;TT giao ban quản lý nhà nước tháng 01/2022" in html
    # The internal record stays internal: no directives, no conclusions, no chair.
    assert 'id="bang-nhiem-vu"' not in html and "Kiện toàn nhân sự" not in html and "Nguyễn Mạnh Hùng" not in html
    assert "Bộ TT&amp;TT giao ban" in client.get(reverse("meetings:index")).content.decode()
    assert url in client.get("/sitemap.xml").content.decode()
    results = client.get("/tim-kiem/?q=tổng tiến công").content.decode()
    assert url in results
    # Withdrawing the summary takes it down again.
    wf.transition(item=summary, action=Action.WITHDRAW, user=board2, comment="Cần sửa.")
    assert client.get(url).status_code == 404


def test_draft_meeting_invisible_even_to_staff_pages(client, editor, staff_reader, units):
    meeting = make_meeting(author=editor, title="Giao ban tháng 02/2022 (dự thảo)")
    client.force_login(staff_reader)
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_attachment_served_only_to_who_may_read(client, january_meeting, staff_reader):
    from django.core.files.base import ContentFile

    from meetings.models import Attachment

    a = Attachment(meeting=january_meeting, title="Biên bản", original_name="bien-ban.pdf", size=20)
    a.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    url = reverse("meetings:attachment", args=[a.pk])
    assert client.get(url).status_code == 404
    client.force_login(staff_reader)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"


def test_public_meeting_hides_directives_from_anonymous(client, editor, board, units, people):
    meeting = make_meeting(author=editor, title="Họp báo thường kỳ tháng 3/2022", kind="hop-bao", is_internal=False)
    services.add_directive(meeting=meeting, text="Nhiệm vụ nội bộ XYZ", lead_unit=units["info"], deadline="03/2022")
    publish(meeting, author=editor, board=board)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Họp báo thường kỳ tháng 3/2022" in html and "Nhiệm vụ nội bộ XYZ" not in html
    assert AnonymousUser().is_authenticated is False


def test_progress_attachment_checked_and_kept_private(client, plan, people, staff_reader, settings, clock):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    clock.set(dt.datetime(2022, 2, 16, 9, 0, tzinfo=VN))
    client.force_login(people["dx_head"].user)
    bad = SimpleUploadedFile("bao-cao.pdf", b"<script>alert(1)</script>")
    response = post(client, plan, attachment=bad)
    assert response.status_code == 400
    assert "Không nhận tệp này" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0
    good = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.5\n%%EOF")
    assert post(client, plan, attachment=good).status_code == 303
    update = ProgressUpdate.objects.get()
    stored = Path(update.attachment.path)
    assert stored.exists() and Path(settings.MEDIA_ROOT) not in stored.parents, "never where /media/ serves"
    url = reverse("meetings:progress_file", args=[update.pk])
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(staff_reader)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")

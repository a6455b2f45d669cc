"""Issue 14 follow-up: the lead unit is told by e-mail when Văn phòng returns its
completion report or decides its extension request (the digest's recipients: the unit's
people linked to an active account and its head), once, after the decision is committed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from meetings import services
from meetings.models import Directive, Meeting, Person

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def plan(january_meeting):
    Meeting.objects.filter(pk=january_meeting.pk).update(notice_number="25/TB-BTTTT")
    return Directive.objects.select_related("meeting").get(meeting=january_meeting, number=1)  # dx, 28/02/2022


@pytest.fixture
def clerk(office_clerk):
    office_clerk.first_name, office_clerk.last_name = "Thu Hà", "Ngô"
    office_clerk.save()
    return office_clerk


def report_done(plan, people):
    services.post_progress(directive=plan, user=people["dx_staff"].user, text="Đã trình.", mark_done=True,
                           completed_on=dt.date(2022, 2, 25), evidence="Tờ trình số 12/TTr-CĐS")  # fmt: skip


def test_returned_report_mails_the_lead_unit_once(plan, people, clerk, clock, django_capture_on_commit_callbacks,
                                                  settings):  # fmt: skip
    settings.SITE_URL = "https://mic.gov.vn"
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    report_done(plan, people)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.return_completion(directive=plan, user=clerk, reason="Chưa có quyết định ban hành kế hoạch.")
        assert mail.outbox == [], "nothing is sent before the decision is committed"
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sorted(sent.to) == ["ct_minh@mic.gov.vn", "cv_trang@mic.gov.vn"], "the dx unit's linked people"
    assert sent.subject.startswith("Báo cáo hoàn thành bị trả lại: TB 25/TB-BTTTT, mục 1")
    assert "\n" not in sent.subject and len(sent.subject) <= 120
    assert not sent.subject.endswith("…") or sent.subject.endswith(" …"), "cut on a word boundary"
    body = sent.body
    assert "Chưa có quyết định ban hành kế hoạch." in body
    assert "Chỉ đạo xây dựng kế hoạch chuyển đổi số" in body
    assert "Ngô Thu Hà" in body, "who returned it, family name first"
    assert "Thời hạn: Trong tháng 02/2022 — Đang thực hiện" in body, "the deadline in force and the status"
    assert f"https://mic.gov.vn{plan.get_absolute_url()}" in body
    # A second return of the same report is refused: no second mail.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.return_completion(directive=plan, user=clerk, reason="Lần nữa.")
    assert len(mail.outbox) == 1


def test_subject_cut_on_a_word_boundary(plan, people, clerk, clock, django_capture_on_commit_callbacks):
    Directive.objects.filter(pk=plan.pk).update(text="Chỉ đạo " + "chuyển đổi số cho người dân " * 10)
    plan.refresh_from_db()
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    report_done(plan, people)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_completion(directive=plan, user=clerk, reason="Thiếu minh chứng.")
    subject = mail.outbox[0].subject
    assert subject.endswith(" …") and len(subject) <= 120
    words = set("Chỉ đạo chuyển đổi số cho người dân".split())
    assert subject.rsplit(" ", 2)[-2] in words, "the last word is whole"


def test_unreachable_lead_unit_gets_no_mail_and_is_reported(client, plan, people, clerk, clock, caplog):
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    report_done(plan, people)
    Person.objects.filter(unit=plan.lead_unit).update(user=None)  # nobody of dx has an account now
    mail.outbox.clear()
    client.force_login(clerk)
    # The test client runs each request's on-commit callbacks when the request ends.
    response = client.post(plan.get_absolute_url(), {"hanh_dong": "tra-lai", "note": "Thiếu minh chứng."}, follow=True)
    assert response.status_code == 200
    assert mail.outbox == []
    page = response.content.decode()
    assert "Cục Chuyển đổi số quốc gia chưa có người nhận thư" in page, "Văn phòng is told on the page"
    assert "Cục Chuyển đổi số quốc gia" in caplog.text, "and the log says which unit"


def test_extension_decisions_mail_the_lead_unit(plan, people, clerk, clock, django_capture_on_commit_callbacks):
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    lead = people["dx_staff"].user
    ext = services.request_extension(directive=plan, user=lead, new_deadline=dt.date(2022, 3, 31), reason="Chờ góp ý.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_extension(extension=ext, user=clerk, approve=True, note="Đồng ý.")
    assert len(mail.outbox) == 1
    approved = mail.outbox[0]
    assert sorted(approved.to) == ["ct_minh@mic.gov.vn", "cv_trang@mic.gov.vn"]
    assert approved.subject.startswith("Đồng ý gia hạn đến 31/03/2022: TB 25/TB-BTTTT, mục 1")
    assert "31/03/2022" in approved.body and "Ngô Thu Hà" in approved.body and "Đồng ý." in approved.body
    second = services.request_extension(directive=plan, user=lead, new_deadline=dt.date(2022, 4, 30), reason="z")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_extension(extension=second, user=clerk, approve=False, note="Đã gia hạn một lần.")
    assert len(mail.outbox) == 1
    refused = mail.outbox[0]
    assert refused.subject.startswith("Không đồng ý gia hạn: TB 25/TB-BTTTT, mục 1")
    assert "Đã gia hạn một lần." in refused.body
    assert "31/03/2022" in refused.body, "the deadline still in force"


def test_the_unit_head_alone_is_enough(plan, people, clerk, clock, django_capture_on_commit_callbacks):
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    report_done(plan, people)
    Person.objects.filter(unit=plan.lead_unit).update(user=None)
    head = people["dx_head"]
    Person.objects.filter(pk=head.pk).update(email="cuctruong@mic.gov.vn")
    type(plan.lead_unit).objects.filter(pk=plan.lead_unit_id).update(head=head)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_completion(directive=plan, user=clerk, reason="Thiếu minh chứng.")
    assert [m.to for m in mail.outbox] == [["cuctruong@mic.gov.vn"]]


def test_mail_is_vietnamese_whatever_page_was_used(client, plan, people, clerk, clock):
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    report_done(plan, people)
    mail.outbox.clear()
    client.force_login(clerk)
    # The test client runs each request's on-commit callbacks when the request ends.
    response = client.post("/en" + plan.get_absolute_url(), {"hanh_dong": "tra-lai", "note": "Thiếu minh chứng."})
    assert response.status_code == 303
    assert len(mail.outbox) == 1, "one mail for one return"
    assert mail.outbox[0].subject.startswith("Báo cáo hoàn thành bị trả lại")
    assert (
        "Kính gửi Cục Chuyển đổi số quốc gia," in mail.outbox[0].body
        and "Lý do: Thiếu minh chứng." in mail.outbox[0].body
    )

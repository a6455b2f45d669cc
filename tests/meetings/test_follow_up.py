"""Issue 14: directives numbered 1..n per meeting and cited with the conclusion notice;
kinds of deadline and the status each gives; completion reported by the lead unit and
verified (or returned) by Văn phòng; extensions requested, decided, the original deadline kept."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from meetings import services
from meetings.enums import DeadlineKind, DirectiveStatus, ExtensionState
from meetings.models import DeadlineExtension, Directive, DirectiveEvent

from .conftest import act, approved_directive, make_meeting, publish
from .test_admin import form_data, with_directive_rows

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def numbers(meeting) -> list[tuple[int, str]]:
    return list(Directive.objects.filter(meeting=meeting).order_by("number").values_list("number", "text"))


# -- numbering -------------------------------------------------------------------------------


def test_directives_added_are_numbered_in_order(editor, units):
    meeting = make_meeting(author=editor)
    for text in ("Một", "Hai", "Ba"):
        services.add_directive(meeting=meeting, text=text, lead_unit=units["dx"], deadline="20/02/2022")
    assert numbers(meeting) == [(1, "Một"), (2, "Hai"), (3, "Ba")]


def test_the_database_refuses_two_items_with_one_number(editor, units):
    meeting = make_meeting(author=editor)
    services.add_directive(meeting=meeting, text="Một", lead_unit=units["dx"], deadline="20/02/2022")
    with pytest.raises(IntegrityError), transaction.atomic():
        Directive.objects.create(meeting=meeting, number=1, text="Trùng", lead_unit=units["dx"],
                                 deadline=dt.date(2022, 2, 20))  # fmt: skip
        with connection.cursor() as cursor:  # the check is deferred to the commit
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_admin_numbers_inline_directives_whatever_was_posted(client, editor, units, people):
    """Every directive added inline got number 1; now the numbers are given 1..n."""
    client.force_login(editor)
    data = form_data(units, people, **{"directives-0-number": "1", "directives-1-number": "1"})
    assert client.post(reverse("admin:meetings_meeting_add"), data).status_code == 302
    meeting = Directive.objects.first().meeting
    assert [n for n, _ in numbers(meeting)] == [1, 2]
    # Deleting the first item of the draft renumbers the rest.
    first, second = Directive.objects.filter(meeting=meeting).order_by("number")
    meeting.refresh_from_db()
    edit = form_data(
        units,
        people,
        **{
            "edit_version": str(meeting.version),
            "directives-INITIAL_FORMS": "2",
            "directives-0-id": str(first.pk),
            "directives-0-meeting": str(meeting.pk),
            "directives-0-DELETE": "on",
            "directives-1-id": str(second.pk),
            "directives-1-meeting": str(meeting.pk),
        },
    )
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), edit)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert numbers(meeting) == [(1, "Lập kế hoạch công tác theo tuần, trình Bộ trưởng ký.")]


def test_a_change_to_a_live_record_numbers_its_items_when_approved(client, editor, board, units, people,
                                                                    january_meeting):  # fmt: skip
    """A directive added to an approved record waits in the pending change with the next
    number, and gets it when the board approves."""
    client.force_login(editor)
    january_meeting.refresh_from_db()
    rows = list(Directive.objects.filter(meeting=january_meeting).order_by("number"))
    data = form_data(units, people, **{"edit_version": str(january_meeting.version)})
    with_directive_rows(data, rows)
    data["directives-TOTAL_FORMS"] = "4"  # and a fourth, new
    data.update({
        "directives-3-text": "Rà soát, cập nhật danh mục dịch vụ công trực tuyến.", "directives-3-lead_unit": str(units["dx"].pk),
        "directives-3-deadline_text": "thường xuyên",
    })  # fmt: skip
    response = client.post(reverse("admin:meetings_meeting_change", args=[january_meeting.pk]), data)
    assert response.status_code == 302
    assert len(numbers(january_meeting)) == 3, "nothing changes before the approval"
    assert act(client, january_meeting, "submit").status_code == 302
    client.force_login(board)
    assert act(client, january_meeting, "publish").status_code == 302
    assert [n for n, _ in numbers(january_meeting)] == [1, 2, 3, 4]
    added = Directive.objects.get(meeting=january_meeting, number=4)
    assert added.deadline_kind == DeadlineKind.ONGOING and added.deadline is None


def test_items_are_cited_with_the_notice_number(january_meeting, units, client, people):
    january_meeting.notice_number = "25/TB-BTTTT"
    january_meeting.save(update_fields=["notice_number"])
    third = Directive.objects.select_related("meeting").get(meeting=january_meeting, number=3)
    assert third.reference() == "TB 25/TB-BTTTT, mục 3"
    client.force_login(people["dx_staff"].user)
    html = client.get(reverse("meetings:tracker")).content.decode()
    assert "TB 25/TB-BTTTT, mục 3" in html
    assert "TB 25/TB-BTTTT, mục 3" in client.get(third.get_absolute_url()).content.decode()


# -- kinds of deadline ---------------------------------------------------------------------------


@pytest.fixture
def kinds(january_meeting, units):
    made = {}
    for key, deadline in [
        ("date", "15/05/2023"),
        ("month", "trong tháng 6/2023"),
        ("quarter", "quý II/2023"),
        ("ongoing", "thường xuyên"),
        ("none", "không thời hạn"),
    ]:
        made[key] = approved_directive(
            january_meeting, text=f"Nhiệm vụ ({key})", lead_unit=units["dx"], deadline=deadline,
            no_deadline_reason="Chờ Nghị định của Chính phủ." if key == "none" else "",
        )  # fmt: skip
    return made


def status_of(d, today):
    return Directive.objects.with_status(today).get(pk=d.pk).status


def test_each_kind_of_deadline_and_its_status(kinds):
    labels = {k: d.deadline_label() for k, d in kinds.items()}
    assert labels == {
        "date": "15/05/2023",
        "month": "Trong tháng 06/2023",
        "quarter": "Trong quý II/2023",
        "ongoing": "Thường xuyên (báo cáo hằng tháng)",
        "none": "Không thời hạn",
    }
    assert kinds["quarter"].deadline == dt.date(2023, 6, 30)
    june_20, july_12 = dt.date(2023, 6, 20), dt.date(2023, 7, 12)
    assert {k: status_of(d, june_20) for k, d in kinds.items()} == {
        "date": "qua-han", "month": "chua-thuc-hien", "quarter": "chua-thuc-hien", "ongoing": "thuong-xuyen",
        "none": "chua-thuc-hien",
    }  # fmt: skip
    assert {k: status_of(d, july_12) for k, d in kinds.items()} == {
        "date": "qua-han", "month": "qua-han", "quarter": "qua-han", "ongoing": "thuong-xuyen",
        "none": "chua-thuc-hien",
    }  # fmt: skip
    # The Python rule and the SQL rule agree, and so does the indexed filter.
    for d in Directive.objects.all():
        assert d.status_on(july_12) == status_of(d, july_12)
        assert Directive.objects.with_status_filter(d.status_on(july_12), july_12).filter(pk=d.pk).exists()
    assert kinds["date"].status_text(july_12) == "Quá hạn 58 ngày"
    assert kinds["quarter"].status_text(july_12) == "Quá hạn 12 ngày"


def test_no_deadline_needs_a_reason(editor, units):
    meeting = make_meeting(author=editor)
    with pytest.raises(ValidationError, match="hãy ghi lý do"):
        services.add_directive(meeting=meeting, text="Nghiên cứu.", lead_unit=units["dx"], deadline="không thời hạn")
    d = services.add_directive(meeting=meeting, text="Nghiên cứu.", lead_unit=units["dx"], deadline="không thời hạn",
                               no_deadline_reason="Chờ Luật Viễn thông sửa đổi.")  # fmt: skip
    assert d.deadline is None and d.no_deadline_reason == "Chờ Luật Viễn thông sửa đổi."


def test_admin_refuses_no_deadline_without_reason(client, editor, units, people):
    client.force_login(editor)
    data = form_data(units, people, **{"directives-1-deadline_text": "không thời hạn"})
    response = client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200 and "hãy ghi lý do" in response.content.decode()
    data["directives-1-no_deadline_reason"] = "Chờ văn bản của Chính phủ."
    data["directives-0-deadline_text"] = "quý I/2022"
    assert client.post(reverse("admin:meetings_meeting_add"), data).status_code == 302
    kinds = dict(Directive.objects.values_list("number", "deadline_kind"))
    assert kinds == {1: "quarter", 2: "none"}


# -- completion and verification -------------------------------------------------------------------


@pytest.fixture
def plan(january_meeting):
    return Directive.objects.get(meeting=january_meeting, number=1)  # dx, due 28/02/2022


def test_only_a_verified_completion_counts_as_done(plan, people, office_clerk, clock):
    clock.set(dt.datetime(2022, 3, 3, 9, 0, tzinfo=VN))
    lead = people["dx_staff"].user
    with pytest.raises(ValidationError, match="cần minh chứng"):
        services.post_progress(directive=plan, user=lead, text="Đã xong.", mark_done=True)
    services.post_progress(directive=plan, user=lead, text="Đã trình.", mark_done=True,
                           completed_on=dt.date(2022, 3, 3), evidence="Tờ trình số 12/TTr-CĐS")  # fmt: skip
    assert status_of(plan, dt.date(2022, 3, 3)) == DirectiveStatus.REPORTED
    with pytest.raises(PermissionDenied):
        services.verify_completion(directive=plan, user=lead)
    # Returned with a reason: open (and overdue) again.
    with pytest.raises(ValidationError, match="lý do"):
        services.return_completion(directive=plan, user=office_clerk, reason=" ")
    services.return_completion(directive=plan, user=office_clerk, reason="Chưa có quyết định ban hành.")
    assert status_of(plan, dt.date(2022, 3, 3)) == DirectiveStatus.OVERDUE
    services.post_progress(directive=plan, user=lead, text="Đã ban hành.", mark_done=True,
                           completed_on=dt.date(2022, 3, 3), evidence="Quyết định số 1/QĐ-BTTTT")  # fmt: skip
    services.verify_completion(directive=plan, user=office_clerk)
    plan.refresh_from_db()
    assert plan.completed_on == dt.date(2022, 3, 3) and plan.verified_by == office_clerk
    assert plan.status_text(dt.date(2022, 6, 1)) == "Hoàn thành trễ 3 ngày"
    assert list(DirectiveEvent.objects.filter(directive=plan).values_list("kind", flat=True)) == [
        "bao-cao-xong", "tra-lai", "bao-cao-xong", "xac-nhan",
    ]  # fmt: skip


def test_office_verifies_and_returns_from_the_directive_page(client, plan, people, office_clerk, clock):
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    client.force_login(people["dx_staff"].user)
    url = plan.get_absolute_url()
    response = client.post(url, {"on": "25/02/2022", "text": "Xong.", "mark_done": "on", "evidence": "Công văn 5"})
    assert response.status_code == 303
    assert 'id="nut-xac-nhan"' not in client.get(url).content.decode(), "the lead unit does not verify itself"
    assert client.post(url, {"hanh_dong": "xac-nhan"}).status_code == 403
    client.force_login(office_clerk)
    page = client.get(url).content.decode()
    assert "Chờ xác nhận hoàn thành" in page and 'id="nut-xac-nhan"' in page
    refused = client.post(url, {"hanh_dong": "tra-lai", "note": ""})
    assert refused.status_code == 400 and "Hãy ghi lý do trả lại" in refused.content.decode()
    assert client.post(url, {"hanh_dong": "xac-nhan"}).status_code == 303
    assert "Hoàn thành đúng hạn" in client.get(url).content.decode()


# -- extensions -------------------------------------------------------------------------------


def test_extension_requested_approved_original_kept(client, plan, people, office_clerk, clock):
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    lead = people["dx_staff"].user
    with pytest.raises(ValidationError, match="lý do"):
        services.request_extension(directive=plan, user=lead, new_deadline=dt.date(2022, 3, 31), reason="")
    with pytest.raises(ValidationError, match="phải sau"):
        services.request_extension(directive=plan, user=lead, new_deadline=dt.date(2022, 2, 20), reason="x")
    ext = services.request_extension(directive=plan, user=lead, new_deadline=dt.date(2022, 3, 31),
                                     reason="Chờ ý kiến góp ý của các bộ.")  # fmt: skip
    with pytest.raises(ValidationError, match="đang chờ"):
        services.request_extension(directive=plan, user=lead, new_deadline=dt.date(2022, 4, 30), reason="y")
    with pytest.raises(PermissionDenied):
        services.decide_extension(extension=ext, user=lead, approve=True)
    services.decide_extension(extension=ext, user=office_clerk, approve=True, note="Đồng ý.")
    plan.refresh_from_db()
    assert plan.deadline == dt.date(2022, 2, 28), "the record's deadline is kept"
    assert plan.due_on == dt.date(2022, 3, 31) and plan.extended_deadline == dt.date(2022, 3, 31)
    assert status_of(plan, dt.date(2022, 3, 15)) == DirectiveStatus.NOT_STARTED, "not overdue after the extension"
    assert status_of(plan, dt.date(2022, 4, 12)) == DirectiveStatus.OVERDUE
    assert plan.status_text(dt.date(2022, 4, 12)) == "Quá hạn 12 ngày"
    client.force_login(lead)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "31/03/2022" in page and "thời hạn ban đầu" in page and "Trong tháng 02/2022" in page
    assert "Chờ ý kiến góp ý của các bộ." in page and "Đã đồng ý" in page
    # A second request, refused with a reason; the deadline in force stays.
    second = services.request_extension(directive=plan, user=lead, new_deadline=dt.date(2022, 4, 30), reason="z")
    with pytest.raises(ValidationError, match="lý do"):
        services.decide_extension(extension=second, user=office_clerk, approve=False)
    services.decide_extension(extension=second, user=office_clerk, approve=False, note="Đã gia hạn một lần.")
    plan.refresh_from_db()
    assert plan.due_on == dt.date(2022, 3, 31)
    assert list(DeadlineExtension.objects.filter(directive=plan).values_list("state", flat=True)) == [
        ExtensionState.APPROVED, ExtensionState.REFUSED,
    ]  # fmt: skip


def test_extension_through_the_page(client, plan, people, office_clerk, clock):
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    client.force_login(people["dx_staff"].user)
    url = plan.get_absolute_url()
    response = client.post(url, {"hanh_dong": "gia-han", "new_deadline": "31/03/2022", "reason": "Chờ góp ý."})
    assert response.status_code == 303
    ext = DeadlineExtension.objects.get()
    client.force_login(office_clerk)
    assert 'id="nut-dong-y-gia-han"' in client.get(url).content.decode()
    response = client.post(url, {"hanh_dong": "dong-y-gia-han", "de_nghi": ext.pk, "note": ""})
    assert response.status_code == 303
    plan.refresh_from_db()
    assert plan.extended_deadline == dt.date(2022, 3, 31)


def test_late_completion_measured_against_the_extended_deadline(plan, people, office_clerk, clock):
    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    lead = people["dx_staff"].user
    ext = services.request_extension(directive=plan, user=lead, new_deadline=dt.date(2022, 3, 10), reason="x")
    services.decide_extension(extension=ext, user=office_clerk, approve=True)
    clock.set(dt.datetime(2022, 3, 13, 9, 0, tzinfo=VN))
    services.post_progress(directive=plan, user=lead, text="Xong.", mark_done=True, evidence="Văn bản 7")
    services.verify_completion(directive=plan, user=office_clerk)
    plan.refresh_from_db()
    assert plan.status_text() == "Hoàn thành trễ 3 ngày" and plan.completed_late


def test_reports_and_decisions_only_on_directives_in_effect(editor, units, people, office_clerk):
    draft = make_meeting(author=editor, title="Giao ban (nháp)")
    d = services.add_directive(meeting=draft, text="x", lead_unit=units["dx"], deadline="20/02/2022")
    with pytest.raises(PermissionDenied):
        services.request_extension(directive=d, user=people["dx_staff"].user, new_deadline=dt.date(2022, 3, 1),
                                   reason="x")  # fmt: skip
    assert publish  # the fixture helper stays imported for the other tests

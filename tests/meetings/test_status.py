"""Status is derived from the clock and the reports, never typed; per-unit counts."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User

from meetings import selectors, services
from meetings.enums import DirectiveStatus
from meetings.models import Directive

from .conftest import approved_directive

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def statuses():
    return dict(Directive.objects.with_status().values_list("number", "status"))


def test_overdue_appears_when_the_clock_passes_the_deadline(january_meeting, people, clock):
    clock.set(dt.datetime(2022, 2, 15, 9, 0, tzinfo=VN))
    assert set(statuses().values()) == {DirectiveStatus.NOT_STARTED}

    clock.set(dt.datetime(2022, 2, 20, 23, 59, tzinfo=VN))
    assert statuses()[2] == DirectiveStatus.NOT_STARTED, "due today is not yet overdue"

    clock.set(dt.datetime(2022, 2, 21, 0, 1, tzinfo=VN))
    assert statuses() == {1: "chua-thuc-hien", 2: "qua-han", 3: "chua-thuc-hien"}

    # A month deadline lasts to the end of its last day.
    clock.set(dt.datetime(2022, 2, 28, 23, 0, tzinfo=VN))
    assert statuses()[1] == DirectiveStatus.NOT_STARTED
    clock.set(dt.datetime(2022, 3, 1, 0, 30, tzinfo=VN))
    assert statuses()[1] == DirectiveStatus.OVERDUE
    # The Python rule and the SQL rule agree.
    for d in Directive.objects.all():
        assert d.status_on() == statuses()[d.number]


def test_progress_then_completion(january_meeting, people, office_clerk, clock):
    clock.set(dt.datetime(2022, 2, 15, 9, 0, tzinfo=VN))
    plan = Directive.objects.get(number=1)
    user = people["dx_staff"].user
    services.post_progress(directive=plan, user=user, text="Đã có dự thảo kế hoạch.")
    assert statuses()[1] == DirectiveStatus.IN_PROGRESS
    services.post_progress(
        directive=plan, user=user, text="Đã trình Bộ trưởng.", mark_done=True, evidence="Tờ trình số 12/TTr-CĐS"
    )
    assert statuses()[1] == DirectiveStatus.REPORTED, "a report is not done until Văn phòng verifies it"
    services.verify_completion(directive=plan, user=office_clerk)
    clock.set(dt.datetime(2022, 6, 1, 9, 0, tzinfo=VN))
    assert statuses()[1] == DirectiveStatus.DONE, "done stays done after the deadline"
    plan.refresh_from_db()
    assert plan.completed_on == dt.date(2022, 2, 15) and not plan.completed_late
    assert plan.completion_evidence == "Tờ trình số 12/TTr-CĐS"


def test_on_time_and_late_counts_per_unit(january_meeting, units, people, office_clerk, clock):
    dx, office, personnel = units["dx"], units["office"], units["personnel"]
    approved_directive(
        january_meeting, text="Ban hành tiêu chí đánh giá dự án chuyển đổi số.", lead_unit=dx, deadline="15/03/2022"
    )
    approved_directive(
        january_meeting, text="Thành lập Tổ hậu kiểm, giám sát đầu tư chuyển đổi số.", lead_unit=dx,
        deadline="trong tháng 03/2022",
    )  # fmt: skip
    admin = User.objects.create_superuser("quantri_tt", "qt@mic.gov.vn", "x")
    admin.is_staff = True

    clock.set(dt.datetime(2022, 2, 25, 9, 0, tzinfo=VN))
    plan = Directive.objects.get(number=1)  # dx, due 28/02: done on time
    services.post_progress(directive=plan, user=admin, text="Xong.", mark_done=True, evidence="Văn bản số 1")
    services.verify_completion(directive=plan, user=office_clerk)
    clock.set(dt.datetime(2022, 3, 5, 9, 0, tzinfo=VN))
    weekly = Directive.objects.get(number=2)  # office, due 20/02: done late
    services.post_progress(directive=weekly, user=admin, text="Xong, trễ.", mark_done=True, evidence="Văn bản số 2")
    services.verify_completion(directive=weekly, user=office_clerk)

    clock.set(dt.datetime(2022, 3, 10, 9, 0, tzinfo=VN))
    counts = {r["lead_unit__name"]: r for r in selectors.unit_counts(Directive.objects.all())}
    assert counts[dx.name] == {
        "lead_unit_id": dx.pk, "lead_unit__name": dx.name, "lead_unit__order": dx.order,
        "assigned": 3, "done_on_time": 1, "done_late": 0, "reported": 0, "overdue": 0, "due_soon": 1, "ongoing": 0,
    }  # fmt: skip
    assert (counts[office.name]["done_late"], counts[office.name]["done_on_time"]) == (1, 0)
    assert counts[personnel.name]["overdue"] == 1  # due 28/02, nothing reported

    # The clock moves on: the dx directive due 15/03 becomes overdue, then 31/03 too.
    clock.set(dt.datetime(2022, 4, 1, 9, 0, tzinfo=VN))
    counts = {r["lead_unit__name"]: r for r in selectors.unit_counts(Directive.objects.all())}
    assert (counts[dx.name]["overdue"], counts[dx.name]["due_soon"]) == (2, 0)

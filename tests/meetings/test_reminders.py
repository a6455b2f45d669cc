"""The reminder command: one digest per unit per working day (lead and coordinating
directives), escalation to Văn phòng, unreachable units named; once a day even run twice or
by two servers at the same time."""

import datetime as dt
import threading
import time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from meetings.models import DigestLog, Directive

from .conftest import approved_directive, make_meeting, publish

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_one_digest_per_unit_per_working_day(january_meeting, people, clock):
    mail.outbox.clear()  # the workflow's own notifications
    clock.set(dt.datetime(2022, 2, 18, 7, 0, tzinfo=VN))  # a Friday
    call_command("send_directive_reminders", "--days", "3", verbosity=0)
    # Only the directive due 20/02/2022 is within 3 days; the month ones end on 28/02. It goes
    # to the office's people with an account (the office head): one digest for the unit.
    assert [m.to for m in mail.outbox] == [["cvp_lan@mic.gov.vn"]]
    assert mail.outbox[0].subject == "[Nhắc việc 18/02/2022] Văn phòng Bộ: 0 quá hạn, 1 sắp đến hạn, 0 phối hợp"
    assert "20/02/2022" in mail.outbox[0].body and "mục 2" in mail.outbox[0].body

    call_command("send_directive_reminders", "--days", "3", verbosity=0)
    assert len(mail.outbox) == 1, "a second run the same day sends nothing"

    clock.set(dt.datetime(2022, 2, 19, 7, 0, tzinfo=VN))  # Saturday: no mail
    call_command("send_directive_reminders", "--days", "3", verbosity=0)
    assert len(mail.outbox) == 1

    clock.set(dt.datetime(2022, 3, 2, 7, 0, tzinfo=VN))  # Wednesday: three overdue, three units
    call_command("send_directive_reminders", "--days", "3", verbosity=0)
    digests = {tuple(m.to): m for m in mail.outbox[1:]}
    assert set(digests) == {
        ("ct_minh@mic.gov.vn", "cv_trang@mic.gov.vn"),  # the lead unit's two linked people
        ("cvp_lan@mic.gov.vn",),  # the office leads one and coordinates the plan
        ("vt_nam@mic.gov.vn",),
    }
    office = digests[("cvp_lan@mic.gov.vn",)]
    assert "1 quá hạn, 0 sắp đến hạn, 1 phối hợp" in office.subject
    assert "phối hợp thực hiện" in office.body and "Quá hạn 10 ngày" in office.body
    assert DigestLog.objects.count() == 4


def test_done_and_reported_directives_and_far_deadlines_are_not_reminded(january_meeting, clock):
    Directive.objects.filter(number=1).update(completed_on=dt.date(2022, 2, 15))
    Directive.objects.exclude(number=1).update(reported_done_on=dt.date(2022, 2, 15))
    mail.outbox.clear()
    clock.set(dt.datetime(2022, 3, 2, 7, 0, tzinfo=VN))
    call_command("send_directive_reminders", verbosity=0)
    assert mail.outbox == []


def test_unreachable_units_reported_and_escalated(january_meeting, units, people, office_clerk, editor, board,
                                                  client, settings, clock):  # fmt: skip
    """A unit with nobody linked to an account is named by the command, told to Văn phòng
    (with the directives overdue for longer than the setting) and shown on the tracker."""
    import io

    from meetings import services
    from meetings.models import Person

    settings.MEETINGS_ESCALATE_AFTER_DAYS = 10
    # The personnel department loses its only linked account; the info centre has no one.
    Person.objects.filter(unit=units["personnel"]).update(user=None)
    late = publish(
        make_meeting(
            author=editor, title="Làm việc với Trung tâm Thông tin", start_at=dt.datetime(2022, 2, 11, 8, tzinfo=VN)
        ),
        author=editor,
        board=board,
    )
    Person.objects.filter(unit=units["info"]).update(user=None)
    approved_directive(late, text="Nâng cấp Cổng thông tin điện tử.", lead_unit=units["info"], deadline="15/02/2022")
    mail.outbox.clear()
    clock.set(dt.datetime(2022, 3, 2, 7, 0, tzinfo=VN))
    out, err = io.StringIO(), io.StringIO()
    call_command("send_directive_reminders", stdout=out, stderr=err)
    assert "Không gửi được cho Vụ Tổ chức cán bộ: 1 nhiệm vụ" in err.getvalue()
    assert "Không gửi được cho Trung tâm Thông tin: 1 nhiệm vụ" in err.getvalue()
    assert "2 đơn vị không nhận được" in out.getvalue()
    escalation = next(m for m in mail.outbox if m.to == ["vp_ha@mic.gov.vn"])
    # Overdue by more than 10 days on 02/03: only the one due 15/02 (the others 20/02, 28/02).
    assert "1 nhiệm vụ quá hạn trên 10 ngày, 2 đơn vị không nhận được thư" in escalation.subject
    assert "Nâng cấp Cổng thông tin điện tử." in escalation.body and "Quá hạn 15 ngày" in escalation.body
    assert "Vụ Tổ chức cán bộ: 1 nhiệm vụ" in escalation.body
    # Văn phòng sees them on the tracker; other staff do not.
    client.force_login(office_clerk)
    html = client.get(reverse("meetings:tracker")).content.decode()
    assert 'id="don-vi-khong-nhan-thu"' in html and f'data-unit="{units["info"].pk}"' in html
    client.force_login(people["dx_staff"].user)
    assert 'id="don-vi-khong-nhan-thu"' not in client.get(reverse("meetings:tracker")).content.decode()
    # The unit head is enough to reach a unit.
    people["info_head"].email = "gd_anh@mic.gov.vn"
    people["info_head"].save()
    units["info"].head = people["info_head"]
    units["info"].save()
    assert [p.unit for p in services.send_reminders(today=dt.date(2022, 3, 3)).unreachable] == [units["personnel"]]


def test_subject_cut_on_a_word_boundary():
    from meetings.services import shorten

    text = "Xây dựng kế hoạch chuyển đổi số cho người dân và doanh nghiệp"
    cut = shorten(text, 40)
    assert len(cut) <= 40 and cut.endswith(" …")
    assert text.startswith(cut.removesuffix(" …")) and cut.removesuffix(" …").split()[-1] in text.split()


def _wait_for_a_run_blocked_on_this_one(timeout: float = 30.0) -> bool:
    """True once another connection to the test database waits for a lock held by this
    one: the other run is inserting the same (directive, day) reminder row while this run's
    transaction, which inserted it, is still open."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        me = cursor.fetchone()[0]
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND %s = ANY(pg_blocking_pids(pid))",
                [me],
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_reminder_once(clock, monkeypatch):
    """Two runs (two servers' timers) start together, each in its own thread with its own
    database connection. The first run to send a reminder keeps its transaction open until
    the other run is seen blocked on that reminder's row: the runs provably overlap. Each
    reminder is still sent once."""
    from meetings import services
    from portal.editorial.enums import Action
    from tests import factories

    editor, board = factories.EditorFactory(), factories.BoardFactory()
    lead = factories.PersonFactory(full_name="Trần Thị Lan", email="lan@mic.gov.vn", username="lan")
    clock.set(dt.datetime(2022, 2, 10, 11, 0, tzinfo=VN))
    meeting = factories.MeetingFactory(author=editor, title="Giao ban tháng 01/2022")
    for i in range(5):
        services.add_directive(
            meeting=meeting, text=f"Nhiệm vụ {i}", lead_unit=lead.unit, lead_person=lead, deadline="20/02/2022"
        )
    factories.transition(meeting, Action.SUBMIT, user=editor)
    factories.transition(meeting, Action.PUBLISH, user=board)  # the record approved: directives in effect
    mail.outbox.clear()
    clock.set(dt.datetime(2022, 3, 2, 7, 0, tzinfo=VN))

    real_send_mail = services.send_mail
    first_send = threading.Lock()
    overlapped = []

    def send_mail(*args, **kwargs):
        if first_send.acquire(blocking=False):  # the first reminder of either run
            overlapped.append(_wait_for_a_run_blocked_on_this_one())
        return real_send_mail(*args, **kwargs)

    monkeypatch.setattr(services, "send_mail", send_mail)
    start = threading.Barrier(2, timeout=30)
    counts, errors = [], []

    def run():
        try:
            start.wait()
            counts.append(services.send_reminders(days=3).sent)
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=90)
    assert not any(t.is_alive() for t in threads) and errors == []
    assert overlapped == [True], "the second run never met the first one's open reminder: they did not overlap"
    assert sum(counts) == 1, counts
    assert [m.to for m in mail.outbox] == [["lan@mic.gov.vn"]], "one digest for the unit's five directives"
    assert all(f"Nhiệm vụ {i}" in mail.outbox[0].body for i in range(5))
    assert DigestLog.objects.count() == 1

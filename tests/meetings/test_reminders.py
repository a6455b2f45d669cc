"""The reminder command: once per directive per day, even run twice or by two servers at
the same time."""

import datetime as dt
import threading
import time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from meetings.models import Directive, ReminderLog

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_due_soon_and_overdue_reminded_once_a_day(january_meeting, people, clock):
    mail.outbox.clear()  # the workflow's own notifications
    clock.set(dt.datetime(2022, 2, 18, 7, 0, tzinfo=VN))
    call_command("send_directive_reminders", "--days", "3", verbosity=0)
    # Only the directive due 20/02/2022 is within 3 days; the month ones end on 28/02.
    assert [m.to for m in mail.outbox] == [["cvp_lan@mic.gov.vn"]]
    assert "Sắp đến hạn" in mail.outbox[0].subject
    assert "20/02/2022" in mail.outbox[0].body

    call_command("send_directive_reminders", "--days", "3", verbosity=0)
    assert len(mail.outbox) == 1, "a second run the same day sends nothing"

    clock.set(dt.datetime(2022, 3, 2, 7, 0, tzinfo=VN))
    call_command("send_directive_reminders", "--days", "3", verbosity=0)
    assert len(mail.outbox) == 4, "next day: the three overdue directives"
    assert all("Quá hạn" in m.subject for m in mail.outbox[1:])
    assert ReminderLog.objects.count() == 4


def test_done_directives_and_far_deadlines_are_not_reminded(january_meeting, clock):
    Directive.objects.update(completed_on=dt.date(2022, 2, 15))
    mail.outbox.clear()
    clock.set(dt.datetime(2022, 3, 2, 7, 0, tzinfo=VN))
    call_command("send_directive_reminders", verbosity=0)
    assert mail.outbox == []


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
    lead = factories.PersonFactory(full_name="Trần Thị Lan", email="lan@mic.gov.vn")
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
            counts.append(services.send_reminders(days=3))
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
    assert sum(counts) == 5, counts
    assert [m.to for m in mail.outbox] == [["lan@mic.gov.vn"]] * 5
    assert sorted(m.subject for m in mail.outbox) == sorted(f"[Quá hạn] Nhiệm vụ: Nhiệm vụ {i}" for i in range(5))
    assert ReminderLog.objects.count() == 5

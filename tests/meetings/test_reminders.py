"""The reminder command: once per directive per day, even run twice or from two
processes at the same time."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from meetings.models import Directive, ReminderLog

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ROOT = Path(__file__).resolve().parents[2]


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


SCRIPT = """
import datetime as dt, os, sys, time
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
django.setup()
from unittest import mock
from django.utils import timezone
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from meetings import services
from zoneinfo import ZoneInfo

now = dt.datetime(2022, 3, 2, 7, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
original = services.send_mail

def slow_send(*args, **kwargs):
    time.sleep(0.3)  # keeps each transaction open while the other process runs
    with open(sys.argv[1], "a") as f:
        f.write(args[3][0] + "\\n")

# Wait for the common start time so both processes run at once.
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.005)
with mock.patch.object(timezone, "now", lambda: now), mock.patch.object(services, "send_mail", slow_send):
    print(services.send_reminders(days=3))
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_at_once_send_each_reminder_once(tmp_path):
    import time

    from meetings import services
    from meetings.models import Meeting, Person, Unit
    from tests.conftest import make_user

    author = make_user(None, "tacgia", is_staff=True)
    unit = Unit.objects.create(name="Văn phòng Bộ")
    lead = Person.objects.create(full_name="Trần Thị Lan", unit=unit, email="lan@mic.gov.vn")
    meeting = Meeting.objects.create(
        title="Giao ban tháng 01/2022",
        slug="giao-ban-thang-01-2022",
        kind="giao-ban-thang",
        start_at=dt.datetime(2022, 2, 10, 8, 30, tzinfo=VN),
        created_by=author,
    )
    for i in range(5):
        services.add_directive(
            meeting=meeting, text=f"Nhiệm vụ {i}", lead_unit=unit, lead_person=lead, deadline="20/02/2022"
        )
    # The record approved (directives take effect), as the workflow leaves it.
    Meeting.objects.filter(pk=meeting.pk).update(live=True, state="published", publish_at=meeting.start_at)

    sent_file = tmp_path / "sent.txt"
    env = dict(os.environ)
    settings_db = connection.settings_dict
    env["DATABASE_URL"] = (
        f"postgres://{settings_db['USER']}:{settings_db['PASSWORD'] or ''}@{settings_db['HOST']}:"
        f"{settings_db['PORT']}/{settings_db['NAME']}"
    )
    start = str(time.time() + 1.5)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(sent_file), start],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    counts = sorted(int(out.strip().splitlines()[-1]) for out, _err in outputs)
    print("reminders sent by each process:", counts)
    assert sum(counts) == 5, counts
    assert sent_file.read_text().splitlines() == ["lan@mic.gov.vn"] * 5
    assert ReminderLog.objects.count() == 5

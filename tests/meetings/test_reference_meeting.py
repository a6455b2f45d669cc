"""The January 2022 monthly meeting from the reference, entered with its directives."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from meetings.deadlines import parse_deadline
from meetings.enums import DeadlineKind
from meetings.models import Directive


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("trong tháng 02/2022", dt.date(2022, 2, 28), DeadlineKind.MONTH),
        ("Trong tháng 2/2024", dt.date(2024, 2, 29), DeadlineKind.MONTH),
        ("tháng 12/2022", dt.date(2022, 12, 31), DeadlineKind.MONTH),
        ("04/2023", dt.date(2023, 4, 30), DeadlineKind.MONTH),
        ("20/02/2022", dt.date(2022, 2, 20), DeadlineKind.DATE),
        ("trước ngày 20/2/2022", dt.date(2022, 2, 20), DeadlineKind.DATE),
        ("2022-02-20", dt.date(2022, 2, 20), DeadlineKind.DATE),
        ("quý III/2022", dt.date(2022, 9, 30), DeadlineKind.QUARTER),
        ("trong quý 2/2023", dt.date(2023, 6, 30), DeadlineKind.QUARTER),
        ("Quý IV năm 2023", dt.date(2023, 12, 31), DeadlineKind.QUARTER),
        ("Thường xuyên", None, DeadlineKind.ONGOING),
        ("không thời hạn", None, DeadlineKind.NONE),
        ("", None, DeadlineKind.NONE),
    ],
)
def test_deadlines_as_written(text, expected, kind):
    assert parse_deadline(text) == (expected, kind)


@pytest.mark.parametrize("text", ["tháng 13/2022", "31/02/2022", "sớm", "quý V/2022", "quý 5/2022"])
def test_bad_deadline_is_refused_in_vietnamese(text):
    with pytest.raises(ValidationError) as exc:
        parse_deadline(text)
    assert "Thời hạn" in exc.value.messages[0]


def test_january_2022_meeting_and_its_directives(january_meeting, client, staff_reader):
    directives = list(Directive.objects.filter(meeting=january_meeting).order_by("number"))
    assert [d.number for d in directives] == [1, 2, 3]
    plan, weekly, party = directives
    assert plan.deadline == dt.date(2022, 2, 28) and plan.deadline_kind == DeadlineKind.MONTH
    assert plan.deadline_label() == "Trong tháng 02/2022"
    assert weekly.deadline == dt.date(2022, 2, 20)
    assert party.deadline == dt.date(2022, 2, 28)

    client.force_login(staff_reader)
    page = client.get(january_meeting.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hội nghị Giao ban quản lý nhà nước tháng 01/2022" in html
    assert "Trực tuyến, 11 điểm cầu" in html
    assert "Thứ năm, 10/02/2022 08:30" in html
    assert 'id="bang-nhiem-vu"' in html
    assert "Trong tháng 02/2022" in html and "20/02/2022" in html
    assert "Quá hạn" in html  # 2022 deadlines have long passed and nothing was reported
    assert page["Cache-Control"] == "private, no-store"

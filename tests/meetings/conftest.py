"""Meetings fixtures: the ministry's units and people, and the January 2022 monthly
meeting (Giao ban quản lý nhà nước tháng 01/2022, 10/02/2022) with its directives."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from meetings import services
from meetings.models import Meeting
from portal.editorial.enums import Action
from tests import factories
from tests.factories import DirectiveFactory, MeetingFactory, PersonFactory, UnitFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def units(db):
    leadership = UnitFactory(name="Lãnh đạo Bộ", order=0)
    info = UnitFactory(name="Trung tâm Thông tin", order=4)
    return {
        "leadership": leadership,
        "office": UnitFactory(name="Văn phòng Bộ", order=1),
        "dx": UnitFactory(name="Cục Chuyển đổi số quốc gia", order=2),
        "personnel": UnitFactory(name="Vụ Tổ chức cán bộ", order=3),
        "info": info,
        "info_press": UnitFactory(name="Phòng Báo chí điện tử", parent=info, order=5),
    }


@pytest.fixture
def people(units):
    def person(name, title, unit, username):
        return PersonFactory(full_name=name, title=title, unit=unit, username=username)

    return {
        "minister": person("Nguyễn Mạnh Hùng", "Bộ trưởng", units["leadership"], "bt_hung"),
        "deputy": person("Nguyễn Huy Dũng", "Thứ trưởng", units["leadership"], "tt_dung"),
        "office_head": person("Trần Thị Lan", "Chánh Văn phòng", units["office"], "cvp_lan"),
        "dx_head": person("Lê Văn Minh", "Cục trưởng", units["dx"], "ct_minh"),
        "dx_staff": person("Phạm Thu Trang", "Chuyên viên", units["dx"], "cv_trang"),
        "personnel_head": person("Hoàng Văn Nam", "Vụ trưởng", units["personnel"], "vt_nam"),
        "info_head": person("Đỗ Công Anh", "Giám đốc", units["info"], "gd_anh"),
    }


@pytest.fixture
def office_clerk(db, units):
    """A Văn phòng account (verifies completion, decides extensions), of the office unit."""
    from portal.editorial.enums import Role

    user = factories.make_user(Role.SECRETARIAT, "vp_ha", email="vp_ha@mic.gov.vn")
    PersonFactory(full_name="Ngô Thu Hà", title="Chuyên viên Văn phòng", unit=units["office"], user=user)
    return user


def make_meeting(*, author, **kw) -> Meeting:
    """A draft record of the January 2022 monthly meeting (``kw`` overrides), by ``author``."""
    return MeetingFactory(author=author, **kw)


def publish(item, *, author, board):
    factories.transition(item, Action.SUBMIT, user=author)
    factories.transition(item, Action.PUBLISH, user=board)
    return item


def approved_directive(meeting, *, text, lead_unit, deadline, number=None, **kw):
    """A directive of a live meeting as an approved change leaves it (the rows; tests that
    are not about the approval itself). ``services.add_directive`` refuses a live meeting."""
    if number is not None:
        kw["number"] = number
    return DirectiveFactory(meeting=meeting, text=text, lead_unit=lead_unit, deadline=deadline, **kw)


def act(client, item, action, **data):
    """Post a workflow action from the admin as the page does: with the version shown."""
    from django.urls import reverse

    from portal.editorial import services as editorial

    item.refresh_from_db()
    opts = item._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_transition", args=[item.pk, action])
    payload = {"version": str(item.version), "revision": str(editorial.latest_revision_number(item)), **data}
    response = client.post(url, payload)
    item.refresh_from_db()
    return response


@pytest.fixture
def january_meeting(editor, board, units, people):
    """The monthly meeting of 10/02/2022 (reference), published as an internal record."""
    meeting = make_meeting(author=editor, chair=people["minister"])
    meeting.attendees.set([people["minister"], people["deputy"]])
    meeting.attending_units.set([units["office"], units["dx"], units["personnel"]])
    services.add_directive(
        meeting=meeting,
        text="Chỉ đạo xây dựng kế hoạch chuyển đổi số của Bộ TT&TT, trình Bộ trưởng.",
        giver=people["minister"],
        lead_unit=units["dx"],
        lead_person=people["deputy"],
        supporting_units=[units["office"]],
        deadline="trong tháng 02/2022",
    )
    services.add_directive(
        meeting=meeting,
        text="Các đơn vị lập kế hoạch công tác theo tuần, thông qua Thứ trưởng phụ trách trình Bộ trưởng ký.",
        giver=people["minister"],
        lead_unit=units["office"],
        lead_person=people["office_head"],
        deadline="20/02/2022",
    )
    services.add_directive(
        meeting=meeting,
        text="Kiện toàn nhân sự cho công tác Đảng của Bộ và các đơn vị.",
        giver=people["minister"],
        lead_unit=units["personnel"],
        lead_person=people["personnel_head"],
        deadline="trong tháng 02/2022",
    )
    return publish(meeting, author=editor, board=board)

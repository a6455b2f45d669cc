"""Issue "Approval integrity", the meetings findings: everything readers or the tracker see
of a meeting goes through the board's approval (4, 7), units and people are managed by the
secretariat and published records keep the names they were approved with (5), and a public
summary shows nothing of its internal record (9)."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import selectors, services
from meetings.models import Attachment, Directive, Meeting, Person, ProgressUpdate, PublicSummary, Unit
from portal.editorial import services as wf
from portal.editorial.enums import Action, ChangeKind, Role
from portal.editorial.models import ChangeLog
from tests.factories import make_user

from .conftest import act, make_meeting, publish
from .test_admin import form_data, publish_fields

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.7\n% bien ban\n"


@pytest.fixture
def secretariat(db):
    return make_user(Role.SECRETARIAT, "vanphong")


def held_form(meeting, units, people, *, directives=None, attachments=(), **overrides):
    """The change form of a live meeting as the browser posts it: every inline row is a
    new form carrying the id of the row it changes (``row_id``)."""
    rows = directives if directives is not None else list(meeting.directives.order_by("number", "id"))
    data = form_data(units, people, edit_version=str(meeting.version), **publish_fields(meeting))
    data.update({"directives-TOTAL_FORMS": str(len(rows)), "directives-INITIAL_FORMS": "0"})
    for k in [k for k in data if re.match(r"directives-\d+-", k)]:
        del data[k]
    for i, d in enumerate(rows):
        data.update({
            f"directives-{i}-row_id": str(d.pk or ""), f"directives-{i}-number": str(d.number),
            f"directives-{i}-text": d.text, f"directives-{i}-giver": str(d.giver_id or ""),
            f"directives-{i}-lead_unit": str(d.lead_unit_id), f"directives-{i}-lead_person": str(d.lead_person_id or ""),
            f"directives-{i}-supporting_units": [str(u.pk) for u in d.supporting_units.all()] if d.pk else [],
            f"directives-{i}-deadline_text": d.deadline.strftime("%d/%m/%Y"),
        })  # fmt: skip
    data.update({"attachments-TOTAL_FORMS": str(len(attachments)), "attachments-INITIAL_FORMS": "0"})
    for i, (title, upload, row_id) in enumerate(attachments):
        data[f"attachments-{i}-title"] = title
        data[f"attachments-{i}-row_id"] = str(row_id or "")
        if upload is not None:
            data[f"attachments-{i}-file"] = upload
    data.update(overrides)
    return data


def staff_page(client, meeting, user) -> str:
    client.force_login(user)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# -- finding 4: a live meeting's directives and documents wait for approval -------------------


def test_finding4_documents_and_directives_of_a_live_meeting_wait_for_approval(
    client, january_meeting, editor, board, board2, staff_reader, units, people
):
    plan = january_meeting.directives.get(number=1)
    services.post_progress(directive=plan, user=people["dx_head"].user, text="Đã có dự thảo kế hoạch.")
    plan.text = "Xây dựng kế hoạch chuyển đổi số của Bộ giai đoạn 2022–2025, trình Bộ trưởng."
    client.force_login(board2)
    change = reverse("admin:meetings_meeting_change", args=[january_meeting.pk])
    data = held_form(
        january_meeting, units, people,
        directives=[plan, *january_meeting.directives.exclude(pk=plan.pk).order_by("number")],
        attachments=[("Biên bản cuộc họp", SimpleUploadedFile("bien-ban.pdf", PDF), None)],
        **{"directives-0-completed_on": "16/02/2022", "directives-0-completion_evidence": "Tự ghi hoàn thành"},
    )  # fmt: skip
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    # Nothing readers or the tracker see has changed: no document row (so no address),
    # the directive's text as approved, and its completion untouched.
    january_meeting.refresh_from_db()
    assert january_meeting.has_unpublished_changes
    assert Attachment.objects.count() == 0
    plan.refresh_from_db()
    assert plan.text.startswith("Chỉ đạo xây dựng kế hoạch") and plan.completed_on is None
    html = staff_page(client, january_meeting, staff_reader)
    assert "giai đoạn 2022–2025" not in html and "Biên bản cuộc họp" not in html
    # The new document is kept in the private storage, named by the pending change.
    pending = wf.latest_draft_revision(january_meeting).data
    (document,) = pending["attachments"]
    assert document["id"] is None and document["original_name"] == "bien-ban.pdf"
    stored = Path(Attachment._meta.get_field("file").storage.path(document["file"]))
    assert stored.read_bytes() == PDF and Path(django_settings.MEDIA_ROOT) not in stored.parents
    assert [d["id"] for d in pending["directives"]][0] == plan.pk

    # The editors' change form shows the pending change, not the rows.
    client.force_login(board2)
    page = client.get(change).content.decode()
    assert "giai đoạn 2022–2025" in page and f'name="directives-0-row_id" value="{plan.pk}"' in page
    assert "bien-ban.pdf" in page

    # Approved by another member of the board: the rows follow, the directive keeps its
    # id and its progress history.
    assert act(client, january_meeting, "submit").status_code == 302
    client.force_login(board)
    assert act(client, january_meeting, "publish").status_code == 302
    plan.refresh_from_db()
    assert plan.text.endswith("giai đoạn 2022–2025, trình Bộ trưởng.")
    assert ProgressUpdate.objects.filter(directive=plan).count() == 1 and plan.completed_on is None
    attachment = Attachment.objects.get()
    assert attachment.file.name == document["file"] and attachment.original_name == "bien-ban.pdf"
    html = staff_page(client, january_meeting, staff_reader)
    assert "giai đoạn 2022–2025" in html and reverse("meetings:attachment", args=[attachment.pk]) in html


def test_finding4_change_page_of_a_meeting_with_a_document_opens(client, january_meeting, editor, board, units,
                                                                  people):  # fmt: skip
    attachment = Attachment(meeting=january_meeting, title="Biên bản", original_name="bien-ban-thang-01.pdf", size=20)
    attachment.file.save("bien-ban.pdf", ContentFile(PDF), save=True)
    draft = make_meeting(author=editor, title="Giao ban tháng 02/2022")
    other = Attachment(meeting=draft, title="Dự thảo", original_name="du-thao.pdf", size=20)
    other.file.save("du-thao.pdf", ContentFile(PDF), save=True)
    for meeting, user, name in ((january_meeting, board, "bien-ban-thang-01.pdf"), (draft, editor, "du-thao.pdf")):
        client.force_login(user)
        page = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
        assert page.status_code == 200
        html = page.content.decode()
        assert name in html and "/media/" not in html
        link = re.search(r'href="(/admin/meetings/meeting/\d+/tai-lieu/\?tep=[^"]+)"', html).group(1)
        download = client.get(link.replace("&amp;", "&"))
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
        assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]
        client.logout()
        assert client.get(link.replace("&amp;", "&")).status_code == 302  # to the admin's login
    # Only the meeting's own documents are served from its address.
    client.force_login(board)
    url = reverse("admin:meetings_meeting_document", args=[draft.pk]) + "?tep=" + attachment.file.name
    assert client.get(url).status_code == 404


def test_finding4_completion_is_reported_only_through_the_tracker(client, january_meeting, board, board2, units,
                                                                   people):  # fmt: skip
    client.force_login(board2)
    change = reverse("admin:meetings_meeting_change", args=[january_meeting.pk])
    html = client.get(change).content.decode()
    assert 'name="directives-0-completed_on"' not in html and 'name="directives-0-completion_evidence"' not in html
    assert "Ngày hoàn thành" in html  # shown read-only
    data = held_form(january_meeting, units, people, **{"directives-0-completed_on": "16/02/2022"})
    assert client.post(change, data).status_code == 302
    act(client, january_meeting, "submit")
    client.force_login(board)
    act(client, january_meeting, "publish")
    assert not Directive.objects.filter(completed_on__isnull=False).exists()
    # The board member is not of the lead unit: the tracker refuses them too.
    plan = january_meeting.directives.get(number=1)
    response = client.post(reverse("meetings:directive", args=[plan.pk]),
                           {"on": "2022-02-15", "text": "Xong.", "mark_done": "on"})  # fmt: skip
    assert response.status_code == 403 and not Directive.objects.filter(completed_on__isnull=False).exists()


def test_finding4_directives_of_a_live_record_are_not_added_beside_the_workflow(january_meeting, units):
    with pytest.raises(ValidationError):
        services.add_directive(meeting=january_meeting, text="Nhiệm vụ thêm ngoài luồng duyệt.",
                               lead_unit=units["dx"], deadline="03/2022")  # fmt: skip
    assert january_meeting.directives.count() == 3


def test_finding4_comparison_shows_directives_and_documents(client, january_meeting, board2, units, people):
    client.force_login(board2)
    plan = january_meeting.directives.get(number=1)
    plan.text = "Nội dung nhiệm vụ đã sửa."
    data = held_form(january_meeting, units, people,
                     directives=[plan, *january_meeting.directives.exclude(pk=plan.pk).order_by("number")],
                     attachments=[("Biên bản", SimpleUploadedFile("bb.pdf", PDF), None)])  # fmt: skip
    client.post(reverse("admin:meetings_meeting_change", args=[january_meeting.pk]), data)
    numbers = sorted(wf.revisions_of(january_meeting).values_list("number", flat=True))
    compare = reverse("admin:meetings_meeting_compare", args=[january_meeting.pk])
    html = client.get(compare, {"a": numbers[-2], "b": numbers[-1]}).content.decode()
    assert "Nhiệm vụ: số 1" in html and "<ins>đã" in html and "Tài liệu: Biên bản" in html


# -- finding 5: units and people are the secretariat's; published records keep their names ----


def test_finding5_reporter_cannot_link_himself_to_another_unit(client, january_meeting, reporter, secretariat,
                                                                units, clock):  # fmt: skip
    clock.set(dt.datetime(2022, 2, 16, 9, 0, tzinfo=VN))
    plan = january_meeting.directives.get(number=1)  # lead unit: dx
    client.force_login(reporter)
    add = reverse("admin:meetings_person_add")
    payload = {"full_name": "Phóng Viên Thử", "title": "", "unit": str(units["dx"].pk), "user": str(reporter.pk),
               "email": "", "_save": "Lưu"}  # fmt: skip
    assert client.post(add, payload).status_code == 403
    assert not Person.objects.filter(user=reporter).exists()
    progress = {"on": "2022-02-16", "text": "Đã xong.", "mark_done": "on", "evidence": "Công văn số 5/CĐS"}
    assert client.post(reverse("meetings:directive", args=[plan.pk]), progress).status_code == 403
    plan.refresh_from_db()
    assert plan.completed_on is None

    # The secretariat links the account (recorded), and then the report is accepted.
    client.force_login(secretariat)
    assert client.post(add, payload).status_code == 302
    person = Person.objects.get(user=reporter)
    log = ChangeLog.objects.get(object_id=person.pk, kind=ChangeKind.ADD)
    assert log.user == secretariat and "user" in log.changes
    client.force_login(reporter)
    assert client.post(reverse("meetings:directive", args=[plan.pk]), progress).status_code == 303


@pytest.mark.parametrize("role", [Role.REPORTER, Role.EDITOR, Role.BOARD])
def test_finding5_only_secretariat_and_administrators_manage_units_and_people(client, units, people, role):
    user = make_user(role, f"u-{role.name.lower()}")
    client.force_login(user)
    dx = units["dx"]
    assert client.get(reverse("admin:meetings_unit_changelist")).status_code == 200  # every role reads
    change = reverse("admin:meetings_unit_change", args=[dx.pk])
    renamed = {"name": "Cục Đổi Tên", "short_name": "", "parent": "", "order": "2", "_save": "Lưu"}
    assert client.post(change, renamed).status_code == 403
    assert client.post(reverse("admin:meetings_unit_add"), renamed).status_code == 403
    person = people["dx_staff"]
    edit = {"full_name": person.full_name, "title": "", "unit": str(units["office"].pk), "user": str(user.pk),
            "email": "", "_save": "Lưu"}  # fmt: skip
    assert client.post(reverse("admin:meetings_person_change", args=[person.pk]), edit).status_code == 403
    dx.refresh_from_db()
    person.refresh_from_db()
    assert dx.name == "Cục Chuyển đổi số quốc gia" and Unit.objects.count() == 6
    assert person.unit == units["dx"] and person.user.username == "cv_trang"
    assert not ChangeLog.objects.exists()


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.ADMIN])
def test_finding5_every_change_of_units_and_people_is_logged(client, units, people, role):
    user = make_user(role, f"u-{role.name.lower()}")
    client.force_login(user)
    dx = units["dx"]
    change = reverse("admin:meetings_unit_change", args=[dx.pk])
    response = client.post(change, {"name": "Cục Chuyển đổi số", "short_name": "CĐS", "parent": "", "order": "2",
                                    "_save": "Lưu"})  # fmt: skip
    assert response.status_code == 302
    log = ChangeLog.objects.get(object_id=dx.pk, kind=ChangeKind.CHANGE)
    assert log.user == user and log.changes["name"] == ["Cục Chuyển đổi số quốc gia", "Cục Chuyển đổi số"]
    person = people["dx_staff"]
    response = client.post(reverse("admin:meetings_person_change", args=[person.pk]), {
        "full_name": person.full_name, "title": "Chuyên viên chính", "unit": str(dx.pk), "user": str(person.user_id),
        "email": "", "_save": "Lưu",
    })  # fmt: skip
    assert response.status_code == 302
    log = ChangeLog.objects.get(object_id=person.pk, content_type__model="person")
    assert log.changes["title"] == ["Chuyên viên", "Chuyên viên chính"]


def test_finding5_a_rename_does_not_rewrite_records_published_before_it(client, january_meeting, editor, board,
                                                                        secretariat, staff_reader, units):  # fmt: skip
    client.force_login(secretariat)
    dx = units["dx"]
    response = client.post(reverse("admin:meetings_unit_change", args=[dx.pk]),
                           {"name": "Cục Số hoá", "short_name": "", "parent": "", "order": "2", "_save": "Lưu"},
                           follow=True)  # fmt: skip
    assert response.status_code == 200 and Unit.objects.get(pk=dx.pk).name == "Cục Số hoá"
    html = staff_page(client, january_meeting, staff_reader)
    facts, _sep, rest = html.partition('id="bang-nhiem-vu"')
    assert "Cục Chuyển đổi số quốc gia" in facts and "Cục Chuyển đổi số quốc gia" in rest  # attending, lead unit
    assert "Cục Số hoá" not in html
    # A record approved after the rename names the unit as it is now.
    later = make_meeting(
        author=editor, title="Giao ban tháng 02/2022", start_at=dt.datetime(2022, 3, 8, 8, 30, tzinfo=VN)
    )
    later.attending_units.set([dx])
    services.add_directive(meeting=later, text="Báo cáo số hoá hồ sơ.", lead_unit=dx, deadline="04/2022")
    publish(later, author=editor, board=board)
    html = staff_page(client, later, staff_reader)
    assert "Cục Số hoá" in html and "Cục Chuyển đổi số quốc gia" not in html


# -- finding 7: directives take effect when their meeting's record is approved -----------------


def test_finding7_directives_of_an_unapproved_record_are_nowhere(client, editor, board, units, people, clock):
    clock.set(dt.datetime(2022, 3, 2, 7, 0, tzinfo=VN))
    draft = make_meeting(author=editor, title="Giao ban tháng 02/2022 (nháp)")
    directive = services.add_directive(meeting=draft, text="Nhiệm vụ của biên bản nháp.", lead_unit=units["dx"],
                                       lead_person=people["dx_head"], deadline="20/02/2022")  # fmt: skip
    head = people["dx_head"].user
    client.force_login(head)
    tracker = reverse("meetings:tracker")

    def seen() -> dict:
        html = client.get(tracker).content.decode()
        mine = client.get(tracker, {"cua_toi": "on"}).content.decode()
        export = client.get(reverse("meetings:tracker_export", args=["csv"]))
        csv = b"".join(export.streaming_content).decode("utf-8-sig")
        mail.outbox.clear()
        sent = services.send_reminders(days=3)
        return {
            "tracker": f'id="nhiem-vu-{directive.pk}"' in html,
            "counts": f'data-unit="{units["dx"].pk}"' in html,
            "mine": f'id="nhiem-vu-{directive.pk}"' in mine,
            "export": "Nhiệm vụ của biên bản nháp." in csv,
            "page": client.get(reverse("meetings:directive", args=[directive.pk])).status_code == 200,
            "reminder": sent.digests == 1 and head.email in mail.outbox[0].to,
            "selectors": selectors.tracker_directives(filters=selectors.TrackerFilters(), user=head).exists(),
            "candidates": selectors.reminder_directives(today=timezone.localdate(), days=3).exists(),
        }

    assert set(seen().values()) == {False}, seen()
    response = client.post(reverse("meetings:directive", args=[directive.pk]), {"on": "2022-03-01", "text": "x"})
    assert response.status_code == 404 and not ProgressUpdate.objects.exists()
    with pytest.raises(Exception):  # noqa: B017,PT011 - the service refuses too
        services.post_progress(directive=directive, user=head, text="x")

    publish(draft, author=editor, board=board)
    clock.advance(days=1)  # reminders are once a day
    assert set(seen().values()) == {True}
    assert "Quá hạn" in client.get(reverse("meetings:directive", args=[directive.pk])).content.decode()

    wf.transition(item=draft, action=Action.WITHDRAW, user=board, comment="Biên bản cần sửa.")
    clock.advance(days=1)
    assert set(seen().values()) == {False}


# -- finding 9: a public summary shows only what it says ----------------------------------------


INTERNAL_TITLE = "Họp kín Ban cán sự về nhân sự quý 4"
PLACE = "Phòng họp số 7, tầng 5, 18 Nguyễn Du"
SUMMARY_TITLE = "Bộ TT&TT thông tin về công tác cán bộ"


@pytest.fixture
def internal_with_summary(editor, board, board2, people):
    meeting = make_meeting(author=editor, title=INTERNAL_TITLE, kind="chuyen-de", place=PLACE, format="ket-hop",
                           bridge_points=7, start_at=dt.datetime(2022, 11, 24, 14, 15, tzinfo=VN),
                           summary="Nội dung nội bộ.", conclusions="Kết luận nội bộ.")  # fmt: skip
    publish(meeting, author=editor, board=board)
    summary = wf.save_new(
        item=PublicSummary(meeting=meeting, title=SUMMARY_TITLE, text="Bộ đã kiện toàn công tác cán bộ."), user=editor
    )
    publish(summary, author=editor, board=board2)
    return meeting, summary


def test_finding9_readers_of_a_summary_learn_nothing_of_the_internal_record(client, internal_with_summary):
    meeting, summary = internal_with_summary
    assert summary.slug == "bo-tttt-thong-tin-ve-cong-tac-can-bo" and meeting.slug not in summary.slug
    secrets = [INTERNAL_TITLE, meeting.slug, PLACE, "7 điểm cầu", "24/11/2022", "14:15", "20221124T071500Z"]
    page = client.get(summary.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bộ TT&amp;TT thông tin về công tác cán bộ" in html and "kiện toàn công tác cán bộ" in html
    assert "Chuyên đề" not in html and "Kết hợp" not in html  # the record's kind and format
    channels = {
        "summary page": html,
        "list": client.get(reverse("meetings:index")).content.decode(),
        "calendar": client.get(reverse("meetings:calendar_ics")).content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "search": client.get("/tim-kiem/", {"q": "công tác cán bộ"}).content.decode(),
        "search by title": client.get("/tim-kiem/", {"q": "họp kín ban cán sự"}).content.decode(),
        "home": client.get("/").content.decode(),
        "feed": client.get("/rss/").content.decode(),
    }
    for name, body in channels.items():
        for secret in secrets:
            assert secret not in body, (name, secret)
    assert summary.get_absolute_url() in channels["list"] and summary.get_absolute_url() in channels["sitemap"]
    assert summary.get_absolute_url() in channels["search"] and summary.get_absolute_url() in channels["home"]
    assert client.get(meeting.get_absolute_url()).status_code == 404, "the record's address answers nothing"


def test_finding9_staff_still_read_the_record_and_find_the_summary(client, internal_with_summary, staff_reader):
    meeting, summary = internal_with_summary
    client.force_login(staff_reader)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert INTERNAL_TITLE in html and PLACE in html and summary.get_absolute_url() in html
    page = client.get(summary.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() in page  # the way to the record, for staff only
    assert f'<option value="{meeting.pk}"' not in html


def test_finding9_summary_address_is_its_own(client, editor, board, internal_with_summary):
    meeting, summary = internal_with_summary
    # A summary titled like its meeting still gets an address of its own.
    other = publish(make_meeting(author=editor, title="Giao ban tháng 12/2022"), author=editor, board=board)
    twin = wf.save_new(item=PublicSummary(meeting=other, title=other.title, text="Tóm tắt."), user=editor)
    assert twin.slug != other.slug and twin.slug.startswith(other.slug)
    client.force_login(editor)
    response = client.post(reverse("admin:meetings_publicsummary_change", args=[twin.pk]), {
        "meeting": str(other.pk), "title": twin.title, "slug": meeting.slug, "text": twin.text,
        "edit_version": str(twin.version), "_save": "Lưu",
    })  # fmt: skip
    assert response.status_code == 200 and "Đường dẫn này đã dành cho trang khác" in response.content.decode()


def test_meeting_pages_use_the_one_visibility_rule(client, january_meeting, staff_reader, clock):
    """``may_see`` decides: an expired record is gone for staff too."""
    Meeting.objects.filter(pk=january_meeting.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(staff_reader)
    assert client.get(january_meeting.get_absolute_url()).status_code == 404
    assert january_meeting.title not in client.get(reverse("meetings:index")).content.decode()

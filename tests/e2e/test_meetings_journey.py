"""An editor records a meeting with two directives in the admin and submits it with its
public summary; the board publishes both; an anonymous reader sees only the public
summary; the head of the lead unit posts progress and marks a directive done, and the
tracker's per-unit counts change. axe-core checks the meeting page and the tracker,
also in high contrast."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.deadlines import month_end
from meetings.models import Directive, Meeting, Person, ProgressUpdate, PublicSummary, Unit
from portal.editorial.enums import Role, State
from tests.factories import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Giao ban quản lý nhà nước tháng thử nghiệm của Bộ"
SUMMARY_TITLE = "Bộ TT&TT giao ban: đẩy nhanh chuyển đổi số trong nội bộ Bộ"
SUMMARY_TEXT = "Hội nghị trực tuyến với 12 điểm cầu tới các đơn vị thuộc Bộ."
PLAN = "Xây dựng kế hoạch chuyển đổi số của Bộ, trình Bộ trưởng phê duyệt."
WEEKLY = "Các đơn vị lập kế hoạch công tác theo tuần, thông qua Thứ trưởng phụ trách."
CONCLUSION = "Bộ trưởng yêu cầu các đơn vị hoàn thành kế hoạch chuyển đổi số đúng hạn."
EVIDENCE = "Quyết định số 123/QĐ-BTTTT phê duyệt kế hoạch chuyển đổi số."


def _ctx(browser):
    return browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900})


def _workflow(page, action_label):
    page.locator(".wf-action", has=page.get_by_role("button", name=action_label)).get_by_role(
        "button", name=action_label
    ).click()


def _pick(page, select_id, text, multiple=False):
    """Choose ``text`` in one of the admin's autocomplete (select2) boxes, as a user does."""
    container = page.locator(f"#{select_id} + .select2")
    container.locator(".select2-selection").click()
    search = (
        container.locator("input.select2-search__field")
        if multiple
        else page.locator(".select2-container--open .select2-dropdown input.select2-search__field")
    )
    search.fill(text.split(" (")[0])
    page.locator(".select2-container--open .select2-results__option", has_text=text).first.click()
    expect(container.locator(".select2-selection")).to_contain_text(text.split(" (")[0])


def _counts(page, unit):
    row = page.locator("#bang-don-vi tbody tr", has=page.get_by_role("rowheader", name=unit, exact=True))
    expect(row).to_have_count(1)
    return {k: row.locator(f'td[data-k="{k}"]').inner_text().strip()
            for k in ("assigned", "done_on_time", "done_late", "reported", "overdue", "due_soon")}  # fmt: skip


def _high_contrast(page, axe_check, shot, name):
    page.get_by_role("button", name="Tương phản cao").click()
    assert "contrast" in page.evaluate("document.documentElement.className")
    shot(page, name)
    axe_check(page)
    page.get_by_role("button", name="Tương phản cao").click()
    assert "contrast" not in page.evaluate("document.documentElement.className")


def test_meeting_directives_journey(browser, live_server, login_as, shot, axe_check, editor, board):
    base = live_server.url
    today = timezone.localdate()
    met_on = today - dt.timedelta(days=2)
    plan_deadline = today + dt.timedelta(days=5)  # due within 7 days
    later = (today.replace(day=1) + dt.timedelta(days=62)).replace(day=1)
    weekly_deadline = month_end(later.year, later.month)  # a month, well beyond 7 days

    leadership = Unit.objects.create(name="Lãnh đạo Bộ", order=0)
    Unit.objects.create(name="Văn phòng Bộ", order=1)
    dx = Unit.objects.create(name="Cục Chuyển đổi số quốc gia", order=2)
    Person.objects.create(full_name="Nguyễn Mạnh Hùng", title="Bộ trưởng", unit=leadership)
    Person.objects.create(full_name="Phạm Thu Trang", title="Chuyên viên", unit=dx)
    head_user = make_user(None, "truongdonvi", is_staff=True, first_name="Minh", last_name="Lê Văn")
    Person.objects.create(full_name="Lê Văn Minh", title="Cục trưởng", unit=dx, user=head_user)

    # -- The editor records the meeting with two directives in the admin add form.
    ectx = _ctx(browser)
    login_as(ectx, editor)
    ep = ectx.new_page()
    ep.goto(f"{base}/admin/meetings/meeting/add/")
    ep.fill("#id_title", TITLE)
    ep.select_option("#id_kind", label="Giao ban tháng")
    ep.fill("#id_start_at_0", met_on.strftime("%d/%m/%Y"))
    ep.fill("#id_start_at_1", "08:30")
    ep.fill("#id_place", "Hà Nội, Trụ sở Bộ")
    ep.select_option("#id_format", label="Trực tuyến")
    ep.fill("#id_bridge_points", "12")
    _pick(ep, "id_chair", "Nguyễn Mạnh Hùng (Bộ trưởng)")
    _pick(ep, "id_attending_units", "Cục Chuyển đổi số quốc gia", multiple=True)
    ep.fill("#id_agenda", "Đánh giá kết quả tháng trước\nNhiệm vụ trọng tâm tháng tới")
    ep.fill("#id_summary", "Hội nghị đánh giá kết quả chuyển đổi số trong nội bộ Bộ.")
    ep.fill("#id_conclusions", CONCLUSION)
    expect(ep.locator("#id_is_internal")).to_be_checked()  # internal by default

    add_directive = ep.locator("#directives-group .add-row a")
    add_directive.click()
    ep.fill("#id_directives-0-text", PLAN)
    _pick(ep, "id_directives-0-giver", "Nguyễn Mạnh Hùng (Bộ trưởng)")
    _pick(ep, "id_directives-0-lead_unit", "Cục Chuyển đổi số quốc gia")
    _pick(ep, "id_directives-0-lead_person", "Phạm Thu Trang (Chuyên viên)")
    _pick(ep, "id_directives-0-supporting_units", "Văn phòng Bộ", multiple=True)
    ep.fill("#id_directives-0-deadline_text", plan_deadline.strftime("%d/%m/%Y"))
    add_directive.click()
    ep.fill("#id_directives-1-text", WEEKLY)
    _pick(ep, "id_directives-1-giver", "Nguyễn Mạnh Hùng (Bộ trưởng)")
    _pick(ep, "id_directives-1-lead_unit", "Văn phòng Bộ")
    ep.fill("#id_directives-1-deadline_text", f"trong tháng {later:%m/%Y}")
    shot(ep, "meetings-01-bien-tap-nhap-cuoc-hop")
    with ep.expect_navigation():
        ep.click("input[name=_continue]")
    assert ep.locator(".errornote, .errorlist li").all_inner_texts() == []
    expect(ep.locator(".wf-current")).to_contain_text("Nháp")
    meeting = Meeting.objects.get(title=TITLE)
    assert meeting.is_internal
    d1, d2 = meeting.directives.order_by("number")
    assert (d1.deadline, d1.deadline_kind) == (plan_deadline, "date")
    assert (d2.deadline, d2.deadline_kind) == (weekly_deadline, "month")
    # The month deadline reads back the way it was written.
    expect(ep.locator("#id_directives-1-deadline_text")).to_have_value(f"trong tháng {later:%m/%Y}")
    _workflow(ep, "Gửi duyệt")
    expect(ep.locator(".wf-current")).to_contain_text("Chờ duyệt")

    # ... and writes the public summary, approved on its own.
    ep.get_by_role("link", name="Soạn tóm tắt công khai").click()
    expect(ep.locator("#id_meeting + .select2")).to_contain_text(TITLE)
    ep.fill("#id_title", SUMMARY_TITLE)
    ep.fill("#id_text", SUMMARY_TEXT)
    ep.click("input[name=_continue]")
    expect(ep.locator(".wf-current")).to_contain_text("Nháp")
    _workflow(ep, "Gửi duyệt")
    expect(ep.locator(".wf-current")).to_contain_text("Chờ duyệt")
    shot(ep, "meetings-02-bien-tap-gui-tom-tat")
    summary = PublicSummary.objects.get(meeting=meeting)
    assert summary.state == State.PENDING and not summary.is_internal

    # -- The board finds both in its queue and publishes them.
    bctx = _ctx(browser)
    login_as(bctx, board)
    bp = bctx.new_page()
    bp.goto(f"{base}/admin/cho-duyet/")
    expect(bp.get_by_role("link", name=TITLE)).to_be_visible()
    expect(bp.get_by_role("link", name=SUMMARY_TITLE)).to_be_visible()
    bp.goto(f"{base}/admin/meetings/meeting/{meeting.pk}/change/")
    _workflow(bp, "Duyệt và xuất bản")
    expect(bp.locator(".wf-current")).to_contain_text("Đã xuất bản")

    # The meeting is live but internal: an anonymous reader still finds nothing.
    actx = _ctx(browser)
    ap = actx.new_page()
    url = f"{base}/giao-ban/{meeting.slug}/"
    assert ap.goto(url).status == 404

    bp.get_by_role("link", name=f"{SUMMARY_TITLE} (Chờ duyệt)").click()
    _workflow(bp, "Duyệt và xuất bản")
    expect(bp.locator(".wf-current")).to_contain_text("Đã xuất bản")
    shot(bp, "meetings-03-ban-bien-tap-duyet-tom-tat")

    # -- The anonymous reader sees the public summary at its own address, and nothing of
    # the internal record: not its address, place, time or format.
    assert ap.goto(url).status == 404
    summary.refresh_from_db()
    assert ap.goto(f"{base}{summary.get_absolute_url()}").status == 200
    expect(ap.locator("h1")).to_have_text(SUMMARY_TITLE)
    expect(ap.locator("#tom-tat-cong-khai")).to_contain_text(SUMMARY_TEXT)
    expect(ap.locator("#thong-tin-cuoc-hop")).to_have_count(0)
    body = ap.locator("main, body").first.inner_text()
    internal_strings = (TITLE, PLAN, WEEKLY, CONCLUSION, "Nguyễn Mạnh Hùng", "Tài liệu lưu hành nội bộ")
    for internal in (*internal_strings, "Hà Nội, Trụ sở Bộ", meeting.slug):
        assert internal not in body, internal
    assert meeting.slug not in ap.content()
    expect(ap.locator("#bang-nhiem-vu")).to_have_count(0)
    shot(ap, "meetings-04-ban-doc-tom-tat-cong-khai")
    axe_check(ap)
    ap.goto(f"{base}/giao-ban/")
    expect(ap.get_by_role("link", name=SUMMARY_TITLE).first).to_be_visible()
    expect(ap.get_by_text(TITLE)).to_have_count(0)
    shot(ap, "meetings-05-ban-doc-danh-sach-giao-ban")
    axe_check(ap)

    # -- Staff read the full meeting page with its directives table.
    bp.goto(url)
    expect(bp.locator("h1")).to_have_text(TITLE)
    badge = bp.locator("#nhan-noi-bo")
    expect(badge).to_have_text("Tài liệu lưu hành nội bộ")
    expect(badge).to_have_css("background-color", "rgb(122, 46, 0)")  # the meetings colour, not the grey badge
    expect(bp.locator("#tom-tat-cong-khai h3")).to_have_text(SUMMARY_TITLE)
    rows = bp.locator("#bang-nhiem-vu tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(PLAN)
    expect(rows.nth(0)).to_contain_text(plan_deadline.strftime("%d/%m/%Y"))
    expect(rows.nth(0)).to_contain_text("Chưa thực hiện")
    expect(rows.nth(1)).to_contain_text(f"Trong tháng {later:%m/%Y}")
    shot(bp, "meetings-06-trang-cuoc-hop-noi-bo")
    axe_check(bp)
    _high_contrast(bp, axe_check, shot, "meetings-07-trang-cuoc-hop-tuong-phan-cao")

    # -- The unit head opens the tracker: the counts before.
    hctx = _ctx(browser)
    login_as(hctx, head_user)
    hp = hctx.new_page()
    hp.goto(f"{base}/giao-ban/nhiem-vu/")
    expect(hp.locator("h1")).to_have_text("Theo dõi thực hiện nhiệm vụ")
    expect(hp.get_by_text("Bạn: Lê Văn Minh (Cục Chuyển đổi số quốc gia).")).to_be_visible()
    before = _counts(hp, "Cục Chuyển đổi số quốc gia")
    assert before == {
        "assigned": "1",
        "done_on_time": "0",
        "done_late": "0",
        "reported": "0",
        "overdue": "0",
        "due_soon": "1",
    }
    office_before = _counts(hp, "Văn phòng Bộ")
    assert office_before == {
        "assigned": "1",
        "done_on_time": "0",
        "done_late": "0",
        "reported": "0",
        "overdue": "0",
        "due_soon": "0",
    }
    shot(hp, "meetings-08-theo-doi-truoc")
    axe_check(hp)

    # The other unit's directive is not theirs to update.
    hp.get_by_role("link", name=WEEKLY).click()
    expect(hp.locator("#khong-duoc-cap-nhat")).to_be_visible()
    expect(hp.locator("#form-tien-do")).to_have_count(0)

    # Progress on their unit's directive, then done.
    hp.goto(f"{base}/giao-ban/nhiem-vu/")
    hp.get_by_role("link", name=PLAN).click()
    expect(hp.locator("#trang-thai")).to_have_text("Chưa thực hiện")
    expect(hp.locator("#id_on")).to_have_value(today.strftime("%d/%m/%Y"))
    hp.fill("#id_text", "Đã gửi dự thảo kế hoạch lấy ý kiến các đơn vị.")
    hp.click("#nut-gui-tien-do")
    expect(hp.get_by_text("Đã cập nhật tiến độ nhiệm vụ.")).to_be_visible()
    expect(hp.locator("#trang-thai")).to_have_text("Đang thực hiện")
    hp.fill("#id_text", "Bộ trưởng đã ký quyết định phê duyệt kế hoạch.")
    hp.check("#id_mark_done")
    hp.fill("#id_evidence", EVIDENCE)
    hp.click("#nut-gui-tien-do")
    # Reported, not done: Văn phòng verifies.
    expect(hp.locator("#trang-thai")).to_have_text("Chờ xác nhận hoàn thành")
    facts = hp.locator("#thong-tin-nhiem-vu")
    expect(facts).to_contain_text(f"{today:%d/%m/%Y} · chờ Văn phòng xác nhận")
    expect(facts).to_contain_text(EVIDENCE)
    expect(hp.locator("#nut-xac-nhan")).to_have_count(0)
    vctx = _ctx(browser)
    login_as(vctx, make_user(Role.SECRETARIAT, "vanphong", email="vp@mic.gov.vn"))
    vp = vctx.new_page()
    vp.goto(hp.url)
    vp.click("#nut-xac-nhan")
    expect(vp.locator("#trang-thai")).to_have_text("Hoàn thành đúng hạn")
    vctx.close()
    hp.reload()
    expect(hp.locator("#trang-thai")).to_have_text("Hoàn thành đúng hạn")
    expect(hp.locator(".mt-progress li")).to_have_count(2)
    latest = hp.locator(".mt-progress li").first
    expect(latest).to_contain_text(f"{today:%d/%m/%Y} · Lê Văn Minh · Báo cáo hoàn thành")  # family name first
    shot(hp, "meetings-09-cap-nhat-tien-do-hoan-thanh")
    d1.refresh_from_db()
    assert d1.completed_on == today and ProgressUpdate.objects.filter(directive=d1).count() == 2

    # -- The tracker's counts changed: done on time, no longer due soon.
    hp.goto(f"{base}/giao-ban/nhiem-vu/")
    after = _counts(hp, "Cục Chuyển đổi số quốc gia")
    assert after == {
        "assigned": "1",
        "done_on_time": "1",
        "done_late": "0",
        "reported": "0",
        "overdue": "0",
        "due_soon": "0",
    }
    assert _counts(hp, "Văn phòng Bộ") == office_before
    expect(hp.locator(f"#nhiem-vu-{d1.pk}")).to_contain_text("Hoàn thành")
    expect(hp.locator(f"#nhiem-vu-{d2.pk}")).to_contain_text("Chưa thực hiện")
    shot(hp, "meetings-10-theo-doi-sau")
    axe_check(hp)
    _high_contrast(hp, axe_check, shot, "meetings-11-theo-doi-tuong-phan-cao")

    # The meeting page shows the new status too.
    hp.goto(url)
    expect(hp.locator(f"#bang-nhiem-vu #nhiem-vu-{d1.pk}")).to_contain_text("Hoàn thành")
    assert Directive.objects.filter(meeting=meeting, completed_on__isnull=True).count() == 1
    for ctx in (ectx, bctx, actx, hctx):
        ctx.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_tracker_and_calendar_readable_on_phone_and_desktop(browser, live_server, login_as, shot, axe_check, width):
    """The tracker at 390 px (a phone) and 1366 px: no horizontal overflow, every row's
    status on screen; the month calendar keeps T6, T7 and CN; axe clean in both contrast
    modes."""
    from portal.editorial.enums import Action
    from tests.factories import DirectiveFactory, EditorFactory, MeetingFactory, PersonFactory, UnitFactory, transition

    editor, board = EditorFactory(), make_user(Role.BOARD, "bbt_e2e")
    unit = UnitFactory(name="Cục Chuyển đổi số quốc gia")
    person = PersonFactory(full_name="Phạm Thu Trang", unit=unit, username="cv_trang_e2e")
    today = timezone.localdate()
    meeting = MeetingFactory(
        author=editor, title="Hội nghị Giao ban quản lý nhà nước tháng này, nhiều nội dung quan trọng",
        start_at=timezone.now() - dt.timedelta(days=2), notice_number="25/TB-BTTTT",
    )  # fmt: skip
    transition(meeting, Action.SUBMIT, user=editor)
    transition(meeting, Action.PUBLISH, user=board)
    for n, deadline in enumerate([today - dt.timedelta(days=12), today + dt.timedelta(days=3), "thường xuyên"]):
        DirectiveFactory(meeting=meeting, lead_unit=unit, lead_person=person, deadline=deadline,
                         text=f"Triển khai nhiệm vụ chuyển đổi số số {n + 1} với nội dung dài để kiểm tra xuống dòng")  # fmt: skip
    ctx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": width, "height": 900})
    login_as(ctx, person.user)
    page = ctx.new_page()
    page.goto(f"{live_server.url}/giao-ban/nhiem-vu/")
    expect(page.locator("#bang-nhiem-vu")).to_contain_text("TB 25/TB-BTTTT, mục 1")
    expect(page.locator("#bang-nhiem-vu")).to_contain_text("Quá hạn 12 ngày")
    for contrast in (False, True):
        if contrast:  # the site's high-contrast mode (its button is in the phone's menu)
            page.evaluate("document.documentElement.classList.add('contrast')")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scroll"
        for status in page.locator("#bang-nhiem-vu .st").all():
            box = status.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, "status on screen"
        shot(page, f"meetings-theo-doi-{width}{'-tuong-phan-cao' if contrast else ''}")
        axe_check(page)
    page.goto(f"{live_server.url}/giao-ban/")
    for day in ("T6", "T7", "CN"):
        header = page.locator(".mt-cal thead th", has_text=day)
        box = header.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width + 1, f"{day} on screen"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, f"meetings-lich-{width}")
    axe_check(page)
    ctx.close()

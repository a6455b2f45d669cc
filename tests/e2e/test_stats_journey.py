"""Monthly statistics in the browser: an editor creates the January 2022 release, imports
its figures from a CSV written the Vietnamese way (a preview first: the slip in a breakdown
is saved only with a recorded reason) and fixes the breakdown in the grid; the board
approves it; a press visitor reads the release page, downloads CSV, XLSX and PDF, and
follows an indicator to its series; the release page on a 390 px phone. axe-core checks
the release and series pages in both contrast modes."""

import csv
import datetime as dt
import io
import shutil
import subprocess
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from portal.editorial.enums import State
from stats.catalogue import INDICATORS, load
from stats.demo import JANUARY_2022
from stats.models import Indicator, Release, Sector, Value
from tests.stats.conftest import HEADER, imported_release

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "Tổng quan một số lĩnh vực ngành TT&TT tháng 01/2022"


@pytest.fixture
def catalogue(transactional_db):
    """The sectors and indicators: a data migration makes them, but an earlier
    transactional test may have flushed them (as tests/stats bring their own)."""
    if Indicator.objects.count() < len(INDICATORS):
        load(Sector, Indicator)


# Releases of the test's own (the portal never invents them from a later release).
DECEMBER_2021 = {"at-su-co-tan-cong": ("1.254", ""), "at-ip-botnet": ("969.399", "")}
JANUARY_2021 = {"at-chung-thu-so-da-cap": ("4.014.701", "")}


@pytest.fixture
def bases(catalogue, reporter, board):
    """December 2021 and January 2021, already published: the comparison bases."""
    imported_release(2021, 1, JANUARY_2021, author=reporter, approver=board, at=dt.datetime(2021, 2, 10, 9, tzinfo=VN))
    imported_release(
        2021, 12, DECEMBER_2021, author=reporter, approver=board, at=dt.datetime(2022, 1, 10, 9, tzinfo=VN)
    )


def _csv_file(tmp_path):
    """The January 2022 figures as the ministry writes them ("91,32", "4.581.000"), with
    one slip: malware incidents typed as 1.000, so the breakdown does not add up."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(HEADER)
    for code, (raw, note) in JANUARY_2022.items():
        w.writerow([code, "", "", "", "01/2022", "1.000" if code == "at-malware" else raw, note])
    path = tmp_path / "so-lieu-thang-01-2022.csv"
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    return path


def _workflow(page, action_label):
    form = page.locator(".wf-action", has=page.get_by_role("button", name=action_label))
    form.get_by_role("button", name=action_label).click()


def _row(page, code):
    return page.locator(f"#chi-tieu-{code}")


def test_editor_board_press_journey(browser, live_server, login_as, shot, axe_check, bases, editor, board, tmp_path):
    base = live_server.url

    # The editor creates the January 2022 release in the admin.
    ectx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    login_as(ectx, editor)
    ep = ectx.new_page()
    ep.goto(f"{base}/admin/stats/release/add/")
    ep.fill("#id_year", "2022")
    ep.select_option("#id_month", "1")
    ep.fill("#id_notes", "Số liệu báo cáo tại Hội nghị Giao ban quản lý nhà nước tháng 01/2022.")
    ep.click("input[name=_continue]")
    expect(ep.locator(".wf-current")).to_contain_text("Nháp")
    release = Release.objects.get(year=2022, month=1)

    # Grid: every indicator, December's figure beside this month's field.
    ep.get_by_role("link", name="Nhập và sửa số liệu của tháng").click()
    expect(ep.locator("h1")).to_contain_text(TITLE)
    expect(ep.locator("#bang-so-lieu thead")).to_contain_text("Tháng trước (12/2021)")
    expect(ep.locator("#dong-at-su-co-tan-cong")).to_contain_text("1.254")

    # Import the CSV through the import form: the slip is flagged before approval.
    ep.locator("#form-nhap-tep").locator("#id_file").set_input_files(str(_csv_file(tmp_path)))
    ep.locator("#form-nhap-tep").get_by_role("button", name="Nhập tệp").click()
    # The preview: every change, the breakdown that does not add up; nothing saved yet.
    expect(ep.locator("#tom-tat-nhap")).to_contain_text(f"{len(JANUARY_2022)} giá trị thay đổi. Chưa có gì được lưu.")
    expect(ep.locator("#tong-khong-khop")).to_contain_text("cộng lại được 1.322")
    shot(ep, "stats-01a-bien-tap-xem-truoc-nhap")
    ep.get_by_label("Tôi đã kiểm tra và vẫn lưu số liệu này").check()
    ep.get_by_label("Lý do (được ghi lại)").fill("Số Malware sẽ sửa ngay trong bảng số liệu.")
    ep.get_by_role("button", name="Xác nhận nhập tệp").click()
    expect(ep.locator(".messagelist")).to_contain_text(f"Đã nhập {len(JANUARY_2022)} giá trị")
    expect(ep.locator("#kiem-tra-so-lieu")).to_contain_text("cộng lại được 1.322")
    expect(ep.locator("#value-" + str(Indicator.objects.get(code="vt-thue-bao-smartphone").pk))).to_have_value("91,32")
    shot(ep, "stats-01-bien-tap-nhap-tep")

    # Fix the malware figure in the grid and save: the check is satisfied.
    grid = ep.locator("#form-bang-so-lieu")
    grid.locator("#dong-at-malware input.v").fill("1.061")
    grid.get_by_role("button", name="Lưu số liệu").click()
    expect(ep.locator(".messagelist")).to_contain_text("Đã lưu số liệu.")
    expect(ep.locator("#kiem-tra-so-lieu")).to_have_count(0)
    expect(grid.locator("#dong-at-malware input.v")).to_have_value("1.061")
    shot(ep, "stats-02-bien-tap-bang-so-lieu")

    # Submit for approval.
    ep.goto(f"{base}/admin/stats/release/{release.pk}/change/")
    expect(ep.locator(".field-data_check")).to_contain_text("khớp với tổng các thành phần")
    _workflow(ep, "Gửi duyệt")
    expect(ep.locator(".wf-current")).to_contain_text("Chờ duyệt")

    # Nobody outside sees it yet.
    actx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True)
    ap = actx.new_page()
    assert ap.goto(f"{base}/thong-ke/2022-01/").status == 404
    assert ap.request.get(f"{base}/thong-ke/2022-01.csv").status == 404

    # The board finds it in its queue and approves it.
    bctx = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    login_as(bctx, board)
    bp = bctx.new_page()
    bp.goto(f"{base}/admin/cho-duyet/")
    bp.get_by_role("link", name=TITLE).click()
    expect(bp.locator(".wf-current")).to_contain_text("Chờ duyệt")
    _workflow(bp, "Duyệt và xuất bản")
    expect(bp.locator(".wf-current")).to_contain_text("Đã xuất bản")
    expect(bp.locator(".wf-timeline")).to_contain_text("Duyệt và xuất bản")
    shot(bp, "stats-03-ban-bien-tap-duyet")
    release.refresh_from_db()
    assert release.state == State.PUBLISHED and release.live
    assert Value.objects.get(release=release, indicator__code="at-malware").value == 1061

    # The press: from the statistics page to the release.
    ap.goto(f"{base}/thong-ke/")
    expect(ap.locator("#link-ky-moi-nhat")).to_have_text(TITLE)
    expect(ap.locator("#ky-moi-nhat")).to_contain_text(
        "Sự cố tấn công mạng vào hệ thống thông tin tại Việt Nam: 1.383 sự cố"
    )
    axe_check(ap)
    ap.locator("#link-ky-moi-nhat").click()
    expect(ap.locator("h1")).to_have_text(TITLE)
    expect(ap.locator("#thong-tin-ky")).to_contain_text(timezone.localdate().strftime("%d/%m/%Y"))
    expect(ap.locator("#trang-thai")).to_have_text("Chính thức")
    expect(_row(ap, "vt-thue-bao-smartphone").locator("td.value")).to_have_text("91,32")
    expect(_row(ap, "vt-thue-bao-smartphone")).to_contain_text("Chiếm 72,6% số thuê bao điện thoại di động")
    expect(_row(ap, "at-chung-thu-so-da-cap").locator("td.value")).to_have_text("4.581.000")
    # Counts change by a count, with the percentage beside it.
    expect(_row(ap, "at-chung-thu-so-da-cap")).to_contain_text("tăng 566.299 chứng thư số (14,11%)")
    expect(_row(ap, "at-su-co-tan-cong").locator("td.value")).to_have_text("1.383")
    expect(_row(ap, "at-su-co-tan-cong")).to_contain_text("tăng 129 sự cố (10,29%)")
    expect(_row(ap, "at-ip-botnet")).to_contain_text("giảm 90.057 địa chỉ (9,29%)")
    expect(_row(ap, "at-malware").locator("td.value")).to_have_text("1.061")
    shot(ap, "stats-04-trang-ky-cong-bo")

    files = {}
    for fmt in ("csv", "xlsx", "pdf"):
        with ap.expect_download() as info:
            ap.locator(f"#tai-{fmt}").click()
        download = info.value
        assert download.suggested_filename == f"thong-ke-2022-01.{fmt}"
        files[fmt] = tmp_path / download.suggested_filename
        download.save_as(files[fmt])

    rows = list(csv.DictReader(io.StringIO(files["csv"].read_text(encoding="utf-8-sig"))))
    by_code = {r["indicator_code"]: r for r in rows}
    assert by_code["vt-thue-bao-smartphone"]["indicator"] == "Số thuê bao điện thoại smartphone"
    assert by_code["vt-thue-bao-smartphone"]["value"] == "91.32"
    assert by_code["at-chung-thu-so-da-cap"]["value"] == "4581000"
    assert by_code["at-chung-thu-so-da-cap"]["change_same_period"] == "566299"
    assert by_code["at-malware"]["value"] == "1061"

    ws = load_workbook(files["xlsx"]).worksheets[0]
    header, *body = list(ws.iter_rows(values_only=True))
    cells = {r[3]: dict(zip(header, r, strict=True)) for r in body}
    assert cells["vt-thue-bao-smartphone"]["value"] == pytest.approx(91.32)
    assert cells["at-chung-thu-so-da-cap"]["value"] == 4581000

    assert files["pdf"].read_bytes().startswith(b"%PDF")
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF back"
    text = subprocess.run(["pdftotext", "-layout", str(files["pdf"]), "-"], capture_output=True, check=True)
    text = text.stdout.decode()
    assert TITLE in text
    assert "Số thuê bao điện thoại smartphone" in text and "91,32" in text and "4.581.000" in text

    # No WCAG 2.1 A/AA violation on the release page, also in high contrast.
    axe_check(ap)
    ap.get_by_role("button", name="Tương phản cao").click()
    assert "contrast" in ap.evaluate("document.documentElement.className")
    shot(ap, "stats-05-ky-cong-bo-tuong-phan-cao")
    axe_check(ap)
    ap.get_by_role("button", name="Tương phản cao").click()

    # The indicator's series: chart, accessible table, the two months it has.
    _row(ap, "at-su-co-tan-cong").get_by_role("link").click()
    expect(ap.locator("h1")).to_have_text("Sự cố tấn công mạng vào hệ thống thông tin tại Việt Nam")
    table = ap.locator("#bang-chuoi-so-lieu")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("details")).to_have_count(2)  # by year: 2022 open, 2021 closed
    expect(table.locator("tr[data-period='2022-01']")).to_contain_text("1.383")
    expect(table.locator("tr[data-period='2022-01']")).to_contain_text("tăng 129 sự cố (10,29%)")
    table.locator("#nam-2021 summary").click()
    expect(table.locator("tr[data-period='2021-12']")).to_contain_text("1.254")
    expect(ap.locator(".stats-figure svg")).to_be_visible()
    shot(ap, "stats-06-chuoi-so-lieu")
    axe_check(ap)
    ap.get_by_role("button", name="Tương phản cao").click()
    shot(ap, "stats-07-chuoi-so-lieu-tuong-phan-cao")
    axe_check(ap)

    # On a 390 px phone: no horizontal overflow, every figure visible, axe clean.
    pctx = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 390, "height": 844}, device_scale_factor=2
    )
    pp = pctx.new_page()
    pp.goto(f"{base}/thong-ke/2022-01/")
    _assert_readable_on_phone(pp)
    shot(pp, "stats-08-ky-cong-bo-390px")
    axe_check(pp)
    pp.locator(".menu-toggle").click()  # on a phone the page tools are in the menu
    pp.get_by_role("button", name="Tương phản cao").click()
    pp.locator(".menu-toggle").click()
    assert "contrast" in pp.evaluate("document.documentElement.className")
    _assert_readable_on_phone(pp)
    shot(pp, "stats-09-ky-cong-bo-390px-tuong-phan-cao")
    axe_check(pp)

    for ctx in (ectx, bctx, actx, pctx):
        ctx.close()


def _assert_readable_on_phone(page):
    width = page.evaluate("document.documentElement.clientWidth")
    assert width == 390
    overflow = page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => {"
        " const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > document.documentElement.clientWidth + 1"
        " || r.left < -1) && getComputedStyle(e).position !== 'absolute' && !e.closest('.sr-only, svg, .table-wrap svg')"
        "}).map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 5)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, overflow
    assert overflow == []
    cells = page.locator("td.value")
    count = cells.count()
    assert count == len(JANUARY_2022)
    for i in range(count):
        cell = cells.nth(i)
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, cell.inner_text()
    # the comparison columns are on screen too, labelled
    change = page.locator("#chi-tieu-at-su-co-tan-cong td.mom")
    expect(change).to_be_visible()
    box = change.bounding_box()
    assert box["x"] + box["width"] <= 390

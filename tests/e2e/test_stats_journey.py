"""Monthly statistics in the browser: an editor creates the January 2022 release, imports
its figures from a CSV written the Vietnamese way and fixes a breakdown in the grid; the
board approves it; a press visitor reads the release page, downloads CSV, XLSX and PDF,
and follows an indicator to its series. axe-core checks the release and series pages."""

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
from stats.demo import DECEMBER_2021, JANUARY_2021, JANUARY_2022
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
    expect(ap.locator(".stats-release .meta")).to_contain_text(timezone.localdate().strftime("%d/%m/%Y"))
    expect(_row(ap, "vt-thue-bao-smartphone").locator("td.value")).to_have_text("91,32")
    expect(_row(ap, "vt-thue-bao-smartphone")).to_contain_text("Chiếm 72,6% số thuê bao điện thoại di động")
    expect(_row(ap, "at-chung-thu-so-da-cap").locator("td.value")).to_have_text("4.581.000")
    expect(_row(ap, "at-chung-thu-so-da-cap")).to_contain_text("tăng 14,11%")
    expect(_row(ap, "at-su-co-tan-cong").locator("td.value")).to_have_text("1.383")
    expect(_row(ap, "at-su-co-tan-cong")).to_contain_text("tăng 10,29%")
    expect(_row(ap, "at-ip-botnet")).to_contain_text("giảm 9,29%")
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

    rows = list(csv.reader(io.StringIO(files["csv"].read_text(encoding="utf-8-sig"))))
    by_code = {r[1]: r for r in rows[1:]}
    assert by_code["vt-thue-bao-smartphone"][2] == "Số thuê bao điện thoại smartphone"
    assert by_code["vt-thue-bao-smartphone"][5] == "91.32"
    assert by_code["at-chung-thu-so-da-cap"][5] == "4581000"
    assert by_code["at-malware"][5] == "1061"

    ws = load_workbook(files["xlsx"]).worksheets[0]
    cells = {r[1]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[1]}
    assert cells["vt-thue-bao-smartphone"][5] == pytest.approx(91.32)
    assert cells["at-chung-thu-so-da-cap"][5] == 4581000

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
    expect(table.locator("tr[data-period='2022-01']")).to_contain_text("1.383")
    expect(table.locator("tr[data-period='2022-01']")).to_contain_text("tăng 10,29%")
    expect(table.locator("tr[data-period='2021-12']")).to_contain_text("1.254")
    expect(ap.locator(".stats-figure svg")).to_be_visible()
    shot(ap, "stats-06-chuoi-so-lieu")
    axe_check(ap)
    ap.get_by_role("button", name="Tương phản cao").click()
    shot(ap, "stats-07-chuoi-so-lieu-tuong-phan-cao")
    axe_check(ap)

    for ctx in (ectx, bctx, actx):
        ctx.close()

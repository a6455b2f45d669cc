"""The admin grid through the approval workflow, breakdown checks, and corrections."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from openpyxl import load_workbook

from portal.editorial import services as wf
from portal.editorial.enums import Action, State
from stats.models import Indicator, Release, Value
from tests import factories

from .conftest import make_release, transition_post


def _ids(*codes):
    return {i.code: i.pk for i in Indicator.objects.filter(code__in=codes)}


def _grid_post(client, release, values: dict, **extra):
    """The grid as the page posts it: with the version it was made from (unless given)."""
    ids = _ids(*values)
    release.refresh_from_db()
    data = {"edit_version": release.version}
    data.update({f"value-{ids[c]}": v for c, v in values.items()})
    data.update(extra)
    return client.post(f"/admin/stats/release/{release.pk}/bang-so-lieu/", data, follow=True)


def test_grid_shows_every_indicator_with_previous_values(client, reporter, board):
    previous = make_release(2021, 12, author=reporter)
    _grid_post(client_login(client, reporter), previous, {"at-su-co-tan-cong": "1.254"})
    release = make_release(2022, 1, author=reporter)
    html = client.get(f"/admin/stats/release/{release.pk}/bang-so-lieu/").content.decode()
    assert html.count('class="sector"') == 6
    for code in Indicator.objects.values_list("code", flat=True):
        assert f'id="dong-{code}"' in html
    row = html.split('id="dong-at-su-co-tan-cong"', 1)[1].split("</tr>", 1)[0]
    assert "1.254" in row
    assert "Tháng trước (12/2021)" in html


def client_login(client, user):
    client.force_login(user)
    return client


def test_grid_save_flags_breakdown_and_board_approves(client, reporter, board):
    release = make_release(2022, 1, author=reporter)
    client.force_login(reporter)
    response = _grid_post(
        client,
        release,
        {"at-su-co-tan-cong": "1.383", "at-phishing": "197", "at-deface": "125", "at-malware": "1.000",
         "vt-thue-bao-smartphone": "91,32"},
    )  # fmt: skip
    html = response.content.decode()
    assert "Đã lưu số liệu." in html
    assert "cộng lại được 1.322" in html and 'id="kiem-tra-so-lieu"' in html
    assert Value.objects.get(release=release, indicator__code="vt-thue-bao-smartphone").value == Decimal("91.32")
    # The change form flags it too, before approval.
    change = client.get(f"/admin/stats/release/{release.pk}/change/").content.decode()
    assert "cộng lại được 1.322" in change
    _grid_post(client, release, {"at-malware": "1.061"})
    assert "cộng lại được" not in client.get(f"/admin/stats/release/{release.pk}/change/").content.decode()

    assert client.get("/thong-ke/2022-01/").status_code == 404
    transition_post(client, release, "submit")
    client.force_login(board)
    transition_post(client, release, "publish")
    release.refresh_from_db()
    assert release.state == State.PUBLISHED and release.live
    client.logout()
    assert "91,32" in client.get("/thong-ke/2022-01/").content.decode()


def test_grid_refuses_non_numbers_and_changes_nothing(client, reporter):
    release = make_release(2022, 1, author=reporter)
    client.force_login(reporter)
    response = _grid_post(client, release, {"vt-thue-bao-smartphone": "91,32", "at-ip-botnet": "khoảng 9"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "“khoảng 9” không phải là số." in html and 'aria-invalid="true"' in html
    assert not Value.objects.filter(release=release).exists()


def test_reporter_cannot_edit_published_release_grid(client, reporter, board):
    release = make_release(2022, 1, author=reporter)
    wf.transition(item=release, action=Action.SUBMIT, user=reporter)
    wf.transition(item=release, action=Action.PUBLISH, user=board)
    client.force_login(reporter)
    response = _grid_post(client, release, {"vt-thue-bao-smartphone": "1"})
    # A reporter may only start a correction of their own live release (portal/editorial
    # permissions): without the correction note nothing is saved.
    assert response.status_code in (400, 403)
    assert not Value.objects.filter(release=release).exists()
    release.refresh_from_db()
    assert not release.has_unpublished_changes


def _tidy(response) -> dict[str, dict]:
    return {r["indicator_code"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}


def _published_release(client, reporter, board):
    release = make_release(2022, 1, author=reporter)
    client.force_login(reporter)
    _grid_post(client, release, {"vt-thue-bao-smartphone": "91,32", "at-ip-botnet": "879.342"})
    factories.transition(release, Action.SUBMIT, user=reporter)
    factories.transition(release, Action.PUBLISH, user=board)
    return release


def test_correction_needs_note_waits_for_approval_and_keeps_superseded(
    client, reporter, board, board2, django_capture_on_commit_callbacks
):
    release = _published_release(client, reporter, board)
    client.force_login(board)
    version = release.version
    refused = _grid_post(client, release, {"vt-thue-bao-smartphone": "91,35"})
    assert refused.status_code == 400
    assert "cần nêu nội dung đính chính" in refused.content.decode()
    release.refresh_from_db()
    assert release.version == version and not release.has_unpublished_changes

    note = "Cập nhật số thuê bao smartphone theo báo cáo của doanh nghiệp."
    _grid_post(client, release, {"vt-thue-bao-smartphone": "91,35"}, correction_note=note)
    client.logout()
    page = client.get("/thong-ke/2022-01/").content.decode()
    assert "91,32" in page and "91,35" not in page and "Đã đính chính" not in page
    client.force_login(board2)
    preview = client.get(f"/admin/stats/release/{release.pk}/xem-truoc/").content.decode()
    assert "91,35" in preview and "Bản xem trước" in preview
    client.logout()

    release.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        wf.transition(item=release, action=Action.SUBMIT, user=board)
        wf.transition(item=release, action=Action.PUBLISH, user=board2)
    page = client.get("/thong-ke/2022-01/").content.decode()
    assert "91,35" in page and "Đã đính chính" in page and note in page
    assert 'id="da-dinh-chinh"' in page and "/thong-ke/2022-01.csv?ban=1" in page

    old = client.get("/thong-ke/2022-01.csv?ban=1")
    assert old["Content-Disposition"] == 'attachment; filename="thong-ke-2022-01-ban-1.csv"'
    rows = _tidy(old)
    assert rows["vt-thue-bao-smartphone"]["value"] == "91.32" and rows["at-ip-botnet"]["value"] == "879342"
    current = _tidy(client.get("/thong-ke/2022-01.csv"))
    assert current["vt-thue-bao-smartphone"]["value"] == "91.35"
    # The corrected figure is marked, old -> new with the date and the reason, in every format.
    assert current["vt-thue-bao-smartphone"]["status"] == "revised"
    assert current["vt-thue-bao-smartphone"]["corrections"].startswith("1: 91.32 → 91.35 (")
    assert note in current["vt-thue-bao-smartphone"]["corrections"] and current["at-ip-botnet"]["corrections"] == ""
    row = page.split('id="chi-tieu-vt-thue-bao-smartphone"', 1)[1].split("</tr>", 1)[0]
    assert (
        "[đã đính chính]" in row
        and "[đã đính chính]" not in page.split('id="chi-tieu-at-ip-botnet"', 1)[1].split("</tr>", 1)[0]
    )
    table = page.split('id="bang-dinh-chinh"', 1)[1].split("</table>", 1)[0]
    assert "Số thuê bao điện thoại smartphone" in table and "91,32" in table and "91,35" in table and note in table
    assert 'id="trang-thai">Đã đính chính' in page
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    assert data["status"] == "revised"
    assert data["corrections"][0]["changes"] == [
        {"indicator_code": "vt-thue-bao-smartphone", "old": "91.32", "new": "91.35"}
    ]
    fixes = list(load_workbook(io.BytesIO(client.get("/thong-ke/2022-01.xlsx").content))["Đính chính"].values)
    assert fixes[1][2:] == ("vt-thue-bao-smartphone", "91.32", "91.35", note)
    assert "91,32" in client.get("/thong-ke/2022-01/?ban=1").content.decode()
    assert client.get("/thong-ke/2022-01.csv?ban=7").status_code == 404


def test_formula_cells_are_neutralised(client, reporter, board):
    release = _published_release(client, reporter, board)
    Value.objects.filter(release=release, indicator__code="at-ip-botnet").update(note='=HYPERLINK("http://x")')
    rows = _tidy(client.get("/thong-ke/2022-01.csv"))
    assert rows["at-ip-botnet"]["note"] == '\'=HYPERLINK("http://x")'
    book = load_workbook(io.BytesIO(client.get("/thong-ke/2022-01.xlsx").content))
    notes = [r[-1] for r in book["Dữ liệu"].iter_rows(min_row=2, values_only=True) if r[3] == "at-ip-botnet"]
    assert notes == ['\'=HYPERLINK("http://x")']
    notes = [r[8] for r in book["Bảng trình bày"].iter_rows(min_row=3, values_only=True) if r[1] == "at-ip-botnet"]
    assert notes == ['\'=HYPERLINK("http://x")']


def test_search_finds_indicator_and_release(client, reporter, board):
    from stats import services

    services.reindex_indicators()
    _published_release(client, reporter, board)
    client.logout()
    html = client.get("/tim-kiem/", {"q": "thuê bao smartphone"}).content.decode()
    assert "/thong-ke/chi-so/vt-thue-bao-smartphone/" in html
    assert "/thong-ke/2022-01/" in html
    plain = client.get("/tim-kiem/", {"q": "thue bao smartphone"}).content.decode()
    assert "/thong-ke/chi-so/vt-thue-bao-smartphone/" in plain and "/thong-ke/2022-01/" in plain
    assert Release.objects.count() == 1


def test_grid_refuses_save_over_a_newer_version(client, reporter, editor):
    release = make_release(2022, 1, author=reporter)
    opened = release.version
    client.force_login(editor)
    _grid_post(client, release, {"at-ip-botnet": "879.342"}, edit_version=opened)
    client.force_login(reporter)
    response = _grid_post(client, release, {"at-ip-botnet": "1"}, edit_version=opened)
    assert response.status_code == 400
    html = response.content.decode()
    assert "CHƯA được lưu" in html and 'value="1"' in html
    assert Value.objects.get(release=release, indicator__code="at-ip-botnet").value == Decimal("879342")


def test_add_release_in_admin_then_open_grid(client, reporter):
    client.force_login(reporter)
    assert client.get("/admin/stats/release/add/").status_code == 200
    response = client.post(
        "/admin/stats/release/add/",
        {"year": "2022", "month": "3", "notes": "", "notes_en": "", "publish_at_0": "", "publish_at_1": "",
         "expire_at_0": "", "expire_at_1": "", "edit_version": "", "corrections-TOTAL_FORMS": "0",
         "corrections-INITIAL_FORMS": "0", "corrections-MIN_NUM_FORMS": "0", "corrections-MAX_NUM_FORMS": "1000"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    release = Release.objects.get(year=2022, month=3)
    assert release.state == State.DRAFT and release.created_by == reporter
    change = client.get(f"/admin/stats/release/{release.pk}/change/").content.decode()
    assert f"/admin/stats/release/{release.pk}/bang-so-lieu/" in change
    duplicate = client.post(
        "/admin/stats/release/add/",
        {"year": "2022", "month": "3", "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0"},
    )
    assert duplicate.status_code == 200 and Release.objects.filter(year=2022, month=3).count() == 1

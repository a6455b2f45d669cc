"""Issue "Approval integrity", the statistics findings: what readers see of a release
changes only through the workflow, every revision holds the figures, and during an
embargo only named people open the figures, each view logged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from portal.editorial import services as wf
from portal.editorial.enums import Action, RevisionKind, State
from portal.editorial.models import PreviewLog
from stats import services
from stats.demo import JANUARY_2022
from stats.models import Correction, Indicator, PreReleaseAccess, Sector, Value
from tests import factories

from .conftest import VN, imported_release, make_release, transition_post, xlsx_upload


def _id(code):
    return Indicator.objects.get(code=code).pk


def _grid(release):
    return f"/admin/stats/release/{release.pk}/bang-so-lieu/"


def _grid_post(client, release, values: dict, *, with_version=True, **extra):
    release.refresh_from_db()
    data = {f"value-{_id(code)}": raw for code, raw in values.items()}
    if with_version:
        data["edit_version"] = release.version
    data.update(extra)
    return client.post(_grid(release), data, follow=True)


def _row(html, code):
    return html.split(f'id="chi-tieu-{code}"', 1)[1].split("</tr>", 1)[0]


def _value(release, code):
    return Value.objects.get(release=release, indicator__code=code).value


# -- finding 3 ------------------------------------------------------------------------------


def test_finding3_grid_without_version_refused(client, reporter, editor):
    release = make_release(2022, 1, author=reporter)
    client.force_login(editor)
    page = client.get(_grid(release)).content.decode()
    # Both forms of the page (the grid and the file import) carry the version shown.
    assert page.count(f'name="edit_version" value="{release.version}"') == 2
    _grid_post(client, release, {"at-ip-botnet": "879.342"})
    release.refresh_from_db()
    version = release.version

    # A grid posted without the version it was made from overwrote the newer figure.
    client.force_login(reporter)
    response = _grid_post(client, release, {"at-ip-botnet": "1"}, with_version=False)
    assert response.status_code == 400
    html = response.content.decode()
    assert "không cho biết bạn đang sửa phiên bản nào" in html and "CHƯA được lưu" in html
    assert 'value="1"' in html  # what the user typed is still in the grid
    assert _value(release, "at-ip-botnet") == Decimal("879342")
    release.refresh_from_db()
    assert release.version == version
    # An empty version is no version either.
    assert _grid_post(client, release, {"at-ip-botnet": "1"}, edit_version="").status_code == 400
    assert _value(release, "at-ip-botnet") == Decimal("879342")

    # The file import the same way: without the version nothing of the file is saved.
    upload = xlsx_upload([["at-ip-botnet", "", "", "", "01/2022", "2", ""]])
    response = client.post(f"/admin/stats/release/{release.pk}/nhap-tep/", {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == _grid(release)
    assert "không cho biết bạn đang sửa phiên bản nào" in response.content.decode()
    assert _value(release, "at-ip-botnet") == Decimal("879342")
    # With an old version it is refused as well; with the current one it is saved.
    # (the file is previewed first; the confirmation carries the version the preview was made from)
    confirm = f"/admin/stats/release/{release.pk}/nhap-tep/xac-nhan/"
    upload = xlsx_upload([["at-ip-botnet", "", "", "", "01/2022", "2", ""]])
    client.post(f"/admin/stats/release/{release.pk}/nhap-tep/", {"file": upload, "edit_version": version - 1})
    assert client.post(confirm, {"edit_version": version - 1}).status_code == 400
    assert _value(release, "at-ip-botnet") == Decimal("879342")
    assert client.post(confirm, {}).status_code == 400
    assert _value(release, "at-ip-botnet") == Decimal("879342")
    upload = xlsx_upload([["at-ip-botnet", "", "", "", "01/2022", "2", ""]])
    client.post(f"/admin/stats/release/{release.pk}/nhap-tep/", {"file": upload, "edit_version": version})
    client.post(confirm, {"edit_version": version})
    assert _value(release, "at-ip-botnet") == Decimal("2")


# -- finding 6 ------------------------------------------------------------------------------

OLD_NAME, NEW_NAME = "Tổng doanh thu dịch vụ viễn thông", "Doanh thu viễn thông (tên mới)"


def _published_views(client):
    """What readers get of January 2022: page, downloads, home, series."""
    page = client.get("/thong-ke/2022-01/").content.decode()
    tidy = csv.DictReader(io.StringIO(client.get("/thong-ke/2022-01.csv").content.decode("utf-8-sig")))
    rows = {r["indicator_code"]: [r[k] for k in ("sector", "indicator_code", "indicator", "unit", "period", "value")]
            for r in tidy}  # fmt: skip
    wb = load_workbook(io.BytesIO(client.get("/thong-ke/2022-01.xlsx").content))
    xlsx = {r[1]: r for r in wb["Bảng trình bày"].iter_rows(min_row=3, values_only=True) if r[1]}
    defs = {r[0]: r for r in wb["Định nghĩa"].iter_rows(min_row=2, values_only=True)}
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    indicators = {i["code"]: i for s in data["sectors"] for i in s["indicators"]}
    sectors = [s["name"] for s in data["sectors"]]
    series = client.get("/thong-ke/chi-so/vt-doanh-thu/").content.decode()
    series_row = series.split('data-period="2022-01"', 1)[1].split("</tr>", 1)[0]
    return {
        "page": _row(page, "vt-doanh-thu"),
        "sector": page.split('id="h-vien-thong"', 1)[1].split("</h2>", 1)[0],
        "csv": rows["vt-doanh-thu"][:6],
        "xlsx": xlsx["vt-doanh-thu"][:6],
        "definition": defs["vt-doanh-thu"],
        "json": (indicators["vt-doanh-thu"]["name"], indicators["vt-doanh-thu"]["unit"],
                 indicators["vt-doanh-thu"]["value_display"], sectors),
        "home": client.get("/").content.decode().split('id="thong-ke-moi-nhat"', 1)[1].split("</section>", 1)[0],
        "series": series_row,
    }  # fmt: skip


def test_finding6_indicator_rename_reaches_published_release_only_by_correction(client, jan2022, editor, board, board2):
    december = imported_release(
        2021,
        12,
        {"vt-doanh-thu": ("11,2", "")},
        author=editor,
        approver=board,
        at=dt.datetime(2022, 1, 10, 9, tzinfo=VN),
    )
    before = _published_views(client)
    assert OLD_NAME in before["page"] and "11,496" in before["page"] and "nghìn tỷ đồng" in before["page"]
    assert "11,496" in before["series"] and OLD_NAME in before["home"]
    jan2022.refresh_from_db()
    assert jan2022.catalogue["vt-doanh-thu"]["name"] == OLD_NAME  # fixed at the approval

    # An editor renames the indicator, changes its unit and decimals, and renames its sector.
    indicator = Indicator.objects.get(code="vt-doanh-thu")
    client.force_login(editor)
    response = client.post(
        f"/admin/stats/indicator/{indicator.pk}/change/",
        {"code": indicator.code, "sector": indicator.sector_id, "name": NEW_NAME, "name_en": indicator.name_en,
         "unit": "tỷ đồng", "unit_en": indicator.unit_en, "definition": "Định nghĩa mới.", "definition_en": "",
         "source_unit": indicator.source_unit, "decimals": "0", "parent": "", "order": indicator.order},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    Sector.objects.filter(code="vien-thong").update(name="Viễn thông (tên mới)")
    client.logout()

    # Readers still get the release as it was approved, everywhere.
    assert _published_views(client) == before

    # A correction brings the catalogue of today, once a second board member approves it.
    client.force_login(board)
    note = "Cập nhật tên, đơn vị tính của chỉ tiêu doanh thu viễn thông theo danh mục mới."
    _grid_post(client, jan2022, {}, correction_note=note)
    preview = client.get(f"/admin/stats/release/{jan2022.pk}/xem-truoc/").content.decode()
    assert NEW_NAME in preview
    client.logout()
    assert _published_views(client) == before
    client.force_login(board)
    transition_post(client, jan2022, "submit")
    client.force_login(board2)
    transition_post(client, jan2022, "publish")
    jan2022.refresh_from_db()
    assert jan2022.state == State.PUBLISHED and not jan2022.has_unpublished_changes
    client.logout()

    after = _published_views(client)
    # 0 decimals now, but the stored 11.496 is never shown rounded to 11 (page = download).
    assert NEW_NAME in after["page"] and "tỷ đồng" in after["page"] and ">11,496<" in after["page"]
    assert "Viễn thông (tên mới)" in after["sector"]
    assert after["csv"][2:4] == [NEW_NAME, "tỷ đồng"] and after["csv"][5] == "11.496"
    assert after["definition"][3] == "Định nghĩa mới."
    assert after["json"][:3] == (NEW_NAME, "tỷ đồng", "11,496")
    assert NEW_NAME in after["home"]
    page = client.get("/thong-ke/2022-01/").content.decode()
    assert "Đã đính chính" in page and note in page
    correction = Correction.objects.get(release=jan2022)
    assert correction.number == 1 and correction.applied_at is not None and correction.note == note
    assert correction.superseded["catalogue"]["vt-doanh-thu"]["name"] == OLD_NAME
    assert correction.superseded["values"]["vt-doanh-thu"]["value"] == "11.496"
    # The version before the correction still reads as it was published.
    old = client.get("/thong-ke/2022-01/?ban=1").content.decode()
    assert OLD_NAME in _row(old, "vt-doanh-thu") and "11,496" in _row(old, "vt-doanh-thu")
    # Other published releases keep theirs until corrected themselves.
    december.refresh_from_db()
    assert december.catalogue["vt-doanh-thu"]["name"] == OLD_NAME


# -- finding 8 ------------------------------------------------------------------------------


@pytest.fixture
def embargoed(db, reporter, board, clock):
    clock.set(dt.datetime(2022, 2, 9, 15, 0, tzinfo=VN))
    return imported_release(
        2022, 1, JANUARY_2022, author=reporter, approver=board, at=dt.datetime(2022, 2, 10, 9, 0, tzinfo=VN)
    )


def _figure_urls(release):
    admin = f"/admin/stats/release/{release.pk}"
    return {
        "xem trước": f"{admin}/xem-truoc/",
        "bảng số liệu": f"{admin}/bang-so-lieu/",
        "mẫu nhập": f"{admin}/mau-nhap.xlsx",
        "mẫu nhập csv": f"{admin}/mau-nhap.csv",
    }


PUBLIC = ["/thong-ke/2022-01/", "/thong-ke/2022-01.csv", "/thong-ke/2022-01.xlsx", "/thong-ke/2022-01.json",
          "/thong-ke/2022-01.pdf"]  # fmt: skip


def test_finding8_embargo_figures_only_for_named_people_and_logged(
    client, embargoed, reporter, editor, board2, administrator, staff_reader, clock
):
    urls = _figure_urls(embargoed)
    # The reporter who wrote it, and staff outside the list: refused in Vietnamese, nothing logged.
    for user in (reporter, staff_reader):
        client.force_login(user)
        for url in urls.values():
            response = client.get(url)
            assert response.status_code == 403, (user, url)
            assert "cấm công bố" in response.content.decode(), url
        assert client.get(f"/admin/stats/release/{embargoed.pk}/change/").status_code == 403
        compare = client.get(f"/admin/stats/release/{embargoed.pk}/so-sanh/", {"a": 1, "b": 2})
        assert compare.status_code == 403
        for url in PUBLIC:
            assert client.get(url).status_code == 404, url
    assert not PreviewLog.objects.exists()

    # The board puts a person on the pre-release list (an editor may not).
    client.force_login(editor)
    assert client.post("/admin/stats/prereleaseaccess/add/", {"user": staff_reader.pk}).status_code == 403
    client.force_login(board2)
    response = client.post(
        "/admin/stats/prereleaseaccess/add/", {"user": staff_reader.pk, "note": "Văn phòng Bộ trưởng"}
    )
    assert response.status_code == 302 and PreReleaseAccess.objects.filter(user=staff_reader).exists()

    client.force_login(staff_reader)
    preview = client.get(urls["xem trước"])
    assert preview.status_code == 200 and "91,32" in preview.content.decode()
    assert client.get(urls["bảng số liệu"]).status_code == 200
    for key in ("mẫu nhập", "mẫu nhập csv"):
        assert client.get(urls[key]).status_code == 200
    for url in PUBLIC:  # the public addresses stay closed to them too
        assert client.get(url).status_code == 404, url
    for user in (editor, administrator):
        client.force_login(user)
        assert client.get(urls["bảng số liệu"]).status_code == 200
        assert client.get(urls["mẫu nhập"]).status_code == 200

    logged = list(PreviewLog.objects.order_by("at", "id").values_list("user__username", "what"))
    assert logged == [
        ("canbo", "xem trước"), ("canbo", "bảng số liệu"), ("canbo", "mẫu nhập"), ("canbo", "mẫu nhập"),
        ("bientap", "bảng số liệu"), ("bientap", "mẫu nhập"), ("quantri", "bảng số liệu"), ("quantri", "mẫu nhập"),
    ]  # fmt: skip
    client.force_login(board2)
    change = client.get(f"/admin/stats/release/{embargoed.pk}/change/").content.decode()
    listed = change.split('id="luot-xem-truoc"', 1)[1].split("</table>", 1)[0]
    assert listed.count("<tr>") == len(logged) + 1
    assert "canbo" in listed and "bientap" in listed and "bảng số liệu" in listed and "quantri" in listed

    # At the release time the embargo ends: the usual rule again, and no more logging.
    clock.set(dt.datetime(2022, 2, 10, 9, 0, 1, tzinfo=VN))
    client.force_login(reporter)
    assert client.get(urls["bảng số liệu"]).status_code == 200
    assert client.get("/thong-ke/2022-01/").status_code == 200
    assert PreviewLog.objects.count() == len(logged)


# -- finding 13 -----------------------------------------------------------------------------


def _published(client, reporter, board):
    release = make_release(2022, 1, author=reporter)
    client.force_login(reporter)
    _grid_post(client, release, {"vt-thue-bao-smartphone": "91,32", "at-ip-botnet": "879.342"})
    factories.transition(release, Action.SUBMIT, user=reporter)
    factories.transition(release, Action.PUBLISH, user=board)
    return release


def test_finding13_no_second_pending_mechanism():
    names = {f.name for f in Value._meta.get_fields()}
    assert not names & {"has_pending", "pending_value", "pending_note"}


def test_finding13_revisions_hold_figures_and_compare_shows_them(client, reporter, board, board2):
    release = _published(client, reporter, board)
    published = wf.revisions_of(release).get(kind=RevisionKind.PUBLISHED)
    assert published.data["values"]["vt-thue-bao-smartphone"][0] == "91.32"

    client.force_login(board)
    _grid_post(client, release, {"vt-thue-bao-smartphone": "91,35"}, correction_note="Sửa số thuê bao.")
    # No row touched before approval; the pending revision holds the new figure.
    assert _value(release, "vt-thue-bao-smartphone") == Decimal("91.32")
    pending = wf.revisions_of(release).order_by("-number").first()
    assert pending.kind == RevisionKind.SAVE and pending.data["values"]["vt-thue-bao-smartphone"][0] == "91.35"
    assert pending.data["values"]["at-ip-botnet"][0] == "879342"
    # The grid shows the pending figure, with the published one beside it.
    grid = client.get(_grid(release)).content.decode()
    row = grid.split('id="dong-vt-thue-bao-smartphone"', 1)[1].split("</tr>", 1)[0]
    assert 'value="91,35"' in row and "91,32" in row and "chờ duyệt" in row

    client.force_login(board2)
    compare = client.get(
        f"/admin/stats/release/{release.pk}/so-sanh/", {"a": published.number, "b": pending.number}
    ).content.decode()
    assert "vt-thue-bao-smartphone" in compare
    assert "91,32" in compare and "91,35" in compare


def test_finding13_withdraw_edit_reopen_publish_keeps_newest_figures(client, reporter, editor, board, board2):
    release = _published(client, reporter, board)
    client.force_login(board)
    _grid_post(client, release, {"vt-thue-bao-smartphone": "91,35"}, correction_note="Sửa lần một.")
    client.force_login(board2)
    assert transition_post(client, release, "withdraw", comment="Rà soát lại số liệu.").status_code == 302
    assert transition_post(client, release, "reopen").status_code == 302
    release.refresh_from_db()
    assert release.state == State.DRAFT and not release.live

    # The editor enters the newest figure (readers saw this release: a correction note is needed).
    client.force_login(editor)
    refused = _grid_post(client, release, {"vt-thue-bao-smartphone": "91,40"})
    assert refused.status_code == 400 and "đính chính" in refused.content.decode()
    note = "Số thuê bao smartphone theo báo cáo cuối cùng của doanh nghiệp."
    _grid_post(client, release, {"vt-thue-bao-smartphone": "91,40"}, correction_note=note)
    assert transition_post(client, release, "submit").status_code == 302
    client.force_login(board2)
    assert transition_post(client, release, "publish").status_code == 302
    release.refresh_from_db()
    assert release.state == State.PUBLISHED and release.live

    assert _value(release, "vt-thue-bao-smartphone") == Decimal("91.40")
    client.logout()
    page = client.get("/thong-ke/2022-01/").content.decode()
    assert '<td class="num value" data-label="Giá trị">91,40</td>' in _row(page, "vt-thue-bao-smartphone")
    assert "Đã đính chính" in page and note in page
    correction = Correction.objects.get(release=release)
    assert correction.number == 1 and correction.superseded["values"]["vt-thue-bao-smartphone"]["value"] == "91.32"
    old = client.get("/thong-ke/2022-01/?ban=1").content.decode()
    assert "91,32" in _row(old, "vt-thue-bao-smartphone")


def test_finding13_live_edit_applied_only_at_approval(reporter, board, board2):
    release = make_release(2022, 1, author=reporter)
    ids = {c: _id(c) for c in ("vt-thue-bao-smartphone", "at-ip-botnet")}
    services.save_values(
        release=release,
        entries={ids["vt-thue-bao-smartphone"]: services.Entry(Decimal("91.32"))},
        user=reporter,
    )
    factories.transition(release, Action.SUBMIT, user=reporter)
    factories.transition(release, Action.PUBLISH, user=board)
    services.save_values(
        release=release,
        entries={ids["at-ip-botnet"]: services.Entry(Decimal("879342"), "mới")},
        user=board,
        correction_note="Bổ sung số địa chỉ IP botnet.",
    )
    assert not Value.objects.filter(release=release, indicator_id=ids["at-ip-botnet"]).exists()
    release.refresh_from_db()
    factories.transition(release, Action.SUBMIT, user=board)
    factories.transition(release, Action.PUBLISH, user=board2)
    assert _value(release, "at-ip-botnet") == Decimal("879342")
    assert _value(release, "vt-thue-bao-smartphone") == Decimal("91.32")
    assert Correction.objects.get(release=release).applied_at is not None


def _change_form_post(client, release, **changes):
    release.refresh_from_db()
    at = timezone.localtime(release.publish_at)
    data = {"year": release.year, "month": release.month, "notes": release.notes, "notes_en": release.notes_en,
            "publish_at_0": at.strftime("%Y-%m-%d"), "publish_at_1": at.strftime("%H:%M:%S"),
            "expire_at_0": "", "expire_at_1": "",
            "edit_version": release.version, "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
            "corrections-MIN_NUM_FORMS": "0", "corrections-MAX_NUM_FORMS": "1000", **changes}  # fmt: skip
    return client.post(f"/admin/stats/release/{release.pk}/change/", data)


def test_finding6_other_approved_change_keeps_the_release_catalogue(client, reporter, board, board2):
    release = make_release(2022, 1, author=reporter)
    services.save_values(
        release=release, entries={_id("vt-thue-bao-smartphone"): services.Entry(Decimal("91.32"))}, user=reporter
    )
    # Renamed after the draft was saved, before the approval: the release is approved with it.
    Indicator.objects.filter(code="vt-thue-bao-smartphone").update(name="Thuê bao smartphone (tên khi duyệt)")
    factories.transition(release, Action.SUBMIT, user=reporter)
    factories.transition(release, Action.PUBLISH, user=board)
    Indicator.objects.filter(code="vt-thue-bao-smartphone").update(name="Thuê bao smartphone (tên sau này)")

    # A change of the release's text, approved without a correction, keeps the indicators
    # as approved (neither the draft's older name nor the catalogue's newer one).
    client.force_login(board)
    assert _change_form_post(client, release, notes="Ghi chú mới.").status_code == 302
    transition_post(client, release, "submit")
    client.force_login(board2)
    transition_post(client, release, "publish")
    client.logout()
    page = client.get("/thong-ke/2022-01/").content.decode()
    assert "Ghi chú mới." in page
    row = _row(page, "vt-thue-bao-smartphone")
    assert "tên khi duyệt" in row and "91,32" in row
    assert not Correction.objects.filter(release=release).exists()

"""Import from XLSX and CSV: Vietnamese and plain numbers, and all-or-nothing refusals
that name the row and the column in Vietnamese."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stats import services
from stats.importers import ImportRefused
from stats.models import Value
from stats.numbers import NotANumber, parse_number

from .conftest import csv_upload, make_release, xlsx_upload


@pytest.mark.parametrize(
    "raw, hint, expected",
    [
        ("91,32", 2, "91.32"),
        ("2.611.948", 0, "2611948"),
        ("11,496", 3, "11.496"),
        ("10,29%", 2, "10.29"),
        ("91.32", 2, "91.32"),
        ("879.342", 0, "879342"),
        ("11.496", 3, "11.496"),
        ("1.234,5", 1, "1234.5"),
        (" 7,03 %", 2, "7.03"),
        (91.32, 2, "91.32"),
        (1383, 0, "1383"),
    ],
)
def test_numbers(raw, hint, expected):
    assert parse_number(raw, decimals_hint=hint) == Decimal(expected)


@pytest.mark.parametrize("raw", ["abc", "1.2.3", "12,34,5", "1,2.3", "--1", "=1+1"])
def test_not_numbers(raw):
    with pytest.raises(NotANumber):
        parse_number(raw)


def _import(release, upload, user):
    return services.import_values(release=release, upload=upload, filename=upload.name, user=user)


def test_csv_written_the_vietnamese_way(reporter):
    release = make_release(2022, 1, author=reporter)
    upload = csv_upload(
        [
            ["vt-thue-bao-smartphone", "", "", "", "01/2022", "91,32", "chiếm 72,6%"],
            ["at-ip-botnet", "", "", "", "2022-01", "879.342", ""],
            ["vt-doanh-thu", "", "", "", "tháng 01/2022", "11,496", ""],
        ]
    )
    assert _import(release, upload, reporter) == 3
    values = dict(Value.objects.filter(release=release).values_list("indicator__code", "value"))
    assert values["vt-thue-bao-smartphone"] == Decimal("91.32")
    assert values["at-ip-botnet"] == Decimal("879342")
    assert values["vt-doanh-thu"] == Decimal("11.496")


GOOD = ["vt-thue-bao-smartphone", "", "", "", "01/2022", "91,32", ""]


@pytest.mark.parametrize(
    "bad_row, message",
    [
        (["khong-co-ma", "", "", "", "01/2022", "5", ""], "Dòng 3, cột A (Mã chỉ tiêu): mã “khong-co-ma” không có"),
        (GOOD, "Dòng 3, cột A (Mã chỉ tiêu): chỉ tiêu “vt-thue-bao-smartphone” bị trùng, đã có ở dòng 2"),
        (["at-ip-botnet", "", "", "", "01/2022", "nhiều", ""], "Dòng 3, cột F (Giá trị): “nhiều” không phải là số"),
        (["vt-doanh-thu", "", "", "", "01/2022", "", ""], "Dòng 3, cột F (Giá trị): chỉ tiêu “vt-doanh-thu” bắt buộc"),
        (["at-ip-botnet", "", "", "", "02/2022", "879.342", ""], "Dòng 3, cột E (Kỳ): kỳ 02/2022 không khớp"),
    ],
    ids=["unknown-code", "duplicate", "not-a-number", "empty-required", "wrong-month"],
)
@pytest.mark.parametrize("make_upload", [xlsx_upload, csv_upload], ids=["xlsx", "csv"])
def test_refusals_save_nothing(reporter, bad_row, message, make_upload):
    release = make_release(2022, 1, author=reporter)
    version = release.version
    upload = make_upload([GOOD, bad_row, ["at-deface", "", "", "", "01/2022", "125", ""]])
    with pytest.raises(ImportRefused) as info:
        _import(release, upload, reporter)
    assert any(m.startswith(message) for m in info.value.messages), info.value.messages
    assert not Value.objects.filter(release=release).exists()
    release.refresh_from_db()
    assert release.version == version


def test_refusal_lists_every_problem(reporter):
    release = make_release(2022, 1, author=reporter)
    upload = xlsx_upload(
        [
            ["sai-ma", "", "", "", "01/2022", "1", ""],
            ["at-deface", "", "", "", "13/2022", "x", ""],
        ]
    )
    with pytest.raises(ImportRefused) as info:
        _import(release, upload, reporter)
    text = " ".join(info.value.messages)
    assert "Dòng 2" in text and "Dòng 3, cột E (Kỳ)" in text and "Dòng 3, cột F (Giá trị)" in text


def test_wrong_file_type_and_missing_columns(reporter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    release = make_release(2022, 1, author=reporter)
    with pytest.raises(ImportRefused, match="Chỉ nhận tệp .xlsx hoặc .csv"):
        _import(release, SimpleUploadedFile("a.pdf", b"%PDF"), reporter)
    with pytest.raises(ImportRefused, match="thiếu cột"):
        _import(release, xlsx_upload([["x"]], header=["Mã chỉ tiêu", "Tên"]), reporter)
    assert not Value.objects.filter(release=release).exists()


def test_admin_import_reports_row_and_template_round_trips(client, reporter):
    release = make_release(2022, 1, author=reporter)
    client.force_login(reporter)
    grid = f"/admin/stats/release/{release.pk}/bang-so-lieu/"
    response = client.post(
        f"/admin/stats/release/{release.pk}/nhap-tep/",
        {"file": xlsx_upload([["sai-ma", "", "", "", "01/2022", "1", ""]]), "edit_version": release.version},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == grid
    html = response.content.decode()
    assert "không được nhập; chưa có số liệu nào được lưu" in html
    assert "Dòng 2, cột A (Mã chỉ tiêu)" in html
    # The downloadable template lists every indicator code with the release's period.
    from io import BytesIO

    from openpyxl import load_workbook

    template = client.get(f"/admin/stats/release/{release.pk}/mau-nhap.xlsx")
    ws = load_workbook(BytesIO(template.content)).worksheets[0]
    codes = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert "vt-thue-bao-smartphone" in codes and "at-phishing" in codes
    filled = {"vt-thue-bao-smartphone": "91,32", "vt-doanh-thu": "11,496", "vt-bang-rong-co-dinh-hgd": "18,66",
              "at-su-co-tan-cong": "1.383", "cn-doanh-thu-ict": "222.762"}  # fmt: skip
    for code, raw in filled.items():
        ws.cell(codes.index(code) + 2, 6).value = raw
    buf = BytesIO()
    ws.parent.save(buf)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/admin/stats/release/{release.pk}/nhap-tep/",
        {"file": SimpleUploadedFile("mau.xlsx", buf.getvalue()), "edit_version": release.version},
    )
    # First a preview of every change; nothing saved yet.
    preview = response.content.decode()
    assert "5 giá trị thay đổi. Chưa có gì được lưu." in preview and 'id="xem-truoc-vt-thue-bao-smartphone"' in preview
    assert not Value.objects.filter(release=release).exists()
    response = client.post(
        f"/admin/stats/release/{release.pk}/nhap-tep/xac-nhan/", {"edit_version": release.version}, follow=True
    )
    assert "Đã nhập 5 giá trị" in response.content.decode()
    assert Value.objects.get(release=release, indicator__code="vt-thue-bao-smartphone").value == Decimal("91.32")

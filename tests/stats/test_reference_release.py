"""The January 2022 release, loaded from a spreadsheet written the Vietnamese way,
reproduces the reference figures exactly in the page and every download, with every change
the reference article states ("theo báo cáo") in the page, CSV, XLSX, JSON and PDF."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

# (code, as the page shows it, exact value)
REFERENCE = [
    ("vt-doanh-thu", "11,496", "11.496"),
    ("vt-thue-bao-smartphone", "91,32", "91.32"),
    ("vt-bang-rong-co-dinh-hgd", "18,66", "18.66"),
    ("ud-dvctt-muc-do-4", "96,74", "96.74"),
    ("at-su-co-tan-cong", "1.383", "1383"),
    ("at-phishing", "197", "197"),
    ("at-deface", "125", "125"),
    ("at-malware", "1.061", "1061"),
    ("at-ip-botnet", "879.342", "879342"),
    ("at-chung-thu-so-da-cap", "4.581.000", "4581000"),
    ("at-chung-thu-so-hoat-dong", "1.690.000", "1690000"),
    ("cn-doanh-thu-ict", "222.762", "222762"),
    ("bc-co-quan-bao-chi", "816", "816"),
    ("bc-thue-bao-truyen-hinh-tra-tien", "16,4", "16.4"),
    ("bc-mang-xa-hoi", "854", "854"),
    ("bc-dai-truyen-thanh-xa", "9.792", "9792"),
    ("bc-dai-truyen-thanh-cntt", "634", "634"),
]

# Every change the reference article states: (code, base, words on the page, amount, unit)
STATED = [
    ("vt-doanh-thu", "same_period", "tăng 3%", "3", "%"),
    ("vt-thue-bao-smartphone", "same_period", "tăng 1,01%", "1.01", "%"),
    ("vt-bang-rong-co-dinh-hgd", "same_period", "tăng 16,3%", "16.3", "%"),
    ("at-su-co-tan-cong", "prev_month", "tăng 10,29%", "10.29", "%"),
    ("at-ip-botnet", "prev_month", "giảm 9,29%", "-9.29", "%"),
    ("at-chung-thu-so-da-cap", "same_period", "tăng 14,1%", "14.1", "%"),
    ("at-chung-thu-so-hoat-dong", "same_period", "tăng 7,03%", "7.03", "%"),
    ("cn-doanh-thu-ict", "same_period", "giảm 23%", "-23", "%"),
    ("bc-thue-bao-truyen-hinh-tra-tien", "same_period", "tăng 1,2%", "1.2", "%"),
    ("bc-mang-xa-hoi", "same_period", "tăng 12%", "12", "%"),
    ("bc-tai-khoan-mang-xa-hoi", "same_period", "tăng 6,6%", "6.6", "%"),
    ("bc-dai-truyen-thanh-cntt", "prev_month", "tăng 6 đài", "6", "count"),  # "tăng 06 đài", a count
]
CELL = {"prev_month": "mom", "same_period": "yoy"}


def _row(html, code):
    return html.split(f'id="chi-tieu-{code}"', 1)[1].split("</tr>", 1)[0]


def test_page_shows_reference_figures(client, jan2022):
    response = client.get("/thong-ke/2022-01/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tổng quan một số lĩnh vực ngành TT&amp;TT tháng 01/2022" in html
    for code, shown, _exact in REFERENCE:
        assert f'<td class="num value" data-label="Giá trị">{shown}</td>' in _row(html, code), code
    assert "Chiếm 72,6% số thuê bao điện thoại di động" in html
    for code, base, words, _amount, _unit in STATED:
        cell = _row(html, code).split(f'class="{CELL[base]}"', 1)[1].split("</td>", 1)[0]
        assert words in cell and "(theo báo cáo)" in cell, code
    # The base figures the article gives are shown beside the change, no release invented.
    assert "(cùng kỳ: 4.014.701)" in _row(html, "at-chung-thu-so-da-cap")
    assert "(cùng kỳ: 16,2)" in _row(html, "bc-thue-bao-truyen-hinh-tra-tien")
    assert client.get("/thong-ke/2021-12/").status_code == 404
    assert client.get("/thong-ke/2021-01/").status_code == 404
    # The 28 figures without a stated change say there is nothing to compare with.
    assert html.count("không có số liệu so sánh") == 2 * 27 - len(STATED)


def test_csv(client, jan2022):
    response = client.get("/thong-ke/2022-01.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-2022-01.csv"'
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    import csv

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:9] == [
        "period", "sector_code", "sector", "indicator_code", "indicator", "parent_code", "unit", "kind", "value"
    ]  # fmt: skip
    assert len(body) == 27  # one row per indicator × period, no title or sector rows
    by_code = {r[3]: dict(zip(header, r, strict=True)) for r in body}
    for code, _shown, exact in REFERENCE:
        assert by_code[code]["value"] == exact, code
        assert by_code[code]["period"] == "2022-01"
    for code, base, _words, amount, unit in STATED:
        row = by_code[code]
        assert (row[f"change_{base}"], row[f"change_{base}_unit"], row[f"change_{base}_stated"]) == (
            amount, unit, "true"
        ), code  # fmt: skip
    assert by_code["at-chung-thu-so-da-cap"]["base_same_period"] == "4014701"
    assert by_code["vt-thue-bao-smartphone"]["unit"] == "triệu thuê bao"
    assert by_code["at-phishing"]["parent_code"] == "at-su-co-tan-cong"
    assert {r["status"] for r in by_code.values()} == {"official"}


def test_xlsx_read_back(client, jan2022):
    response = client.get("/thong-ke/2022-01.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-2022-01.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]  # the tidy table: a header row, then one row per indicator
    header, *body = list(ws.iter_rows(values_only=True))
    assert len(body) == 27
    values = {row[3]: dict(zip(header, row, strict=True)) for row in body}
    for code, _shown, exact in REFERENCE:
        cell = values[code]["value"]
        assert isinstance(cell, (int, float)), code
        assert str(cell).removesuffix(".0") == exact, code
    for code, base, _words, amount, unit in STATED:
        assert (values[code][f"change_{base}"], values[code][f"change_{base}_unit"]) == (amount, unit), code
    number_formats = {c.number_format for c in ws["I"][1:] if c.value is not None}
    assert "#,##0" in number_formats and "#,##0.00" in number_formats
    assert wb.sheetnames[1:4] == ["Bảng trình bày", "Định nghĩa", "Đính chính"]
    styled = {row[1]: row for row in wb["Bảng trình bày"].iter_rows(min_row=3, values_only=True) if row[1]}
    for code, base, words, _amount, _unit in STATED:
        assert styled[code][6 if base == "prev_month" else 7] == f"{words} (theo báo cáo)", code


def test_json(client, jan2022):
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    assert data["period"] == "2022-01"
    rows = {i["code"]: i for s in data["sectors"] for i in s["indicators"]}
    for code, shown, exact in REFERENCE:
        assert rows[code]["value_text"] == exact
        assert rows[code]["value_display"] == shown
    assert rows["at-phishing"]["parent"] == "at-su-co-tan-cong"
    for code, base, words, amount, unit in STATED:
        change = rows[code]["changes"][base]
        assert (change["amount"], change["unit"], change["stated"]) == (amount, unit, True), code
        assert change["text_vi"].startswith(words), code
    assert rows["at-chung-thu-so-da-cap"]["changes"]["same_period"]["base_value"] == "4014701"
    assert data["status"] == "official" and data["licence"]["name"] == "CC BY 4.0"
    assert data["summary"].startswith("Viễn thông: tổng doanh thu dịch vụ viễn thông đạt 11,496 nghìn tỷ đồng")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_pdf_text(client, jan2022, tmp_path):
    response = client.get("/thong-ke/2022-01.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-2022-01.pdf"'
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "Tổng quan một số lĩnh vực ngành TT&TT tháng 01/2022" in text
    assert "Số thuê bao điện thoại smartphone" in text
    for _code, shown, _exact in REFERENCE:
        assert shown in text, shown
    flat = " ".join(text.split())
    for code, _base, words, _amount, _unit in STATED:
        assert words in flat, code
    assert "Tóm tắt: Viễn thông: tổng doanh thu dịch vụ viễn thông đạt 11,496 nghìn tỷ đồng, tăng 3%" in flat

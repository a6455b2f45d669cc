"""The January 2022 release, loaded from a spreadsheet written the Vietnamese way,
reproduces the reference figures exactly in the page and every download."""

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


def test_page_shows_reference_figures(client, jan2022):
    response = client.get("/thong-ke/2022-01/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tổng quan một số lĩnh vực ngành TT&amp;TT tháng 01/2022" in html
    for code, shown, _exact in REFERENCE:
        row = html.split(f'id="chi-tieu-{code}"', 1)[1].split("</tr>", 1)[0]
        assert f'<td class="num value">{shown}</td>' in row, code
    assert "Chiếm 72,6% số thuê bao điện thoại di động" in html
    # Computed, not typed: the changes the release states come out of stored values.
    incidents = html.split('id="chi-tieu-at-su-co-tan-cong"', 1)[1].split("</tr>", 1)[0]
    assert "tăng 10,29%" in incidents
    botnet = html.split('id="chi-tieu-at-ip-botnet"', 1)[1].split("</tr>", 1)[0]
    assert "giảm 9,29%" in botnet
    active = html.split('id="chi-tieu-at-chung-thu-so-hoat-dong"', 1)[1].split("</tr>", 1)[0]
    assert "tăng 7,03%" in active


def test_csv(client, jan2022):
    response = client.get("/thong-ke/2022-01.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-2022-01.csv"'
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    import csv

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["Lĩnh vực", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Kỳ", "Giá trị"]
    by_code = {r[1]: r for r in body}
    for code, _shown, exact in REFERENCE:
        assert by_code[code][5] == exact, code
        assert by_code[code][4] == "2022-01"
    assert by_code["at-su-co-tan-cong"][6] == "10.29"
    assert by_code["at-chung-thu-so-da-cap"][7] == "14.11"
    assert by_code["vt-thue-bao-smartphone"][3] == "triệu thuê bao"


def test_xlsx_read_back(client, jan2022):
    response = client.get("/thong-ke/2022-01.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-2022-01.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    values = {row[1]: row for row in ws.iter_rows(min_row=3, values_only=True) if row[1]}
    for code, _shown, exact in REFERENCE:
        cell = values[code][5]
        assert isinstance(cell, (int, float)), code
        assert str(cell).removesuffix(".0") == exact, code
    number_formats = {c.number_format for c in ws["F"][2:] if c.value is not None}
    assert "#,##0" in number_formats and "#,##0.00" in number_formats
    assert wb.sheetnames[1] == "Định nghĩa"


def test_json(client, jan2022):
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    assert data["period"] == "2022-01"
    rows = {i["code"]: i for s in data["sectors"] for i in s["indicators"]}
    for code, shown, exact in REFERENCE:
        assert rows[code]["value_text"] == exact
        assert rows[code]["value_display"] == shown
    assert rows["at-phishing"]["parent"] == "at-su-co-tan-cong"
    assert rows["at-su-co-tan-cong"]["change_previous_month_pct"] == 10.29


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

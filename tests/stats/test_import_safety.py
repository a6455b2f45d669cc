"""Import (issue 12): the preview with jumps and mismatching totals, the override with a
recorded reason, Vietnamese unit words, and the refusals that happen before parsing —
formula cells without values, rows beyond the limit, archives that expand too far (a
shared-strings bomb built here: memory stays bounded). Templates are formula-safe."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from stats import importers, services
from stats.importers import ImportRefused
from stats.models import ImportRecord, Value

from .conftest import HEADER, csv_upload, make_release, xlsx_upload


def _import(release, upload, user, **kw):
    return services.import_values(release=release, upload=upload, filename=upload.name, user=user, **kw)


def _row(code, value, note=""):
    return [code, "", "", "", "01/2022", value, note]


def test_unit_words_matching_the_indicator_are_accepted(reporter):
    release = make_release(2022, 1, author=reporter)
    upload = csv_upload(
        [
            _row("vt-thue-bao-smartphone", "95,67 triệu"),
            _row("vt-doanh-thu", "11,496 nghìn tỷ"),
            _row("cn-doanh-thu-ict", "222.762 tỷ đồng"),
            _row("at-su-co-tan-cong", "1.383 sự cố"),
        ]
    )
    assert _import(release, upload, reporter) == 4
    values = dict(Value.objects.filter(release=release).values_list("indicator__code", "value"))
    assert values["vt-thue-bao-smartphone"] == Decimal("95.67") and values["cn-doanh-thu-ict"] == 222762
    assert values["vt-doanh-thu"] == Decimal("11.496") and values["at-su-co-tan-cong"] == 1383


def test_unit_words_not_matching_are_refused_with_a_specific_message(reporter):
    release = make_release(2022, 1, author=reporter)
    with pytest.raises(ImportRefused) as info:
        _import(
            release, csv_upload([_row("at-ip-botnet", "0,88 triệu"), _row("cn-doanh-thu-ict", "9,6 tỷ USD")]), reporter
        )
    messages = info.value.messages
    assert messages[0].startswith(
        "Dòng 2, cột F (Giá trị): “0,88 triệu” ghi đơn vị “triệu” nhưng chỉ tiêu “at-ip-botnet” tính bằng “địa chỉ”"
    )
    assert "Dòng 3, cột F (Giá trị): “9,6 tỷ USD” ghi đơn vị “tỷ USD”" in messages[1]
    assert not Value.objects.filter(release=release).exists()


def test_formula_cell_without_cached_value_is_refused_naming_the_cell(reporter):
    release = make_release(2022, 1, author=reporter)
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(_row("vt-thue-bao-smartphone", "91,32"))
    ws.append(["at-su-co-tan-cong", "", "", "", "01/2022", None, ""])
    ws["F3"] = "=SUM(F4:F6)"  # openpyxl writes formulas without a cached value
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ImportRefused) as info:
        _import(release, SimpleUploadedFile("cong-thuc.xlsx", buf.getvalue()), reporter)
    assert info.value.messages[0].startswith("Ô F3: công thức “=SUM(F4:F6)” chưa có giá trị đã tính")
    assert not Value.objects.filter(release=release).exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_rows_beyond_the_limit_are_refused_not_ignored(reporter, settings, monkeypatch, fmt):
    monkeypatch.setattr(importers, "MAX_ROWS", 3)
    release = make_release(2022, 1, author=reporter)
    rows = [_row("vt-thue-bao-smartphone", "91,32"), _row("vt-doanh-thu", "11,496"), _row("at-deface", "125"),
            _row("at-phishing", "197")]  # fmt: skip
    upload = xlsx_upload(rows) if fmt == "xlsx" else csv_upload(rows)
    with pytest.raises(ImportRefused, match="Tệp có hơn 3 dòng số liệu"):
        _import(release, upload, reporter)
    assert not Value.objects.filter(release=release).exists()


def _bomb(expanded: int) -> bytes:
    """A valid-looking XLSX whose shared strings expand to ``expanded`` bytes (a few
    hundred KB compressed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
            '<sheet name="S" sheetId="1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
        )
        head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        tail = b"</t></si></sst>"
        chunk = b"A" * (1024 * 1024)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            left = expanded - len(head) - len(tail)
            while left > 0:
                fh.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            fh.write(tail)
    return buf.getvalue()


def test_shared_strings_bomb_refused_before_parsing_with_bounded_memory(client, reporter):
    data = _bomb(400 * 1024 * 1024)
    assert len(data) < 1024 * 1024  # a few hundred KB on the wire
    release = make_release(2022, 1, author=reporter)
    client.force_login(reporter)
    tracemalloc.start()
    try:
        response = client.post(
            f"/admin/stats/release/{release.pk}/nhap-tep/",
            {"file": SimpleUploadedFile("bom.xlsx", data), "edit_version": release.version},
            follow=True,
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    html = response.content.decode()
    assert "khi giải nén lớn 400 MB, vượt giới hạn 25 MB" in html
    assert peak < 200 * 1024 * 1024, peak  # the worker never expands the archive
    assert peak < 20 * 1024 * 1024, peak  # in fact: the upload and the central directory only
    assert not Value.objects.filter(release=release).exists()


def test_preview_lists_changes_and_jumps_then_mismatch_needs_override_with_reason(client, reporter):
    release = make_release(2022, 1, author=reporter)
    _import(release, csv_upload([_row("at-ip-botnet", "879.342"), _row("vt-thue-bao-smartphone", "91,32")]), reporter)
    client.force_login(reporter)
    rows = [_row("at-ip-botnet", "8.793.420"), _row("vt-thue-bao-smartphone", "91,32"),
            _row("at-su-co-tan-cong", "1.383"), _row("at-phishing", "197"), _row("at-deface", "125"),
            _row("at-malware", "1.000")]  # fmt: skip
    response = client.post(
        f"/admin/stats/release/{release.pk}/nhap-tep/",
        {"file": csv_upload(rows), "edit_version": release.version},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "5 giá trị thay đổi. Chưa có gì được lưu." in html
    botnet = html.split('id="xem-truoc-at-ip-botnet"', 1)[1].split("</tr>", 1)[0]
    assert "879.342" in botnet and "8.793.420" in botnet and "gấp 10 lần" in botnet
    assert 'id="canh-bao-nhay"' in html
    assert "cộng lại được 1.322" in html.split('id="tong-khong-khop"', 1)[1]
    assert Value.objects.get(release=release, indicator__code="at-ip-botnet").value == 879342  # nothing saved

    confirm = f"/admin/stats/release/{release.pk}/nhap-tep/xac-nhan/"
    refused = client.post(confirm, {"edit_version": release.version})
    assert refused.status_code == 400 and "cần xác nhận lưu và nêu lý do" in refused.content.decode()
    refused = client.post(confirm, {"edit_version": release.version, "override": "1", "override_reason": " "})
    assert refused.status_code == 400
    assert Value.objects.get(release=release, indicator__code="at-ip-botnet").value == 879342

    reason = "Cục ATTT xác nhận tổng 1.383 gồm cả sự cố chưa phân loại."
    done = client.post(
        confirm, {"edit_version": release.version, "override": "1", "override_reason": reason}, follow=True
    )
    assert "Đã nhập 5 giá trị" in done.content.decode()
    assert Value.objects.get(release=release, indicator__code="at-ip-botnet").value == 8793420
    record = ImportRecord.objects.get(release=release, override_reason=reason)
    assert record.user == reporter and record.changed == 5 and "1.322" in record.mismatches
    # listed on the release's admin page
    assert reason in client.get(f"/admin/stats/release/{release.pk}/change/").content.decode()


def test_templates_are_formula_safe_and_round_trip(client, reporter):
    release = make_release(2022, 1, author=reporter)
    _import(release, csv_upload([_row("at-ip-botnet", "879.342", '=HYPERLINK("http://x","y")'),
                                 _row("vt-doanh-thu", "11,496", "=cmd|' /C calc'!A0")]), reporter)  # fmt: skip
    client.force_login(reporter)
    xlsx = client.get(f"/admin/stats/release/{release.pk}/mau-nhap.xlsx").content
    # no cell of the file is a formula
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
    ws = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    notes = {r[0]: r[6] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert notes["at-ip-botnet"] == '\'=HYPERLINK("http://x","y")' and notes["vt-doanh-thu"].startswith("'=cmd|")
    body = client.get(f"/admin/stats/release/{release.pk}/mau-nhap.csv").content.decode("utf-8-sig")
    assert '\'=HYPERLINK(""http://x"",""y"")' in body and "'=cmd|" in body
    # and the template's text comes back as it went
    columns, rows = importers.read_table(upload=io.BytesIO(xlsx), filename="mau.xlsx")
    back = {r[columns["code"][0]]: r[columns["note"][0]] for _n, r in rows}
    assert back["at-ip-botnet"] == '=HYPERLINK("http://x","y")'


def test_grid_edits_stated_changes_and_keeps_the_stated_base(client, reporter):
    from stats.models import Indicator

    release = make_release(2022, 1, author=reporter)
    upload = csv_upload([_row("at-chung-thu-so-da-cap", "4.581.000")])
    services.import_values(release=release, upload=upload, filename=upload.name, user=reporter)
    certs = Indicator.objects.get(code="at-chung-thu-so-da-cap")
    Value.objects.filter(release=release, indicator=certs).update(
        stated={"same_period": {"amount": "14.1", "unit": "%", "base_value": "4014701"}}
    )
    client.force_login(reporter)
    grid = client.get(f"/admin/stats/release/{release.pk}/bang-so-lieu/").content.decode()
    assert f'name="stated_same-{certs.pk}" value="+14,1%"' in grid
    release.refresh_from_db()
    client.post(
        f"/admin/stats/release/{release.pk}/bang-so-lieu/",
        {"edit_version": release.version, f"value-{certs.pk}": "4.581.000", f"note-{certs.pk}": "",
         f"stated_prev-{certs.pk}": "", f"stated_same-{certs.pk}": "+14,11%"},
    )  # fmt: skip
    stated = Value.objects.get(release=release, indicator=certs).stated
    assert stated == {"same_period": {"amount": "14.11", "unit": "%", "base_value": "4014701"}}
    release.refresh_from_db()
    bad = client.post(
        f"/admin/stats/release/{release.pk}/bang-so-lieu/",
        {"edit_version": release.version, f"value-{certs.pk}": "4.581.000", f"stated_same-{certs.pk}": "nhiều"},
    )
    assert bad.status_code == 400 and "không phải là mức thay đổi" in bad.content.decode()

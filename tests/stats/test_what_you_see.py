"""What you see is what you download: the page, the home page and the downloads show a
figure at the precision it was stored with, never rounded to the indicator's decimals."""

from __future__ import annotations

import csv
import io
import json

from stats.models import Value

from .conftest import csv_upload, make_release, publish


def test_more_precise_values_are_shown_as_stored(client, reporter, board):
    release = make_release(2022, 1, author=reporter)
    from stats import services

    upload = csv_upload(
        [
            ["bc-tang-truong-doanh-thu", "", "", "", "01/2022", "12,5", ""],  # 0 decimals, "%"
            ["at-ip-botnet", "", "", "", "01/2022", "1.234.567,8", ""],  # 0 decimals
        ]
    )
    services.import_values(release=release, upload=upload, filename=upload.name, user=reporter)
    publish(release, author=reporter, approver=board)
    page = client.get("/thong-ke/2022-01/").content.decode()
    assert 'data-label="Giá trị">12,5</td>' in page and 'data-label="Giá trị">1.234.567,8</td>' in page
    assert ">13<" not in page and "1.234.568" not in page
    home = client.get("/").content.decode()
    assert "12,5" in home
    tidy = {
        r["indicator_code"]: r
        for r in csv.DictReader(io.StringIO(client.get("/thong-ke/2022-01.csv").content.decode("utf-8-sig")))
    }
    assert tidy["bc-tang-truong-doanh-thu"]["value"] == "12.5" and tidy["at-ip-botnet"]["value"] == "1234567.8"
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    rows = {i["code"]: i for s in data["sectors"] for i in s["indicators"]}
    assert rows["bc-tang-truong-doanh-thu"]["value_display"] == "12,5"
    assert rows["at-ip-botnet"]["value_display"] == "1.234.567,8"


def test_page_equals_download_for_every_figure_of_the_demo(client, jan2022):
    page = client.get("/thong-ke/2022-01/").content.decode()
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    tidy = {
        r["indicator_code"]: r
        for r in csv.DictReader(io.StringIO(client.get("/thong-ke/2022-01.csv").content.decode("utf-8-sig")))
    }
    stored = dict(Value.objects.filter(release=jan2022).values_list("indicator__code", "value"))
    indicators = [i for s in data["sectors"] for i in s["indicators"]]
    assert len(indicators) == len(stored) == 27
    for item in indicators:
        code = item["code"]
        row = page.split(f'id="chi-tieu-{code}"', 1)[1].split("</tr>", 1)[0]
        assert f'data-label="Giá trị">{item["value_display"]}</td>' in row, code
        from decimal import Decimal

        assert Decimal(item["value_text"]) == Decimal(tidy[code]["value"]) == stored[code], code

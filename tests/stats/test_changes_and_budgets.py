"""Changes computed from stored values (hand-checked), and fixed query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from portal.editorial.enums import State
from stats import selectors
from stats.models import Indicator, Release, Value

from .conftest import VN


def _published(year, month, values, user):
    release = Release.objects.create(
        year=year,
        month=month,
        state=State.PUBLISHED,
        live=True,
        publish_at=dt.datetime(year, month, 1, tzinfo=VN) + dt.timedelta(days=40),
        created_by=user,
    )
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=values)}
    Value.objects.bulk_create(
        Value(release=release, indicator=indicators[c], value=Decimal(v)) for c, v in values.items()
    )
    return release


@pytest.mark.parametrize(
    "current, base, expected",
    [
        ("1383", "1254", "10.29"),  # tăng 10,29% so với tháng 12/2021
        ("879342", "969399", "-9.29"),  # giảm 9,29%
        ("4581000", "4014701", "14.11"),  # "tăng 14,1%"
        ("1690000", "1578959", "7.03"),  # tăng 7,03%
        ("16.4", "16.2", "1.23"),  # "tăng 1,2%"
        ("5", "5", "0.00"),
        ("5", None, None),
        ("5", "0", None),
    ],
)
def test_compute_change(current, base, expected):
    result = selectors.compute_change(Decimal(current), Decimal(base) if base is not None else None)
    assert result == (Decimal(expected) if expected is not None else None)


def test_changes_on_page_with_missing_previous_month(client, reporter):
    _published(2021, 3, {"at-ip-botnet": "1000000", "at-su-co-tan-cong": "800"}, reporter)
    # No release for 02/2022: the month-on-month change cannot be computed.
    _published(2022, 3, {"at-ip-botnet": "900000", "at-su-co-tan-cong": "1000"}, reporter)
    html = client.get("/thong-ke/2022-03/").content.decode()
    botnet = html.split('id="chi-tieu-at-ip-botnet"', 1)[1].split("</tr>", 1)[0]
    assert 'data-label="So với tháng trước"><span class="chg chg-none">không có số liệu so sánh' in botnet
    # A count changes by a count, with the percentage beside it.
    assert "giảm 100.000 địa chỉ (10%)" in botnet and "▼" in botnet and "cùng kỳ: 1.000.000" in botnet
    incidents = html.split('id="chi-tieu-at-su-co-tan-cong"', 1)[1].split("</tr>", 1)[0]
    assert "tăng 200 sự cố (25%)" in incidents and "▲" in incidents
    # Now the previous month exists: the change appears without anyone retyping it.
    _published(2022, 2, {"at-ip-botnet": "960000"}, reporter)
    html = client.get("/thong-ke/2022-03/").content.decode()
    botnet = html.split('id="chi-tieu-at-ip-botnet"', 1)[1].split("</tr>", 1)[0]
    assert "giảm 60.000 địa chỉ (6,25%)" in botnet and "tháng trước: 960.000" in botnet
    incidents = html.split('id="chi-tieu-at-su-co-tan-cong"', 1)[1].split("</tr>", 1)[0]
    assert 'data-label="So với tháng trước"><span class="chg chg-none">' in incidents


def test_january_compares_with_december_of_previous_year(reporter):
    _published(2021, 12, {"at-su-co-tan-cong": "1254"}, reporter)
    jan = _published(2022, 1, {"at-su-co-tan-cong": "1383"}, reporter)
    (table,) = selectors.release_table(release=jan, user=AnonymousUser())
    change = table.rows[0].mom
    assert (change.signed, change.unit, change.percent) == (129, "sự cố", Decimal("10.29"))
    assert change.phrase_vi == "tăng 129 sự cố (10,29%) so với tháng trước" and not change.stated
    assert table.rows[0].yoy is None


def test_series_changes(client, reporter):
    for year, month, v in [(2021, 1, "100"), (2021, 2, "110"), (2022, 1, "120"), (2022, 2, "99")]:
        _published(year, month, {"bc-mang-xa-hoi": v}, reporter)
    html = client.get("/thong-ke/chi-so/bc-mang-xa-hoi/").content.decode()
    row = html.split('data-period="2022-02"', 1)[1].split("</tr>", 1)[0]
    # social networks are counted: the change is a count, with the percentage
    assert "giảm 21 mạng xã hội (17,5%)" in row and "giảm 11 mạng xã hội (10%)" in row
    assert "<svg" in html and 'role="img"' in html and 'id="bang-chuoi-so-lieu"' in html


def _full_release(year, month, user, scale=1):
    values = {i.code: str(100 + i.pk * scale + month) for i in Indicator.objects.all()}
    return _published(year, month, values, user)


def test_release_page_query_budget(client, reporter, django_assert_max_num_queries):
    for year, month in [(2021, 1), (2021, 12), (2022, 1)]:
        _full_release(year, month, reporter)
    # release, corrections, indicators, comparison releases, values, next release date
    with django_assert_max_num_queries(6):
        response = client.get("/thong-ke/2022-01/")
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/thong-ke/2022-01.csv").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/thong-ke/2022-01.json").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/thong-ke/").status_code == 200


def test_twenty_year_series_query_budget(client, reporter, django_assert_max_num_queries):
    for year in range(2003, 2023):
        for month in range(1, 13):
            _published(year, month, {"vt-thue-bao-smartphone": str(40 + year - 2003 + month / 100)}, reporter)
    assert Release.objects.public(timezone.now()).count() == 240
    # indicator, series
    with django_assert_max_num_queries(2):
        response = client.get("/thong-ke/chi-so/vt-thue-bao-smartphone/")
    html = response.content.decode()
    assert html.count("<tr data-period=") == 240
    with django_assert_max_num_queries(2):
        assert client.get("/thong-ke/chi-so/vt-thue-bao-smartphone.csv").status_code == 200


def test_english_names(client, reporter):
    _published(2022, 1, {"vt-thue-bao-smartphone": "91.32"}, reporter)
    html = client.get("/en/thong-ke/2022-01/").content.decode()
    assert "Smartphone subscriptions" in html and "91.32" in html and "million subscriptions" in html

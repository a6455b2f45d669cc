"""stats/changes.py: the one place deciding how a change is measured (counts, rates,
money/volumes) and how a stated change replaces a computed one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stats import changes
from stats.changes import AMOUNT, COUNT, PREV_MONTH, RATE, SAME_PERIOD


def test_rate_changes_in_percentage_points_not_percent():
    # A growth rate going 18 -> 13 is "giảm 5 điểm phần trăm", never "giảm 27,78%".
    c = changes.change(base=PREV_MONTH, kind=RATE, current=Decimal(13), base_value=Decimal(18), unit="%", year=2022)
    assert c.phrase_vi == "giảm 5 điểm phần trăm so với tháng trước"
    assert c.phrase_en == "down 5 percentage points on the previous month"
    assert (c.amount, c.unit, c.direction, c.stated) == (Decimal(5), "điểm phần trăm", "giảm", False)


def test_count_changes_are_counts_with_the_percentage_beside():
    c = changes.change(
        base=PREV_MONTH,
        kind=COUNT,
        current=Decimal(634),
        base_value=Decimal(628),
        unit="đài",
        unit_en="stations",
        year=2022,
    )
    assert c.phrase_vi == "tăng 6 đài (0,96%) so với tháng trước"
    assert c.phrase_en == "up 6 stations (0.96%) on the previous month"
    assert c.unit == "đài" and c.amount == 6 and c.percent == Decimal("0.96")


def test_money_changes_in_percent():
    c = changes.change(base=SAME_PERIOD, kind=AMOUNT, current=Decimal("16.4"), base_value=Decimal("16.2"), year=2022)
    assert c.phrase_vi == "tăng 1,23% so với cùng kỳ năm 2021"
    assert c.phrase_en == "up 1.23% on the same period of 2021"


def test_stated_change_replaces_the_computed_one():
    stated = {"amount": "1.01", "unit": "%"}
    c = changes.change(base=SAME_PERIOD, kind=AMOUNT, current=Decimal("91.32"), stated=stated, year=2022)
    assert c.stated and c.phrase_vi == "tăng 1,01% so với cùng kỳ năm 2021"
    # even where a base exists
    c = changes.change(
        base=SAME_PERIOD,
        kind=AMOUNT,
        current=Decimal("16.4"),
        base_value=Decimal("16.2"),
        stated={"amount": "1.2", "unit": "%"},
        year=2022,
    )
    assert c.stated and c.short() == "+1,2%"
    c = changes.change(
        base=PREV_MONTH,
        kind=COUNT,
        current=Decimal(634),
        stated={"amount": "6", "unit": "count"},
        unit="đài",
        unit_en="stations",
        year=2022,
    )
    assert c.phrase_vi == "tăng 6 đài so với tháng trước" and c.unit == "đài"
    c = changes.change(
        base=PREV_MONTH, kind=AMOUNT, current=Decimal(1), stated={"amount": "-9.29", "unit": "%"}, year=2022
    )
    assert c.phrase_vi == "giảm 9,29% so với tháng trước" and c.signed == Decimal("-9.29")
    assert c.as_dict()["amount"] == "-9.29" and c.as_dict()["stated"] is True


def test_nothing_to_compare():
    assert changes.change(base=PREV_MONTH, kind=AMOUNT, current=Decimal(1), base_value=None, year=2022) is None
    c = changes.change(base=PREV_MONTH, kind=COUNT, current=Decimal(5), base_value=Decimal(5), unit="đài", year=2022)
    assert c.phrase_vi == "không đổi so với tháng trước" and c.direction == "không đổi"


@pytest.mark.parametrize(
    "unit, kind",
    [
        ("%", RATE),
        ("tỷ đồng", AMOUNT),
        ("nghìn tỷ đồng", AMOUNT),
        ("triệu thuê bao", AMOUNT),
        ("đài", COUNT),
        ("sự cố", COUNT),
        ("tỉnh, thành phố", COUNT),
    ],
)
def test_kind_from_unit(unit, kind):
    assert changes.kind_of({"unit": unit}) == kind


@pytest.mark.parametrize(
    "raw, kind, expected",
    [
        ("+10,29%", COUNT, {"amount": "10.29", "unit": "%"}),
        ("-9,29 %", AMOUNT, {"amount": "-9.29", "unit": "%"}),
        ("06", COUNT, {"amount": "6", "unit": "count"}),
        ("-5 điểm phần trăm", RATE, {"amount": "-5", "unit": "pp"}),
        ("", COUNT, None),
    ],
)
def test_parse_stated(raw, kind, expected):
    assert changes.parse_stated(raw, kind=kind) == expected
    with pytest.raises(ValueError):
        changes.parse_stated("nhiều", kind=kind)

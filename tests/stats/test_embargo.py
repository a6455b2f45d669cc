"""Embargo: a release whose time has not come reveals nothing anywhere; at its time it
appears everywhere by itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stats import services
from stats.demo import JANUARY_2022

from .conftest import VN, imported_release

ADDRESSES = [
    "/thong-ke/2022-01/",
    "/thong-ke/2022-01.csv",
    "/thong-ke/2022-01.xlsx",
    "/thong-ke/2022-01.json",
    "/thong-ke/2022-01.pdf",
    "/en/thong-ke/2022-01/",
]
SERIES = ["/thong-ke/chi-so/vt-thue-bao-smartphone/", "/thong-ke/chi-so/vt-thue-bao-smartphone.csv"]
LISTINGS = ["/", "/thong-ke/", "/rss/", "/sitemap.xml", "/tim-kiem/?q=thuê+bao+smartphone", "/thong-ke/lich.ics"]
SECRET = ("91,32", "91.32", "879.342", "879342", "2022-01/")


def _reveals(response) -> bool:
    if response.status_code != 200:
        return False
    if response["Content-Type"].startswith(("application/pdf", "application/vnd")):
        return True
    body = response.content.decode("utf-8", "replace")
    if response["Content-Type"].startswith("text/calendar"):
        return any(s in body for s in SECRET[:4])  # the calendar announces the address and time only
    return any(s in body for s in SECRET[:4]) or "/thong-ke/2022-01/" in body


@pytest.fixture
def embargoed(db, reporter, board, clock):
    clock.set(dt.datetime(2022, 2, 9, 15, 0, tzinfo=VN))
    services.reindex_indicators()
    return imported_release(
        2022, 1, JANUARY_2022, author=reporter, approver=board, at=dt.datetime(2022, 2, 10, 9, 0, tzinfo=VN)
    )


def test_nothing_revealed_before_release_time_then_everything_after(client, embargoed, clock):
    assert embargoed.live and embargoed.publish_at > timezone.now()
    for url in ADDRESSES:
        assert client.get(url).status_code == 404, url
    for url in SERIES + LISTINGS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not _reveals(response), url
    # The calendar announces the time without a value.
    calendar = client.get("/thong-ke/").content.decode()
    assert "Số liệu tháng 01/2022" in calendar and "91,32" not in calendar
    assert "DTSTART:20220210T020000Z" in client.get("/thong-ke/lich.ics").content.decode()

    clock.set(dt.datetime(2022, 2, 10, 9, 0, 1, tzinfo=VN))
    for url in ADDRESSES:
        assert client.get(url).status_code == 200, url
    assert "91,32" in client.get("/thong-ke/2022-01/").content.decode()
    assert "91,32" in client.get(SERIES[0]).content.decode()
    assert "91.32" in client.get(SERIES[1]).content.decode()
    assert "/thong-ke/2022-01/" in client.get("/sitemap.xml").content.decode()
    assert "/thong-ke/2022-01/" in client.get("/tim-kiem/?q=thuê+bao+smartphone").content.decode()
    home = client.get("/").content.decode()
    assert "thong-ke-moi-nhat" in home and "11,496" in home
    assert "Số liệu tháng 01/2022" not in client.get("/thong-ke/").content.decode()


def test_staff_preview_before_release_time(client, embargoed, staff_reader, board2):
    client.force_login(staff_reader)
    assert client.get("/thong-ke/2022-01/").status_code == 404
    # Staff without a workflow role may not preview either.
    assert client.get(f"/admin/stats/release/{embargoed.pk}/xem-truoc/").status_code == 403
    assert client.get("/thong-ke/2022-01.csv").status_code == 404
    client.force_login(board2)
    preview = client.get(f"/admin/stats/release/{embargoed.pk}/xem-truoc/")
    assert preview.status_code == 200
    assert "91,32" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    client.logout()
    assert client.get(f"/admin/stats/release/{embargoed.pk}/xem-truoc/").status_code == 302

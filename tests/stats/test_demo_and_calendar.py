"""The demo carries the real January 2022 release and is safe to run twice; the release
calendar and the home section."""

from __future__ import annotations

import datetime as dt
import io

from portal.editorial.enums import Role
from stats import demo
from stats.models import AnnouncedRelease, Release, Value

from .conftest import VN


def test_demo_is_idempotent_and_exact(client, reporter, editor, board, administrator):
    users = {Role.REPORTER: reporter, Role.EDITOR: editor, Role.BOARD: board, Role.ADMIN: administrator}
    demo.load(users=users, stdout=io.StringIO())
    counts = (Release.objects.count(), Value.objects.count(), AnnouncedRelease.objects.count())
    demo.load(users=users, stdout=io.StringIO())
    assert (Release.objects.count(), Value.objects.count(), AnnouncedRelease.objects.count()) == counts
    html = client.get("/thong-ke/2022-01/").content.decode()
    for shown in ("11,496", "91,32", "18,66", "96,74", "1.383", "879.342", "4.581.000", "1.690.000", "222.762",
                  "816", "16,4", "9.792", "634"):  # fmt: skip
        assert f'<td class="num value" data-label="Giá trị">{shown}</td>' in html, shown
    assert "tăng 10,29%" in html and "giảm 9,29%" in html and "tăng 7,03%" in html
    english = client.get("/en/thong-ke/2022-01/").content.decode()
    assert "Smartphone subscriptions" in english and "91.32" in english
    assert "72.6% of mobile phone subscriptions" in english and "up 10.29%" in english
    assert Release.objects.get(year=2022, month=2).state == "pending"
    assert client.get("/thong-ke/2022-02/").status_code == 404
    index = client.get("/thong-ke/").content.decode()
    assert "<strong>96,74</strong>%" in index  # a percentage is written 96,74%, not 96,74 %
    assert "<strong>1.383</strong> sự cố" in index


def test_calendar_lists_announced_releases(db, client, clock, settings):
    settings.SITE_URL = "https://portal.mic.gov.vn"
    clock.set(dt.datetime(2022, 2, 20, 9, tzinfo=VN))
    AnnouncedRelease.objects.create(year=2022, month=2, planned_at=dt.datetime(2022, 3, 10, 9, tzinfo=VN))
    AnnouncedRelease.objects.create(year=2021, month=12, planned_at=dt.datetime(2022, 1, 10, 9, tzinfo=VN))
    html = client.get("/thong-ke/").content.decode()
    assert "Số liệu tháng 02/2022: Thứ năm, 10/03/2022 09:00" in html
    assert "Số liệu tháng 12/2021" not in html
    ics = client.get("/thong-ke/lich.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART:20220310T020000Z" in body
    # A stable, domain-like UID on the host of SITE_URL; a past release stays in the feed.
    assert "UID:thong-ke-2022-02@portal.mic.gov.vn" in body and "UID:thong-ke-2021-12@portal.mic.gov.vn" in body
    assert "Lịch công bố sắp tới" in client.get("/").content.decode()

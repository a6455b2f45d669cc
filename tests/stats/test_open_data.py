"""Open data and release furniture (issue 12): the documented JSON schema, the tidy files,
the bulk download, the licence, the Atom feed, the calendar (SEQUENCE, cancellations, past
releases, no links to 404s), status / next release / contact / citation / links on the
page, English definitions and correction notes, and English names in search."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import jsonschema
from icalendar import Calendar

from portal.editorial import services as wf
from portal.editorial.enums import Action
from stats import exports, services
from stats.models import AnnouncedRelease, Indicator, Release

from .conftest import VN

ATOM = "{http://www.w3.org/2005/Atom}"


def test_json_follows_the_documented_schema(client, jan2022):
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    jsonschema.validate(data, exports.JSON_SCHEMA)
    schema = client.get("/thong-ke/du-lieu-mo/schema.json")
    assert schema["Content-Type"].startswith("application/schema+json")
    assert json.loads(schema.content) == exports.JSON_SCHEMA
    assert data["$schema"].endswith("/thong-ke/du-lieu-mo/schema.json")
    page = client.get("/thong-ke/du-lieu-mo/").content.decode()
    assert "CC BY 4.0" in page and "change_same_period_stated" in page and "&quot;schema_version&quot;" in page


def test_bulk_download_every_published_figure(client, jan2022, reporter, board):
    from .conftest import imported_release

    imported_release(2021, 12, {"at-su-co-tan-cong": ("1.254", "")}, author=reporter, approver=board,
                     at=dt.datetime(2022, 1, 10, 9, tzinfo=VN))  # fmt: skip
    Release.objects.create(year=2022, month=2, created_by=reporter)  # a draft: never in the download
    response = client.get("/thong-ke/tat-ca-chi-tieu.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == exports.BULK_COLUMNS
    assert len(rows) == 27 + 1
    incidents = [r for r in rows if r["indicator_code"] == "at-su-co-tan-cong"]
    assert [(r["period"], r["value"]) for r in incidents] == [("2021-12", "1254"), ("2022-01", "1383")]
    assert {r["period"] for r in rows} == {"2021-12", "2022-01"}


def test_release_page_furniture(client, jan2022):
    Release.objects.filter(pk=jan2022.pk).update(
        contact_unit="Vụ Kế hoạch - Tài chính", contact_phone="024 0000 0000", contact_email="thongke@example.vn",
        meeting_url="/giao-ban/giao-ban-thang-1-2022/", article_url="/tin-tuc/giao-ban-thang-1-2022/",
    )  # fmt: skip
    AnnouncedRelease.objects.create(year=2022, month=2, planned_at=dt.datetime(2022, 3, 10, 9, tzinfo=VN))
    html = client.get("/thong-ke/2022-01/").content.decode()
    assert 'id="trang-thai">Chính thức<' in html
    assert 'id="ky-tiep-theo">Thứ năm, 10/03/2022 09:00<' in html
    contact = html.split('id="lien-he">', 1)[1].split("</dd>", 1)[0]
    assert "Vụ Kế hoạch - Tài chính" in contact and 'href="tel:02400000000"' in contact
    assert 'href="mailto:thongke@example.vn"' in contact
    assert '<a id="lien-ket-hoi-nghi" href="/giao-ban/giao-ban-thang-1-2022/">' in html
    assert '<a id="lien-ket-bai-tin" href="/tin-tuc/giao-ban-thang-1-2022/">' in html
    assert "Bộ Thông tin và Truyền thông (2022). Tổng quan một số lĩnh vực ngành TT&amp;TT tháng 01/2022. http" in html
    assert '<link rel="canonical" href="http' in html and '<meta property="og:url" content="http' in html
    assert 'rel="license"' in html
    Release.objects.filter(pk=jan2022.pk).update(provisional=True)
    assert 'id="trang-thai">Sơ bộ<' in client.get("/thong-ke/2022-01/").content.decode()
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    assert data["status"] == "provisional" and data["next_release_at"].startswith("2022-03-10T")
    assert data["links"] == {
        "meeting": "/giao-ban/giao-ban-thang-1-2022/",
        "article": "/tin-tuc/giao-ban-thang-1-2022/",
    }
    assert data["contact"]["email"] == "thongke@example.vn"


def test_atom_feed_of_releases_and_corrections(client, jan2022, board, board2):
    smartphone = Indicator.objects.get(code="vt-thue-bao-smartphone")
    note = "Cập nhật số thuê bao smartphone."
    services.save_values(
        release=jan2022, entries={smartphone.pk: services.Entry(value=91.35)}, user=board, correction_note=note
    )
    wf.transition(item=jan2022, action=Action.SUBMIT, user=board)
    wf.transition(item=jan2022, action=Action.PUBLISH, user=board2)
    response = client.get("/thong-ke/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == [
        "Đính chính lần 1: Tổng quan một số lĩnh vực ngành TT&TT tháng 01/2022",
        "Tổng quan một số lĩnh vực ngành TT&TT tháng 01/2022",
    ]
    assert note in response.content.decode()


def test_calendar_sequence_cancellation_past_and_no_404_links(client, clock, settings, jan2022):
    settings.SITE_URL = "https://portal.mic.gov.vn"
    clock.set(dt.datetime(2022, 2, 20, 9, tzinfo=VN))
    feb = AnnouncedRelease.objects.create(year=2022, month=2, planned_at=dt.datetime(2022, 3, 10, 9, tzinfo=VN))
    mar = AnnouncedRelease.objects.create(year=2022, month=3, planned_at=dt.datetime(2022, 4, 10, 9, tzinfo=VN))

    def events():
        cal = Calendar.from_ical(client.get("/thong-ke/lich.ics").content)
        return {str(e["UID"]): e for e in cal.walk("VEVENT")}

    first = events()
    assert set(first) >= {"thong-ke-2022-01@portal.mic.gov.vn", "thong-ke-2022-02@portal.mic.gov.vn"}
    # The published January release stays in the feed and links to its page; February is
    # not published yet: its link is the calendar, not a 404.
    assert str(first["thong-ke-2022-01@portal.mic.gov.vn"]["URL"]).endswith("/thong-ke/2022-01/")
    assert client.get("/thong-ke/2022-01/").status_code == 200
    assert str(first["thong-ke-2022-02@portal.mic.gov.vn"]["URL"]).endswith("/thong-ke/#lich-cong-bo")
    assert int(first["thong-ke-2022-02@portal.mic.gov.vn"].get("SEQUENCE", 0)) == 0
    # Moving a date raises SEQUENCE so calendar programs update the event.
    feb.planned_at = dt.datetime(2022, 3, 11, 9, tzinfo=VN)
    feb.save()
    moved = events()["thong-ke-2022-02@portal.mic.gov.vn"]
    assert int(moved["SEQUENCE"]) == 1 and moved.decoded("DTSTART") == dt.datetime(2022, 3, 11, 2, tzinfo=dt.UTC)
    # A cancellation is sent as such (and leaves the page's list).
    mar.cancelled = True
    mar.save()
    cancelled = events()["thong-ke-2022-03@portal.mic.gov.vn"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    assert "Số liệu tháng 03/2022" not in client.get("/thong-ke/").content.decode()


def test_english_definitions_correction_notes_and_search(client, jan2022, board, board2):
    page = client.get("/en/thong-ke/chi-so/vt-thue-bao-smartphone/").content.decode()
    assert "Mobile phone subscriptions using a smartphone." in page
    smartphone = Indicator.objects.get(code="vt-thue-bao-smartphone")
    services.save_values(
        release=jan2022, entries={smartphone.pk: services.Entry(value=91.35)}, user=board,
        correction_note="Cập nhật số thuê bao smartphone.", correction_note_en="Smartphone subscriptions updated.",
    )  # fmt: skip
    wf.transition(item=jan2022, action=Action.SUBMIT, user=board)
    wf.transition(item=jan2022, action=Action.PUBLISH, user=board2)
    english = client.get("/en/thong-ke/2022-01/").content.decode()
    assert "Smartphone subscriptions updated." in english and "Cập nhật số thuê bao" not in english
    assert "Cập nhật số thuê bao smartphone." in client.get("/thong-ke/2022-01/").content.decode()
    # An indicator has a search document per language (stats.selectors.indicator_document):
    # English search on /en/ finds it by its English name, at its English address, undated.
    from portal.search.models import SearchDocument

    services.reindex_indicators()
    doc = SearchDocument.objects.get(url="/en/thong-ke/chi-so/vt-thue-bao-smartphone/")
    assert doc.language == "en" and doc.title.startswith("Smartphone subscriptions")
    assert "Mobile phone subscriptions using a smartphone." in doc.body
    found = client.get("/en/tim-kiem/", {"q": "smartphone subscriptions"}).content.decode()
    assert "/en/thong-ke/chi-so/vt-thue-bao-smartphone/" in found
    vietnamese = client.get("/tim-kiem/", {"q": "thuê bao smartphone"}).content.decode()
    assert "/thong-ke/chi-so/vt-thue-bao-smartphone/" in vietnamese and "/en/thong-ke/" not in vietnamese

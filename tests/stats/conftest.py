"""Statistics fixtures: the January 2022 release written the Vietnamese way in a
spreadsheet, imported and approved through the workflow."""

from __future__ import annotations

import datetime as dt
import io
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from portal.editorial import services as wf
from portal.editorial.enums import Action
from stats import services
from stats.demo import JANUARY_2022, STATED_JANUARY_2022
from stats.importers import COLUMNS
from tests import factories
from tests.factories import ReleaseFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
STATED = ("stated_prev_month", "stated_same_period", "base_prev_month", "base_same_period")
HEADER = [COLUMNS[k] for k in ("code", "sector", "name", "unit", "period", "value", "note")]
HEADER_STATED = HEADER + [COLUMNS[k] for k in STATED]


def xlsx_upload(rows, name="so-lieu.xlsx", header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def csv_upload(lines, name="so-lieu.csv"):
    import csv

    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(HEADER)
    for r in lines:
        w.writerow(r)
    return SimpleUploadedFile(name, ("\ufeff" + out.getvalue()).encode("utf-8"))


def rows_for(values: dict, period: str, stated: dict | None = None):
    """Rows of the template, values as text cells written the Vietnamese way (with the
    stated-change columns when ``stated`` is given)."""
    if stated is None:
        return [[code, "", "", "", period, raw, note] for code, (raw, note) in values.items()]
    return [
        [code, "", "", "", period, raw, note] + [stated.get(code, {}).get(k, "") for k in STATED]
        for code, (raw, note) in values.items()
    ]


def make_release(year, month, *, author, user=None):
    """A draft release of ``month``/``year`` saved by ``author``."""
    return ReleaseFactory(year=year, month=month, author=author)


@contextmanager
def moment(when):
    """Act at ``when`` (the board approving a past release at its real time, which
    otherwise only Quản trị may do, as a back-dating with a reason)."""
    if when is None or when >= timezone.now():
        yield
        return
    with time_machine.travel(when, tick=False):
        yield


def publish(release, *, author, approver, at=None):
    with moment(at and at - dt.timedelta(minutes=1)):
        factories.transition(release, Action.SUBMIT, user=author)
        factories.transition(release, Action.PUBLISH, user=approver, publish_at=at)
    return release


def transition_post(client, release, action, **extra):
    """A workflow button of the change page, as the page shows it: with the version and
    the revision number the user saw."""
    release.refresh_from_db()
    data = {"version": release.version, "revision": wf.latest_revision_number(release), **extra}
    return client.post(f"/admin/stats/release/{release.pk}/quy-trinh/{action}/", data)


def imported_release(year, month, values, *, author, approver, at, stated=None):
    release = make_release(year, month, author=author)
    period = f"{month:02d}/{year}"
    upload = xlsx_upload(rows_for(values, period, stated), header=HEADER_STATED if stated is not None else HEADER)
    services.import_values(release=release, upload=upload, filename="so-lieu.xlsx", user=author)
    return publish(release, author=author, approver=approver, at=at)


@pytest.fixture
def jan2022(db, reporter, board):
    """The January 2022 release with every change it states, from a spreadsheet (no base
    release: the source gives none)."""
    return imported_release(
        2022,
        1,
        JANUARY_2022,
        author=reporter,
        approver=board,
        at=dt.datetime(2022, 2, 10, 9, tzinfo=VN),
        stated=STATED_JANUARY_2022,
    )

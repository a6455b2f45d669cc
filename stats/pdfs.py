"""A release's PDF, rendered once per published version and then served from storage.

The key is a hash of the HTML the PDF is made from (the release's figures, changes,
corrections, summary and language, as the reader may see them now), so a correction, a
new base month or a new summary gives a new file, and nothing a reader puts in the address
(``?cb=N``) does. The first request for a version renders it under a PostgreSQL advisory
lock (concurrent requests wait for it, then read the stored file); every later one reads
the file.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

PREFIX = "stats/pdf/"


def storage_name(html: str) -> str:
    return f"{PREFIX}{hashlib.sha256(html.encode('utf-8')).hexdigest()}.pdf"


def _read(name: str) -> bytes | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as fh:
        return fh.read()


def render(html: str, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_for(html: str, *, base_url: str) -> bytes:
    name = storage_name(html)
    body = _read(name)
    if body is not None:
        return body
    lock = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
        body = _read(name)  # made by the request we waited for
        if body is None:
            body = render(html, base_url)
            default_storage.save(name, ContentFile(body))
    return body

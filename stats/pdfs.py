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

from portal.core.storage import stored_once
from portal.exports import pdf_bytes

PREFIX = "stats/pdf/"


def storage_name(html: str) -> str:
    return f"{PREFIX}{hashlib.sha256(html.encode('utf-8')).hexdigest()}.pdf"


def pdf_for(html: str, *, base_url: str) -> bytes:
    return stored_once(storage_name(html), lambda: pdf_bytes(html, base_url))

"""Checksums of what readers and editors get from this database and media folder.

``manage.py site_checksums`` prints one line per item, ``<sha256>  <what>``, sorted:

- every public page the sitemap lists, the home page and the section indexes, rendered in
  both languages, and every download those pages link to (CSV, XLSX, JSON, iCalendar);
- every file under ``MEDIA_ROOT``;
- every row of the portal's own models (items, revisions, audit logs, figures), model by model.

Two databases that print the same lines serve the same portal: the backup test restores a
backup and compares the two outputs. Values that differ on every request by design (CSRF
tokens, CSP nonces, the time of writing of JSON, iCalendar and XLSX files) are left out of
the page checksums; PDFs are covered by their stored files, not re-rendered.
"""

import hashlib
import re
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urlsplit
from zipfile import ZipFile

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.test import Client
from django.test.utils import override_settings

from portal.core import sitemaps as sitemap_registry

APPS = ("news", "meetings", "stats", "editorial", "core", "auth", "accounts", "ask", "dashboard")
INDEXES = ("/", "/tin-tuc/", "/giao-ban/", "/thong-ke/", "/en/", "/en/tin-tuc/", "/en/giao-ban/", "/en/thong-ke/")
DOWNLOADS = (".csv", ".xlsx", ".json", ".ics")
PER_REQUEST = [
    re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(rb'nonce="[^"]*"'),
    re.compile(rb'"generated_at": ?"[^"]*"'),
    re.compile(rb"DTSTAMP:[0-9TZ]+"),
]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = set()

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            path = urlsplit(href).path
            if path.startswith("/") and not path.startswith("/media/") and path.endswith(DOWNLOADS):
                self.hrefs.add(href)


class _Site:
    domain = name = "testserver"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stable(path: str, body: bytes) -> bytes:
    if path.endswith(".xlsx"):
        # The cells, not the file's creation date in docProps/.
        with ZipFile(BytesIO(body)) as book:
            return b"".join(book.read(n) for n in sorted(book.namelist()) if not n.startswith("docProps/"))
    for pattern in PER_REQUEST:
        body = pattern.sub(b"", body)
    return body


class Command(BaseCommand):
    help = "In mã SHA-256 của các trang, tệp tải về, tệp đính kèm và dữ liệu (để so sánh bản sao lưu)."

    def handle(self, *args, **options):
        lines = []
        with override_settings(ALLOWED_HOSTS=["*"]):
            lines += self._pages()
        lines += self._media()
        lines += self._rows()
        for line in sorted(lines):
            self.stdout.write(line)

    def _pages(self):
        client = Client(raise_request_exception=False)
        paths = set(INDEXES)
        for section in sitemap_registry.SITEMAPS.values():
            sitemap = section() if isinstance(section, type) else section
            for page in range(1, sitemap.paginator.num_pages + 1):
                for url in sitemap.get_urls(page=page, site=_Site(), protocol="http"):
                    paths.add(urlsplit(url["location"]).path)
        seen, out = set(), []
        todo = sorted(paths)
        while todo:
            path = todo.pop()
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            body = b"".join(response) if response.streaming else response.content
            out.append(f"{_digest(_stable(path, body))}  page {response.status_code} {path}")
            if response.get("Content-Type", "").startswith("text/html"):
                links = _Links()
                links.feed(body.decode("utf-8", "replace"))
                todo += sorted(links.hrefs - seen)
        return out

    def _media(self):
        root = settings.MEDIA_ROOT
        if not root.exists():
            return []
        return [
            f"{_digest(p.read_bytes())}  file {p.relative_to(root)}"
            for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".")
        ]

    def _rows(self):
        out = []
        for label in APPS:
            if label not in {a.label for a in apps.get_app_configs()}:
                continue
            for model in apps.get_app_config(label).get_models():
                rows = serializers.serialize("json", model._default_manager.order_by("pk"))
                out.append(f"{_digest(rows.encode())}  rows {model._meta.label} {model._default_manager.count()}")
        return out

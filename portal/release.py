"""Which code is running: a short fingerprint of the files that shape a page (Python,
templates, translations, styles and scripts). It prefixes every cache key, so a new
release never serves a page, a fragment or a count cached by the previous one, on any
server, and needs no step of its own. Servers running the same code compute the same
fingerprint (contents, not times). ``RELEASE_ID`` in the environment replaces it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

SOURCE_DIRS = ("portal", "news", "meetings", "stats", "templates", "static", "locale")
SUFFIXES = (".py", ".html", ".txt", ".xml", ".mo", ".css", ".js", ".svg")


def code_version(base: Path, dirs: tuple[str, ...] = SOURCE_DIRS) -> str:
    digest = hashlib.sha256()
    for name in dirs:
        for root, subdirs, files in os.walk(base / name):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith((".", "__")))
            for file in sorted(files):
                if file.endswith(SUFFIXES):
                    path = Path(root, file)
                    digest.update(str(path.relative_to(base)).encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def release_id(base: Path) -> str:
    return os.environ.get("RELEASE_ID") or code_version(base)

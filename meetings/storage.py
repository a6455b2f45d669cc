"""Where meeting documents are kept: never under MEDIA_ROOT (which the web server may
serve to anyone), but in a private store read only through the permission-checking views.

Production on several servers sets ``STORAGES["meetings_private"]`` (for example an S3
bucket without public access); otherwise files go to ``PRIVATE_MEDIA_ROOT`` or
``<MEDIA_ROOT>/../var/private-media``."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, InvalidStorageError, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system store with no public URL, located from the settings at use time."""

    @property
    def base_location(self):
        return os.environ.get("PRIVATE_MEDIA_ROOT") or str(Path(settings.MEDIA_ROOT).parent / "var" / "private-media")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private meeting documents have no public URL.")


_fallback = PrivateFileSystemStorage()


def private_storage():
    try:
        return storages["meetings_private"]
    except InvalidStorageError:
        return _fallback

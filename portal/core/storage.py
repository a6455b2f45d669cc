"""Uploaded files (``MEDIA_ROOT``): a save that fails for lack of space leaves no file.

A request that runs out of space may already have written part of what it stores (the
original of an image, some of its renditions, half of the file being written). Its database
writes are rolled back (the admin's saves are atomic) but files are not part of a
transaction, so ``MediaStorage`` removes the half-written file and
``ForgetFilesOfFailedRequests`` removes the files the request wrote before; the visitor gets
the 507 page of ``portal.core.views.server_error`` ("nothing was saved").
"""

import errno
import logging
from contextvars import ContextVar

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)

OUT_OF_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_written: ContextVar[list[str] | None] = ContextVar("media_written", default=None)


def out_of_space(exc: BaseException | None) -> bool:
    return isinstance(exc, OSError) and exc.errno in OUT_OF_SPACE


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            name = super()._save(name, content)
        except OSError as exc:
            if out_of_space(exc):
                # ``save()`` chose a free name before calling ``_save``: what is there now is
                # the half-written file of this call.
                try:
                    self.delete(name)
                except OSError:
                    logger.warning("could not remove the half-written file %s", name)
            raise
        written = _written.get()
        if written is not None:
            written.append(name)
        return name


class ForgetFilesOfFailedRequests:
    """Record the files each request stores; remove them if it fails for lack of space."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _written.set([])
        try:
            return self.get_response(request)
        finally:
            _written.reset(token)

    def process_exception(self, request, exception):
        if not out_of_space(exception):
            return None
        from django.core.files.storage import default_storage

        for name in reversed(_written.get() or []):
            try:
                default_storage.delete(name)
            except OSError:
                logger.warning("could not remove %s after a request ran out of space", name)
        return None


def stored_once(name: str, make, *, storage=None) -> bytes:
    """The file ``name`` of ``storage`` (default: the default storage), made by ``make()``
    (its bytes) the first time it is asked for. The first requests meet at a PostgreSQL
    advisory lock keyed by the name: one makes the file, the others wait and read it. For
    files made from content by hash (a release's PDF, a conclusion notice)."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import connection, transaction

    storage = storage or default_storage

    def read() -> bytes | None:
        if not storage.exists(name):
            return None
        with storage.open(name, "rb") as fh:
            return fh.read()

    body = read()
    if body is not None:
        return body
    lock = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
        body = read()  # made by the request we waited for
        if body is None:
            body = make()
            storage.save(name, ContentFile(body))
    return body

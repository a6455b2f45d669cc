"""Documents are accepted by what their content is, never by their name: an allow-list of
real types (PDF, DOCX, XLSX, ODT and PNG/JPEG/WebP images), found from the bytes with the
``filetype`` library and, for the ZIP-based office formats, from the archive's structure.
A stored file gets the extension of the type found, and is served as a download."""

from __future__ import annotations

import zipfile

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# Extension → the MIME type the download is sent with.
ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
}
_IMAGES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


def content_type_of(name: str) -> str:
    """The MIME type of a stored document (by the extension it was stored under)."""
    return ALLOWED.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def _zip_kind(upload) -> str | None:
    """DOCX, XLSX or ODT from the archive's own table of contents."""
    try:
        with zipfile.ZipFile(upload) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    if mimetype == ALLOWED["odt"] and "content.xml" in names:
        return "odt"
    return None


def document_kind(upload) -> str:
    """The extension of the allowed type the upload's content is (``"pdf"``, ``"docx"``,
    ``"xlsx"``, ``"odt"``, ``"png"``, ``"jpg"``, ``"webp"``); raises a Vietnamese
    ``ValidationError`` for anything else (HTML, SVG, programs, …), whatever its name."""
    size = getattr(upload, "size", None) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (%(mb)s MB). Dung lượng tối đa là 20 MB.") % {"mb": round(size / 1024 / 1024, 1)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if kind := _zip_kind(upload):
            return kind
    else:
        found = filetype.guess(head)
        if found is not None and found.mime in _IMAGES:
            return _IMAGES[found.mime]
    raise ValidationError(
        _(
            "Không nhận tệp này: chỉ nhận văn bản PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT) và ảnh "
            "PNG, JPEG, WebP, xác định theo nội dung tệp (không theo tên tệp)."
        ),
        code="bad_type",
    )

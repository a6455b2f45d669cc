"""Validation of uploaded documents by their content, not their name: a PDF starts with
``%PDF-``; a DOCX is a ZIP holding ``word/document.xml``."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def document_kind(upload) -> str:
    """``"pdf"`` or ``"docx"``; raises a Vietnamese ``ValidationError`` otherwise."""
    size = getattr(upload, "size", None) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (%(mb)s MB). Dung lượng tối đa là 20 MB.") % {"mb": round(size / 1024 / 1024, 1)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            upload.seek(0)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    raise ValidationError(
        _("Chỉ nhận biên bản, tài liệu dạng PDF hoặc DOCX (Word). Nội dung tệp này không phải PDF hay DOCX."),
        code="bad_type",
    )

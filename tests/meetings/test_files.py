"""Attachments: an allow-list of real types found from the content (PDF, DOCX, XLSX, ODT,
PNG, JPEG, WebP), stored under the type found, served as downloads; HTML, SVG and programs
refused in Vietnamese whatever their name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from meetings.files import document_kind
from meetings.models import Attachment

from .test_admin import docx_bytes, form_data


def xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    Workbook().save(buf)
    return buf.getvalue()


def odt_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def image_bytes(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, fmt)
    return buf.getvalue()


ACCEPTED = [
    ("bien-ban.pdf", lambda: b"%PDF-1.7\n%%EOF", "pdf"),
    ("bien-ban.docx", docx_bytes, "docx"),
    ("so-lieu.xlsx", xlsx_bytes, "xlsx"),
    ("bien-ban.odt", odt_bytes, "odt"),
    ("anh.png", lambda: image_bytes("PNG"), "png"),
    ("anh.jpg", lambda: image_bytes("JPEG"), "jpg"),
    ("anh.webp", lambda: image_bytes("WEBP"), "webp"),
    # The name does not decide: a PDF called .html is a PDF.
    ("bien-ban.html", lambda: b"%PDF-1.4\n%%EOF", "pdf"),
]
REFUSED = [
    ("trang.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("bien-ban.pdf", b"<html><body>not a pdf</body></html>"),
    ("anh.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    ("anh.png", b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>"),
    ("cai-dat.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
    ("bien-ban.docx", b"MZ\x90\x00 a program named .docx"),
    ("goi.zip", None),  # a ZIP that is no office document
]


@pytest.mark.parametrize(("name", "make", "kind"), ACCEPTED)
def test_allowed_types_found_from_content(name, make, kind):
    assert document_kind(SimpleUploadedFile(name, make())) == kind


@pytest.mark.parametrize(("name", "content"), REFUSED)
def test_other_types_refused_in_vietnamese(name, content):
    if content is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("index.html", "<html></html>")
        content = buf.getvalue()
    with pytest.raises(ValidationError) as exc:
        document_kind(SimpleUploadedFile(name, content))
    assert exc.value.messages[0].startswith("Không nhận tệp này: chỉ nhận văn bản PDF, Word (DOCX)")


def test_stored_under_the_detected_type_and_served_as_a_download(client, editor, board, staff_reader, units, people):
    from portal.editorial.enums import Action
    from tests import factories

    client.force_login(editor)
    upload = SimpleUploadedFile("bien-ban.html", b"%PDF-1.4\n%%EOF")
    data = form_data(
        units,
        people,
        **{"attachments-TOTAL_FORMS": "1", "attachments-0-title": "Biên bản", "attachments-0-file": upload},
    )
    assert client.post(reverse("admin:meetings_meeting_add"), data).status_code == 302
    att = Attachment.objects.select_related("meeting").get()
    assert att.file.name.endswith(".pdf") and att.original_name == "bien-ban.pdf"
    factories.transition(att.meeting, Action.SUBMIT, user=editor)
    factories.transition(att.meeting, Action.PUBLISH, user=board)
    client.force_login(staff_reader)
    response = client.get(att.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment;") and "bien-ban.pdf" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("name", "content"), [r for r in REFUSED if r[1] is not None][:5])
def test_admin_refuses_and_stores_nothing(client, editor, units, people, name, content):
    client.force_login(editor)
    data = form_data(
        units,
        people,
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Tài liệu",
            "attachments-0-file": SimpleUploadedFile(name, content),
        },
    )
    response = client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200 and "Không nhận tệp này" in response.content.decode()
    assert not Attachment.objects.exists()

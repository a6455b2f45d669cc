"""The conclusion notice: number, date, signer and recipients on the record (approved
with it), generated as PDF and DOCX from the approved record."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from meetings.models import Meeting


def test_notice_pdf_and_docx_from_the_approved_record(client, january_meeting, people, staff_reader):
    from docx import Document

    Meeting.objects.filter(pk=january_meeting.pk).update(
        notice_number="25/TB-BTTTT", notice_date=dt.date(2022, 2, 14), notice_signer=people["office_head"],
        notice_recipients="Bộ trưởng (để b/c)\nCác Thứ trưởng\nCác cơ quan, đơn vị thuộc Bộ",
    )  # fmt: skip
    client.force_login(staff_reader)
    page = client.get(january_meeting.get_absolute_url()).content.decode()
    assert "TB 25/TB-BTTTT, 14/02/2022" in page
    pdf = client.get(reverse("meetings:notice", args=[january_meeting.slug, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"
    docx = client.get(reverse("meetings:notice", args=[january_meeting.slug, "docx"]))
    assert docx.status_code == 200 and docx["Content-Disposition"].startswith("attachment;")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Số: 25/TB-BTTTT" in text and "Hà Nội, ngày 14/02/2022" in text
    assert "1. Chỉ đạo xây dựng kế hoạch chuyển đổi số" in text and "Chủ trì: Cục Chuyển đổi số quốc gia" in text
    assert "Các Thứ trưởng" in text and "Trần Thị Lan" in text
    client.logout()
    assert client.get(reverse("meetings:notice", args=[january_meeting.slug, "pdf"])).status_code == 404


def test_no_notice_for_a_draft_or_without_a_number(client, editor, staff_reader, january_meeting):
    from .conftest import make_meeting

    draft = make_meeting(author=editor, title="Giao ban (nháp)", notice_number="30/TB-BTTTT")
    client.force_login(staff_reader)
    assert client.get(reverse("meetings:notice", args=[draft.slug, "pdf"])).status_code == 404
    assert client.get(reverse("meetings:notice", args=[january_meeting.slug, "docx"])).status_code == 404


# -- made once per approved version ---------------------------------------------------------------


@pytest.fixture
def numbered(january_meeting, people):
    Meeting.objects.filter(pk=january_meeting.pk).update(
        notice_number="25/TB-BTTTT", notice_date=dt.date(2022, 2, 14), notice_signer=people["office_head"],
        notice_recipients="Bộ trưởng (để b/c)\nCác Thứ trưởng",
    )  # fmt: skip
    january_meeting.refresh_from_db()
    return january_meeting


@pytest.fixture
def renders(monkeypatch):
    """How many times each notice was really made (the real code runs; only counted)."""
    from meetings import notices

    counts = {"pdf": 0, "docx": 0}
    real_pdf, real_docx = notices.pdf_bytes, notices.render_docx

    def pdf(*args, **kw):
        counts["pdf"] += 1
        return real_pdf(*args, **kw)

    def docx(*args, **kw):
        counts["docx"] += 1
        return real_docx(*args, **kw)

    monkeypatch.setattr(notices, "pdf_bytes", pdf)
    monkeypatch.setattr(notices, "render_docx", docx)
    return counts


def stored_notices() -> list[str]:
    from meetings.storage import private_storage

    storage = private_storage()
    if not storage.exists("thong-bao-ket-luan"):
        return []
    out = []
    for folder in storage.listdir("thong-bao-ket-luan")[0]:
        out += [f"{folder}/{name}" for name in storage.listdir(f"thong-bao-ket-luan/{folder}")[1]]
    return sorted(out)


def docx_text(body: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)


def test_each_version_of_the_notice_is_made_once(client, numbered, staff_reader, renders):
    client.force_login(staff_reader)
    pdf_url = reverse("meetings:notice", args=[numbered.slug, "pdf"])
    docx_url = reverse("meetings:notice", args=[numbered.slug, "docx"])
    first_pdf, first_docx = client.get(pdf_url), client.get(docx_url)
    assert renders == {"pdf": 1, "docx": 1}
    files = stored_notices()
    assert len(files) == 2 and all(f.startswith(f"{numbered.pk}/") for f in files)
    second_pdf, second_docx = client.get(pdf_url), client.get(docx_url)
    assert renders == {"pdf": 1, "docx": 1}, "the second download is read from the stored file"
    assert stored_notices() == files
    assert second_pdf.content == first_pdf.content and second_docx.content == first_docx.content
    for response, ctype, fmt in (
        (second_pdf, "application/pdf", "pdf"),
        (second_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ):
        assert response["Content-Type"] == ctype
        assert response["Content-Disposition"] == f'attachment; filename="thong-bao-ket-luan-{numbered.pk}.{fmt}"'
        assert response["X-Content-Type-Options"] == "nosniff"


def test_an_approved_change_makes_a_new_notice(client, numbered, editor, board, units, people, staff_reader,
                                               renders):  # fmt: skip
    from meetings.models import Directive

    from .conftest import act
    from .test_admin import form_data, with_directive_rows

    docx_url = reverse("meetings:notice", args=[numbered.slug, "docx"])
    client.force_login(staff_reader)
    before = client.get(docx_url).content
    assert "Số: 25/TB-BTTTT" in docx_text(before)
    # An editor changes the notice's number and the conclusions: waiting for approval.
    client.force_login(editor)
    data = form_data(units, people, edit_version=str(numbered.version), notice_number="26/TB-BTTTT",
                     notice_date="14/02/2022", notice_signer=str(people["office_head"].pk),
                     notice_recipients="Bộ trưởng (để b/c)\nCác Thứ trưởng",
                     conclusions="Giao hoàn thiện kế hoạch chuyển đổi số trong quý I.")  # fmt: skip
    with_directive_rows(data, list(Directive.objects.filter(meeting=numbered).order_by("number")))
    response = client.post(reverse("admin:meetings_meeting_change", args=[numbered.pk]), data)
    assert response.status_code == 302
    client.force_login(staff_reader)
    pending = client.get(docx_url).content
    assert pending == before and renders["docx"] == 1, "readers get the approved notice while the change waits"
    client.force_login(editor)
    assert act(client, numbered, "submit").status_code == 302
    client.force_login(board)
    assert act(client, numbered, "publish").status_code == 302
    client.force_login(staff_reader)
    after = client.get(docx_url).content
    assert renders["docx"] == 2
    text = docx_text(after)
    assert "Số: 26/TB-BTTTT" in text and "Giao hoàn thiện kế hoạch chuyển đổi số trong quý I." in text
    assert "25/TB-BTTTT" not in text
    assert len(stored_notices()) == 2, "a new file for the new version"
    assert client.get(docx_url).content == after and renders["docx"] == 2

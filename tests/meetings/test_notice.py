"""The conclusion notice: number, date, signer and recipients on the record (approved
with it), generated as PDF and DOCX from the approved record."""

import datetime as dt
import io

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

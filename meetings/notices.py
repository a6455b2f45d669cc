"""The conclusion notice (Thông báo kết luận) of a meeting, as PDF (WeasyPrint, from an
HTML template, as the statistics PDF) and DOCX (python-docx), made from the approved
record: the meeting's fields, its directives and the names kept at its approval.

Each is made once per version and then read from the private store (as the statistics
PDF, ``stats/pdfs.py``): the file's name holds a hash of the notice's HTML, which shows
everything either format says (number, date, signer, recipients, conclusions, items,
the names kept at approval, the language), so an approved change gives a new file and the
old one is never served for it; a change waiting for approval does not touch the live
record, so readers keep getting the approved notice. The first request for a version
makes it under a PostgreSQL advisory lock (concurrent requests wait, then read the file).
Files stay in the private store (never MEDIA_ROOT): an internal meeting's notice is read
only through the permission-checking view."""

from __future__ import annotations

import hashlib
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.storage import stored_once
from portal.exports import pdf_bytes

from .models import Meeting
from .storage import private_storage

PREFIX = "thong-bao-ket-luan/"
# Changed whenever ``render_docx`` lays the notice out differently (the PDF's layout is its
# template, already in the hash): a new layout must not be served from an older file.
DOCX_LAYOUT = "1"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def notice_context(meeting: Meeting) -> dict:
    kept = (meeting.shown_names or {}).get("directives") or {}
    directives = []
    for d in meeting.directives.select_related("lead_unit").prefetch_related("supporting_units").order_by("number"):
        names = kept.get(str(d.pk)) or {}
        directives.append({
            "number": d.number, "text": d.text, "deadline": d.deadline_label(),
            "lead_unit": names.get("lead_unit") or d.lead_unit.name,
            "supporting": names.get("supporting") or [u.name for u in d.supporting_units.all()],
        })  # fmt: skip
    signer = meeting.notice_signer
    return {
        "m": meeting,
        "held": timezone.localtime(meeting.start_at),
        "title": _("Thông báo kết luận của %(chair)s tại %(meeting)s")
        % {
            "chair": (meeting.shown_names or {}).get("chair", {}).get("name") or _("Lãnh đạo Bộ"),
            "meeting": meeting.title,
        },
        "directives": directives,
        "signer": {"name": signer.full_name, "title": signer.title} if signer else None,
        "recipients": meeting.recipient_lines(),
    }


def storage_name(meeting: Meeting, fmt: str, html: str) -> str:
    source = html if fmt == "pdf" else f"docx {DOCX_LAYOUT}\n{html}"
    return f"{PREFIX}{meeting.pk}/{hashlib.sha256(source.encode('utf-8')).hexdigest()}.{fmt}"


def notice_file(meeting: Meeting, fmt: str, *, base_url: str) -> bytes:
    """The notice as ``fmt`` ("pdf" or "docx") of the meeting as its row stands (the
    caller hands a live record), made at most once per version."""
    context = notice_context(meeting)
    html = render_to_string("meetings/notice_pdf.html", context)

    def make() -> bytes:
        return pdf_bytes(html, base_url) if fmt == "pdf" else render_docx(meeting, context)

    return stored_once(storage_name(meeting, fmt, html), make, storage=private_storage())


def render_docx(meeting: Meeting, c: dict) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(_("BỘ THÔNG TIN VÀ TRUYỀN THÔNG"))
    doc.add_paragraph(_("Số: %(n)s") % {"n": meeting.notice_number})
    if meeting.notice_date:
        doc.add_paragraph(_("Hà Nội, ngày %(d)s") % {"d": meeting.notice_date.strftime("%d/%m/%Y")})
    doc.add_heading(_("THÔNG BÁO"), level=1)
    doc.add_paragraph(c["title"])
    doc.add_paragraph(
        _("Ngày %(d)s, %(place)s.") % {"d": c["held"].strftime("%d/%m/%Y"), "place": meeting.place or meeting.title}
    )
    for paragraph in meeting.conclusion_paragraphs():
        doc.add_paragraph(paragraph)
    if c["directives"]:
        doc.add_heading(_("Nhiệm vụ giao"), level=2)
        for d in c["directives"]:
            line = _("%(n)s. %(text)s — Chủ trì: %(lead)s; thời hạn: %(deadline)s.") % {
                "n": d["number"], "text": d["text"], "lead": d["lead_unit"], "deadline": d["deadline"],
            }  # fmt: skip
            if d["supporting"]:
                line += " " + _("Phối hợp: %(units)s.") % {"units": ", ".join(d["supporting"])}
            doc.add_paragraph(line)
    if c["recipients"]:
        doc.add_paragraph(_("Nơi nhận:"))
        for r in c["recipients"]:
            doc.add_paragraph(f"- {r}")
    if c["signer"]:
        doc.add_paragraph(c["signer"]["title"].upper() if c["signer"]["title"] else "")
        doc.add_paragraph(c["signer"]["name"])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

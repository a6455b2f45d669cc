"""The conclusion notice (Thông báo kết luận) of a meeting, as PDF (WeasyPrint, from an
HTML template, as the statistics PDF) and DOCX (python-docx), made from the approved
record: the meeting's fields, its directives and the names kept at its approval."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Meeting


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


def notice_pdf(meeting: Meeting, *, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("meetings/notice_pdf.html", notice_context(meeting))
    return HTML(string=html, base_url=base_url).write_pdf()


def notice_docx(meeting: Meeting) -> bytes:
    from docx import Document

    c = notice_context(meeting)
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

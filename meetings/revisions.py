"""The parts of a meeting's content kept in its revisions besides its own fields: the
directives given at it and its documents (``portal.editorial.registry``).

On a live meeting a change to either is held in the pending revision and reaches the rows
only when the board approves it (``load``, inside the approving transaction). Only the
content of a directive is a part: its follow-up (progress, completion) is operational and
goes through the tracker, never through a revision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .deadlines import format_deadline


def directive_entry(*, id, number, text, giver, lead_unit, lead_person, supporting_units, deadline,
                    deadline_kind, no_deadline_reason: str = "") -> dict:  # fmt: skip
    """One directive as revisions keep it (also used by the scale data, so both agree)."""
    entry = {
        "id": id,
        "number": int(number),
        "text": text,
        "giver": giver,
        "lead_unit": lead_unit,
        "lead_person": lead_person,
        "supporting_units": sorted(int(u) for u in supporting_units),
        "deadline": deadline.isoformat() if isinstance(deadline, dt.date) else deadline,
        "deadline_kind": str(deadline_kind),
    }
    if no_deadline_reason:
        entry["no_deadline_reason"] = no_deadline_reason
    return entry


def number_entries(entries: list[dict]) -> list[dict]:
    """Directives numbered 1..n in the order given (the order of the record): numbers are
    never typed, so two items never share one and none is skipped."""
    return [{**entry, "number": n} for n, entry in enumerate(entries, start=1)]


def entry_deadline(entry: dict) -> dt.date | None:
    return dt.date.fromisoformat(entry["deadline"]) if entry.get("deadline") else None


class DirectivesPart:
    key = "directives"
    label = _("Nhiệm vụ")

    def dump(self, item) -> list[dict]:
        rows = item.directives.order_by("number", "id").prefetch_related("supporting_units")
        return [
            directive_entry(
                id=d.pk,
                number=d.number,
                text=d.text,
                giver=d.giver_id,
                lead_unit=d.lead_unit_id,
                lead_person=d.lead_person_id,
                supporting_units=[u.pk for u in d.supporting_units.all()],
                deadline=d.deadline,
                deadline_kind=d.deadline_kind,
                no_deadline_reason=d.no_deadline_reason,
            )
            for d in rows
        ]

    def load(self, item, data: Any) -> None:
        """Update the directives still there by id (their progress and completion are
        kept), create the new ones, delete the ones the approved change removed."""
        from .models import Directive

        existing = {d.pk: d for d in Directive.objects.filter(meeting=item)}
        kept: set[int] = set()
        # Numbers are checked at commit (a deferred constraint), so rows may swap them here.
        for entry in number_entries(sorted(data or [], key=lambda e: e["number"])):
            directive = existing.get(entry.get("id")) or Directive(meeting=item)
            if directive.pk in kept:  # the same row named twice: the second is a new one
                directive = Directive(meeting=item)
            directive.number = entry["number"]
            directive.text = entry["text"]
            directive.giver_id = entry.get("giver")
            directive.lead_unit_id = entry["lead_unit"]
            directive.lead_person_id = entry.get("lead_person")
            directive.deadline = entry_deadline(entry)
            directive.deadline_kind = entry["deadline_kind"]
            directive.no_deadline_reason = entry.get("no_deadline_reason") or ""
            directive.save()
            directive.supporting_units.set(entry.get("supporting_units") or [])
            kept.add(directive.pk)
        Directive.objects.filter(meeting=item).exclude(pk__in=kept).delete()

    def display(self, data: Any) -> dict[str, str]:
        from .models import Person, Unit

        data = data or []
        unit_ids = {e["lead_unit"] for e in data} | {u for e in data for u in e.get("supporting_units") or []}
        person_ids = {e.get(k) for e in data for k in ("giver", "lead_person")} - {None}
        units = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
        people = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "full_name"))
        out: dict[str, str] = {}
        for entry in data:
            label = gettext("số %(n)s") % {"n": entry["number"]}
            while label in out:
                label += "′"
            lead = units.get(entry["lead_unit"], f"#{entry['lead_unit']}")
            if entry.get("lead_person"):
                lead += f" ({people.get(entry['lead_person'], '#' + str(entry['lead_person']))})"
            lines = [
                entry["text"],
                gettext("Chủ trì: %(unit)s") % {"unit": lead},
                gettext("Phối hợp: %(units)s")
                % {"units": ", ".join(units.get(u, f"#{u}") for u in entry.get("supporting_units") or []) or "—"},
                gettext("Người giao: %(who)s") % {"who": people.get(entry.get("giver"), "—")},
                gettext("Thời hạn: %(deadline)s")
                % {"deadline": format_deadline(entry_deadline(entry), entry["deadline_kind"])},
            ]
            if entry.get("no_deadline_reason"):
                lines.append(gettext("Lý do không có thời hạn: %(r)s") % {"r": entry["no_deadline_reason"]})
            out[label] = "\n".join(lines)
        return out


class AttachmentsPart:
    key = "attachments"
    label = _("Tài liệu")

    def dump(self, item) -> list[dict]:
        return [
            {"id": a.pk, "title": a.title, "file": a.file.name, "original_name": a.original_name, "size": a.size}
            for a in item.attachments.order_by("id")
        ]

    def load(self, item, data: Any) -> None:
        """Documents of the approved change get their rows (and so their download
        address); removed ones lose theirs. Stored files are kept: older revisions name them."""
        from .models import Attachment

        existing = {a.pk: a for a in Attachment.objects.filter(meeting=item)}
        kept: set[int] = set()
        for entry in data or []:
            attachment = existing.get(entry.get("id")) or Attachment(meeting=item)
            if attachment.pk in kept:
                attachment = Attachment(meeting=item)
            attachment.title = entry["title"]
            attachment.file.name = entry["file"]
            attachment.original_name = entry.get("original_name") or ""
            attachment.size = entry.get("size") or 0
            attachment.save()
            kept.add(attachment.pk)
        Attachment.objects.filter(meeting=item).exclude(pk__in=kept).delete()

    def display(self, data: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        for entry in data or []:
            label = entry["title"] or entry.get("original_name") or entry["file"]
            while label in out:
                label += "′"
            out[label] = f"{entry.get('original_name') or entry['file']} ({entry.get('size') or 0} byte)"
        return out


PARTS = (DirectivesPart(), AttachmentsPart())

"""Writes of the meetings app: directives, progress, completion, reminders.

Keyword-only functions; views, the admin and the reminder command stay thin."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.text import vn_slugify

from . import permissions
from .deadlines import parse_deadline
from .enums import ReminderKind
from .files import document_kind
from .models import Directive, Meeting, Person, ProgressUpdate, PublicSummary, ReminderLog

logger = logging.getLogger(__name__)


# Addresses under /giao-ban/ that are not meetings.
RESERVED_SLUGS = frozenset({"nhiem-vu", "lich", "tai-lieu", "tien-do"})


def slug_taken(slug: str, *, meeting_pk: int | None = None, summary_pk: int | None = None) -> bool:
    """Meetings and public summaries share /giao-ban/<slug>/: a slug names one of them."""
    if slug in RESERVED_SLUGS:
        return True
    return (
        Meeting.objects.filter(slug=slug).exclude(pk=meeting_pk).exists()
        or PublicSummary.objects.filter(slug=slug).exclude(pk=summary_pk).exists()
    )


def free_slug(text: str, *, meeting_pk: int | None = None, summary_pk: int | None = None) -> str:
    base = vn_slugify(text, 274) or ("tom-tat" if summary_pk is not None else "cuoc-hop")
    candidate, n = base, 2
    while slug_taken(candidate, meeting_pk=meeting_pk, summary_pk=summary_pk):
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def fill_slug(*, meeting: Meeting) -> None:
    if not meeting.slug:
        meeting.slug = free_slug(meeting.title, meeting_pk=meeting.pk)


def fill_summary_slug(*, summary: PublicSummary) -> None:
    """A public summary's own address, from its public title (never the meeting's)."""
    if not summary.slug:
        summary.slug = free_slug(summary.title, summary_pk=summary.pk or 0)


def snapshot_names(*, meeting: Meeting) -> dict:
    """The names of the units and people the meeting's record shows, as they are now
    (kept on the meeting at each approval: see ``signal_handlers``)."""

    def person(p: Person | None) -> dict | None:
        return {"name": p.full_name, "title": p.title} if p is not None else None

    chair = Person.objects.filter(pk=meeting.chair_id).first() if meeting.chair_id else None
    directives = (
        Directive.objects.filter(meeting=meeting)
        .select_related("giver", "lead_unit", "lead_person")
        .prefetch_related("supporting_units")
    )
    return {
        "chair": person(chair),
        "attendees": [person(p) for p in meeting.attendees.all()],
        "units": list(meeting.attending_units.values_list("name", flat=True)),
        "directives": {
            str(d.pk): {
                "giver": d.giver.full_name if d.giver_id else "",
                "lead_unit": d.lead_unit.name,
                "lead_person": d.lead_person.full_name if d.lead_person_id else "",
                "supporting": [u.name for u in d.supporting_units.all()],
            }
            for d in directives
        },
    }


def record_shown_names(*, meeting: Meeting) -> None:
    names = snapshot_names(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(shown_names=names)
    meeting.shown_names = names


def add_directive(*, meeting: Meeting, text: str, lead_unit, deadline: str, giver=None, lead_person=None,
                  supporting_units=(), number: int | None = None) -> Directive:  # fmt: skip
    """Record a directive given at a meeting whose record is not live yet; ``deadline``
    as written ("trong tháng 02/2022"). A live record's directives change only through an
    approved change (the admin keeps it in the pending revision)."""
    if Meeting.objects.filter(pk=meeting.pk, live=True).exists():
        raise ValidationError(
            _("Biên bản cuộc họp đã được duyệt: nhiệm vụ mới phải được thêm trong trang sửa cuộc họp và chờ duyệt.")
        )
    day, kind = parse_deadline(deadline)
    if not (text or "").strip():
        raise ValidationError(_("Hãy ghi nội dung nhiệm vụ."))
    if number is None:
        number = meeting.directives.count() + 1
    directive = Directive.objects.create(
        meeting=meeting,
        number=number,
        text=text.strip(),
        giver=giver,
        lead_unit=lead_unit,
        lead_person=lead_person,
        deadline=day,
        deadline_kind=kind,
    )
    if supporting_units:
        directive.supporting_units.set(supporting_units)
    return directive


def post_progress(*, directive: Directive, user, text: str, on: dt.date | None = None, attachment=None,
                  mark_done: bool = False, completed_on: dt.date | None = None,
                  evidence: str = "") -> ProgressUpdate:  # fmt: skip
    """Post progress on a directive (optionally marking it done). Raises
    ``PermissionDenied`` (nothing saved) for anyone outside the lead unit, the giver and
    administrators; ``ValidationError`` (nothing saved) for bad input."""
    if not permissions.may_post_progress(user, directive):
        raise PermissionDenied(
            _("Chỉ cán bộ của đơn vị chủ trì, người giao nhiệm vụ và quản trị viên được cập nhật tiến độ.")
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Hãy ghi nội dung tiến độ."))
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError(_("Ngày cập nhật không được ở tương lai."))
    if attachment:
        document_kind(attachment)
    if mark_done:
        completed_on = completed_on or on
        if completed_on > today:
            raise ValidationError(_("Ngày hoàn thành không được ở tương lai."))
    with transaction.atomic():
        locked = Directive.objects.in_effect().select_for_update(of=("self",)).filter(pk=directive.pk).first()
        if locked is None:
            raise PermissionDenied(_("Nhiệm vụ này chưa có hiệu lực: biên bản cuộc họp chưa được duyệt."))
        update = ProgressUpdate.objects.create(
            directive=locked,
            on=on,
            text=text,
            attachment=attachment or "",
            marks_done=mark_done,
            author=user,
        )
        locked.last_progress_at = timezone.now()
        fields = ["last_progress_at"]
        if mark_done:
            locked.completed_on = completed_on
            locked.completion_evidence = (evidence or "").strip() or text
            fields += ["completed_on", "completion_evidence"]
        locked.save(update_fields=fields)
    for f in ("last_progress_at", "completed_on", "completion_evidence"):
        setattr(directive, f, getattr(locked, f))
    return update


# -- reminders --------------------------------------------------------------------------


def reminder_candidates(*, today: dt.date, days: int):
    """Open directives in effect due within ``days`` days or already overdue, with a lead
    person (the tracker's rule: ``DirectiveQuerySet.in_effect``)."""
    return (
        Directive.objects.in_effect()
        .filter(completed_on__isnull=True, lead_person__isnull=False, deadline__lte=today + dt.timedelta(days=days))
        .select_related("lead_person__user", "lead_unit", "meeting")
        .order_by("deadline", "id")
    )  # fmt: skip


def _reminder_message(directive: Directive, kind: str, today: dt.date) -> tuple[str, str]:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    deadline = directive.deadline_label()
    if kind == ReminderKind.OVERDUE:
        subject = _("[Quá hạn] Nhiệm vụ: %(text)s") % {"text": directive.text[:80]}
        lead = _("Nhiệm vụ sau đã quá hạn (%(days)s ngày) và chưa được báo cáo hoàn thành.") % {
            "days": (today - directive.deadline).days
        }
    else:
        subject = _("[Sắp đến hạn] Nhiệm vụ: %(text)s") % {"text": directive.text[:80]}
        lead = _("Nhiệm vụ sau sẽ đến hạn sau %(days)s ngày.") % {"days": (directive.deadline - today).days}
    body = "\n\n".join(
        [
            _("Kính gửi %(name)s,") % {"name": directive.lead_person.full_name},
            lead,
            directive.text,
            _("Đơn vị chủ trì: %(unit)s\nThời hạn: %(deadline)s\nGiao tại: %(meeting)s")
            % {"unit": directive.lead_unit.name, "deadline": deadline, "meeting": directive.meeting.title},
            _("Cập nhật tiến độ tại: %(url)s") % {"url": base + directive.get_absolute_url()},
        ]
    )
    return subject, body


def send_reminders(*, days: int = 3, today: dt.date | None = None) -> int:
    """E-mail the lead person of each directive due within ``days`` days or overdue, once
    per directive per day, however many servers run this at once.

    For each directive a ``ReminderLog`` row for (directive, day) is inserted in a
    transaction that stays open while the mail is sent: a concurrent run blocks on the
    unique index, then finds the committed row and skips; if sending fails, the row is
    rolled back and a later run tries again. Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    sent = 0
    for directive in reminder_candidates(today=today, days=days):
        recipient = directive.lead_person.contact_email
        if not recipient:
            continue
        kind = ReminderKind.OVERDUE if directive.deadline < today else ReminderKind.DUE_SOON
        if ReminderLog.objects.filter(directive=directive, day=today).exists():
            continue
        try:
            with transaction.atomic():
                ReminderLog.objects.create(directive=directive, day=today, kind=kind, recipient=recipient)
                subject, body = _reminder_message(directive, kind, today)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
        except IntegrityError:
            continue  # another server sent it
        except Exception:
            logger.exception("reminder for directive %s failed", directive.pk)
            continue
        sent += 1
    return sent

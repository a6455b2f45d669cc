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

from portal.core.text import unique_slug

from . import permissions
from .deadlines import parse_deadline
from .enums import ReminderKind
from .files import document_kind
from .models import Directive, Meeting, ProgressUpdate, ReminderLog

logger = logging.getLogger(__name__)


def fill_slug(*, meeting: Meeting) -> None:
    if not meeting.slug:
        meeting.slug = unique_slug(Meeting, meeting.title, exclude_pk=meeting.pk, max_length=280)


def add_directive(*, meeting: Meeting, text: str, lead_unit, deadline: str, giver=None, lead_person=None,
                  supporting_units=(), number: int | None = None) -> Directive:  # fmt: skip
    """Record a directive given at ``meeting``; ``deadline`` as written ("trong tháng 02/2022")."""
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
        locked = Directive.objects.select_for_update().get(pk=directive.pk)
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


def reopen_directive(*, directive: Directive, user) -> None:
    """Undo a completion (for a mistaken report)."""
    if not permissions.may_post_progress(user, directive):
        raise PermissionDenied(_("Bạn không được sửa nhiệm vụ này."))
    Directive.objects.filter(pk=directive.pk).update(completed_on=None)
    directive.completed_on = None


# -- reminders --------------------------------------------------------------------------


def reminder_candidates(*, today: dt.date, days: int):
    """Open directives due within ``days`` days or already overdue, with a lead person."""
    return (
        Directive.objects.filter(completed_on__isnull=True, lead_person__isnull=False,
                                 deadline__lte=today + dt.timedelta(days=days))
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

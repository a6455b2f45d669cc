"""Writes of the meetings app: directives, progress, completion, reminders.

Keyword-only functions; views, the admin and the reminder command stay thin."""

from __future__ import annotations

import datetime as dt
import logging
import textwrap
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.core.text import person_name, vn_slugify

from . import permissions, selectors
from .deadlines import parse_deadline
from .enums import DeadlineKind, DirectiveEventKind, ExtensionState, ReminderKind
from .files import document_kind
from .models import (
    DeadlineExtension,
    DigestLog,
    Directive,
    DirectiveEvent,
    Meeting,
    Person,
    ProgressUpdate,
    PublicSummary,
)

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


def renumber_directives(*, meeting: Meeting) -> None:
    """Number the meeting's directives 1..n in their order (number, then id). The unique
    constraint is checked at commit, so rows may swap numbers inside the transaction."""
    rows = list(Directive.objects.filter(meeting=meeting).order_by("number", "id").values_list("id", "number"))
    with transaction.atomic():
        for n, (pk, number) in enumerate(rows, start=1):
            if number != n:
                Directive.objects.filter(pk=pk).update(number=n)


def add_directive(*, meeting: Meeting, text: str, lead_unit, deadline: str, giver=None, lead_person=None,
                  supporting_units=(), no_deadline_reason: str = "") -> Directive:  # fmt: skip
    """Record a directive given at a meeting whose record is not live yet, as the next
    item of the record (numbers are given, never chosen); ``deadline`` as written ("trong
    tháng 02/2022", "quý II/2023", "thường xuyên", "không thời hạn" with a reason). A live
    record's directives change only through an approved change (the pending revision)."""
    if Meeting.objects.filter(pk=meeting.pk, live=True).exists():
        raise ValidationError(
            _("Biên bản cuộc họp đã được duyệt: nhiệm vụ mới phải được thêm trong trang sửa cuộc họp và chờ duyệt.")
        )
    day, kind = parse_deadline(deadline)
    if not (text or "").strip():
        raise ValidationError(_("Hãy ghi nội dung nhiệm vụ."))
    no_deadline_reason = (no_deadline_reason or "").strip()
    if kind == DeadlineKind.NONE and not no_deadline_reason:
        raise ValidationError(_("Nhiệm vụ không có thời hạn: hãy ghi lý do (ví dụ: chờ văn bản của Chính phủ)."))
    with transaction.atomic():
        # The meeting row is locked: two editors adding at once get 1..n, not two of a number.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        number = (Directive.objects.filter(meeting=meeting).aggregate(n=Max("number"))["n"] or 0) + 1
        directive = Directive.objects.create(
            meeting=meeting,
            number=number,
            text=text.strip(),
            giver=giver,
            lead_unit=lead_unit,
            lead_person=lead_person,
            deadline=day,
            deadline_kind=kind,
            no_deadline_reason=no_deadline_reason,
        )
    if supporting_units:
        directive.supporting_units.set(supporting_units)
    return directive


def _locked(directive: Directive) -> Directive:
    locked = Directive.objects.in_effect().select_for_update(of=("self",)).filter(pk=directive.pk).first()
    if locked is None:
        raise PermissionDenied(_("Nhiệm vụ này chưa có hiệu lực: biên bản cuộc họp chưa được duyệt."))
    return locked


def _refresh(directive: Directive, locked: Directive) -> None:
    for f in (
        "last_progress_at", "completed_on", "completion_evidence", "reported_done_on", "reported_at",
        "reported_by_id", "completion_document", "verified_by_id", "verified_at", "extended_deadline",
    ):  # fmt: skip
        setattr(directive, f, getattr(locked, f))
    directive.__dict__.pop("status", None)


def post_progress(*, directive: Directive, user, text: str, on: dt.date | None = None, attachment=None,
                  mark_done: bool = False, completed_on: dt.date | None = None,
                  evidence: str = "") -> ProgressUpdate:  # fmt: skip
    """Post progress on a directive; ``mark_done`` reports it completed (on
    ``completed_on``, with ``evidence`` as text and/or the attached document), which Văn
    phòng then verifies or returns (``verify_completion``, ``return_completion``): only a
    verified completion counts as done. Raises ``PermissionDenied`` (nothing saved) for
    anyone outside the lead unit, the giver and administrators; ``ValidationError``
    (nothing saved) for bad input."""
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
        attachment.name = stored_name(attachment)
    evidence = (evidence or "").strip()
    if mark_done:
        completed_on = completed_on or on
        if completed_on > today:
            raise ValidationError(_("Ngày hoàn thành không được ở tương lai."))
        if not (evidence or attachment):
            raise ValidationError(
                _(
                    "Báo cáo hoàn thành cần minh chứng: ghi kết quả (ví dụ: số văn bản đã ban hành) hoặc gửi kèm văn bản."
                )
            )
    with transaction.atomic():
        locked = _locked(directive)
        if mark_done and (locked.completed_on or locked.reported_done_on):
            raise ValidationError(_("Nhiệm vụ này đã được báo cáo hoàn thành."))
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
            locked.reported_done_on = completed_on
            locked.reported_at = timezone.now()
            locked.reported_by = user
            locked.completion_evidence = evidence or text
            locked.completion_document = update.attachment.name if update.attachment else ""
            fields += ["reported_done_on", "reported_at", "reported_by", "completion_evidence", "completion_document"]
            DirectiveEvent.objects.create(
                directive=locked,
                kind=DirectiveEventKind.REPORTED,
                user=user,
                note=_("Hoàn thành ngày %(d)s. %(e)s")
                % {"d": completed_on.strftime("%d/%m/%Y"), "e": evidence or text},
            )
        locked.save(update_fields=fields)
    _refresh(directive, locked)
    return update


def stored_name(upload) -> str:
    """The name an upload is stored under: a fresh name with the extension of the type
    found in its content (never the uploader's)."""
    return "tai-lieu." + document_kind(upload)


def verify_completion(*, directive: Directive, user) -> Directive:
    """Văn phòng confirms the lead unit's report: the directive is done on the reported day."""
    if not permissions.may_verify(user):
        raise PermissionDenied(_("Chỉ Văn phòng xác nhận hoàn thành nhiệm vụ."))
    with transaction.atomic():
        locked = _locked(directive)
        if locked.completed_on or not locked.reported_done_on:
            raise ValidationError(_("Nhiệm vụ này không có báo cáo hoàn thành đang chờ xác nhận."))
        locked.completed_on = locked.reported_done_on
        locked.verified_by = user
        locked.verified_at = timezone.now()
        locked.save(update_fields=["completed_on", "verified_by", "verified_at"])
        DirectiveEvent.objects.create(directive=locked, kind=DirectiveEventKind.VERIFIED, user=user)
    _refresh(directive, locked)
    return directive


def return_completion(*, directive: Directive, user, reason: str) -> Directive:
    """Văn phòng returns the report with a reason: the directive is open again."""
    if not permissions.may_verify(user):
        raise PermissionDenied(_("Chỉ Văn phòng xác nhận hoặc trả lại báo cáo hoàn thành."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do trả lại báo cáo hoàn thành."))
    with transaction.atomic():
        locked = _locked(directive)
        if locked.completed_on or not locked.reported_done_on:
            raise ValidationError(_("Nhiệm vụ này không có báo cáo hoàn thành đang chờ xác nhận."))
        locked.reported_done_on = locked.reported_at = None
        locked.reported_by = None
        locked.save(update_fields=["reported_done_on", "reported_at", "reported_by"])
        DirectiveEvent.objects.create(directive=locked, kind=DirectiveEventKind.RETURNED, user=user, note=reason)
        with translation.override(settings.LANGUAGE_CODE):  # the units read Vietnamese, whatever page was used
            _tell_lead_unit(
                directive=locked,
                headline=_("Báo cáo hoàn thành bị trả lại"),
                lines=[
                    _("Văn phòng đã trả lại báo cáo hoàn thành; nhiệm vụ được tính là chưa hoàn thành."),
                    _("Lý do: %(reason)s") % {"reason": reason},
                    _("Người trả lại: %(name)s") % {"name": person_name(user)},
                ],
            )
    _refresh(directive, locked)
    return directive


# Subjects of the decision mails are cut (on a word boundary) to this many characters.
DECISION_SUBJECT_LIMIT = 120


def _tell_lead_unit(*, directive: Directive, headline: str, lines: list[str]) -> list[str]:
    """One mail telling the lead unit of Văn phòng's decision on ``directive`` (called in
    the deciding transaction, sent after it commits: a decision rolled back tells nobody),
    to the recipients of the unit's digest (its people linked to an active account, its
    head), through the workflow's mail path (a failure is logged and kept to be sent
    again). Returns the recipients; none when nobody can be reached at the unit (logged,
    and the page tells Văn phòng: ``lead_unit_reachable``)."""
    from portal.editorial import notifications

    unit = directive.lead_unit
    recipients = selectors.unit_recipients([unit.pk]).get(unit.pk, [])
    reference = directive.reference()
    if not recipients:
        logger.warning(
            "Không gửi được thư báo “%s” (%s): đơn vị %s chưa có người nhận thư", headline, reference, unit.name
        )
        return []
    subject = shorten(f"{headline}: {reference} — {directive.text}", DECISION_SUBJECT_LIMIT)
    body = "\n\n".join(
        [
            _("Kính gửi %(unit)s,") % {"unit": unit.name},
            f"{headline}: {reference} ({directive.meeting.title})",
            _("Nhiệm vụ: %(text)s") % {"text": directive.text},
            "\n".join(lines),
            _("Thời hạn: %(deadline)s — %(status)s")
            % {"deadline": directive.current_deadline_label() or "—", "status": directive.status_text()},
            _("Xem nhiệm vụ và cập nhật tiến độ: %(url)s")
            % {"url": settings.SITE_URL.rstrip("/") + directive.get_absolute_url()},
        ]
    )
    transaction.on_commit(lambda: notifications.send(item=directive, subject=subject, body=body, recipients=recipients))
    return recipients


def lead_unit_reachable(directive: Directive) -> bool:
    """Whether a decision mail about ``directive`` reaches someone at its lead unit."""
    return bool(selectors.unit_recipients([directive.lead_unit_id]).get(directive.lead_unit_id))


def request_extension(*, directive: Directive, user, new_deadline: dt.date, reason: str) -> DeadlineExtension:
    """The lead unit asks to move the deadline in force, with a reason."""
    if not permissions.may_post_progress(user, directive):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị chủ trì được đề nghị gia hạn."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do đề nghị gia hạn."))
    with transaction.atomic():
        locked = _locked(directive)
        current = locked.extended_deadline or locked.deadline
        if locked.completed_on or locked.deadline_kind in (DeadlineKind.ONGOING, DeadlineKind.NONE) or not current:
            raise ValidationError(_("Chỉ gia hạn được nhiệm vụ chưa hoàn thành và có thời hạn."))
        if new_deadline <= current:
            raise ValidationError(
                _("Thời hạn đề nghị phải sau thời hạn hiện tại (%(d)s).") % {"d": current.strftime("%d/%m/%Y")}
            )
        if locked.extensions.filter(state=ExtensionState.PENDING).exists():
            raise ValidationError(_("Đã có một đề nghị gia hạn đang chờ Văn phòng xem xét."))
        extension = DeadlineExtension.objects.create(
            directive=locked, previous_deadline=current, requested_deadline=new_deadline, reason=reason,
            requested_by=user,
        )  # fmt: skip
        DirectiveEvent.objects.create(
            directive=locked,
            kind=DirectiveEventKind.EXTENSION_REQUESTED,
            user=user,
            note=_("Đến %(d)s: %(r)s") % {"d": new_deadline.strftime("%d/%m/%Y"), "r": reason},
        )
    return extension


def decide_extension(*, extension: DeadlineExtension, user, approve: bool, note: str = "") -> DeadlineExtension:
    """Văn phòng approves (the deadline in force moves; the record's deadline is kept and
    shown) or refuses (a reason is required) a pending request."""
    if not permissions.may_verify(user):
        raise PermissionDenied(_("Chỉ Văn phòng quyết định việc gia hạn."))
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError(_("Hãy ghi lý do không đồng ý gia hạn."))
    with transaction.atomic():
        ext = DeadlineExtension.objects.select_for_update().get(pk=extension.pk)
        if ext.state != ExtensionState.PENDING:
            raise ValidationError(_("Đề nghị gia hạn này đã được xem xét."))
        locked = _locked(ext.directive)
        ext.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
        ext.decided_by, ext.decided_at, ext.decision_note = user, timezone.now(), note
        ext.save()
        if approve:
            locked.extended_deadline = ext.requested_deadline
            locked.save(update_fields=["extended_deadline"])
        DirectiveEvent.objects.create(
            directive=locked,
            kind=DirectiveEventKind.EXTENSION_APPROVED if approve else DirectiveEventKind.EXTENSION_REFUSED,
            user=user,
            note=note,
        )
        with translation.override(settings.LANGUAGE_CODE):
            _tell_of_extension(directive=locked, extension=ext, user=user, approve=approve, note=note)
    extension.__dict__.update({k: getattr(ext, k) for k in ("state", "decided_by_id", "decided_at", "decision_note")})
    return extension


def _tell_of_extension(*, directive: Directive, extension: DeadlineExtension, user, approve: bool, note: str) -> None:
    """The lead unit's mail about Văn phòng's decision on its extension request."""
    day = extension.requested_deadline.strftime("%d/%m/%Y")
    if approve:
        headline = _("Đồng ý gia hạn đến %(d)s") % {"d": day}
        lines = [_("Văn phòng đồng ý gia hạn nhiệm vụ đến ngày %(d)s.") % {"d": day}]
        if note:
            lines.append(_("Ý kiến của Văn phòng: %(note)s") % {"note": note})
    else:
        headline = _("Không đồng ý gia hạn")
        lines = [
            _("Văn phòng không đồng ý gia hạn nhiệm vụ đến ngày %(d)s.") % {"d": day},
            _("Lý do: %(reason)s") % {"reason": note},
        ]
    lines.append(_("Người quyết định: %(name)s") % {"name": person_name(user)})
    _tell_lead_unit(directive=directive, headline=headline, lines=lines)


# -- reminders --------------------------------------------------------------------------

# Days overdue after which Văn phòng is told (``settings.MEETINGS_ESCALATE_AFTER_DAYS``).
ESCALATE_AFTER_DAYS = 14


def escalate_after_days() -> int:
    return int(getattr(settings, "MEETINGS_ESCALATE_AFTER_DAYS", ESCALATE_AFTER_DAYS))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, except the days listed in ``settings.MEETINGS_HOLIDAYS`` (ISO dates)."""
    return day.weekday() < 5 and day.isoformat() not in set(getattr(settings, "MEETINGS_HOLIDAYS", ()))


def shorten(text: str, limit: int) -> str:
    """``text`` cut on a word boundary to at most ``limit`` characters ("…" when cut)."""
    return textwrap.shorten(" ".join((text or "").split()), width=limit, placeholder=" …")


def _line(d: Directive, today: dt.date) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return "\n".join(
        [
            f"- {d.reference()} ({d.meeting.title}): {shorten(d.text, 300)}",
            "  "
            + _("Thời hạn: %(deadline)s — %(status)s")
            % {"deadline": d.current_deadline_label() or "—", "status": d.status_text(today)},
            "  " + base + d.get_absolute_url(),
        ]
    )


def _digest_message(plan: selectors.UnitDigest, today: dt.date) -> tuple[str, str]:
    overdue = sum(1 for d in plan.lead if d.status_on(today) == "qua-han")
    counts = _("%(o)s quá hạn, %(s)s sắp đến hạn, %(c)s phối hợp") % {
        "o": overdue,
        "s": len(plan.lead) - overdue,
        "c": len(plan.coordinating),
    }
    subject = shorten(
        _("[Nhắc việc %(day)s] %(unit)s") % {"day": today.strftime("%d/%m/%Y"), "unit": plan.unit.name}, 110
    )
    subject = f"{subject}: {counts}"
    parts = [_("Kính gửi %(unit)s,") % {"unit": plan.unit.name}]
    if plan.lead:
        parts.append(_("Nhiệm vụ đơn vị chủ trì đã quá hạn hoặc đến hạn trong %(n)s ngày tới:") % {"n": plan.days})
        parts += [_line(d, today) for d in plan.lead]
    if plan.coordinating:
        parts.append(_("Nhiệm vụ đơn vị phối hợp thực hiện (để biết và phối hợp với đơn vị chủ trì):"))
        parts += [_line(d, today) for d in plan.coordinating]
    parts.append(_("Cập nhật tiến độ, báo cáo hoàn thành hoặc đề nghị gia hạn tại trang của từng nhiệm vụ."))
    return subject, "\n\n".join(parts)


def _escalation_message(overdue: list[Directive], unreachable: list, today: dt.date, after: int) -> tuple[str, str]:
    subject = _(
        "[Nhắc việc %(day)s] Báo Văn phòng: %(n)s nhiệm vụ quá hạn trên %(d)s ngày, %(u)s đơn vị không nhận được thư"
    ) % {
        "day": today.strftime("%d/%m/%Y"),
        "n": len(overdue),
        "d": after,
        "u": len(unreachable),
    }
    parts = [_("Kính gửi Văn phòng Bộ,")]
    if overdue:
        parts.append(_("Nhiệm vụ quá hạn trên %(d)s ngày:") % {"d": after})
        parts += [f"{_line(d, today)}\n  " + _("Đơn vị chủ trì: %(u)s") % {"u": d.lead_unit.name} for d in overdue]
    if unreachable:
        parts.append(
            _(
                "Đơn vị có nhiệm vụ cần nhắc nhưng không có người nhận (chưa gắn tài khoản cán bộ, chưa có lãnh đạo đơn vị):"
            )
        )
        parts += [
            f"- {p.unit.name}: " + _("%(n)s nhiệm vụ") % {"n": len(p.lead) + len(p.coordinating)} for p in unreachable
        ]
    return subject, "\n\n".join(parts)


@dataclass
class ReminderRun:
    sent: int = 0
    digests: int = 0
    escalated: int = 0
    unreachable: list = field(default_factory=list)  # UnitDigest without recipients
    skipped_day: bool = False


def _send_once(*, day: dt.date, key: str, kind: str, unit, recipients: list[str], count: int, subject: str,
               body: str) -> bool:  # fmt: skip
    """Send one mail unless (day, key) was sent already, however many servers run this at
    once: the ``DigestLog`` row is inserted in a transaction that stays open while the mail
    is sent; a concurrent run blocks on the unique index, then finds the committed row and
    skips; if sending fails, the row is rolled back and a later run tries again."""
    if DigestLog.objects.filter(day=day, key=key).exists():
        return False
    try:
        with transaction.atomic():
            DigestLog.objects.create(
                day=day, key=key, kind=kind, unit=unit, recipients=", ".join(recipients), directives=count
            )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except IntegrityError:
        return False  # another server sent it
    except Exception:
        logger.exception("reminder %s of %s failed", key, day)
        return False
    return True


def send_reminders(*, days: int = 7, today: dt.date | None = None, force: bool = False) -> ReminderRun:
    """On a working day: one digest per unit (its directives overdue or due within ``days``
    days, and those it coordinates) to the unit's people with an account and its head;
    one mail to Văn phòng with the directives overdue by more than
    ``settings.MEETINGS_ESCALATE_AFTER_DAYS`` days and the units nobody could be reached
    at. Each at most once a day (``_send_once``). Returns what was done."""
    today = today or timezone.localdate()
    run = ReminderRun()
    if not (force or is_working_day(today)):
        run.skipped_day = True
        return run
    plans = selectors.digest_plans(today=today, days=days)
    for plan in plans:
        if not plan.recipients:
            run.unreachable.append(plan)
            continue
        subject, body = _digest_message(plan, today)
        if _send_once(day=today, key=f"unit-{plan.unit.pk}", kind=ReminderKind.DIGEST, unit=plan.unit,
                      recipients=plan.recipients, count=len(plan.lead) + len(plan.coordinating), subject=subject,
                      body=body):  # fmt: skip
            run.sent += 1
            run.digests += 1
    after = escalate_after_days()
    overdue = selectors.long_overdue(today=today, after_days=after)
    office = selectors.secretariat_emails()
    if (overdue or run.unreachable) and office:
        subject, body = _escalation_message(overdue, run.unreachable, today, after)
        if _send_once(day=today, key="van-phong", kind=ReminderKind.ESCALATION, unit=None, recipients=office,
                      count=len(overdue), subject=subject, body=body):  # fmt: skip
            run.sent += 1
            run.escalated = len(overdue)
    return run

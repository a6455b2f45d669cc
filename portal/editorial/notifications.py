"""E-mails of the workflow and the desk: who is told what, with absolute links from
``SITE_URL``; a mail that cannot be sent is logged with its item, kept (``FailedMail``)
and sent again by the next notification or ``manage.py resend_notifications``."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.text import person_name

from . import permissions
from .enums import Action, Role
from .models import FailedMail
from .workflow import TRANSITIONS

logger = logging.getLogger(__name__)

# The role an actor acted in, when they hold several: the one the action names first.
ROLE_ORDER = (Role.BOARD, Role.EDITOR, Role.ADMIN, Role.REPORTER)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path else ""


def admin_link(item) -> str:
    opts = item._meta
    try:
        return absolute(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]))
    except NoReverseMatch:
        return ""


def public_link(item) -> str:
    getter = getattr(item, "get_absolute_url", None)
    return absolute(getter()) if getter else ""


def acting_role(user, action: Action | None = None) -> str:
    """The role the user acted in ("Biên tập viên", "Ban Biên tập"…), as the mail names it."""
    roles = permissions.user_roles(user)
    allowed = TRANSITIONS[action].roles if action in TRANSITIONS else frozenset(ROLE_ORDER)
    for role in ROLE_ORDER:
        if role in roles and role in allowed:
            return str(role.label)
    return ""


def actor(user, action: Action | None = None) -> str:
    role = acting_role(user, action)
    return f"{role} {person_name(user)}".strip()


def _emails(users) -> list[str]:
    seen = []
    for u in users:
        if u is not None and u.is_active and u.email and u.email not in seen:
            seen.append(u.email)
    return seen


def send(*, item, subject: str, body: str, recipients: list[str]) -> bool:
    """Send one notification (a one-line subject). A failure is logged with the item and
    kept to be sent again; whatever was kept before is tried first."""
    if not recipients:
        return True
    resend_failed()
    subject = " ".join(str(subject).split())  # a line break in a title must not break the header
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception as exc:  # a mail server down must not undo a transition; it must be seen
        logger.exception(
            "Không gửi được thư thông báo “%s” (%s #%s) tới %s", subject, type(item).__name__, item.pk, recipients
        )
        FailedMail.objects.create(
            content_type=ContentType.objects.get_for_model(type(item)),
            object_id=item.pk,
            subject=subject[:300],
            body=body,
            recipients=recipients,
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return False
    return True


def resend_failed(limit: int = 50) -> tuple[int, int]:
    """Send again the kept mails (oldest first). Returns (sent, still failing)."""
    sent = failed = 0
    for row in FailedMail.objects.filter(sent_at__isnull=True).order_by("created_at", "id")[:limit]:
        try:
            send_mail(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, list(row.recipients))
        except Exception as exc:
            failed += 1
            FailedMail.objects.filter(pk=row.pk).update(
                attempts=row.attempts + 1, error=f"{type(exc).__name__}: {exc}"[:2000]
            )
            logger.warning("Vẫn chưa gửi được thư “%s” (#%s): %s", row.subject, row.object_id, exc)
            break  # the server is still down: keep the rest for later
        sent += 1
        FailedMail.objects.filter(pk=row.pk).update(sent_at=timezone.now(), attempts=row.attempts + 1)
    return sent, failed


# -- what each event says ----------------------------------------------------------------


def on_transition(*, item, log, user) -> None:
    action = log.action
    title = str(item)
    if action == Action.SUBMIT:
        # Only those who may approve it: the board, never an author of the change.
        board = (
            get_user_model()
            .objects.filter(groups__name=Role.BOARD.value, is_active=True)
            .exclude(email="")
            .exclude(pk__in=permissions.content_authors(item))
            .distinct()
        )
        recipients = _emails(board)
        subject = _("[Cổng TTĐT] Chờ duyệt: %(title)s") % {"title": title}
        body = _("%(who)s đã gửi “%(title)s” để Ban Biên tập duyệt.") % {"who": actor(user, action), "title": title}
        if log.comment:
            body += "\n" + _("Lời nhắn của người gửi: %(note)s") % {"note": log.comment}
        body += "\n\n" + _("Xem và duyệt: %(url)s") % {"url": admin_link(item)}
    elif action == Action.RETURN:
        recipients = _emails([item.created_by])
        subject = _("[Cổng TTĐT] Bài bị trả lại: %(title)s") % {"title": title}
        body = _("%(who)s đã trả lại “%(title)s”.\nLý do: %(reason)s") % {
            "who": actor(user, action),
            "title": title,
            "reason": log.comment,
        }
        body += "\n\n" + _("Sửa và gửi duyệt lại: %(url)s") % {"url": admin_link(item)}
    elif action in (Action.PUBLISH, Action.FORCE_PUBLISH):
        recipients = _emails([item.created_by] + ([item.submitted_by] if item.submitted_by_id else []))
        subject = _("[Cổng TTĐT] Đã xuất bản: %(title)s") % {"title": title}
        if item.publish_at and item.publish_at > timezone.now():
            when = timezone.localtime(item.publish_at).strftime("%H:%M %d/%m/%Y")
            subject = _("[Cổng TTĐT] Đã duyệt, hẹn giờ xuất bản %(at)s: %(title)s") % {"at": when, "title": title}
            body = _("%(who)s đã duyệt “%(title)s”. Bài sẽ tự xuất bản lúc %(at)s (giờ Việt Nam).") % {
                "who": actor(user, action),
                "title": title,
                "at": when,
            }
            body += "\n\n" + _("Địa chỉ bài (mở từ lúc xuất bản): %(url)s") % {"url": public_link(item)}
        else:
            body = _("%(who)s đã duyệt và xuất bản “%(title)s”.") % {"who": actor(user, action), "title": title}
            body += "\n\n" + _("Xem bài trên cổng: %(url)s") % {"url": public_link(item)}
    else:
        return
    send(item=item, subject=subject, body=body, recipients=recipients)


def on_assigned(*, item, assignment, user) -> None:
    assignee = assignment.assignee
    if assignee.pk == user.pk:
        return
    subject = _("[Cổng TTĐT] Giao cho bạn: %(title)s") % {"title": item}
    body = _("%(who)s đã giao “%(title)s” cho bạn.\n\nMở mục: %(url)s") % {
        "who": actor(user),
        "title": item,
        "url": admin_link(item),
    }
    send(item=item, subject=subject, body=body, recipients=_emails([assignee]))


def involved(item) -> set[int]:
    """Everyone working on the item: its creator and submitter, those it was given to,
    the authors of its revisions and of its notes."""
    from .models import Assignment, Note, Revision

    ct = ContentType.objects.get_for_model(type(item))
    ids = {item.created_by_id, item.submitted_by_id}
    ids |= set(Assignment.objects.filter(content_type=ct, object_id=item.pk).values_list("assignee_id", flat=True))
    ids |= set(Note.objects.filter(content_type=ct, object_id=item.pk).values_list("author_id", flat=True))
    ids |= set(Revision.objects.filter(content_type=ct, object_id=item.pk).values_list("created_by_id", flat=True))
    ids.discard(None)
    return ids


def on_note(*, item, note, user) -> None:
    people = get_user_model().objects.filter(pk__in=involved(item) - {user.pk}, is_active=True, is_staff=True)
    subject = _("[Cổng TTĐT] Trao đổi về: %(title)s") % {"title": item}
    body = _("%(who)s viết về “%(title)s”:\n\n%(text)s\n\nTrả lời: %(url)s") % {
        "who": actor(user),
        "title": item,
        "text": note.text,
        "url": admin_link(item) + "#wf-notes-h",
    }
    send(item=item, subject=subject, body=body, recipients=_emails(people))

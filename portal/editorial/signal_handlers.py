"""E-mail notifications: submitting notifies the board; returning and publishing
notify the author."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from portal.core.text import person_name

from .enums import Action, Role
from .permissions import content_authors
from .signals import transitioned


def _admin_url(item) -> str:
    opts = item._meta
    try:
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return ""
    return settings.SITE_URL.rstrip("/") + path


logger = logging.getLogger(__name__)


@receiver(transitioned)
def notify(sender, item, log, user, **kwargs):
    action = log.action
    if action == Action.SUBMIT:
        # Nobody is asked to approve what they changed themselves (the second pair of eyes).
        recipients = list(
            get_user_model()
            .objects.filter(groups__name=Role.BOARD.value, is_active=True)
            .exclude(email="")
            .exclude(pk__in=content_authors(item))
            .values_list("email", flat=True)
            .distinct()
        )
        subject = _("[Cổng TTĐT] Chờ duyệt: %(title)s") % {"title": item}
        body = _("%(who)s đã gửi “%(title)s” để Ban Biên tập duyệt.\n\n%(url)s") % {
            "who": person_name(user),
            "title": item,
            "url": _admin_url(item),
        }
    elif action in (Action.RETURN, Action.PUBLISH, Action.FORCE_PUBLISH):
        author = item.created_by
        recipients = [author.email] if author.email else []
        if action == Action.RETURN:
            subject = _("[Cổng TTĐT] Bài bị trả lại: %(title)s") % {"title": item}
            body = _("Ban Biên tập đã trả lại “%(title)s”.\nLý do: %(reason)s\n\n%(url)s") % {
                "title": item,
                "reason": log.comment,
                "url": _admin_url(item),
            }
        else:
            subject = _("[Cổng TTĐT] Đã xuất bản: %(title)s") % {"title": item}
            body = _("“%(title)s” đã được duyệt và xuất bản.\n\n%(url)s") % {
                "title": item,
                "url": _admin_url(item),
            }
    else:
        return
    if not recipients:
        return
    # A title with a line break must not break the header (Django refuses it): one line.
    subject = " ".join(str(subject).split())
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # a mail server down must not undo a transition; it must be seen
        logger.exception(
            "Không gửi được thư thông báo “%s” (%s #%s) tới %s", subject, sender.__name__, item.pk, recipients
        )

"""E-mail notifications: submitting notifies the board; returning and publishing
notify the author."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from portal.core.text import person_name

from .enums import Action, Role
from .signals import transitioned


def _admin_url(item) -> str:
    opts = item._meta
    try:
        path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return ""
    return settings.SITE_URL.rstrip("/") + path


@receiver(transitioned)
def notify(sender, item, log, user, **kwargs):
    action = log.action
    if action == Action.SUBMIT:
        recipients = list(
            get_user_model()
            .objects.filter(groups__name=Role.BOARD.value, is_active=True)
            .exclude(email="")
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
    if recipients:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)

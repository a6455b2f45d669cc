"""Sign-in bookkeeping: each sign-in names its session (so a lockout can end them all)
and starts the session clocks; a lockout ends every session of the account."""

import logging
import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from . import policy
from .models import LoginSession

log = logging.getLogger(__name__)


@receiver(user_logged_in, dispatch_uid="accounts_record_login")
def record_login(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    now = time.time()
    session[policy.LOGIN_AT_KEY] = now
    session[policy.SEEN_AT_KEY] = now
    session[policy.REQUIRED_KEY] = policy.requires_second_factor_now(user)
    if getattr(user, "backend", "") == "portal.accounts.oidc.OIDCBackend":
        session[policy.SSO_KEY] = True
    if session.session_key is None:
        session.save()
    LoginSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


@receiver(user_logged_out, dispatch_uid="accounts_record_logout")
def record_logout(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        LoginSession.objects.filter(session_key=session.session_key).delete()


@receiver(user_locked_out, dispatch_uid="accounts_end_sessions_on_lockout")
def end_sessions_on_lockout(sender, request, username, ip_address, **kwargs):
    """Whoever was guessing, the account's open sessions end with the lockout."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None:
        return
    ended = policy.end_sessions(user)
    log.warning("Tài khoản %s bị khoá đăng nhập (địa chỉ %s); đã kết thúc %d phiên.", username, ip_address, ended)

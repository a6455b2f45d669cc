from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginSession(models.Model):
    """One row per sign-in, naming its session: what lets a lockout end every session of
    the account (the session store cannot be searched by user)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(_("khoá phiên"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("lúc đăng nhập"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên đăng nhập")
        verbose_name_plural = _("phiên đăng nhập")

    def __str__(self):
        return f"{self.user_id}:{self.created_at:%Y-%m-%d %H:%M}"


# django-axes' records, shown in this app's part of the admin with Vietnamese names.
from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # noqa: E402


class LoginAttempt(AccessAttempt):
    class Meta:
        proxy = True
        verbose_name = _("lần đăng nhập sai (khoá)")
        verbose_name_plural = _("tài khoản đang bị đếm lần sai / bị khoá")


class LoginRecord(AccessLog):
    class Meta:
        proxy = True
        verbose_name = _("lần đăng nhập thành công")
        verbose_name_plural = _("nhật ký đăng nhập thành công")


class LoginFailure(AccessFailureLog):
    class Meta:
        proxy = True
        verbose_name = _("lần đăng nhập thất bại")
        verbose_name_plural = _("nhật ký đăng nhập thất bại")

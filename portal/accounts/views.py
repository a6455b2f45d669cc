"""Sign-in pages in the admin's look: the password (and, if the user likes, the code) on
one page, the code alone on the next, setting up an authenticator (QR code drawn here as
SVG, no outside service) and the recovery codes shown once."""

from __future__ import annotations

import io

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy
from .forms import CodeForm, PortalAuthenticationForm
from .lockout import lockout_response

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


def _context(request, **extra):
    return {**admin.site.each_context(request), "sso_enabled": settings.OIDC_ENABLED, **extra}


def _next_url(request, default: str | None = None) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("admin:index")


def _with_next(url: str, next_url: str) -> str:
    from urllib.parse import urlencode

    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


class LoginView(auth_views.LoginView):
    """The admin sign-in (``/admin/login/``)."""

    form_class = PortalAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_context(self.request, title=_("Đăng nhập"), app_path=self.request.get_full_path()))
        context.setdefault("next", self.request.GET.get(REDIRECT_FIELD_NAME, ""))
        if self.request.method == "GET" and self.request.session.pop(policy.EXPIRED_KEY, False):
            context["expired_message"] = _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.")
        return context

    def get_default_redirect_url(self):
        return reverse("admin:index")

    def form_valid(self, form):
        user = form.get_user()
        response = super().form_valid(form)  # auth.login: a new session
        session = self.request.session
        next_url = self.get_success_url()
        if form.otp_device is not None:
            django_otp.login(self.request, form.otp_device)
            return response
        if policy.has_second_factor(user):
            session[policy.PENDING_KEY] = True
            return HttpResponseRedirect(_with_next(reverse("accounts:verify"), next_url))
        if policy.requires_second_factor(user):
            session[policy.PENDING_KEY] = True
            return HttpResponseRedirect(_with_next(reverse("accounts:setup"), next_url))
        return response


login = sensitive_post_parameters()(csrf_protect(never_cache(LoginView.as_view())))


@sensitive_post_parameters()
@csrf_protect
@never_cache
def verify(request):
    """The second step: the code alone, for a session that gave its password."""
    user = request.user
    if not user.is_authenticated:
        return redirect(_with_next(reverse("admin:login"), _next_url(request)))
    if policy.second_factor_done(request):
        return redirect(_next_url(request))
    if not policy.has_second_factor(user):
        return redirect(_with_next(reverse("accounts:setup"), _next_url(request)))
    form = CodeForm(request.POST or None, request=request, user=user)
    if request.method == "POST":
        if form.is_valid():
            django_otp.login(request, form.otp_device)
            request.session.pop(policy.PENDING_KEY, None)
            return redirect(_next_url(request))
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return lockout_response(request, credentials={"username": user.get_username()})
    return TemplateResponse(
        request,
        "accounts/verify.html",
        _context(request, form=form, title=_("Xác thực hai bước"), next=_next_url(request)),
    )


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]


def _base32(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters()
@csrf_protect
@never_cache
def setup(request):
    """Add an authenticator app: a new secret as a QR code, confirmed by one code from
    the app; recovery codes are made at the same time and shown once."""
    user = request.user
    if not user.is_authenticated:
        return redirect(_with_next(reverse("admin:login"), _next_url(request)))
    if policy.has_second_factor(user) and not policy.second_factor_done(request):
        # A password alone must never add an authenticator to an account that has one.
        return redirect(_with_next(reverse("accounts:verify"), _next_url(request)))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    form = CodeForm(request.POST or None, request=request, user=user, device=device)
    if request.method == "POST":
        if form.is_valid():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            codes = _new_recovery_codes(user)
            django_otp.login(request, device)
            request.session.pop(policy.PENDING_KEY, None)
            request.session[policy.RECOVERY_CODES_KEY] = codes
            return redirect(_with_next(reverse("accounts:recovery_codes"), _next_url(request)))
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return lockout_response(request, credentials={"username": user.get_username()})
    issuer = settings.OTP_TOTP_ISSUER
    return TemplateResponse(
        request,
        "accounts/setup.html",
        _context(
            request,
            form=form,
            title=_("Thiết lập xác thực hai bước"),
            qr_svg=mark_safe(_qr_svg(device.config_url)),  # noqa: S308 (drawn here from our own data)
            secret=_base32(device),
            issuer=issuer,
            required=policy.requires_second_factor(user),
            next=_next_url(request),
        ),
    )


def _new_recovery_codes(user) -> list[str]:
    static, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    StaticDevice.objects.filter(user=user).exclude(pk=static.pk).delete()
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


@never_cache
def recovery_codes(request):
    """The recovery codes, shown once right after they are made."""
    if not request.user.is_authenticated or not policy.second_factor_done(request):
        return redirect(reverse("admin:login"))
    codes = request.session.pop(policy.RECOVERY_CODES_KEY, None)
    if not codes:
        return redirect(_next_url(request))
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        _context(request, codes=codes, title=_("Mã dự phòng"), next=_next_url(request)),
    )

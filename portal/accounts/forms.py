from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

from . import policy

TOKEN_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autocapitalize": "none", "spellcheck": "false"}
)


def check_code(request, user, token: str):
    """The device that accepts ``token`` (a TOTP code or an unused recovery code), or
    ``None``; a wrong code counts as a failed sign-in (django-axes)."""
    token = (token or "").strip().replace(" ", "")
    device = match_token(user, token) if token else None
    if device is None:
        user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    return device


class PortalAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, with the two-factor code on the same page (optional:
    left empty, the code is asked on the next page)."""

    otp_token = forms.CharField(
        label=_("Mã xác thực hai bước"),
        required=False,
        max_length=16,
        widget=TOKEN_WIDGET,
        help_text=_("6 chữ số từ ứng dụng xác thực, hoặc một mã dự phòng. Có thể để trống và nhập ở bước sau."),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: cả hai đều phân biệt chữ hoa và chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị vô hiệu hoá."),
        "invalid_token": _("Mã xác thực hai bước không đúng hoặc đã dùng. Hãy nhập lại mật khẩu và mã mới."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
        self.otp_device = None

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        token = cleaned.get("otp_token")
        if user is not None and token:
            self.otp_device = check_code(self.request, user, token)
            if self.otp_device is None:
                self.user_cache = None
                raise forms.ValidationError(self.error_messages["invalid_token"], code="invalid_token")
        return cleaned


class CodeForm(forms.Form):
    """The code alone: the second step of a sign-in, or the check that ends a set-up."""

    otp_token = forms.CharField(label=_("Mã xác thực"), max_length=16, widget=TOKEN_WIDGET)

    def __init__(self, *args, request, user, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user
        self.device = device  # set-up: the new, unconfirmed authenticator
        self.otp_device = None

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        if self.device is not None:
            ok = self.device.verify_is_allowed()[0] and self.device.verify_token(token)
            if not ok:
                user_login_failed.send(
                    sender=__name__, credentials={"username": self.user.get_username()}, request=self.request
                )
            self.otp_device = self.device if ok else None
        else:
            self.otp_device = check_code(self.request, self.user, token)
        if self.otp_device is None:
            raise forms.ValidationError(_("Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trong ứng dụng."))
        return token


__all__ = ["CodeForm", "PortalAuthenticationForm", "policy"]

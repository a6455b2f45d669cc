"""Django's password validators with every message in Vietnamese (English under /en/),
and the common-password list extended with passwords common in Vietnam
(``data/common-passwords-vi.txt``)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import password_validation as django_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

VIETNAMESE_LIST = Path(__file__).resolve().parent / "data" / "common-passwords-vi.txt"


class MinimumLengthValidator(django_validation.MinimumLengthValidator):
    def __init__(self, min_length=10):
        super().__init__(min_length=min_length)

    def get_error_message(self):
        return ngettext(
            "Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.",
            "Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.",
            self.min_length,
        ) % {"n": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Mật khẩu phải có ít nhất %(n)d ký tự.", "Mật khẩu phải có ít nhất %(n)d ký tự.", self.min_length
        ) % {"n": self.min_length}


class UserAttributeSimilarityValidator(django_validation.UserAttributeSimilarityValidator):
    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise ValidationError(
                _("Mật khẩu quá giống với thông tin của tài khoản (tên đăng nhập, họ tên hoặc thư điện tử)."),
                code="password_too_similar",
            ) from exc

    def get_help_text(self):
        return _("Mật khẩu không được giống tên đăng nhập, họ tên hoặc thư điện tử của bạn.")


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    """Django's list of 20,000 common passwords and the Vietnamese list together."""

    def __init__(self, password_list_path=django_validation.CommonPasswordValidator.DEFAULT_PASSWORD_LIST_PATH):
        super().__init__(password_list_path)
        self.passwords |= load_vietnamese_list()

    def validate(self, password, user=None):
        candidate = password.lower().strip()
        if candidate in self.passwords or _strip_diacritics(candidate) in self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return _("Mật khẩu này quá phổ biến, dễ bị đoán ra.")

    def get_help_text(self):
        return _("Mật khẩu không được là một mật khẩu hay dùng (như matkhau123, 123456789, anhyeuem).")


class NumericPasswordValidator(django_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")


def load_vietnamese_list() -> set[str]:
    lines = VIETNAMESE_LIST.read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def _strip_diacritics(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")

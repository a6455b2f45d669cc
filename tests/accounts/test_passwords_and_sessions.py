"""Password rules in Vietnamese (with common Vietnamese passwords refused) and session
lifetimes: 30 minutes idle, 8 hours in all; a password change ends the other sessions."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.accounts.conftest import LOGIN, sign_in

ENGLISH = ("This password", "too short", "too common", "entirely numeric", "too similar", "Your password")


@pytest.mark.parametrize("password", ["matkhau123", "anhyeuem", "123456789", "Matkhau123", "mậtkhẩu123", "vietnam@123"])
def test_common_vietnamese_passwords_are_refused(password):
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert "quá phổ biến" in " ".join(caught.value.messages)


def test_every_message_and_help_text_is_vietnamese(db):
    from django.contrib.auth.models import User

    user = User(username="nguyenthuy", first_name="Thùy", last_name="Nguyễn", email="nguyenthuy@mic.gov.vn")
    messages = []
    for password in ("short", "1234567890123", "nguyenthuy1", "password"):
        try:
            validate_password(password, user)
        except ValidationError as exc:
            messages += exc.messages
    text = " ".join(messages + list(password_validators_help_texts()))
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in text
    assert "chỉ gồm chữ số" in text and "quá giống với thông tin" in text
    for english in ENGLISH:
        assert english not in text


def test_a_good_password_passes(db):
    validate_password("Giao ban quý III/2024 tại Hà Nội")


def test_admin_password_pages_answer_in_vietnamese(client, reporter):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    for url, data in (
        (f"/admin/auth/user/{reporter.pk}/password/", {"password1": "matkhau123", "password2": "matkhau123"}),
        ("/admin/password_change/", {"old_password": "sai", "new_password1": "abc", "new_password2": "abc"}),
    ):
        page = client.get(url).content.decode()
        response = client.post(url, data)
        text = response.content.decode()
        assert response.status_code == 200
        for english in ENGLISH:
            assert english not in page and english not in text, (url, english)
    assert (
        "quá phổ biến"
        in client.post(
            f"/admin/auth/user/{reporter.pk}/password/", {"password1": "matkhau123", "password2": "matkhau123"}
        ).content.decode()
    )


def test_idle_thirty_minutes_ends_the_session(client, reporter, clock, real_session_limits):
    sign_in(client, "phongvien")
    clock.advance(minutes=29)
    assert client.get("/admin/").status_code == 200
    clock.advance(minutes=29)  # 29 minutes since the last request
    assert client.get("/admin/").status_code == 200
    clock.advance(minutes=31)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


def test_eight_hours_end_the_session_however_busy(client, reporter, clock, real_session_limits):
    sign_in(client, "phongvien")
    for _i in range(15):  # a request every 30 minutes less a second, 7.5 hours
        clock.advance(minutes=29, seconds=59)
        assert client.get("/admin/").status_code == 200
    clock.advance(minutes=31)
    assert client.get("/admin/").status_code == 302


def test_limits_come_from_configuration(client, reporter, clock, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    settings.SESSION_ABSOLUTE_TIMEOUT = 3600
    sign_in(client, "phongvien")
    clock.advance(minutes=6)
    assert client.get("/admin/").status_code == 302


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(reporter):
    here, elsewhere = Client(), Client()
    sign_in(here, "phongvien")
    sign_in(elsewhere, "phongvien", address="10.0.0.8")
    assert elsewhere.get("/admin/").status_code == 200
    response = here.post(
        "/admin/password_change/",
        {"old_password": "mat-khau-thu-nghiem", "new_password1": "Giao ban quý III tại Hà Nội",
         "new_password2": "Giao ban quý III tại Hà Nội"},
    )  # fmt: skip
    assert response.status_code == 302
    assert here.get("/admin/").status_code == 200
    gone = elsewhere.get("/admin/")
    assert gone.status_code == 302 and gone["Location"].startswith(LOGIN)

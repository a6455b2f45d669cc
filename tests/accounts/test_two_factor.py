"""Two-factor sign-in (django-otp: TOTP and recovery codes): required for Ban Biên tập,
Quản trị and Văn phòng, optional for the others; the code on the sign-in page or the next."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.editorial.enums import Role
from tests.accounts.conftest import authenticator, code_for, sign_in
from tests.factories import make_user

SETUP = "/admin/xac-thuc-hai-buoc/thiet-lap/"
VERIFY = "/admin/xac-thuc-hai-buoc/"


@pytest.mark.parametrize("role", [Role.BOARD, Role.ADMIN, Role.SECRETARIAT])
def test_a_required_role_without_an_authenticator_is_sent_to_set_one_up(client, role, clock, db):
    make_user(role, "canbo")
    response = sign_in(client, "canbo")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    # The admin stays closed until the set-up is done.
    blocked = client.get("/admin/")
    assert blocked.status_code == 302 and blocked["Location"].startswith(SETUP)
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "bắt buộc đăng nhập hai bước" in text
    assert "<svg" in text and "http" not in re.search(r"<svg.*?</svg>", text, re.S).group(0).replace(
        "http://www.w3.org/2000/svg", ""
    )
    device = TOTPDevice.objects.get(user__username="canbo", confirmed=False)
    wrong = client.post(SETUP + "?next=/admin/", {"otp_token": "000000" if code_for(device) != "000000" else "111111"})
    assert "Mã không đúng" in wrong.content.decode()
    clock.advance(seconds=2)  # django-otp throttles the next try for a second after a failure
    done = client.post(SETUP + "?next=/admin/", {"otp_token": code_for(device), "next": "/admin/"})
    assert done.status_code == 302 and "ma-du-phong" in done["Location"]
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page)
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    # Shown once.
    assert client.get(done["Location"]).status_code == 302


def test_code_on_the_same_page_as_the_password(client, board, clock):
    device = authenticator(board)
    response = sign_in(client, "banbientap", code=code_for(device))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_code_on_the_next_page(client, board, clock):
    device = authenticator(board)
    response = sign_in(client, "banbientap")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.get("/admin/").status_code == 302
    page = client.get(response["Location"])
    assert "Xác thực hai bước" in page.content.decode()
    done = client.post(response["Location"], {"otp_token": code_for(device), "next": "/admin/"})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_on_the_sign_in_page_refuses_and_counts(client, board, clock):
    device = authenticator(board)
    wrong = "123456" if code_for(device) != "123456" else "654321"
    response = sign_in(client, "banbientap", code=wrong)
    assert response.status_code == 200
    assert "Mã xác thực hai bước không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session
    for _i in range(4):
        clock.advance(seconds=31)
        sign_in(client, "banbientap", code=wrong)
    clock.advance(seconds=31)
    assert sign_in(Client(), "banbientap", code=code_for(device)).status_code == 429


def test_a_recovery_code_works_once(client, board, clock):
    client.force_login(board, verified=False)
    authenticator(board)
    from portal.accounts.views import _new_recovery_codes

    code = _new_recovery_codes(board)[0]
    assert client.post(VERIFY, {"otp_token": code, "next": "/admin/"})["Location"] == "/admin/"
    assert not StaticToken.objects.filter(token=code).exists()
    other = Client()
    other.force_login(board, verified=False)
    assert "Mã không đúng" in other.post(VERIFY, {"otp_token": code}).content.decode()


def test_optional_for_a_reporter_without_an_authenticator(client, reporter):
    response = sign_in(client, "phongvien")
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_reporter_who_turned_it_on_must_give_the_code(client, reporter, clock):
    device = authenticator(reporter)
    response = sign_in(client, "phongvien")
    assert response["Location"].startswith(VERIFY)
    assert client.get("/admin/news/article/").status_code == 302
    client.post(VERIFY, {"otp_token": code_for(device)})
    assert client.get("/admin/").status_code == 200


def test_a_reporter_may_turn_it_on(client, reporter, clock):
    client.force_login(reporter)
    page = client.get(SETUP).content.decode()
    assert "Thêm một bước xác thực" in page
    device = TOTPDevice.objects.get(user=reporter)
    client.post(SETUP, {"otp_token": code_for(device)})
    assert TOTPDevice.objects.get(user=reporter).confirmed


def test_a_password_alone_cannot_add_an_authenticator_to_an_account_that_has_one(client, board):
    authenticator(board)
    client.force_login(board, verified=False)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=board).count() == 1


def test_an_unverified_session_reads_public_pages_as_a_reader(client, board):
    client.force_login(board, verified=False)
    assert client.get("/").status_code == 200
    response = client.get("/admin/news/article/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_the_sign_in_pages_are_in_vietnamese(client, board, clock):
    text = client.get("/admin/login/").content.decode()
    for vietnamese in ("Tên đăng nhập", "Mật khẩu", "Mã xác thực hai bước", "Đăng nhập"):
        assert vietnamese in text
    for english in ("Username", "Password", "Log in"):
        assert english not in text


def test_signing_in_again_with_the_password_earns_no_fresh_guesses_at_the_code(client, board, clock):
    device = authenticator(board)
    wrong = "123456" if code_for(device) != "123456" else "654321"
    for _i in range(2):
        sign_in(client, "banbientap")  # the password is right: a session that owes the code
        clock.advance(seconds=31)
        client.post(VERIFY, {"otp_token": wrong}, REMOTE_ADDR="10.0.0.7")
        clock.advance(seconds=31)
        client.post(VERIFY, {"otp_token": wrong}, REMOTE_ADDR="10.0.0.7")
        clock.advance(seconds=31)
    response = sign_in(Client(), "banbientap")
    client.post(VERIFY, {"otp_token": wrong}, REMOTE_ADDR="10.0.0.7")
    assert sign_in(Client(), "banbientap", code=code_for(device)).status_code == 429
    assert response.status_code == 302

"""Lockout and throttling (django-axes): per account and address together, and per
account; never per address alone. Vietnamese message, unlock by Quản trị, audit lists."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client

from portal.editorial.enums import Role
from tests.accounts.conftest import LOGIN, sign_in
from tests.factories import make_user

LOCK_TEXT = "tạm thời bị khoá đăng nhập"


def fail(client, username, times, address="10.0.0.7"):
    for _i in range(times):
        response = sign_in(client, username, password="sai-mat-khau", address=address)
    return response


def test_forty_wrong_passwords_then_the_right_one_is_refused(client, reporter):
    """The finding: 40 wrong passwords, then the right one, logged in."""
    fail(client, "phongvien", 40)
    response = sign_in(client, "phongvien")
    assert response.status_code == 429
    text = response.content.decode()
    assert LOCK_TEXT in text and "nhờ Quản trị mở khoá" in text
    assert 'id="login-form"' in text  # the admin's sign-in page, not a bare text
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_lockout_comes_at_the_fifth_failure_not_before(client, reporter):
    response = fail(client, "phongvien", 4)
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert fail(client, "phongvien", 1).status_code == 429


def test_colleagues_behind_the_same_address_are_not_locked_out(client, reporter, editor):
    """One office, one address: someone hammering one account blocks nobody else."""
    fail(client, "phongvien", 25, address="10.1.1.1")
    response = sign_in(Client(), "bientap", address="10.1.1.1")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_same_account_from_another_address_still_signs_in_below_the_account_limit(client, reporter):
    fail(client, "phongvien", 5, address="10.1.1.1")
    assert sign_in(Client(), "phongvien", address="10.1.1.1").status_code == 429
    assert sign_in(Client(), "phongvien", address="10.2.2.2").status_code == 302


def test_guessing_one_account_from_many_addresses_locks_the_account(client, reporter, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 20
    for n in range(20):
        fail(client, "phongvien", 1, address=f"10.3.0.{n + 1}")
    assert sign_in(Client(), "phongvien", address="10.9.9.9").status_code == 429


def test_a_forged_forwarded_for_does_not_escape_the_lockout(client, reporter):
    for n in range(6):
        sign_in(client, "phongvien", password="sai", address="10.1.1.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = sign_in(client, "phongvien", address="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


def test_a_lockout_ends_the_accounts_other_sessions(reporter):
    mine = Client()
    assert sign_in(mine, "phongvien").status_code == 302
    assert mine.get("/admin/").status_code == 200
    fail(Client(), "phongvien", 5, address="10.6.6.6")
    response = mine.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_quan_tri_unlocks_from_the_vietnamese_audit_list(client, reporter, administrator):
    fail(Client(), "phongvien", 5)
    assert sign_in(Client(), "phongvien").status_code == 429
    client.force_login(administrator)
    listing = client.get("/admin/accounts/loginattempt/")
    text = listing.content.decode()
    assert listing.status_code == 200
    assert "Mở khoá đăng nhập cho các tài khoản đã chọn" in text
    assert "phongvien" in text
    for english in ("access attempt", "Failed Logins", "Attempt Time", "Username"):
        assert english not in text
    ids = [str(pk) for pk in AccessAttempt.objects.filter(username="phongvien").values_list("pk", flat=True)]
    response = client.post("/admin/accounts/loginattempt/", {"action": "unlock", "_selected_action": ids}, follow=True)
    assert "Đã mở khoá 1 tài khoản: phongvien." in response.content.decode()
    assert sign_in(Client(), "phongvien").status_code == 302


def test_every_success_and_failure_is_in_the_audit_lists(client, reporter, administrator):
    sign_in(Client(), "phongvien", password="sai", address="10.4.4.4")
    sign_in(Client(), "phongvien", address="10.4.4.5")
    assert AccessFailureLog.objects.filter(username="phongvien", ip_address="10.4.4.4").count() == 1
    assert AccessLog.objects.filter(username="phongvien", ip_address="10.4.4.5").count() == 1
    client.force_login(administrator)
    failures = client.get("/admin/accounts/loginfailure/").content.decode()
    successes = client.get("/admin/accounts/loginrecord/").content.decode()
    assert "10.4.4.4" in failures and "nhật ký đăng nhập thất bại" in failures.lower()
    assert "10.4.4.5" in successes and "nhật ký đăng nhập thành công" in successes.lower()


def test_only_quan_tri_sees_the_sign_in_audit(client, board):
    client.force_login(board)
    assert client.get("/admin/accounts/loginattempt/").status_code == 403
    assert client.get("/admin/accounts/loginrecord/").status_code == 403


def test_a_secretariat_member_is_not_quan_tri(client, db):
    client.force_login(make_user(Role.SECRETARIAT, "vanphong"))
    assert client.get("/admin/accounts/loginfailure/").status_code == 403

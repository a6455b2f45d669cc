"""Signing in, in Chromium: the password and the authenticator's code, setting up an
authenticator, a lockout and its unlock by Quản trị, single sign-on through the loopback
identity provider; axe on every sign-in page."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from portal.editorial.enums import Role
from tests.accounts import sso
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)

provider = sso.provider
portal_with_sso = sso.portal_with_sso


def code_from_secret(secret: str) -> str:
    raw = secret.replace(" ", "")
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    return f"{TOTP(key).token():06d}"


def test_a_board_member_signs_in_with_password_and_code(live_server, page, shot, axe_check):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.conftest import code_for

    user = make_user(Role.BOARD, "banbientap", first_name="Hà", last_name="Lê Thị Thu")
    device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    shot(page, "login")
    axe_check(page)
    page.get_by_label("Tên đăng nhập").fill("banbientap")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    # No code on the first page: the next page asks for it.
    expect(page.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
    axe_check(page)
    shot(page, "login-code")
    page.get_by_label("Mã xác thực").fill(code_for(device))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Biên tập nội dung").first).to_be_visible()
    assert page.url == f"{live_server.url}/admin/"


def test_a_secretariat_member_sets_up_an_authenticator(live_server, page, shot, axe_check):
    make_user(Role.SECRETARIAT, "vanphong")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Thiết lập xác thực hai bước")).to_be_visible()
    expect(page.locator(".accounts-qr svg")).to_be_visible()
    shot(page, "two-factor-setup")
    axe_check(page)
    secret = page.locator(".accounts-secret").inner_text()
    page.get_by_label("Mã xác thực").fill(code_from_secret(secret))
    page.get_by_role("button", name="Xác nhận và bật").click()
    expect(page.get_by_role("heading", name="Mã dự phòng")).to_be_visible()
    assert page.locator(".accounts-codes li").count() == 10
    axe_check(page)
    shot(page, "two-factor-recovery-codes")
    page.get_by_role("link", name="Tôi đã lưu mã, tiếp tục").click()
    expect(page.get_by_text("Biên tập nội dung").first).to_be_visible()


def test_lockout_and_unlock_by_quan_tri(live_server, browser, page, login_as, shot, axe_check):
    make_user(Role.REPORTER, "phongvien")
    page.goto(f"{live_server.url}/admin/login/")
    for _i in range(5):
        page.get_by_label("Tên đăng nhập").fill("phongvien")
        page.locator("#id_password").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("tạm thời bị khoá đăng nhập")
    shot(page, "login-locked")
    axe_check(page)
    page.get_by_label("Tên đăng nhập").fill("phongvien")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("nhờ Quản trị mở khoá")

    admin_context = browser.new_context(locale="vi-VN")
    login_as(admin_context, make_user(Role.ADMIN, "quantri"))
    admin_page = admin_context.new_page()
    admin_page.goto(f"{live_server.url}/admin/accounts/loginattempt/")
    admin_page.locator("input.action-select").first.check()
    admin_page.locator("select[name=action]").select_option("unlock")
    admin_page.get_by_role("button", name=re.compile("Thực hiện|Đi|Go")).click()
    expect(admin_page.locator(".messagelist")).to_contain_text("Đã mở khoá 1 tài khoản: phongvien.")
    shot(admin_page, "login-unlock")
    admin_context.close()

    page.get_by_label("Tên đăng nhập").fill("phongvien")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Biên tập nội dung").first).to_be_visible()


def test_single_sign_on_in_the_browser(portal_with_sso, page, shot):
    from django.contrib.auth.models import User

    page.goto(f"{portal_with_sso}/admin/login/")
    shot(page, "login-with-sso")
    page.get_by_role("link", name="Đăng nhập một lần (SSO) của Bộ").click()
    page.get_by_label("Tài khoản").fill("nguyenvana")
    page.get_by_label("Mật khẩu").fill(sso.SSO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Biên tập nội dung").first).to_be_visible()
    assert page.url == f"{portal_with_sso}/admin/"
    assert User.objects.get(username="nguyenvana").groups.filter(name=Role.BOARD.value).exists()

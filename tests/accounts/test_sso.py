"""Single sign-on against a real OpenID Connect provider (django-oauth-toolkit) that the
test starts on loopback in a second process: a real authorization-code sign-in (PKCE),
the claims mapped to the portal's roles, the local sign-in kept for break-glass."""

from __future__ import annotations

import re

import pytest
import requests
from django.contrib.auth.models import User

from portal.editorial.enums import Role
from tests.accounts import sso

provider = sso.provider  # the fixtures, shared with tests/e2e
portal_with_sso = sso.portal_with_sso

pytestmark = pytest.mark.django_db(transaction=True)


def sso_sign_in(portal: str, username: str, password: str = "mat-khau-sso") -> requests.Response:  # noqa: S107
    browser = requests.Session()
    form = browser.get(f"{portal}/admin/login/")
    assert "Đăng nhập một lần (SSO) của Bộ" in form.text
    login_page = browser.get(f"{portal}/admin/sso/?next=/admin/")
    assert "Hệ thống đăng nhập một lần" in login_page.text, login_page.text[:500]
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', login_page.text).group(1).replace("&amp;", "&")
    response = browser.post(
        login_page.url.split("?")[0],
        data={"csrfmiddlewaretoken": csrf, "username": username, "password": password, "next": next_url},
        headers={"Referer": login_page.url},
    )
    response.browser = browser
    return response


def test_an_authorization_code_sign_in_lands_in_the_admin_with_the_mapped_role(portal_with_sso):
    response = sso_sign_in(portal_with_sso, "nguyenvana")
    assert response.url == f"{portal_with_sso}/admin/", [r.url for r in response.history]
    assert response.status_code == 200
    assert "Văn An" in response.text  # the admin greets the person by the name the provider gave
    user = User.objects.get(username="nguyenvana")
    assert set(user.groups.values_list("name", flat=True)) == {Role.BOARD.value}
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    # The board's queue opens: the role works, and the provider's sign-in stood for the second factor.
    assert response.browser.get(f"{portal_with_sso}/admin/cho-duyet/").status_code == 200


def test_roles_follow_the_claims_at_every_sign_in(portal_with_sso):
    sso_sign_in(portal_with_sso, "tranthib")
    user = User.objects.get(username="tranthib")
    assert set(user.groups.values_list("name", flat=True)) == {Role.REPORTER.value, Role.EDITOR.value}
    from django.contrib.auth.models import Group

    # A role given by hand does not survive a sign-in whose claims say otherwise.
    user.groups.add(Group.objects.get_or_create(name=Role.ADMIN.value)[0])
    sso_sign_in(portal_with_sso, "tranthib")
    assert Role.ADMIN.value not in set(user.groups.values_list("name", flat=True))


def test_someone_with_no_portal_role_is_refused(portal_with_sso):
    response = sso_sign_in(portal_with_sso, "khach")
    assert response.url.startswith(f"{portal_with_sso}/admin/login/")
    assert not User.objects.filter(username="khach").exists()


def test_the_local_sign_in_stays_for_break_glass(portal_with_sso, reporter):
    browser = requests.Session()
    page = browser.get(f"{portal_with_sso}/admin/login/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = browser.post(
        f"{portal_with_sso}/admin/login/",
        data={
            "csrfmiddlewaretoken": csrf,
            "username": "phongvien",
            "password": "mat-khau-thu-nghiem",
            "next": "/admin/",
        },
        headers={"Referer": page.url},
    )
    assert response.url == f"{portal_with_sso}/admin/"


def test_sso_is_off_by_default(client, db):
    assert client.get("/admin/sso/").status_code == 404
    assert "SSO" not in client.get("/admin/login/").content.decode()

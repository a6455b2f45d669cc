"""Single sign-on with the ministry's identity provider over OpenID Connect
(mozilla-django-oidc), switched on by ``OIDC_ENABLED``. The local sign-in stays for
break-glass. Accounts are matched by ``OIDC_USERNAME_CLAIM`` (``preferred_username``);
the roles come from ``OIDC_ROLES_CLAIM`` (``roles``; a list or a space-separated
string) through ``OIDC_ROLE_MAP`` and are set again at every sign-in. Someone whose
claims map to no portal role is refused. Nobody becomes a superuser through SSO."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.http import Http404
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from portal.editorial.enums import Role

log = logging.getLogger(__name__)

DEFAULT_ROLE_MAP = {
    "reporter": Role.REPORTER,
    "editor": Role.EDITOR,
    "board": Role.BOARD,
    "admin": Role.ADMIN,
    "secretariat": Role.SECRETARIAT,
    **{role.value: role for role in Role},
}


def role_map() -> dict[str, Role]:
    """``OIDC_ROLE_MAP`` ("claim value=Role name;…"), or the default map (English keys
    and the Vietnamese group names)."""
    configured = settings.OIDC_ROLE_MAP
    if not configured:
        return DEFAULT_ROLE_MAP
    mapping = {}
    for pair in configured.split(";"):
        if "=" in pair:
            claim, role = (part.strip() for part in pair.split("=", 1))
            mapping[claim] = Role(role)
    return mapping


def roles_from_claims(claims: dict) -> set[Role]:
    raw = claims.get(settings.OIDC_ROLES_CLAIM) or []
    if isinstance(raw, str):
        raw = raw.split()
    mapping = role_map()
    return {mapping[value] for value in raw if value in mapping}


class OIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        username = claims.get(settings.OIDC_USERNAME_CLAIM)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username__iexact=username)

    def verify_claims(self, claims):
        if not claims.get(settings.OIDC_USERNAME_CLAIM):
            return False
        if not roles_from_claims(claims):
            log.warning("SSO: %s không có vai trò nào của cổng; từ chối.", claims.get(settings.OIDC_USERNAME_CLAIM))
            return False
        return True

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(
            username=claims[settings.OIDC_USERNAME_CLAIM], email=claims.get("email", "")
        )
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        roles = roles_from_claims(claims)
        user.first_name = claims.get("given_name", user.first_name)[:150]
        user.last_name = claims.get("family_name", user.last_name)[:150]
        user.email = claims.get("email", user.email)
        user.is_staff = bool(roles)
        user.save()
        role_groups = Group.objects.filter(name__in=[r.value for r in Role])
        user.groups.remove(*role_groups)
        user.groups.add(*[Group.objects.get_or_create(name=r.value)[0] for r in roles])
        return user


def _enabled(view):
    def wrapped(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


authentication_init = _enabled(oidc_views.OIDCAuthenticationRequestView.as_view())
authentication_callback = _enabled(oidc_views.OIDCAuthenticationCallbackView.as_view())

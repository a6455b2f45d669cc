"""Prepare and start the test identity provider:

    python -m tests.accounts.oidc_provider.start FOLDER PORT REDIRECT_URI

makes an RSA key, a SQLite database, a registered client (``portal`` / ``portal-secret``,
authorization code, RS256, no consent screen) and one user per line of ``users.txt`` in
FOLDER (``username password given family group…``), then serves on 127.0.0.1:PORT until
killed."""

import os
import sys
from pathlib import Path

CLIENT_ID = "portal"
CLIENT_SECRET = "portal-secret"  # noqa: S105 (a test provider's client)


def main(folder: str, port: str, redirect_uri: str) -> None:
    folder_path = Path(folder)
    key_path = folder_path / "key.pem"
    if not key_path.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    os.environ["OIDC_PROVIDER_DB"] = str(folder_path / "idp.sqlite3")
    os.environ["OIDC_PROVIDER_KEY"] = str(key_path)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.accounts.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    Application.objects.update_or_create(
        client_id=CLIENT_ID,
        defaults={
            "name": "Cổng TTĐT",
            "client_secret": CLIENT_SECRET,
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": redirect_uri,
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
        },
    )
    for line in (folder_path / "users.txt").read_text(encoding="utf-8").splitlines():
        username, password, given, family, *groups = line.split("\t")
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name, user.email = given, family, f"{username}@mic.gov.vn"
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=g)[0] for g in groups])
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True, verbosity=0)


if __name__ == "__main__":
    main(*sys.argv[1:4])

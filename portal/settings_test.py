"""Settings of the test run (``pyproject.toml`` names this module for pytest-django).

The production settings (``portal/settings.py``: DEBUG off, as pytest-django also makes
sure), with only what a test run must set itself:

- a fixed secret key and loopback hosts (production refuses to start without them; Django's
  test set-up adds ``testserver``);
- cookies without the Secure flag: the test servers speak plain HTTP on loopback;
- static files under their own names, not from the collected manifest, so a test never
  depends on the last ``collectstatic``;
- ``/media/`` served by Django, as on a single server without nginx.

A process started by a test that must run exactly as production does (the two-server
test's gunicorn) names ``portal.settings`` itself.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_COOKIES", "0")
# Tests move the clock by days while signed in: session limits far away (tests/accounts
# sets the real ones where it tests them).
os.environ.setdefault("SESSION_IDLE_MINUTES", str(60 * 24 * 3650))
os.environ.setdefault("SESSION_MAX_HOURS", str(24 * 3650))

from portal.settings import *  # noqa: E402, F403
from portal.settings import STORAGES  # noqa: E402

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SERVE_MEDIA = True

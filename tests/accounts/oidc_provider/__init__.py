"""A real OpenID Connect provider for the single sign-on test: django-oauth-toolkit in a
tiny Django project of its own, run in a second process on loopback with its own SQLite
database (``start.py``). Nothing of the portal is imported here."""

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Test users are made by the hundred: a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _commit_callbacks(run_on_commit):
    """Signals sent after commit (notifications, search index, slug redirects) run here."""

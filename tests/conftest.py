"""The one set of shared fixtures: every folder gets the same settings, users for each
role, a clock and a test client whose requests commit. Tests run on the real PostgreSQL
started by the Makefile (DATABASE_URL); pytest-django makes a throwaway ``test_portal``
database in it (``TEST_DB_NAME``). Folder conftests hold only what is theirs (the
meetings and statistics reference data, the browser, the shared cache).

On-commit callbacks (the ``transitioned`` signal: e-mails, search index, slug redirects,
cache generation) run as a real commit would run them:

- a request made with ``client`` runs them when it ends;
- the factories' workflow steps run them (``tests.factories.transition``, ``committed``);
- a test calling a service itself wraps the call in
  ``with django_capture_on_commit_callbacks(execute=True):``.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests import factories
from tests.factories import make_user  # noqa: F401  (imported from here by older tests)

# -- the database -----------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def _flush_past_audit_triggers():
    """The audit tables refuse TRUNCATE (a database trigger), and so would the flush that
    ends a transactional test. The test database's flush alone runs with the triggers
    off (``session_replication_role``, a superuser's setting); the code under test never."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if not statements:
            return statements
        return ["SET session_replication_role = replica", *statements, "SET session_replication_role = DEFAULT"]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = original


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """A transactional test with ``serialized_rollback`` ends by flushing the database
    without re-running post_migrate, so the next test makes content types with new ids
    while Django's per-process cache still holds the old ones (a foreign-key error on the
    first revision saved). Every test starts from what the database holds."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _statistics_catalogue(request):
    """The sectors and indicators as the data migration leaves them (a transactional test
    earlier in the run, or in the previous run of a reused database, may have flushed
    them): loaded, and not in the search index (the migration indexes nothing; tests
    that search them call ``stats.services.reindex_indicators``)."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    from django.contrib.contenttypes.models import ContentType

    from portal.search.models import SearchDocument
    from stats.catalogue import INDICATORS, load
    from stats.models import Indicator, Sector

    if Indicator.objects.count() < len(INDICATORS):
        load(Sector, Indicator)
        SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(Indicator)).delete()


# -- settings ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads in a temporary folder, e-mail kept in ``mail.outbox``, a process-local
    cache emptied for each test, and a fast password hasher (users are made by the
    hundred)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the thread: start each test in Vietnamese."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


# -- signing in -------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def _force_login_passes_second_factor():
    """``client.force_login(user)`` of a role that needs two-factor sign-in (Ban Biên tập,
    Quản trị, Văn phòng) also passes the second factor, as a real sign-in with a code
    would; ``force_login(user, verified=False)`` does not (tests/accounts/support.py)."""
    from tests.accounts.support import force_login_passes_second_factor

    with force_login_passes_second_factor():
        yield


# -- the client -------------------------------------------------------------------------


class CommittingClient(Client):
    """The test client, each request followed by its commit: the on-commit callbacks
    registered while the request ran are run when it ends (the test's own transaction
    never commits)."""

    def request(self, **request):
        with factories.committed():
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


# -- users ------------------------------------------------------------------------------


@pytest.fixture
def reporter(db):
    return factories.ReporterFactory(username="phongvien")


@pytest.fixture
def reporter2(db):
    return factories.ReporterFactory(username="phongvien2")


@pytest.fixture
def editor(db):
    return factories.EditorFactory(username="bientap")


@pytest.fixture
def board(db):
    return factories.BoardFactory(username="banbientap")


@pytest.fixture
def board2(db):
    return factories.BoardFactory(username="banbientap2")


@pytest.fixture
def administrator(db):
    return factories.AdministratorFactory(username="quantri")


@pytest.fixture
def staff_reader(db):
    return factories.UserFactory(username="canbo", is_staff=True)


# -- the clock --------------------------------------------------------------------------


class Clock:
    """The test's clock (time-machine), stopped at the moment the test started until the
    test moves it. Everything that reads the time follows it: ``timezone.now()``,
    ``datetime.now()``, ``date.today()``, ``time.time()`` and so model defaults
    (``default=timezone.now``, ``auto_now_add``, ``auto_now``) and cache expiry. The
    database's own ``now()`` does not move (the code never uses it)."""

    def __init__(self, traveller: time_machine.Coordinates):
        self._traveller = traveller

    @property
    def now(self) -> dt.datetime:
        return timezone.now()

    def set(self, when: dt.datetime) -> None:
        if timezone.is_naive(when):
            raise ValueError("clock.set needs an aware datetime")
        self._traveller.move_to(when)

    def advance(self, **delta) -> None:
        self._traveller.shift(dt.timedelta(**delta))


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield Clock(traveller)

"""An upgrade of a database that holds data: the migrations of this round, applied to a
portal at the previous release's schema with articles, meetings, directives and search
documents in it, as ``make run`` and a deployment apply them.

An empty test database cannot show a migration that fails on rows (news 0005 did, on the
demo database: its byline updates left trigger events pending when an index was made). Here
the schema of the previous release is built in its own database, filled through the
historical models of that schema, then migrated to the current one; what the migrations
derive from the rows is checked (byline addresses, directive numbers, search columns).
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PGBIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]

# The schema of the previous release: each app's last migration then.
PREVIOUS_RELEASE = [
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("core", "0001_initial"),
    ("editorial", "0003_audit_logs_and_secretariat"),
    ("search", "0003_narrow_rows"),
    ("news", "0004_schedule_indexes"),
    ("meetings", "0008_editorial_schedule_indexes"),
    ("stats", "0005_editorial_schedule_indexes"),
]

# Filled through the historical models of PREVIOUS_RELEASE (run by ``manage.py shell``).
FILL = textwrap.dedent(
    """
    import datetime as dt
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.utils import timezone

    targets = {targets!r}
    apps = MigrationLoader(connection).project_state(targets).apps
    User = apps.get_model("auth", "User")
    Category = apps.get_model("news", "Category")
    Article = apps.get_model("news", "Article")
    Unit = apps.get_model("meetings", "Unit")
    Meeting = apps.get_model("meetings", "Meeting")
    Directive = apps.get_model("meetings", "Directive")
    ContentType = apps.get_model("contenttypes", "ContentType")
    SearchDocument = apps.get_model("search", "SearchDocument")

    now = timezone.now()
    author = User.objects.create(username="pv.hoa", first_name="Văn Hòa", last_name="Phạm", is_staff=True)
    category = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong")
    bylines = ["Phạm Văn Hòa", "Phạm Văn Hoà", "PHẠM VĂN HÒA", "Trần Thị Lan", ""]
    for n in range(40):
        Article.objects.create(
            title=f"Bài viết số {{n}}", slug=f"bai-viet-so-{{n}}", lead="Sapo.", body="<p>Nội dung.</p>",
            byline=bylines[n % len(bylines)], created_by=author, category=category,
            state="published", live=True, publish_at=now - dt.timedelta(days=n),
        )
    unit = Unit.objects.create(name="Cục Viễn thông")
    ct = ContentType.objects.get_or_create(app_label="news", model="article")[0]
    for m in range(3):
        meeting = Meeting.objects.create(
            title=f"Giao ban tháng {{m + 1}}", slug=f"giao-ban-thang-{{m + 1}}", kind="giao_ban",
            start_at=now - dt.timedelta(days=30 * m), created_by=author,
        )
        for d in range(4):  # added inline: every one numbered 1
            Directive.objects.create(
                meeting=meeting, lead_unit=unit, text=f"Nhiệm vụ {{d}}", number=1,
                deadline=(now + dt.timedelta(days=d)).date(),
            )
    for article in Article.objects.all():
        SearchDocument.objects.create(
            content_type=ct, object_id=article.pk, kind="Tin tức", title=article.title,
            url=f"/tin-tuc/{{article.slug}}/", publish_at=article.publish_at, body="Nội dung.\\n\\n  Đoạn hai.",
        )
    Release = apps.get_model("stats", "Release")
    TransitionLog = apps.get_model("editorial", "TransitionLog")
    release = Release.objects.create(year=2026, month=9, created_by=author, state="published", live=True, publish_at=now)
    release_ct = ContentType.objects.get_or_create(app_label="stats", model="release")[0]
    for article in Article.objects.all()[:5]:
        TransitionLog.objects.create(
            content_type=ct, object_id=article.pk, action="publish", from_state="pending", to_state="published",
            user=author,
        )
    TransitionLog.objects.create(
        content_type=release_ct, object_id=release.pk, action="publish", from_state="pending",
        to_state="published", user=author,
    )
    print("filled", Article.objects.count(), Directive.objects.count(), SearchDocument.objects.count())
    """
)

CHECK = textwrap.dedent(
    """
    from news.models import Article
    from meetings.models import Directive
    from portal.search.models import SearchDocument
    slugs = sorted(set(Article.objects.exclude(byline="").values_list("byline_slug", flat=True)))
    numbers = sorted(
        (d.meeting_id, d.number) for d in Directive.objects.order_by("meeting_id", "number")
    )
    print("slugs", slugs)
    print("numbers", [n for _, n in numbers])
    print("periods", SearchDocument.objects.filter(period__lt=1000000).count(), SearchDocument.objects.count())
    print("titles", SearchDocument.objects.exclude(title_plain="").count())
    print("one line", SearchDocument.objects.filter(body="Nội dung. Đoạn hai.").count())
    from stats.models import Release
    from portal.editorial.models import TransitionLog
    print("release", [str(r) for r in Release.objects.all()], TransitionLog.objects.count())
    """
)


def _server_url(name: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _psql(sql: str) -> None:
    subprocess.run([PGBIN / "psql", "-qtA", "-d", _server_url("postgres"), "-c", sql], check=True, capture_output=True)


def _manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"manage.py {' '.join(args[:2])}:\n{done.stdout[-3000:]}\n{done.stderr[-1500:]}"
    return done.stdout


@pytest.fixture(scope="module")
def old_portal():
    name = f"upgrade_{os.getpid()}"
    _psql(f'DROP DATABASE IF EXISTS "{name}"')
    _psql(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings_test", "DATABASE_URL": _server_url(name)}
    try:
        for app, migration in PREVIOUS_RELEASE:
            _manage(env, "migrate", app, migration, "--noinput", "-v", "1")
        filled = _manage(env, "shell", "-c", FILL.format(targets=PREVIOUS_RELEASE))
        assert "filled 40 12 40" in filled
        yield env
    finally:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_database_holding_data_migrates_to_this_release(old_portal):
    _manage(old_portal, "migrate", "--noinput", "-v", "1")
    out = _manage(old_portal, "shell", "-c", CHECK)
    # Each byline has its own address: the same name written three ways shares one.
    assert "slugs ['pham-van-hoa', 'tran-thi-lan']" in out
    # The directives numbered 1 inline are numbered 1..n in each meeting.
    assert "numbers [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]" in out
    # Every search document got its half-year and its title without diacritics.
    assert "periods 40 40" in out and "titles 40" in out
    # Their text is kept on one line, as the search's snippets read it.
    assert "one line 40" in out
    # The release and the audit log come through whole.
    assert "release ['Tổng quan một số lĩnh vực ngành TT&TT tháng 09/2026'] 6" in out
    # And nothing is left for makemigrations to do on the upgraded database.
    _manage(old_portal, "makemigrations", "--check", "--dry-run", "-v", "0")

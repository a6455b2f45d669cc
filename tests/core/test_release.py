"""Cache keys carry the release: a deploy with a changed template, translation or style
never serves what the previous code cached, and servers with the same code agree."""

import shutil
from pathlib import Path

from django.conf import settings

from portal.release import code_version, release_id

ROOT = Path(__file__).resolve().parents[2]


def _copy(tmp_path, name):
    target = tmp_path / name
    for d in ("templates", "locale", "static"):
        if (ROOT / d).exists():
            shutil.copytree(ROOT / d, target / d, ignore=shutil.ignore_patterns("*.po"))
    return target


def test_same_code_same_release_changed_template_new_release(tmp_path):
    one, two = _copy(tmp_path, "server1"), _copy(tmp_path, "server2")
    assert code_version(one) == code_version(two)
    page = two / "templates" / "base.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<!-- mới --></body>"), encoding="utf-8")
    assert code_version(one) != code_version(two)


def test_release_id_from_the_environment_and_in_every_cache_key(monkeypatch):
    monkeypatch.setenv("RELEASE_ID", "2026-11-25.1")
    assert release_id(ROOT) == "2026-11-25.1"
    monkeypatch.delenv("RELEASE_ID")
    assert release_id(ROOT) == code_version(ROOT)
    assert settings.CACHE_KEY_PREFIX.startswith("portal-")

"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live
server (a real PostgreSQL test database). Screenshots go to test-results/."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# tests themselves are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args():
    return {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def shot():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login_as(live_server):
    """Give a browser context the session of ``user`` (as if they had signed in, with the
    code of their authenticator when their role needs two-factor sign-in: the root
    conftest's ``force_login`` passes it; ``verified=False`` leaves it owed)."""

    def login(context, user, *, verified=True):
        client = Client()
        client.force_login(user, verified=verified)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    return login


@pytest.fixture
def axe_check():
    """Run axe-core on the page: no WCAG 2.1 A/AA violations."""

    def check(page):
        # Evaluated over DevTools, not added as an inline <script> (the pages' CSP refuses those).
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;window.axe = axe; true")
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a','wcag2aa','wcag21a','wcag21aa']}})"
        )
        problems = [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
        assert problems == [], "\n".join(problems)

    return check

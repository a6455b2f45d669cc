"""The browser set-up of tests/e2e (Debian's Chromium, the signed-in context, screenshots)
for the CSP test, and the production page cache of tests/perf."""

from tests.e2e.conftest import browser_context_args, browser_type_launch_args, login_as, shot  # noqa: F401
from tests.perf.conftest import shared_cache  # noqa: F401

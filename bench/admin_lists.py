"""Admin change lists at bench scale, in-process, as a signed-in administrator (issue 9:
each under 300 ms). Prints the best of 3 per page with its number of SQL statements.

    DJANGO_SETTINGS_MODULE=portal.settings_test DATABASE_URL=postgres://postgres@127.0.0.1:54329/bench \\
        .venv/bin/python bench/admin_lists.py
"""

import sys
import time
from pathlib import Path

PAGES = [
    "/admin/news/article/",
    "/admin/news/article/?o=-4",
    "/admin/news/article/?q=chuyen+doi+so",
    "/admin/news/article/?state=published",
    "/admin/news/article/?nam=2024",
    "/admin/meetings/meeting/",
    "/admin/stats/release/",
    "/admin/stats/indicator/",
    "/admin/cho-duyet/",
    "/admin/viec-cua-toi/",
    "/admin/editorial/transitionlog/",
    "/admin/editorial/changelog/",
    "/admin/",
]


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    from tests.accounts.support import force_login_passes_second_factor

    with force_login_passes_second_factor():
        client = Client()
        client.force_login(User.objects.filter(is_superuser=True).first())
    print("| page | best of 3, ms | status | SQL |\n| --- | ---: | --- | ---: |")
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=True):  # DEBUG only to count the SQL
        for path in PAGES:
            client.get(path)
            times = []
            for _ in range(3):
                reset_queries()
                start = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - start)
            print(f"| `{path}` | {min(times) * 1000:.0f} | {response.status_code} | {len(connection.queries)} |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()

"""Runs in a freshly spawned process (no Django state inherited from the test process):
posts the visit beacon ``hits`` times, each as a new browser, on its own database
connection to the test database."""

from __future__ import annotations

import os


def hit(db_name: str, article_pk: int, hits: int, barrier) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"]["NAME"] = db_name
    settings.ALLOWED_HOSTS = ["testserver"]

    from django.db import connections
    from django.test import Client

    client = Client()
    barrier.wait(timeout=60)
    try:
        for n in range(hits):
            client.cookies.clear()  # a new browser each time: a new visit
            # ... each from its own address, as many readers are: no rate limit is reached.
            address = f"10.{os.getpid() % 250}.{n // 250}.{n % 250 + 1}"
            response = client.post("/dem-truy-cap/", {"article": str(article_pk)}, REMOTE_ADDR=address)
            if response.status_code != 200:
                raise SystemExit(f"beacon answered {response.status_code}")
    finally:
        connections.close_all()

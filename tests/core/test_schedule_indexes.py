"""The schedule and expiry indexes are declared once, on ``EditorialModel``: every
editorial model has both, in the database, under its own name."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from portal.editorial.models import EditorialModel

EDITORIAL_MODELS = sorted((m for m in apps.get_models() if issubclass(m, EditorialModel)), key=lambda m: m._meta.label)


def test_every_workflow_app_has_an_editorial_model():
    assert {m._meta.label for m in EDITORIAL_MODELS} >= {
        "news.Article",
        "meetings.Meeting",
        "meetings.PublicSummary",
        "stats.Release",
    }


@pytest.mark.parametrize("model", EDITORIAL_MODELS, ids=lambda m: m._meta.label)
def test_schedule_and_expiry_indexes_exist(db, model):
    name = model._meta.model_name
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    assert constraints[f"{name}_schedule_idx"]["columns"] == ["publish_at"]
    assert constraints[f"{name}_expiry_idx"]["columns"] == ["expire_at"]
    declared = {i.name for i in model._meta.indexes}
    assert {f"{name}_schedule_idx", f"{name}_expiry_idx"} <= declared

"""What the generators share: the two bench users, writing model instances with
PostgreSQL ``COPY``, reserving primary keys, and the workflow history of a new item.

Content rows are written in bulk, but their workflow fields, audit rows and revisions
come from ``portal.editorial.services.replay`` (the helpers of ``transition`` itself) and
their search documents from ``portal.search.services.index_items`` (the document builders
of ``index_item``): a change of the workflow's rules or of a document changes the bench.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable

from django.contrib.auth.models import Group, User
from django.db import connection, models

from portal.editorial.enums import Action, Role
from portal.editorial.models import Revision, TransitionLog
from portal.editorial.services import History, Step, replay

AUTHOR = "bench"  # a reporter: creates, saves and submits every generated item
APPROVER = "bench-duyet"  # a board member: approves them (never the author: the second pair of eyes)


def users() -> tuple[User, User]:
    """The author and the approver of the generated content (made once, with their roles)."""
    made = []
    for username, role in ((AUTHOR, Role.REPORTER), (APPROVER, Role.BOARD)):
        user, _ = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
        made.append(user)
    return made[0], made[1]


def published_history(
    *,
    item,
    author,
    approver,
    created: dt.datetime,
    submitted: dt.datetime | None,
    approved: dt.datetime | None,
    publish_at: dt.datetime | None = None,
    now: dt.datetime,
    m2m: dict | None = None,
    parts: dict | None = None,
) -> History:
    """The common life of a generated item: created (and its content saved) by ``author``,
    submitted, approved by ``approver`` for ``publish_at`` (None: at once), each step only
    if it has happened by ``now``. Sets the item's workflow fields; returns its rows."""
    steps = [Step(at=created, user=author)]
    if submitted is not None and submitted <= now:
        steps.append(Step(at=submitted, user=author, action=Action.SUBMIT))
        if approved is not None and approved <= now:
            steps.append(Step(at=approved, user=approver, action=Action.PUBLISH, publish_at=publish_at))
    return replay(item=item, steps=steps, m2m=m2m, parts=parts)


# -- COPY ----------------------------------------------------------------------------------

NULL = "\\N"


def cell(value, field: models.Field | None = None):
    """One value as PostgreSQL's CSV ``COPY`` reads it."""
    if value is None:
        return NULL
    if isinstance(field, models.JSONField):
        return json.dumps(value, cls=field.encoder, ensure_ascii=False)
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dt.date):  # dates and aware datetimes
        return value.isoformat()
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    return value


def copy(cursor, table: str, columns: list[str], rows: Iterable[list]) -> int:
    """``COPY`` rows (lists of values already passed through ``cell``) into ``table``."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    if not n:
        return 0
    buf.seek(0)
    quote = connection.ops.quote_name
    cols = ", ".join(quote(c) for c in columns)
    raw = getattr(cursor, "cursor", cursor)
    raw.copy_expert(f"COPY {quote(table)} ({cols}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buf)
    return n


def copy_instances(cursor, model: type[models.Model], objs: list[models.Model]) -> int:
    """``COPY`` model instances with every concrete column as the instance holds it (the
    primary key from ``reserve_ids``, or left to the database when the first has none;
    ``auto_now`` times as set, not now)."""
    if not objs:
        return 0
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and objs[0].pk is None)]
    rows = ([cell(getattr(obj, f.attname), f) for f in fields] for obj in objs)
    return copy(cursor, model._meta.db_table, [f.column for f in fields], rows)


def copy_dicts(cursor, model_or_table, rows: list[dict], columns: list[str] | None = None) -> int:
    """``COPY`` dicts keyed by attname into a model's table (every concrete field given,
    so that no column is silently defaulted) or into ``table`` with ``columns``."""
    if not rows:
        return 0
    if isinstance(model_or_table, str):
        return copy(cursor, model_or_table, columns, ([cell(r[c]) for c in columns] for r in rows))
    fields = [f for f in model_or_table._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    missing = [f.attname for f in fields if f.attname not in rows[0]]
    if missing:
        raise ValueError(f"{model_or_table.__name__}: no value for {missing}")
    return copy(
        cursor,
        model_or_table._meta.db_table,
        [f.column for f in fields],
        ([cell(r[f.attname], f) for f in fields] for r in rows),
    )


def write_history(cursor, history: History) -> None:
    """The rows of ``replay`` with ``COPY`` (``portal.editorial.services.write_history``
    writes the same rows with the ORM; this is the faster way for 100,000 items)."""
    copy_instances(cursor, TransitionLog, history.logs)
    copy_instances(cursor, Revision, history.revisions)


def reserve_ids(cursor, model: type[models.Model], n: int) -> list[int]:
    """``n`` primary keys from the model's sequence (so rows can refer to each other)."""
    if n <= 0:
        return []
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [model._meta.db_table, n]
    )
    return [r[0] for r in cursor.fetchall()]

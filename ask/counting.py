"""Counting questions without a write on the hot path.

The view notes what was asked (``note``: the normalised question, its language, whether
it was answered, the indicator and period understood); the count is written once the
response has been sent, when Django signals ``request_finished`` (after the WSGI server
has delivered the body): one atomic ``INSERT … ON CONFLICT DO UPDATE SET count = count + 1``,
exact under any number of workers and servers, and never before the reader has the answer.
No person, address, cookie or time of day is kept: one row per normalised question."""

from __future__ import annotations

import contextvars
import logging

from django.core.signals import request_finished
from django.db import connection
from django.dispatch import receiver
from django.utils import timezone

logger = logging.getLogger(__name__)

_pending: contextvars.ContextVar[tuple | None] = contextvars.ContextVar("ask_pending_count", default=None)

UPSERT = """
INSERT INTO ask_askedquestion
    (question, language, count, answered, indicator_code, period, first_asked, last_asked)
VALUES (%s, %s, 1, %s, %s, %s, %s, %s)
ON CONFLICT (question, language) DO UPDATE SET
    count = ask_askedquestion.count + 1,
    answered = EXCLUDED.answered,
    indicator_code = EXCLUDED.indicator_code,
    period = EXCLUDED.period,
    last_asked = EXCLUDED.last_asked
"""


def note(*, question: str, language: str, answered: bool, indicator_code: str = "", period: str = "") -> None:
    """Remember the question of this request; it is counted after the response."""
    if question:
        _pending.set((question[:200], language[:5], answered, indicator_code[:60], period[:40]))


def flush() -> bool:
    """Write the noted question, if any (``request_finished``). Returns whether it wrote."""
    pending = _pending.get()
    if pending is None:
        return False
    _pending.set(None)
    question, language, answered, code, period = pending
    today = timezone.localdate()
    try:
        with connection.cursor() as cursor:
            cursor.execute(UPSERT, [question, language, answered, code, period, today, today])
    except Exception:  # a count is never worth an error for the reader
        logger.exception("ask: could not count a question")
        return False
    return True


@receiver(request_finished, dispatch_uid="ask_count_question")
def _count_after_response(sender, **kwargs) -> None:
    flush()

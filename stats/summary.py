"""The summary paragraph at the top of a release, written from its figures in the ministry's
own phrasing, in Vietnamese and English. Deterministic: the same figures give the same words.

It is written when the figures are saved (``services.save_values``) into ``Release.summary``
and ``summary_en``, which are ordinary content fields: editors may rewrite them before
approval, and every revision keeps them. A summary somebody edited by hand is never
overwritten (``Release.summary_generated`` holds the last generated texts to tell).

Sentence per sector, headline figures (totals, not their parts) that have a change:

    "Viễn thông: số thuê bao điện thoại smartphone đạt 91,32 triệu thuê bao, tăng 1,01% so
    với cùng kỳ năm 2021; …"
"""

from __future__ import annotations

from django.utils import translation

from . import changes
from .selectors import SectorTable, release_table

# First words that keep their capital letter (proper nouns and adjectives).
PROPER = {"Vietnamese", "Viet", "Việt"}


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first not in PROPER and len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _value(row, language: str) -> str:
    unit = row.unit
    if unit == "%":
        return f"{row.value_display}%"
    return f"{row.value_display} {unit}".rstrip()


def _clause(row, language: str) -> str | None:
    found = [c for c in (row.yoy, row.mom) if c is not None]
    if not found:
        return None
    name = _lower_first(row.name)
    value = _value(row, language)
    said = ", ".join(c.phrase(language) for c in found)
    if language == "en":
        return f"{name} stood at {value}, {said}"
    verb = "đạt" if row.kind == changes.AMOUNT else "là"
    return f"{name} {verb} {value}, {said}"


def compose(tables: list[SectorTable], language: str) -> str:
    """The paragraph for tables already made in ``language``."""
    sentences = []
    for table in tables:
        clauses = [c for c in (_clause(r, language) for r in table.rows if r.depth == 0) if c]
        if clauses:
            sentences.append(f"{table.name}: " + "; ".join(clauses) + ".")
    return " ".join(sentences)


def generate(*, release, snapshot: dict | None = None) -> dict[str, str]:
    """{"vi": …, "en": …} for ``release`` (its rows, or ``snapshot``: ``{"values": {code:
    {value, note, note_en, stated}}, "catalogue": …}`` for figures not yet in the rows).
    Bases are what the public sees."""
    from django.contrib.auth.models import AnonymousUser

    out = {}
    for language in ("vi", "en"):
        with translation.override(language):
            tables = release_table(release=release, user=AnonymousUser(), snapshot=snapshot)
            out[language] = compose(tables, language)
    return out


def refresh(release, generated: dict[str, str]) -> list[str]:
    """Put freshly generated texts on ``release`` (in memory) where nobody edited the
    summary by hand; return the names of the fields changed."""
    previous = release.summary_generated or {}
    changed = []
    for language, field in (("vi", "summary"), ("en", "summary_en")):
        current = getattr(release, field) or ""
        if (not current.strip() or current == previous.get(language, "")) and current != generated[language]:
            setattr(release, field, generated[language])
            changed.append(field)
    release.summary_generated = generated
    return changed

"""Which indicator a question names: picked by PostgreSQL, in one query, from the
indicators' names and aliases (``IndicatorAlias``), diacritics optional and typos
forgiven by trigram similarity (``pg_trgm``) over ``ask_norm`` (lower case, ``unaccent``).

The query keeps the aliases that share a word with the question (``alias %> word``, the
trigram index ``ask_alias_norm_trgm``), scores each by how much of the alias the question
contains (``word_similarity``, squared: a partly matched long alias counts less than a
whole short one), times its weight, times a bonus for longer (more specific)
aliases, and returns the best indicators with what the answer needs of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection

# An alias counts when at least this much of it is in the question ("smarphone" is 0.8
# of "smartphone"; "số bưu cục" is 0.5 of "bưu chính": not counted).
MIN_SIMILARITY = 0.7
# The best indicator wins only if it scores this much more than the next one; otherwise
# the question is ambiguous and the reader picks ("thuê bao" alone: three indicators).
MARGIN = 1.15
LIMIT = 6
STOP_WORDS = frozenset({"so", "cua", "va", "cac", "nhung", "trong", "ve", "voi", "the", "and", "of", "in", "on", "a"})


@dataclass
class Candidate:
    indicator_id: int
    code: str
    name: str
    name_en: str
    unit: str
    unit_en: str
    decimals: int
    kind: str
    additive: bool
    score: float
    matched: str  # the alias that scored best

    def label(self, language: str) -> str:
        return (self.name_en or self.name) if language == "en" else self.name


SQL = """
SELECT i.id, i.code, i.name, i.name_en, i.unit, i.unit_en, i.decimals, i.kind,
       COALESCE(o.additive, false), best.score, best.text
FROM (
    SELECT DISTINCT ON (a.indicator_id) a.indicator_id, a.text,
           power(word_similarity(a.norm, q.q), 2) * a.weight
             * (1 + 0.05 * least(char_length(a.text), 30)) AS score
    FROM ask_indicatoralias a, (SELECT ask_norm(%s) AS q) q
    WHERE ({where}) AND word_similarity(a.norm, q.q) >= %s
    ORDER BY a.indicator_id, score DESC
) best
JOIN stats_indicator i ON i.id = best.indicator_id
LEFT JOIN ask_indicatoroptions o ON o.indicator_id = i.id
ORDER BY best.score DESC, i.order, i.id
LIMIT %s
"""


def words(text: str) -> list[str]:
    """The question's words worth looking up (the index condition), at most 12."""
    found = []
    for word in re.findall(r"[\w.-]+", text.lower()):
        word = word.strip(".-")
        if len(word) >= 2 and word not in STOP_WORDS and word not in found:
            found.append(word)
    return found[:12]


def candidates(text: str) -> list[Candidate]:
    """The indicators ``text`` may name, best first (empty when nothing is close)."""
    terms = words(text)
    if not terms:
        return []
    where = " OR ".join(["a.norm %%> ask_norm(%s)"] * len(terms))
    sql = SQL.format(where=where)
    with connection.cursor() as cursor:
        cursor.execute(sql, [text, *terms, MIN_SIMILARITY, LIMIT])
        rows = cursor.fetchall()
    return [Candidate(*row[:10], matched=row[10]) for row in rows]


def decide(found: list[Candidate]) -> tuple[Candidate | None, list[Candidate]]:
    """The indicator the question names (or None when none or several fit equally), and
    the others to offer."""
    if not found:
        return None, []
    best, others = found[0], found[1:]
    if others and best.score < others[0].score * MARGIN:
        return None, found
    return best, others


CLOSEST_SQL = """
SELECT i.id, i.code, i.name, i.name_en, i.unit, i.unit_en, i.decimals, i.kind,
       COALESCE(o.additive, false), best.score, best.text
FROM (
    SELECT DISTINCT ON (a.indicator_id) a.indicator_id, a.text,
           greatest(word_similarity(q.q, a.norm), word_similarity(a.norm, q.q)) AS score
    FROM ask_indicatoralias a, (SELECT ask_norm(%s) AS q) q
    ORDER BY a.indicator_id, score DESC
) best
JOIN stats_indicator i ON i.id = best.indicator_id
LEFT JOIN ask_indicatoroptions o ON o.indicator_id = i.id
WHERE best.score > 0.3
ORDER BY best.score DESC, i.order, i.id
LIMIT 3
"""


def closest(text: str) -> list[Candidate]:
    """When nothing fits: the indicators nearest to ``text``, to suggest (never answered)."""
    if not words(text):
        return []
    with connection.cursor() as cursor:
        cursor.execute(CLOSEST_SQL, [text])
        return [Candidate(*row[:10], matched=row[10]) for row in cursor.fetchall()]

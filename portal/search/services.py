"""Writing the search index, and searching it.

Ranking, best first (``_best_first``): for a query typed with diacritics, the documents that
have those words as typed (in their title, keywords or summary) before the others; then
where the words are: the title, then keywords (category, tags, byline, a meeting's kind),
then the body; then titles that start with the query; then the newest (by the item's own
date; undated reference items last).

Speed: a common word (Vietnamese syllables are short: "số", "ký") matches most of the
100,000 documents, and ordering them means reading each one. The index holds each
document's half-year next to its words (``searchdoc_vector_period_gin``), so the newest
``RANKED_MATCHES`` matches are found by asking for this half-year first, then older ones
only if these were too few (``WINDOWS``). Only those are ranked; the count says "more than"
beyond them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from . import registry
from .models import EXACT_CONFIG, SEARCH_CONFIG, UNDATED, SearchDocument

WORD = re.compile(r"\w+")


def _unaccent_table() -> dict[int, str]:
    """Each precomposed Latin letter (Vietnamese ones included) to its base letter, "đ" to
    "d": one character for one, so positions in the text stay where they were."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(cp)) if unicodedata.category(c) != "Mn")
        if len(base) == 1 and base != chr(cp):
            table[cp] = base
    return table


UNACCENT = _unaccent_table()


def _plain_chars(text: str) -> str:
    """``text`` without diacritics, lower case, character for character where it can."""
    return unicodedata.normalize("NFC", text or "").translate(UNACCENT).lower()


def plain(text: str) -> str:
    """Lower case, without diacritics ("đ" is "d"), words separated by one space: what
    "starts with the query" compares."""
    return " ".join(WORD.findall(_plain_chars(text)))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def one_line(text: str) -> str:
    """``text`` composed (NFC), its runs of white space (new lines, tabs, no-break spaces)
    one space: how the index keeps what a snippet is cut from."""
    return " ".join(_nfc(text).split())


# -- writing ---------------------------------------------------------------------------------


def index_item(*, item, visible: bool | None = None, publish_at=None, expire_at=None) -> None:
    """Put ``item`` in the index if it is live (one document per language its builder
    gives), take it out otherwise."""
    builder = registry.document_builder(type(item))
    if builder is None:
        return
    ct = ContentType.objects.get_for_model(type(item))
    if visible is None:
        visible = bool(getattr(item, "live", True))
    mine = SearchDocument.objects.filter(content_type=ct, object_id=item.pk)
    if not visible:
        mine.delete()
        return
    rows = _document_rows(item, builder, publish_at, expire_at)
    with transaction.atomic():
        for row in rows:
            SearchDocument.objects.update_or_create(
                content_type=ct, object_id=item.pk, language=row["language"], defaults=row
            )
        mine.exclude(language__in=[row["language"] for row in rows]).delete()
        mine.update(**_vectors())


def _document_rows(item, builder, publish_at=None, expire_at=None) -> list[dict]:
    """The columns of ``item``'s documents, from its model's ``to_document``. Built with no
    language active, so that lazy labels (``kind``) are kept untranslated and translated
    when shown."""
    with translation.override(None):
        built = builder(item)
        docs = built if isinstance(built, list | tuple) else [built]
        rows = []
        for doc in docs:
            visible_from = publish_at or doc.get("publish_at") or item.publish_at
            date = doc["date"] if "date" in doc else visible_from
            title = _nfc(str(doc["title"]))[:500]
            rows.append(
                {
                    "kind": str(doc["kind"]),
                    "language": doc.get("language", "vi"),
                    "title": title,
                    "title_plain": plain(title)[:500],
                    "keywords": _nfc(str(doc.get("keywords") or "")),
                    "summary": one_line(str(doc.get("summary") or "")),
                    "body": one_line(str(doc.get("body") or "")),
                    "url": doc["url"],
                    "is_internal": bool(doc.get("is_internal", getattr(item, "is_internal", False))),
                    "publish_at": visible_from,
                    "expire_at": (
                        expire_at if expire_at is not None else doc.get("expire_at", getattr(item, "expire_at", None))
                    ),
                    "date": date,
                    "period": period_of(date),
                }
            )
    return rows


def _vectors() -> dict:
    """The text vectors of a document's columns: all words (title A, keywords B, summary and
    body C) for matching; the title's and the keywords' alone, and the words as written
    (title, keywords, summary), for ranking."""
    return {
        "vector": (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("keywords", weight="B", config=SEARCH_CONFIG)
            + SearchVector("summary", weight="C", config=SEARCH_CONFIG)
            + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        ),
        "title_vector": SearchVector("title", config=SEARCH_CONFIG),
        "keywords_vector": SearchVector("keywords", config=SEARCH_CONFIG),
        "exact_vector": SearchVector(
            Concat(F("title"), Value(" "), F("keywords"), Value(" "), F("summary"), output_field=TextField()),
            config=EXACT_CONFIG,
        ),
    }


def index_items(*, items, batch_size: int = 2000) -> int:
    """``index_item`` for many live items of one model at once (scale data; the caller
    leaves out what is not live): the same documents, written a batch at a time (one
    INSERT … ON CONFLICT UPDATE, then one UPDATE computing the vectors as ``index_item``
    does). Returns how many were written."""
    count = 0
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            count += _index_batch(batch)
            batch = []
    return count + (_index_batch(batch) if batch else 0)


def _index_batch(items: list) -> int:
    model = type(items[0])
    builder = registry.document_builder(model)
    if builder is None:
        return 0
    if any(type(item) is not model for item in items):
        raise ValueError("index_items: the items of one model at a time")
    ct = ContentType.objects.get_for_model(model)
    docs = [
        SearchDocument(content_type=ct, object_id=item.pk, **row)
        for item in items
        for row in _document_rows(item, builder)
    ]
    SearchDocument.objects.bulk_create(
        docs,
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "language"],
        update_fields=[f for f in _document_rows(items[0], builder)[0] if f != "language"],
    )
    SearchDocument.objects.filter(content_type=ct, object_id__in=[item.pk for item in items]).update(**_vectors())
    return len(docs)


# -- searching -------------------------------------------------------------------------------

# How many matches are ranked: the newest ones. Beyond them the count reads "more than".
RANKED_MATCHES = 200
# The half-years asked in turn (counted back from the current one, which is asked with the
# undated documents) until they hold more than RANKED_MATCHES matches; then all the older
# ones at once. A common word fills the first; a rare one costs a few cheap index scans.
WINDOWS = ((0,), (1, 2), tuple(range(3, 10)))

# Sent with each query of a search, in the same query string: never read the whole table
# (the planner cannot tell what reading a text vector costs), and no parallel workers for a
# query of a few milliseconds. Statements sent together run as one transaction, so SET LOCAL
# ends with the query (no BEGIN and COMMIT of their own: two round trips fewer).
PLANNER = "SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0;\n"

CANDIDATES = """
SELECT id, period, extract(epoch FROM date)::float8 AS seconds, {exact} AS exact,
       CASE WHEN title_vector @@ websearch_to_tsquery('{config}', %(q)s) THEN 2
            WHEN keywords_vector @@ websearch_to_tsquery('{config}', %(q)s) THEN 1
            ELSE 0 END AS tier,
       title_plain LIKE %(prefix)s AS prefix
FROM (
    SELECT id, period, date, title_vector, keywords_vector, exact_vector, title_plain
    FROM search_searchdocument
    WHERE vector @@ websearch_to_tsquery('{config}', %(q)s)
      AND language = %(language)s
      AND publish_at <= %(now)s AND (expire_at IS NULL OR expire_at > %(now)s)
      {internal} {periods}
    ORDER BY period DESC, date DESC NULLS FIRST, id DESC
    LIMIT %(limit)s
) AS newest
"""


SIMILAR = """
SELECT id
FROM search_searchdocument
WHERE title_plain %% %(p)s
  AND language = %(language)s
  AND publish_at <= %(now)s AND (expire_at IS NULL OR expire_at > %(now)s)
  {internal}
ORDER BY similarity(title_plain, %(p)s) DESC, id DESC
LIMIT %(limit)s
"""


PAGE = "SELECT id, kind, title, summary, body, url, date FROM search_searchdocument WHERE id = ANY(%s)"
# One search result as the page shows it: a dict of these and its "snippet" (a template
# looks a name up in a dict before trying attributes: the quickest for 20 results).
RESULT = ("pk", "kind", "title", "summary", "body", "url", "date")


def search(*, query: str, staff: bool, language: str = "vi") -> SearchResults:
    """Documents matching ``query`` (websearch syntax, diacritics optional): the newest
    ``RANKED_MATCHES`` matches, ranked (see the module docstring)."""
    return SearchResults(query=query, staff=staff, language=language)


def period_of(when: dt.datetime | dt.date | None) -> int:
    """The half-year of the index (``SearchDocument.period``)."""
    if when is None:
        return UNDATED
    if isinstance(when, dt.datetime) and timezone.is_aware(when):
        when = when.astimezone(dt.UTC)
    return when.year * 2 + (when.month > 6)


class SearchResults:
    """Search results for Django's Paginator: ``count()`` and slices.

    The candidates (the newest ``RANKED_MATCHES`` matches, with what ranks them) take one
    query for a common word, up to four for a rare one (``WINDOWS``), each sent with settings
    that forbid reading the whole table (``PLANNER``); the page shown is one more.
    ``count()`` is exact up to ``RANKED_MATCHES``; ``more`` says there are more matches than
    that."""

    def __init__(self, *, query: str, staff: bool, language: str):
        self.query = _nfc(query)
        self.staff = staff
        self.language = language
        self._ranked: list[int] | None = None
        self.more = False
        words = WORD.findall(self.query.lower())
        self.words = {plain(w) for w in words}
        # The words typed with diacritics must be found as typed to rank first.
        self.accented = [w for w in words if plain(w) != w]

    def candidates_sql(self, periods: list[int] | None) -> tuple[str, dict]:
        """The matches in ``periods`` (None: all), newest first, with their ranking."""
        if self.accented:
            exact = f"exact_vector @@ plainto_tsquery('{EXACT_CONFIG}', %(accented)s)"
        else:
            exact = "FALSE"
        sql = CANDIDATES.format(
            config=SEARCH_CONFIG,
            exact=exact,
            internal="" if self.staff else "AND NOT is_internal",
            periods="" if periods is None else "AND period = ANY(%(periods)s)",
        )
        prefix = plain(self.query)
        params = {
            "q": self.query,
            "periods": periods,
            "language": self.language,
            "now": timezone.now(),
            "limit": RANKED_MATCHES + 1,
            "prefix": prefix.replace("_", "\\_") + "%" if prefix else "",
            "accented": " ".join(self.accented),
        }
        return sql, params

    def similar_sql(self) -> tuple[str, dict]:
        """Titles within trigram similarity of the query (``searchdoc_title_trgm``), the
        most similar first, as candidates ranked by similarity alone."""
        sql = SIMILAR.format(internal="" if self.staff else "AND NOT is_internal")
        return sql, {"p": plain(self.query), "language": self.language, "now": timezone.now(), "limit": 20}

    def ranked_ids(self) -> list[int]:
        if self._ranked is None:
            current = period_of(timezone.now())
            found: dict[int, tuple] = {}
            asked = 0
            with connection.cursor() as cursor:
                for window in (*WINDOWS, None):
                    asked += 1
                    periods = None if window is None else [current - n for n in window]
                    if window == WINDOWS[0]:
                        periods += [current + 1, UNDATED]  # dated ahead (a meeting announced), undated
                    sql, params = self.candidates_sql(periods)
                    cursor.execute(PLANNER + sql, params)
                    for row in cursor.fetchall():
                        found.setdefault(row[0], row)
                    if len(found) > RANKED_MATCHES:
                        break
                if not found and plain(self.query):
                    # No word matched: titles that look like the query (a typo), by trigrams,
                    # the most similar first.
                    sql, params = self.similar_sql()
                    cursor.execute(PLANNER + sql, params)
                    self._ranked = [row[0] for row in cursor.fetchall()]
                    return self._ranked
            # The newest RANKED_MATCHES. One query (a common word) returned them newest first;
            # after several, the last one, over every period, may add some ahead of the others.
            newest = list(found.values())
            if asked > 1:
                newest.sort(key=_newest_first)
            self.more = len(newest) > RANKED_MATCHES
            ranked = sorted(newest[:RANKED_MATCHES], key=_best_first)
            self._ranked = [row[0] for row in ranked]
        return self._ranked

    def count(self) -> int:
        return len(self.ranked_ids())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        ids = self.ranked_ids()[key]
        if not ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(PAGE, [ids])
            docs = {row[0]: dict(zip(RESULT, row, strict=True)) for row in cursor.fetchall()}
        page = [docs[pk] for pk in ids if pk in docs]
        pattern, exact = word_pattern(self.words), set(self.accented)
        for doc in page:
            doc["snippet"] = snippet(doc["body"] or doc["summary"], self.words, exact=exact, pattern=pattern)
        return page


def _newest_first(row) -> tuple:
    pk, period, seconds, *_ = row  # seconds: the item's own date as a number (None: undated)
    # Descending period, date (undated first: they are asked with the newest), id.
    return (-period, seconds is not None, -(seconds or 0.0), -pk)


def _best_first(row) -> tuple:
    """Exact (accented) matches, then title, keywords, body; titles starting with the
    query; the newest by the item's own date (undated last)."""
    pk, _period, seconds, exact, tier, prefix = row
    return (not exact, -tier, not prefix, seconds is None, -(seconds or 0.0), -pk)


# -- snippets --------------------------------------------------------------------------------


SNIPPET_CHARS = 240


def _letter_classes() -> dict[str, str]:
    """Each base letter to a regular-expression class of itself and every lower-case letter
    that reads as it without diacritics ("a": "[aàáảãạăắ…]")."""
    variants: dict[str, set[str]] = {}
    for cp, base in UNACCENT.items():
        letter = chr(cp)
        if letter == letter.lower():
            variants.setdefault(base.lower(), set()).add(letter)
    return {base: "[" + re.escape(base + "".join(sorted(found))) + "]" for base, found in variants.items()}


LETTER_CLASSES = _letter_classes()


def word_pattern(words: set[str]) -> re.Pattern | None:
    """One expression finding any of ``words`` (plain: lower case, no diacritics) in
    lower-case text with or without diacritics, longest word first, whole words only.
    Matching the text as it is spares removing the diacritics of every result's body."""
    if not words:
        return None
    alternatives = (
        "".join(LETTER_CLASSES.get(c) or re.escape(c) for c in w) for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _best_window(low: str, words: set[str], pattern: re.Pattern, length: int, exact: set[str] | None):
    """The query's words found in ``low`` (start, end, plain word) up to where the snippet
    is decided, and where the snippet begins: the first window of about ``length``
    characters holding the most distinct words. The text is read only until a window holds
    them all (usually in the first paragraph), not to its end."""
    typed = {plain(w): w for w in exact or ()}
    reach = length - 20  # a window starting at a hit holds the hits starting before this far
    hits: list[tuple[int, int, str]] = []
    begin, best, j, stop = 0, -1, 0, len(low)

    def settle(until: int) -> bool:
        """Score the windows that no later hit can change; True when one holds every word."""
        nonlocal begin, best, j
        while j < len(hits) and hits[j][0] + reach <= until:
            start = hits[j][0]
            found = {h[2] for h in hits[j:] if h[0] < start + reach}
            if len(found) > best:
                begin, best = max(0, start - 20), len(found)
                if best >= len(words):
                    return True
            j += 1
        return False

    decided = False
    for m in pattern.finditer(low):
        word = m.group().translate(UNACCENT)
        if word in typed and m.group() != typed[word]:
            continue  # typed with diacritics: found only as typed
        if decided or settle(m.start()):
            if not decided:  # the snippet ends at the first space after begin + length
                space = low.find(" ", begin + length)
                decided, stop = True, len(low) if space < 0 else space
            if m.start() >= stop:  # past the snippet: nothing more to mark
                return hits, begin
        hits.append((m.start(), m.end(), word))
    if not decided:
        settle(len(low) + reach)
    return hits, begin


def snippet(
    text: str,
    words: set[str],
    length: int = SNIPPET_CHARS,
    exact: set[str] | None = None,
    pattern: re.Pattern | None = None,
) -> str:
    """About ``length`` characters of ``text`` around most of the query's ``words``
    (compared without diacritics; a word typed with diacritics, in ``exact``, only as
    typed), from a word's start to a word's end, with "…" where the text goes on: HTML,
    escaped, the words in ``<mark>``. ``pattern``: ``word_pattern(words)``, made once for
    a page of results. ``text`` as the index keeps it (``one_line``): read as it is."""
    if not text:
        return ""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: no marks
        low, words = text, set()
    if pattern is None:
        pattern = word_pattern(words)
    hits, begin = _best_window(low, words, pattern, length, exact) if words else ([], 0)
    # Widen to whole words: back to the start of the word ``begin`` falls in, on to the
    # end of the word ``begin + length`` falls in.
    while begin > 0 and not low[begin - 1].isspace():
        begin -= 1
    end = min(len(text), begin + length)
    while end < len(text) and not low[end].isspace():
        end += 1
    if end - begin < length and begin > 0:  # near the end: show more of what comes before
        begin = max(0, end - length)
        while begin > 0 and not low[begin - 1].isspace():
            begin -= 1
    out = ["… " if begin > 0 else ""]
    cursor = begin
    for s, e, _ in hits:
        if s < begin or e > end:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    if end < len(text):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 (each piece escaped above)

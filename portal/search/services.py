"""Writing the search index, and searching it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F

from . import registry
from .models import SEARCH_CONFIG, SearchDocument


def index_item(*, item, visible: bool | None = None, publish_at=None, expire_at=None) -> None:
    """Put ``item`` in the index if it is live, take it out otherwise."""
    builder = registry.document_builder(type(item))
    if builder is None:
        return
    ct = ContentType.objects.get_for_model(type(item))
    if visible is None:
        visible = bool(getattr(item, "live", True))
    if not visible:
        SearchDocument.objects.filter(content_type=ct, object_id=item.pk).delete()
        return
    SearchDocument.objects.update_or_create(
        content_type=ct, object_id=item.pk, defaults=_document_fields(item, builder, publish_at, expire_at)
    )
    SearchDocument.objects.filter(content_type=ct, object_id=item.pk).update(vector=_vector())


def _document_fields(item, builder, publish_at=None, expire_at=None) -> dict:
    """The columns of ``item``'s document, from its model's ``to_document``."""
    doc = builder(item)
    return {
        "kind": str(doc["kind"]),
        "language": doc.get("language", "vi"),
        "title": doc["title"][:500],
        "summary": doc.get("summary", ""),
        "body": doc.get("body", ""),
        "url": doc["url"],
        "is_internal": bool(doc.get("is_internal", getattr(item, "is_internal", False))),
        "publish_at": publish_at or doc.get("publish_at") or item.publish_at,
        "expire_at": expire_at if expire_at is not None else doc.get("expire_at", getattr(item, "expire_at", None)),
    }


def _vector():
    """The text vector of a document's columns: title A, summary B, body C."""
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


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
    rows = [_document_fields(item, builder) for item in items]
    docs = [SearchDocument(content_type=ct, object_id=item.pk, **row) for item, row in zip(items, rows, strict=True)]
    SearchDocument.objects.bulk_create(
        docs, update_conflicts=True, unique_fields=["content_type", "object_id"], update_fields=list(rows[0])
    )
    SearchDocument.objects.filter(content_type=ct, object_id__in=[item.pk for item in items]).update(vector=_vector())
    return len(docs)


# How many matches are ranked: the newest ones (a reader of ministry news wants the recent
# items first; ranking every match of a common query costs a visit to each of them).
RANKED_MATCHES = 1000


def search(*, query: str, staff: bool, language: str = "vi") -> SearchResults:
    """Documents matching ``query`` (websearch syntax, diacritics optional): the newest
    ``RANKED_MATCHES`` matches ranked by relevance (then newest first), each with a
    highlighted snippet in ``headline`` (marked by \\x02 … \\x03)."""
    return SearchResults(query=query, staff=staff, language=language)


class SearchResults:
    """Search results for Django's Paginator: ``count()`` and slices.

    Two queries whatever the number of matches. The first ranks: the GIN index gives the
    matching documents, their visibility and publish time are read from the (narrow) table
    rows, the newest ``RANKED_MATCHES`` are kept and only their text vectors are read to
    rank them; it returns ids. The second reads the page shown (20 documents) and makes the
    highlighted snippets of those only. ``count()`` is exact up to ``RANKED_MATCHES``;
    ``more`` says there are more matches than that."""

    def __init__(self, *, query: str, staff: bool, language: str):
        self.tsquery = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        self.staff = staff
        self.language = language
        self._ranked: list[int] | None = None
        self.more = False

    def matches(self):
        """The newest matching documents the reader may see (ids), one more than ranked."""
        return (
            SearchDocument.objects.visible(staff=self.staff)
            .filter(language=self.language, vector=self.tsquery)
            .order_by("-publish_at", "-id")
            .values("pk")[: RANKED_MATCHES + 1]
        )

    def ranking(self):
        """The query that ranks ``matches()``: (id, publish_at, rank), best first."""
        return (
            SearchDocument.objects.filter(pk__in=self.matches())
            .annotate(rank=SearchRank(F("vector"), self.tsquery))
            .order_by("-rank", "-publish_at", "-id")
            .values_list("pk", "publish_at", "rank")
        )

    def ranked_ids(self) -> list[int]:
        if self._ranked is None:
            with transaction.atomic(), connection.cursor() as cursor:
                # The planner does not count the cost of reading a text vector (stored
                # apart, compressed); left alone, it may walk the publish-time index and
                # read the vector of every document it passes, or read the whole table for
                # a common word. The GIN index (a bitmap of the matches) is always cheaper.
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
                rows = list(self.ranking())
            if len(rows) > RANKED_MATCHES:
                self.more = True
                oldest = min(rows, key=lambda r: (r[1], r[0]))
                rows.remove(oldest)
            self._ranked = [pk for pk, _, _ in rows]
        return self._ranked

    def count(self) -> int:
        return len(self.ranked_ids())

    def __len__(self) -> int:
        return self.count()

    def page_documents(self, ids: list[int]):
        return (
            SearchDocument.objects.filter(pk__in=ids)
            .annotate(
                headline=SearchHeadline(
                    "body",
                    self.tsquery,
                    config=SEARCH_CONFIG,
                    start_sel="\x02",
                    stop_sel="\x03",
                    max_words=40,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .only("kind", "title", "summary", "url", "publish_at")
        )

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        ids = self.ranked_ids()[key]
        if not ids:
            return []
        docs = {d.pk: d for d in self.page_documents(ids)}
        return [docs[pk] for pk in ids if pk in docs]

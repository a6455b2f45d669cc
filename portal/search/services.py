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
    doc = builder(item)
    SearchDocument.objects.update_or_create(
        content_type=ct,
        object_id=item.pk,
        defaults={
            "kind": str(doc["kind"]),
            "language": doc.get("language", "vi"),
            "title": doc["title"][:500],
            "summary": doc.get("summary", ""),
            "body": doc.get("body", ""),
            "url": doc["url"],
            "is_internal": bool(doc.get("is_internal", getattr(item, "is_internal", False))),
            "publish_at": publish_at or doc.get("publish_at") or item.publish_at,
            "expire_at": expire_at if expire_at is not None else doc.get("expire_at", getattr(item, "expire_at", None)),
        },
    )
    SearchDocument.objects.filter(content_type=ct, object_id=item.pk).update(
        vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


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

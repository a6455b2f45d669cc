"""Writing the search index, and searching it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
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


def search(*, query: str, staff: bool, language: str = "vi"):
    """Ranked documents matching ``query`` (websearch syntax, diacritics optional), with a
    highlighted snippet in ``headline`` (marked by \\x02 … \\x03)."""
    q = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    return (
        SearchDocument.objects.visible(staff=staff)
        .filter(language=language, vector=q)
        .annotate(
            rank=SearchRank(F("vector"), q),
            headline=SearchHeadline(
                "body",
                q,
                config=SEARCH_CONFIG,
                start_sel="\x02",
                stop_sel="\x03",
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-publish_at", "-id")
        .only("kind", "title", "summary", "url", "publish_at")
    )

"""One search index for the whole portal: each app registers how its items become
documents (``registry.py``); only live items are indexed, with their visibility and times,
so that the search page is a few indexed queries whatever the app.

A document keeps, besides its text, what ranking needs without reading the text again:
``title_vector`` and ``keywords_vector`` (which field a query matches: the title first,
then tags, category and byline, then the body), ``exact_vector`` (the words with their
diacritics, so "chuyển" prefers "chuyển" to "chuyên"), ``title_plain`` (the title without
diacritics: does it start with the query?), ``date`` (the item's own date, shown and
ordered by) and ``period`` (the half-year of that date, in the GIN index with the words, so
that the newest matches of a common word are found without visiting all of them).
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.editorial.models import window_q

# PostgreSQL text search configuration made by migration 0002: ``simple`` with
# ``unaccent`` first, so "chuyen doi so" matches "Chuyển đổi số".
SEARCH_CONFIG = "portal_vi"
# The words as written (lower case, diacritics kept): exact matches of accented queries.
EXACT_CONFIG = "simple"
# ``period`` of an undated document (an indicator): asked with the most recent one.
UNDATED = 1_000_000


class SearchDocumentQuerySet(models.QuerySet):
    def visible(self, *, staff: bool, at=None):
        """Only live items are indexed; the time half of the one visibility rule decides."""
        qs = self.filter(window_q(at))
        if not staff:
            qs = qs.filter(is_internal=False)
        return qs


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("loại"), max_length=60)
    language = models.CharField(max_length=5, default="vi")
    title = models.CharField(max_length=500)
    title_plain = models.CharField(max_length=500, default="", blank=True)
    keywords = models.TextField(blank=True, default="")
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    is_internal = models.BooleanField(default=False)
    publish_at = models.DateTimeField()
    expire_at = models.DateTimeField(null=True, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    period = models.IntegerField(default=UNDATED)
    vector = SearchVectorField(null=True)
    title_vector = SearchVectorField(null=True)
    keywords_vector = SearchVectorField(null=True)
    exact_vector = SearchVectorField(null=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="searchdoc_unique_item")
        ]
        indexes = [
            # The words and the half-year together (btree_gin): "the matches of this
            # half-year" is one index scan that never lists the older matches.
            GinIndex(fields=["vector", "period"], name="searchdoc_vector_period_gin"),
            # Trigram similarity of titles: a query with a typo still finds something.
            GinIndex(OpClass("title_plain", name="gin_trgm_ops"), name="searchdoc_title_trgm"),
        ]

    def __str__(self) -> str:
        return self.title

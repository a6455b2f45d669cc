"""One search index for the whole portal: each app registers how its items become
documents; only live items are indexed, with their visibility and times, so the search
page is one indexed query whatever the app."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.editorial.models import window_q

# PostgreSQL text search configuration made by migration 0001: ``simple`` with
# ``unaccent`` first, so "chuyen doi so" matches "Chuyển đổi số".
SEARCH_CONFIG = "portal_vi"


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
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    is_internal = models.BooleanField(default=False)
    publish_at = models.DateTimeField()
    expire_at = models.DateTimeField(null=True, blank=True)
    vector = SearchVectorField(null=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="searchdoc_unique_item")]
        indexes = [
            GinIndex(fields=["vector"], name="searchdoc_vector_gin"),
            models.Index(fields=["language", "publish_at"], name="searchdoc_lang_pub"),
        ]

    def __str__(self) -> str:
        return self.title

"""Rebuild the search index from the items themselves (after a bulk import, a restore
from backup or a change to the text search configuration). Safe to run at any time and on
several nodes: each item's document is replaced in its own statement."""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand

from portal.search import registry, services
from portal.search.models import SearchDocument


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm từ nội dung đã xuất bản."

    def handle(self, *args, **options):
        total = 0
        for model in registry.models():
            ct = ContentType.objects.get_for_model(model)
            live_filter = {"live": True} if any(f.name == "live" for f in model._meta.get_fields()) else {}
            kept = []
            for item in model._default_manager.filter(**live_filter).iterator(chunk_size=500):
                services.index_item(item=item)
                kept.append(item.pk)
            SearchDocument.objects.filter(content_type=ct).exclude(object_id__in=kept).delete()
            total += len(kept)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {len(kept)}")
        self.stdout.write(self.style.SUCCESS(f"Đã dựng lại chỉ mục: {total} mục."))

"""Site-wide models: uploaded images with renditions, website links, visit counts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Image(models.Model):
    """An uploaded image, validated and re-encoded by Pillow, with renditions made once
    at upload: ``renditions = {"webp": {"480": "path", ...}, "jpeg": {...}}``."""

    file = models.ImageField(_("tệp ảnh"), upload_to="images/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt = models.CharField(_("mô tả ảnh (alt)"), max_length=300, blank=True)
    renditions = models.JSONField(default=dict, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")

    def __str__(self) -> str:
        return self.file.name

    def rendition_url(self, fmt: str, width: int | None = None) -> str:
        from django.core.files.storage import default_storage

        sizes = self.renditions.get(fmt) or {}
        if not sizes:
            return self.file.url
        keys = sorted(int(k) for k in sizes)
        chosen = keys[-1] if width is None else min(keys, key=lambda k: (k < width, abs(k - width)))
        return default_storage.url(sizes[str(chosen)])

    def srcset(self, fmt: str) -> str:
        from django.core.files.storage import default_storage

        sizes = self.renditions.get(fmt) or {}
        return ", ".join(f"{default_storage.url(p)} {w}w" for w, p in sorted(sizes.items(), key=lambda kv: int(kv[0])))


class WebsiteLink(models.Model):
    """The "Liên kết website" block, managed in the admin."""

    title = models.CharField(_("tên website"), max_length=200)
    url = models.URLField(_("địa chỉ"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    class Meta:
        verbose_name = _("liên kết website")
        verbose_name_plural = _("liên kết website")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class VisitDay(models.Model):
    """Visits per day, incremented atomically by the counter beacon (not by pages)."""

    day = models.DateField(primary_key=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("lượt truy cập theo ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")


class OnlineVisitor(models.Model):
    """Browsers seen in the last minutes, for "đang trực tuyến"."""

    visitor = models.CharField(max_length=64, primary_key=True)
    last_seen = models.DateTimeField(db_index=True)

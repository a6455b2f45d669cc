"""News articles (Tin tức), their categories and tags."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.core.i18n import current_language
from portal.core.richtext import SanitizedHTMLField
from portal.editorial.models import EditorialModel


class Language(models.TextChoices):
    VI = "vi", _("Tiếng Việt")
    EN = "en", _("Tiếng Anh")


class Category(models.Model):
    name = models.CharField(_("tên"), max_length=120)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:slug", args=[self.slug])

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name

    @property
    def label(self) -> str:
        """The name in the language of the page (English pages use the English name)."""
        return self.display_name(current_language())


class Tag(models.Model):
    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:tag", args=[self.slug])


class Article(EditorialModel):
    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=300,
        unique=True,
        help_text=_("Tự tạo từ tiêu đề (bỏ dấu, “đ” thành “d”). Đổi đường dẫn thì địa chỉ cũ tự chuyển hướng."),
    )
    lead = models.TextField(_("sapo"), help_text=_("Đoạn dẫn ngắn, in đậm dưới tiêu đề."))
    body = SanitizedHTMLField(_("nội dung"), config_name="default")
    cover = models.ForeignKey(
        "core.Image", verbose_name=_("ảnh đại diện"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cover_alt = models.CharField(
        _("mô tả ảnh đại diện (alt)"),
        max_length=300,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả ảnh cho người khiếm thị."),
    )
    cover_caption = models.CharField(_("chú thích ảnh"), max_length=500, blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("thẻ"), blank=True, related_name="articles")
    byline = models.CharField(_("tác giả"), max_length=200, blank=True)
    # The byline without diacritics: the address of the author's page (/tin-tuc/tac-gia/<slug>/).
    byline_slug = models.SlugField(max_length=200, blank=True, editable=False)
    source = models.CharField(_("nguồn"), max_length=200, blank=True, help_text=_("Ví dụ: “Theo Trung tâm Thông tin”."))
    language = models.CharField(_("ngôn ngữ"), max_length=2, choices=Language.choices, default=Language.VI)
    translation = models.ForeignKey(
        "self", verbose_name=_("bản dịch"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured = models.BooleanField(_("tin nổi bật"), default=False)
    related_picks = models.ManyToManyField(
        "self",
        verbose_name=_("tin liên quan do biên tập chọn"),
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text=_("Hiện trước các tin cùng chuyên mục trong hộp “Tin liên quan”."),
    )
    view_count = models.BigIntegerField(_("lượt xem"), default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)
    rating_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta(EditorialModel.Meta):
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-publish_at", "-id"]
        indexes = [
            *EditorialModel.Meta.indexes,  # article_schedule_idx, article_expiry_idx
            # The admin's article list: every article, newest first, one page of 100.
            models.Index(fields=["-publish_at", "-id"], name="article_admin_list_idx"),
            # The admin's search (``icontains`` on title and sapo is UPPER(…) LIKE '%…%').
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="article_title_trgm_idx"),
            GinIndex(OpClass(Upper("lead"), name="gin_trgm_ops"), name="article_lead_trgm_idx"),
            models.Index(fields=["language", "live", "is_internal", "-publish_at", "-id"], name="article_list_idx"),
            models.Index(fields=["category", "language", "live", "-publish_at", "-id"], name="article_cat_idx"),
            models.Index(
                fields=["language", "-publish_at"], condition=models.Q(featured=True), name="article_featured_idx"
            ),
            # What an anonymous reader may see (live, not internal): the public list, its
            # page N (ids by an index-only scan) and its count, by language or by category.
            # expire_at is included so that the expiry test needs no visit to the table.
            models.Index(
                fields=["language", "-publish_at", "-id"],
                include=["expire_at"],
                condition=models.Q(live=True, is_internal=False),
                name="article_public_idx",
            ),
            models.Index(
                fields=["category", "language", "-publish_at", "-id"],
                include=["expire_at"],
                condition=models.Q(live=True, is_internal=False),
                name="article_public_cat_idx",
            ),
            # An author's page (the byline's slug) and the "Đọc nhiều" box.
            models.Index(fields=["byline_slug", "language", "-publish_at", "-id"], name="article_byline_idx"),
            models.Index(
                fields=["language", "-view_count"],
                condition=models.Q(live=True, is_internal=False),
                name="article_most_read_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        from portal.core.text import vn_slugify

        self.byline_slug = vn_slugify(self.byline, 200) if self.byline else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "byline" in update_fields:
            kwargs["update_fields"] = {*update_fields, "byline_slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The article's address in its own language ("/en/…" for English), whatever
        language the current request is in."""
        with translation.override(self.language):
            return reverse("news:slug", args=[self.slug])


class SlugRedirect(models.Model):
    """An address an article had before its slug was renamed: answers 301."""

    old_slug = models.SlugField(max_length=300, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")

    class Meta:
        verbose_name = _("đường dẫn cũ")
        verbose_name_plural = _("đường dẫn cũ")


class Rating(models.Model):
    """One rating (1–5) per browser per article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ratings")
    voter = models.CharField(max_length=64)
    score = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "voter"], name="rating_one_per_browser"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_1_to_5"),
        ]

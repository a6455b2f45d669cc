"""Reads of news: what readers see, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core.richtext import html_to_text

from .models import Article, Category

LIST_FIELDS = (
    "id", "title", "slug", "lead", "publish_at", "category", "cover", "cover_alt",
    "language", "live", "is_internal", "expire_at", "byline", "featured",
)  # fmt: skip


def current_language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def visible_articles(user, language: str | None = None) -> QuerySet[Article]:
    return (
        Article.objects.visible_to(user)
        .filter(language=language or current_language())
        .select_related("category", "cover")
        .only(*LIST_FIELDS, "category__name", "category__name_en", "category__slug", "cover__file",
              "cover__renditions", "cover__width", "cover__height")
        .order_by("-publish_at", "-id")
    )  # fmt: skip


def related_articles(article: Article, user, limit: int = 5) -> list[Article]:
    return list(
        visible_articles(user, article.language).filter(category_id=article.category_id).exclude(pk=article.pk)[:limit]
    )


def home_section(request):
    """Latest news by category and a featured article, for the home page."""
    language = current_language()
    base = visible_articles(request.user, language)
    latest = list(base[:40])
    # The newest article the editors marked "tin nổi bật"; else the newest with a picture.
    featured = base.filter(featured=True).first()
    if featured is None:
        featured = next((a for a in latest if a.cover_id), latest[0] if latest else None)
    featured_pk = featured.pk if featured else None
    latest = [a for a in latest if a.pk != featured_pk]
    by_category: dict[int, dict] = {}
    for a in latest:
        group = by_category.setdefault(a.category_id, {"category": a.category, "articles": []})
        if len(group["articles"]) < 4:
            group["articles"].append(a)
    return {
        "template": "news/_home_section.html",
        "featured": featured,
        "latest": latest[:6],
        "by_category": list(by_category.values()),
    }


def article_document(article: Article) -> dict:
    return {
        "kind": _("Tin tức"),
        "title": article.title,
        "summary": article.lead,
        "body": f"{article.lead} {html_to_text(article.body)}",
        "url": article.get_absolute_url(),
        "language": article.language,
    }


def categories() -> list[Category]:
    return list(Category.objects.all())

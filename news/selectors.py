"""Reads of news: what readers see, in a fixed number of queries."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal import pagecache as page_cache
from portal.core.i18n import current_language
from portal.core.richtext import html_to_text
from portal.editorial.permissions import may_see_internal

from .models import Article, Category, Tag

LIST_FIELDS = (
    "id", "title", "slug", "lead", "publish_at", "category", "cover", "cover_alt",
    "language", "live", "is_internal", "expire_at", "byline", "featured",
)  # fmt: skip


def visible_articles(user, language: str | None = None) -> QuerySet[Article]:
    return (
        Article.objects.visible_to(user)
        .filter(language=language or current_language())
        .select_related("category", "cover")
        .only(*LIST_FIELDS, "category__name", "category__name_en", "category__slug", "cover__file",
              "cover__renditions", "cover__width", "cover__height")
        .order_by("-publish_at", "-id")
    )  # fmt: skip


class _IdsFirstPaginator(Paginator):
    """Django's paginator, reading a page in one query: the page's ids by an index-only
    scan of the public index (page 500 skips 9,980 index entries, not 9,980 table rows),
    then those rows. The count is an index-only scan too, kept under the publication
    generation when ``count_key`` is given."""

    def __init__(self, object_list, per_page, *, count_key: str | None = None):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self):
        if self.count_key is None:
            return self.object_list.count()
        return page_cache.remember(self.count_key, self.object_list.count)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


def article_page(user, number, *, per_page: int, category: Category | None = None) -> Page:
    """Page ``number`` (as typed in the address: invalid means the first, too large the
    last) of the articles ``user`` may read, of ``category`` or all, newest first. For
    readers who see only public items the count is kept under the publication generation,
    so the pages of a list count once per publish or scheduled change, not per request."""
    articles = visible_articles(user)
    if category is not None:
        articles = articles.filter(category=category)
    count_key = None
    if not may_see_internal(user):
        count_key = f"news:count:{current_language()}:{category.pk if category else '*'}"
    return _IdsFirstPaginator(articles, per_page, count_key=count_key).get_page(number)


# What an article page reads on every request: whether the reader may see the article now
# (the visibility rules, evaluated against the clock), and what changes without a publish
# (its rating). The rest of the page is kept under the publication generation.
CURRENT_FIELDS = ("id", "slug", "language", "is_internal", "title", "lead", "rating_sum", "rating_count")


def readable_article(user, slug: str) -> Article | None:
    """The article at ``slug`` if ``user`` may read it now: only ``CURRENT_FIELDS``."""
    qs = (
        Article.objects.visible_to(user).filter(slug=slug, language=current_language()).only(*CURRENT_FIELDS).order_by()
    )
    return next(iter(qs[:1]), None)


def article_by_slug(user, slug: str, categories: list[Category]) -> Article | None:
    """The article at ``slug`` if ``user`` may read it now, as its page shows it."""
    return _page_article(Article.objects.visible_to(user).filter(slug=slug, language=current_language()), categories)


def article_by_pk(pk: int, categories: list[Category]) -> Article | None:
    """An article as its page shows it, once ``readable_article`` has said it may be shown."""
    return _page_article(Article.objects.filter(pk=pk), categories)


def _page_article(qs, categories: list[Category]) -> Article | None:
    """In one query whatever the article links to: the row, its cover and its translation
    joined, the names of its tags alongside (``tag_names``); its category from
    ``categories``; its address in ``url``."""
    tags = ArraySubquery(Tag.objects.filter(articles=OuterRef("pk")).order_by("name").values("name"))
    qs = qs.select_related("cover", "translation").annotate(tag_names=tags).order_by()
    article = next(iter(qs[:1]), None)
    if article is not None:
        category = next((c for c in categories if c.pk == article.category_id), None)
        if category is not None:
            article.category = category
        article.url = article.get_absolute_url()
    return article


def related_articles(article: Article, user, limit: int = 5) -> list[Article]:
    """The newest articles of the same category. For readers who see only public items, the
    category's newest ``limit + 1`` are kept under the publication generation (the same
    list serves every article of the category) and this article is left out."""

    def newest(n: int, exclude: int | None = None) -> list[Article]:
        qs = (
            Article.objects.visible_to(user)
            .filter(language=article.language, category_id=article.category_id)
            .only("id", "title", "slug", "language", "publish_at")
            .order_by("-publish_at", "-id")
        )
        if exclude is not None:
            qs = qs.exclude(pk=exclude)
        return with_urls(qs[:n])

    if may_see_internal(user):
        return newest(limit, exclude=article.pk)
    key = f"news:related:{article.language}:{article.category_id}:{limit}"
    kept = page_cache.remember(key, lambda: newest(limit + 1))
    return [a for a in kept if a.pk != article.pk][:limit]


def with_urls(articles) -> list[Article]:
    """The articles, each with its address in ``url`` (reversed once, not per use)."""
    out = list(articles)
    for a in out:
        a.url = a.get_absolute_url()
    return out


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
    """Every category (a dozen), kept under the publication generation: an edit in the
    admin replaces it."""
    return page_cache.remember("news:categories", lambda: list(Category.objects.all()))

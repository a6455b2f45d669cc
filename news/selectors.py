"""Reads of news: what readers see, in a fixed number of queries."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery, Value, prefetch_related_objects
from django.db.models.query import ModelIterable
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from portal import pagecache as page_cache
from portal.core.i18n import current_language
from portal.core.models import Image
from portal.core.richtext import html_to_text
from portal.editorial.permissions import may_see, may_see_internal

from .models import Article, Category, Tag

LIST_FIELDS = (
    "id", "title", "slug", "lead", "publish_at", "category", "cover", "cover_alt",
    "language", "live", "is_internal", "expire_at", "byline", "featured",
)  # fmt: skip


class _WithCategory(ModelIterable):
    """Articles with their category from ``categories()`` (a dozen rows kept under the
    publication generation) instead of a join to the category table in every list query."""

    def __iter__(self):
        by_pk = {c.pk: c for c in categories()}
        for article in super().__iter__():
            category = by_pk.get(article.category_id)
            if category is not None:  # (a category added since: read on first use)
                article.category = category
            yield article


COVER = Prefetch("cover", queryset=Image.objects.only("file", "renditions", "width", "height"))


def visible_articles(user, language: str | None = None) -> QuerySet[Article]:
    """The articles ``user`` may read in ``language``, newest first, as lists show them:
    the category from the kept list, the covers in one more query (none without covers)."""
    qs = (
        Article.objects.visible_to(user)
        .filter(language=language or current_language())
        .prefetch_related(COVER)
        .only(*LIST_FIELDS)
        .order_by("-publish_at", "-id")
    )
    qs._iterable_class = _WithCategory  # kept by every clone (filter, slice) of qs
    return qs


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
    so the pages of a list count once per publish or scheduled change, not per request;
    so are the rows of each page (read once per page and publication, not per request), and
    ``page.kept_key`` names them for the template's kept cards."""
    articles = visible_articles(user)
    if category is not None:
        articles = articles.filter(category=category)
    count_key = None
    if not may_see_internal(user):
        count_key = f"news:count:{current_language()}:{category.pk if category else '*'}"
    page = _IdsFirstPaginator(articles, per_page, count_key=count_key).get_page(number)
    # The key under which the page's cards may be kept as HTML too ({% kept %} in
    # news/list.html); None for readers who see internal items (rendered every time).
    page.kept_key = None
    if count_key is not None:
        rows = page.object_list
        page.kept_key = f"{count_key}:page:{per_page}:{page.number}"
        page.object_list = page_cache.remember(page.kept_key, lambda: list(rows))
    return page


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
    qs = Article.objects.visible_to(user).filter(slug=slug, language=current_language())
    return _page_article(qs, categories, Article.objects.visible_to(user))


def article_by_pk(pk: int, categories: list[Category]) -> Article | None:
    """An article as its page shows it, once ``readable_article`` has said it may be shown
    (to a reader who sees only public items)."""
    return _page_article(Article.objects.filter(pk=pk), categories, Article.objects.public())


def _page_article(qs, categories: list[Category], readable) -> Article | None:
    """In one query whatever the article links to: the row, its cover and its translation
    joined, the names and slugs of its tags alongside (``tag_names``, ``tag_slugs``), and
    the ``readable`` translation naming it (``back_translation_slug``); its category from
    ``categories``; its address in ``url``."""
    tags = Tag.objects.filter(articles=OuterRef("pk")).order_by("name")
    # The translation that names this article (when the article names none itself).
    back = readable.filter(translation=OuterRef("pk")).exclude(language=OuterRef("language")).order_by("pk")
    qs = (
        qs.select_related("cover", "translation")
        .annotate(tag_names=ArraySubquery(tags.values("name")), tag_slugs=ArraySubquery(tags.values("slug")))
        .annotate(
            back_translation_slug=Subquery(back.values("slug")[:1]),
            back_translation_language=Subquery(back.values("language")[:1]),
        )
        .order_by()
    )
    article = next(iter(qs[:1]), None)
    if article is not None:
        category = next((c for c in categories if c.pk == article.category_id), None)
        if category is not None:
            article.category = category
        article.url = article.get_absolute_url()
    return article


def related_articles(article: Article, user, limit: int = 5) -> list[Article]:
    """The articles the editors picked for this one (``related_picks``, those ``user`` may
    read, newest first), then the newest of the same category: one query, the two lists
    each read by its own index (UNION ALL of two limited selects)."""
    fields = ("id", "title", "slug", "language", "publish_at")
    visible = Article.objects.visible_to(user).exclude(pk=article.pk).only(*fields).order_by("-publish_at", "-id")
    through = Article.related_picks.through.objects.filter(from_article=article.pk)
    picks = visible.filter(pk__in=through.values("to_article")).annotate(picked=Value(1))
    newest = visible.filter(language=article.language, category_id=article.category_id).annotate(picked=Value(0))
    rows = sorted(picks[:limit].union(newest[: limit * 2], all=True), key=lambda a: -a.picked)
    out, seen = [], set()
    for a in rows:  # picks first (in date order), then the newest not already picked
        if a.pk not in seen:
            seen.add(a.pk)
            out.append(a)
    return with_urls(out[:limit])


def readable_translation(article: Article, user) -> Article | None:
    """The other-language version of ``article`` that ``user`` may read: the one it names,
    else the one naming it (editors may link a translation from either side). An article
    read by ``_page_article`` carries both already (no query)."""
    if article.translation_id:
        translation = article.translation
        return translation if may_see(user, translation) else None
    if hasattr(article, "back_translation_slug"):
        if not article.back_translation_slug:
            return None
        return Article(slug=article.back_translation_slug, language=article.back_translation_language)
    candidate = Article.objects.visible_to(user).filter(translation_id=article.pk).exclude(language=article.language)
    return next(iter(candidate.only("id", "slug", "language", "title")[:1]), None)


def tag_by_slug(slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def tag_page(user, tag: Tag, number, *, per_page: int) -> Page:
    """Page ``number`` of the articles of ``tag`` that ``user`` may read, newest first."""
    articles = visible_articles(user).filter(tags=tag)
    count_key = None if may_see_internal(user) else f"news:count:{current_language()}:tag:{tag.pk}"
    return _IdsFirstPaginator(articles, per_page, count_key=count_key).get_page(number)


def author_page(user, byline_slug: str, number, *, per_page: int) -> tuple[str | None, Page]:
    """The byline as written and page ``number`` of that author's articles ``user`` may
    read, newest first (None when the author has no readable article)."""
    articles = visible_articles(user).filter(byline_slug=byline_slug)
    count_key = None if may_see_internal(user) else f"news:count:{current_language()}:author:{byline_slug}"
    page = _IdsFirstPaginator(articles, per_page, count_key=count_key).get_page(number)
    name = page.object_list[0].byline if page.object_list else None
    return name, page


def most_read(user, limit: int = 5) -> list[Article]:
    """The most read articles of the page's language, by the view counts the visit beacon
    keeps (no write here). Kept under the publication generation for readers, like the
    rest of the home page: the counts change without a publish, so the box follows them
    at the next publish or within ``PAGE_CACHE_TIMEOUT``."""
    language = current_language()

    def read() -> list[Article]:
        qs = (
            Article.objects.visible_to(user)
            .filter(language=language, view_count__gt=0)
            .only("id", "title", "slug", "language", "publish_at", "view_count")
            .order_by("-view_count", "-publish_at")
        )
        return with_urls(qs[:limit])

    if may_see_internal(user):
        return read()
    return page_cache.remember(f"news:most-read:{language}:{limit}", read)


def with_urls(articles) -> list[Article]:
    """The articles, each with its address in ``url`` (reversed once, not per use)."""
    out = list(articles)
    for a in out:
        a.url = a.get_absolute_url()
    return out


def home_section(request):
    """Latest news by category and a featured article, for the home page."""
    language = current_language()
    base = visible_articles(request.user, language).prefetch_related(None)
    latest = list(base[:40])
    # The newest article the editors marked "tin nổi bật"; else the newest with a picture.
    featured = base.filter(featured=True).first()
    prefetch_related_objects([*latest, *([featured] if featured else [])], COVER)  # the covers: one query
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
        "side_template": "news/_most_read.html",
        "most_read": SimpleLazyObject(lambda: most_read(request.user)),
        "featured": featured,
        "latest": latest[:6],
        "by_category": list(by_category.values()),
    }


def article_document(article: Article) -> dict:
    """Its search document: the category's name, the tags and the byline are ranked after
    the title and before the body (``portal/search/registry.py``)."""
    keywords = [article.category.display_name(article.language), *(t.name for t in article.tags.all())]
    return {
        "kind": _("Tin tức"),
        "title": article.title,
        "keywords": " ".join([*keywords, article.byline]),
        "summary": article.lead,
        "body": f"{article.lead} {html_to_text(article.body)}",
        "url": article.get_absolute_url(),
        "language": article.language,
    }


def categories() -> list[Category]:
    """Every category (a dozen), kept under the publication generation: an edit in the
    admin replaces it."""
    return page_cache.remember("news:categories", lambda: list(Category.objects.all()))

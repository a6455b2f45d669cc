"""RSS feeds: the latest news (``/rss/``, ``/en/rss/``), and per category, tag and author
(``…/rss/`` under each page). Each lists what an anonymous reader may read, in the
language of its address."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from portal.core.i18n import current_language

from . import selectors
from .models import Article, Tag

SIZE = 30


class LatestNewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj=None):
        return _("Cổng thông tin điện tử Bộ Thông tin và Truyền thông — Tin tức")

    def link(self, obj=None):
        return reverse("news:list")

    def description(self, obj=None):
        return _("Tin mới nhất của Bộ Thông tin và Truyền thông")

    def articles(self, obj):
        return Article.objects.public().filter(language=current_language())

    def items(self, obj=None):
        return (
            self.articles(obj)
            .select_related("category")
            .only("title", "slug", "lead", "publish_at", "language", "byline", "category__name", "category__name_en")
            .order_by("-publish_at", "-id")[:SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.publish_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.display_name(item.language)]


class CategoryFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        category = next((c for c in selectors.categories() if c.slug == slug), None)
        if category is None:
            raise Http404
        return category

    def title(self, obj=None):
        return f"{obj.label} — {_('Cổng thông tin điện tử Bộ Thông tin và Truyền thông')}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def articles(self, obj):
        return super().articles(obj).filter(category=obj)


class TagFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        return tag

    def title(self, obj=None):
        return f"{_('Thẻ')}: {obj.name} — {_('Cổng thông tin điện tử Bộ Thông tin và Truyền thông')}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def articles(self, obj):
        return super().articles(obj).filter(tags=obj)


class AuthorFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        return slug

    def title(self, obj=None):
        name = Article.objects.public().filter(byline_slug=obj).values_list("byline", flat=True).first() or obj
        return f"{_('Tác giả')}: {name} — {_('Cổng thông tin điện tử Bộ Thông tin và Truyền thông')}"

    def link(self, obj=None):
        return reverse("news:author", args=[obj])

    def articles(self, obj):
        return super().articles(obj).filter(byline_slug=obj)

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .models import Article


class LatestNewsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("Cổng thông tin điện tử Bộ Thông tin và Truyền thông — Tin tức")
    link = "/tin-tuc/"
    description = _("Tin mới nhất của Bộ Thông tin và Truyền thông")
    language = "vi"

    def items(self):
        return (
            Article.objects.public()
            .filter(language="vi")
            .select_related("category")
            .only("title", "slug", "lead", "publish_at", "language", "byline", "category__name")
            .order_by("-publish_at", "-id")[:30]
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
        return [item.category.name]

from django.contrib.sitemaps import Sitemap

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Article.objects.public().only("slug", "language", "updated_at", "publish_at").order_by("-publish_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at

    def location(self, item):
        return item.get_absolute_url()

from django.contrib.sitemaps import Sitemap

from .models import Indicator, Release


class ReleaseSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Release.objects.public().only("year", "month", "updated_at").order_by("-year", "-month")

    def lastmod(self, item):
        return item.updated_at

    def location(self, item):
        return item.get_absolute_url()


class IndicatorSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Indicator.objects.only("code").order_by("code")

    def location(self, item):
        return item.get_absolute_url()

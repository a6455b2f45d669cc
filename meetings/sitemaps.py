from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from .selectors import listed_meetings, listed_summaries


class MeetingSitemap(Sitemap):
    """Meetings an anonymous reader may open in full (public ones)."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return listed_meetings(AnonymousUser())

    def location(self, item):
        return item.get_absolute_url()


class PublicSummarySitemap(Sitemap):
    """Public summaries of internal meetings, at their own addresses."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return listed_summaries(AnonymousUser())

    def location(self, item):
        return item.get_absolute_url()

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap

from .selectors import listed_meetings


class MeetingSitemap(Sitemap):
    """Meetings an anonymous reader may open: public ones, or with a published summary."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return listed_meetings(AnonymousUser())

    def location(self, item):
        return item.get_absolute_url()

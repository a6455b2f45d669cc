"""Atom feed of releases and corrections (django.contrib.syndication): what the public can
see now, newest first."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Correction, Release

LIMIT = 50


class ReleaseFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Số liệu thống kê ngành TT&TT: kỳ công bố và đính chính")

    def link(self):
        return reverse("stats:index")

    def subtitle(self):
        return _("Mỗi kỳ công bố số liệu và mỗi lần đính chính, mới nhất trước.")

    def items(self):
        now = timezone.now()
        public = Release.objects.public(now)
        entries = [
            {"kind": "release", "release": r, "at": r.first_published_at or r.publish_at, "note": r.summary}
            for r in public.order_by("-publish_at")[:LIMIT]
        ]
        for c in (
            Correction.objects.filter(applied_at__isnull=False, release__in=public.values("pk"))
            .select_related("release")
            .order_by("-applied_at")[:LIMIT]
        ):
            entries.append(
                {"kind": "correction", "release": c.release, "at": c.applied_at, "note": c.note, "n": c.number}
            )
        return sorted(entries, key=lambda e: e["at"], reverse=True)[:LIMIT]

    def item_title(self, item):
        if item["kind"] == "correction":
            return _("Đính chính lần %(n)s: %(release)s") % {"n": item["n"], "release": item["release"]}
        return str(item["release"])

    def item_description(self, item):
        return item["note"] or str(item["release"])

    def item_link(self, item):
        url = item["release"].get_absolute_url()
        return f"{url}#dinh-chinh" if item["kind"] == "correction" else url

    def item_guid(self, item):
        url = self.item_link(item)
        return f"{url}#dinh-chinh-{item['n']}" if item["kind"] == "correction" else url

    def item_pubdate(self, item):
        return item["at"]

    def item_updateddate(self, item):
        return item["at"]

from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.editorial.signals import approved

from .models import Indicator, Release


@receiver(approved, sender=Release, dispatch_uid="stats_after_publish")
def after_release_published(sender, item: Release, user, **kwargs):
    """Inside the board's approval: fix the catalogue the release shows and record a pending
    correction (the figures themselves reach the rows as the release's ``values`` part), so
    that the approval and its correction record commit together."""
    from .services import after_publish

    after_publish(release=item)


@receiver(post_save, sender=Indicator)
def index_indicator(sender, instance: Indicator, **kwargs):
    from portal.search.services import index_item

    index_item(item=instance, visible=True)

from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.editorial.enums import State

from .models import Indicator, Release


@receiver(post_save, sender=Release)
def apply_approved_values(sender, instance: Release, **kwargs):
    """The board's approval of a live release makes its pending values public."""
    if instance.live and instance.state == State.PUBLISHED:
        from .services import apply_pending

        apply_pending(release=instance)


@receiver(post_save, sender=Indicator)
def index_indicator(sender, instance: Indicator, **kwargs):
    from portal.search.services import index_item

    index_item(item=instance, visible=True)

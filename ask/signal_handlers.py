"""Keep the indicators' names among their aliases when the catalogue changes."""

from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="stats.Indicator", dispatch_uid="ask_sync_indicator_names")
def sync_names(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .aliases import sync_names as sync

    sync(indicators=[instance])

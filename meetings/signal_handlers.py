"""Receivers of the meetings app (connected in ``apps.MeetingsConfig.ready``)."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from portal.editorial.enums import State
from portal.editorial.signals import transitioned

from . import services
from .models import Meeting, PublicSummary


@receiver(transitioned, sender=Meeting)
def keep_names_as_approved(sender, item, log, **kwargs):
    """An approved record names units and people as they were when it was approved: a
    later rename shows on records approved after it, never on the ones before."""
    if log.to_state == State.PUBLISHED:
        services.record_shown_names(meeting=item)


@receiver(pre_save, sender=PublicSummary)
def summary_has_its_own_address(sender, instance, **kwargs):
    services.fill_summary_slug(summary=instance)

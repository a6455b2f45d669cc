"""Notifications on workflow events (``portal/editorial/notifications.py`` says what each
mail holds): submitting notifies the board; returning and publishing the author; giving
an item to someone the assignee; a note everyone involved."""

from django.dispatch import receiver

from . import notifications
from .signals import assigned, noted, transitioned


@receiver(transitioned)
def notify(sender, item, log, user, **kwargs):
    notifications.on_transition(item=item, log=log, user=user)


@receiver(assigned)
def notify_assigned(sender, item, assignment, user, **kwargs):
    notifications.on_assigned(item=item, assignment=assignment, user=user)


@receiver(noted)
def notify_note(sender, item, note, user, **kwargs):
    notifications.on_note(item=item, note=note, user=user)

from django.dispatch import receiver

from portal.editorial.enums import State
from portal.editorial.signals import transitioned

from . import services
from .models import Article


@receiver(transitioned, sender=Article)
def after_transition(sender, item, log, **kwargs):
    if log.to_state == State.PUBLISHED:
        services.record_slug_redirects(article=item)

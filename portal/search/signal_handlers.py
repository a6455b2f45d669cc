from django.dispatch import receiver

from portal.editorial.signals import transitioned

from . import registry, services


@receiver(transitioned)
def reindex_after_transition(sender, item, **kwargs):
    if registry.document_builder(sender) is not None:
        services.index_item(item=item)

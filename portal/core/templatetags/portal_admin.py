from django import template
from django.urls import reverse

from portal.editorial import registry
from portal.editorial.enums import State

register = template.Library()


@register.simple_tag
def pending_review_counts():
    """Items waiting for the board, per content model, for the admin index."""
    rows = []
    for model in registry.models():
        opts = model._meta
        rows.append(
            {
                "name": opts.verbose_name_plural,
                "count": model.objects.filter(state=State.PENDING).count(),
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?state=pending",
            }
        )
    return rows

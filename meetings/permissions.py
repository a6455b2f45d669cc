"""One small function per question about a user and the meetings app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portal.editorial.enums import Role
from portal.editorial.permissions import may_see_internal, user_roles

if TYPE_CHECKING:
    from .models import Directive, Person


def person_of(user) -> Person | None:
    """The ``Person`` linked to a signed-in user, or None (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_meeting_person"):
        from .models import Person

        user._meeting_person = Person.objects.filter(user=user).select_related("unit").first()
    return user._meeting_person


def may_view_tracker(user) -> bool:
    """The directive tracker and internal meetings need a staff login."""
    return may_see_internal(user)


def is_administrator(user) -> bool:
    return bool(getattr(user, "is_superuser", False) or Role.ADMIN in user_roles(user))


def may_verify(user) -> bool:
    """Văn phòng (and administrators) verify completion and decide extensions."""
    if not may_view_tracker(user):
        return False
    roles = user_roles(user)
    return Role.SECRETARIAT in roles or is_administrator(user)


def may_post_progress(user, directive: Directive) -> bool:
    """Only the lead unit's people, the person who gave the directive and administrators
    may post progress on a directive (or mark it done)."""
    if not may_view_tracker(user):
        return False
    if is_administrator(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if directive.giver_id and directive.giver_id == person.pk:
        return True
    if directive.lead_person_id and directive.lead_person_id == person.pk:
        return True
    return person.unit_id is not None and person.unit_id == directive.lead_unit_id

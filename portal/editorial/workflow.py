"""The one transition table: who may move an item from where to where.

Every request that changes an item's state is checked against ``TRANSITIONS`` by
``portal.editorial.permissions.check_transition``; hiding a button is not protection.
"""

from dataclasses import dataclass

from .enums import EDITORIAL_ROLES, Action, Role, State


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    target: State
    roles: frozenset[Role]
    requires_comment: bool = False
    # Roles that may act only on items they wrote themselves.
    own_items_only: frozenset[Role] = frozenset()
    # Roles that may not act on items whose content they changed since it was last approved
    # (created, submitted, or saved a revision of: the second pair of eyes).
    never_own_items: frozenset[Role] = frozenset()
    # The item must be live (visible to readers, or scheduled) for this transition.
    requires_live: bool = False
    # A publish time may be chosen.
    schedulable: bool = False


ALL_ROLES = EDITORIAL_ROLES
NOT_LIVE_WORKING = frozenset({State.DRAFT, State.RETURNED})

TRANSITIONS: dict[Action, Transition] = {
    Action.SUBMIT: Transition(
        action=Action.SUBMIT,
        sources=NOT_LIVE_WORKING,
        target=State.PENDING,
        roles=ALL_ROLES,
        own_items_only=frozenset({Role.REPORTER}),
    ),
    Action.RETURN: Transition(
        action=Action.RETURN,
        sources=frozenset({State.PENDING}),
        target=State.RETURNED,
        roles=frozenset({Role.EDITOR, Role.BOARD, Role.ADMIN}),
        requires_comment=True,
    ),
    Action.PUBLISH: Transition(
        action=Action.PUBLISH,
        sources=frozenset({State.PENDING}),
        target=State.PUBLISHED,
        roles=frozenset({Role.BOARD, Role.ADMIN}),
        never_own_items=frozenset({Role.BOARD, Role.ADMIN}),
        schedulable=True,
    ),
    Action.FORCE_PUBLISH: Transition(
        action=Action.FORCE_PUBLISH,
        sources=frozenset({State.DRAFT, State.PENDING, State.RETURNED}),
        target=State.PUBLISHED,
        roles=frozenset({Role.ADMIN}),
        requires_comment=True,
        # Force-publishing skips the review, never the second pair of eyes.
        never_own_items=frozenset({Role.ADMIN}),
        schedulable=True,
    ),
    Action.WITHDRAW: Transition(
        action=Action.WITHDRAW,
        sources=frozenset({State.PUBLISHED, State.DRAFT, State.PENDING, State.RETURNED}),
        target=State.WITHDRAWN,
        roles=frozenset({Role.BOARD, Role.ADMIN}),
        requires_comment=True,
        requires_live=True,
    ),
    Action.REOPEN: Transition(
        action=Action.REOPEN,
        sources=frozenset({State.WITHDRAWN}),
        target=State.DRAFT,
        roles=frozenset({Role.BOARD, Role.ADMIN}),
    ),
}

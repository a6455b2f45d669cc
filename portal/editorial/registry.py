"""Content models that pass through the workflow register here (from their app's
``ready()``), so that site-wide pieces (the board's queue) can list them.

A model may also name its *parts*: child records that belong to its content (a meeting's
directives and documents, a release's figures). Parts are kept in every revision with the
item's own fields and, on a live item, reach the rows only when the board approves."""

from __future__ import annotations

from typing import Any, Protocol


class RevisionPart(Protocol):
    key: str  # the key of the part in a revision's data
    label: str  # shown in the comparison of two revisions

    def dump(self, item) -> Any:
        """The part's rows as JSON-able data."""

    def load(self, item, data: Any) -> None:
        """Make the rows match ``data`` (called inside the approving transaction)."""

    def display(self, data: Any) -> dict[str, str]:
        """One line of text per row, keyed by a stable row label, for the comparison."""


_models: list[type] = []
_parts: dict[type, tuple[RevisionPart, ...]] = {}


def register(model: type, *, parts: tuple[RevisionPart, ...] = ()) -> type:
    if model not in _models:
        _models.append(model)
    if parts:
        _parts[model] = tuple(parts)
    return model


def models() -> list[type]:
    return list(_models)


def parts_of(model: type) -> tuple[RevisionPart, ...]:
    return _parts.get(model, ())

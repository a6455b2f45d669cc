"""Content models that pass through the workflow register here (from their app's
``ready()``), so that site-wide pieces (the board's queue) can list them."""

from __future__ import annotations

_models: list[type] = []


def register(model: type) -> type:
    if model not in _models:
        _models.append(model)
    return model


def models() -> list[type]:
    return list(_models)

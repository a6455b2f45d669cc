"""Apps register their searchable models here, from their AppConfig.ready():

    search.registry.register(Article, to_document=article_document)

``to_document(item)`` returns a dict with ``title``, ``summary``, ``body`` (plain text),
``url``, ``language`` and ``kind`` (the label shown in results). Items of a model that
inherits ``EditorialModel`` are re-indexed automatically after every transition.
"""

from __future__ import annotations

from collections.abc import Callable

_registry: dict[type, Callable] = {}


def register(model: type, *, to_document: Callable) -> None:
    _registry[model] = to_document


def document_builder(model: type) -> Callable | None:
    return _registry.get(model)


def models() -> list[type]:
    return list(_registry)

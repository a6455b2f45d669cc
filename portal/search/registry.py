"""Apps register their searchable models here, from their AppConfig.ready():

    search.registry.register(Article, to_document=article_document)

``to_document(item)`` returns a dict (or a list of dicts, one per language: an item with
English names is found by English search on ``/en/`` too) with:

- ``title``, ``summary``, ``body`` (plain text), ``url``, ``language`` ("vi" or "en") and
  ``kind`` (the label shown in results: a lazy ``gettext_lazy`` string, translated when the
  results are shown, so English search says "News", not "Tin tức");
- optional ``keywords``: text ranked after the title and before the body (a category's
  name, tags, a byline, a meeting's kind…);
- optional ``date``: the date a result shows and is ordered by, the item's own (a meeting's
  date, a release's publication date); ``None`` for undated reference items (an indicator),
  which come after dated ones of the same relevance. Default: ``publish_at``;
- optional ``publish_at``, ``expire_at``, ``is_internal``: when and to whom the document is
  visible (default: the item's own fields).

Items of a model that inherits ``EditorialModel`` are re-indexed automatically after every
transition; ``services.index_item`` re-indexes one item at any other time.
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

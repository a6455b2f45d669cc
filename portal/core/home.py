"""The home page is assembled from sections that apps register (portal never imports an
app). A section is ``provider(request) -> {"template": ..., **context}`` or None."""

from __future__ import annotations

from collections.abc import Callable

_sections: list[tuple[int, Callable]] = []


def register(provider: Callable, *, order: int = 50) -> None:
    if all(p is not provider for _, p in _sections):
        _sections.append((order, provider))
        _sections.sort(key=lambda t: t[0])


def sections(request) -> list[dict]:
    out = []
    for _, provider in _sections:
        section = provider(request)
        if section:
            out.append(section)
    return out

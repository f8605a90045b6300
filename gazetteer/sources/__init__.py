"""Sources of the gazetteer: one module per source, each yielding :class:`Record`.

A source module exposes ``records() -> Iterator[Record]`` and ``version() -> str``.
Nothing is read until ``records()`` is called.
"""
from __future__ import annotations

from dataclasses import dataclass

from gazetteer.model import Place

__all__ = ["Record"]


@dataclass(frozen=True, slots=True)
class Record:
    """A place and every name it goes by (canonical name first)."""

    place: Place
    names: tuple[str, ...]

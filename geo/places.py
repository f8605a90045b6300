"""What recognition and resolution need of a gazetteer, as typed protocols.

:class:`PlaceIndex` is the gazetteer's side: facts only (which places a name
matches and how, demonyms, a country's place). :class:`gazetteer.store.Gazetteer`
satisfies it. :class:`Candidates` is the ranked view the stages read names
through; :class:`geo.resolution.policy.Ranked` implements it over any
:class:`PlaceIndex`, so a test or another store can stand in for the SQLite file.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from gazetteer.model import Candidate, Match, Place

__all__ = ["PlaceIndex", "Candidates"]


class PlaceIndex(Protocol):
    """A gazetteer's facts."""

    def matches(self, name: str, country: str | None = None,
                how: str = "key") -> Sequence[Match]:
        """Places whose names match ``name`` (``how``: "key", "loose", "fuzzy")."""
        ...

    def demonyms(self) -> Mapping[str, tuple[str, str]]:
        """Folded demonym -> (country code, form)."""
        ...

    def country_place(self, code: str) -> Place | None:
        """The country with this ISO code."""
        ...


class Candidates(Protocol):
    """Ranked candidates for names (what recognition and resolution read)."""

    def lookup(self, name: str, country: str | None = None, limit: int = 10,
               fuzzy: bool = True) -> tuple[Candidate, ...]:
        """The places ``name`` may refer to, most likely first."""
        ...

    def credible(self, name: str, cands: tuple[Candidate, ...], *, one_word: bool,
                 common: bool) -> tuple[Candidate, ...]:
        """``cands`` without transliterations too weak to stand for ``name``."""
        ...

    def demonyms(self) -> Mapping[str, tuple[str, str]]:
        """Folded demonym -> (country code, form)."""
        ...

    def country_place(self, code: str) -> Place | None:
        """The country with this ISO code."""
        ...

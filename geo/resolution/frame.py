"""The report's frame: the countries it is about bound the candidates.

A report about Burkina Faso that names a village the gazetteer lacks does not
mean a Belgian town whose name is spelled alike. The frame is built from firm
evidence only, never from the weak matches it judges:

* **local** countries: those of the report's firm places (a name whose best
  candidate matched by its own spelling and is big or well ahead of every
  candidate in another country), of countries named outright ("Syria"), and
  of the user's ``--country``;
* **mentioned** countries: those only a demonym refers to ("Russian forces":
  an actor, not necessarily where things happen).

A candidate is admitted when it lies in a local country (or, when the report
has none, a mentioned one); in a mentioned one unless its match is weak (a
transliteration or fuzzy spelling); anywhere when it
is firm on its own (a country, a first-level area, or a big town called by
its own name). Places without a country (seas, continents, rivers) are always
admitted. A report with no firm evidence has no frame and bounds nothing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gazetteer.model import Candidate
from gazetteer.names import key
from geo.distance import haversine_km
from geo.resolution import policy as P

__all__ = ["Frame"]

_WIDE = ("country", "continent", "region", "river")


def _own_name(c: Candidate) -> bool:
    return c.reason in ("exact", "normalised") and key(c.matched or c.place.name) == key(
        c.place.name)


def _firm_abroad(c: Candidate) -> bool:
    """A candidate strong enough to be taken outside the frame."""
    p = c.place
    if c.reason not in ("exact", "normalised"):
        return False
    if p.kind in ("country", "continent", "region", "admin1"):
        return True
    return _own_name(c) and p.population >= P.FRAME_ABROAD_POPULATION


def _leads(cands: Sequence[Candidate]) -> bool:
    """Does a name's best candidate stand out: a big place, or one well ahead
    of every candidate in another country?"""
    top = cands[0]
    if top.place.population >= P.FRAME_ABROAD_POPULATION:
        return True
    abroad = max((c.score for c in cands[1:]
                  if c.place.country_code != top.place.country_code), default=0.0)
    return top.score - abroad >= P.FRAME_MARGIN


@dataclass(frozen=True, slots=True)
class Frame:
    """The countries a report is about (see the module docstring)."""

    local: frozenset[str] = frozenset()
    mentioned: frozenset[str] = frozenset()
    #: ``outline(cc)``: a country's shapely outline, or None (then no place
    #: counts as near a frame country).
    outline: Callable[[str], Any] | None = field(default=None, compare=False, repr=False)

    @property
    def empty(self) -> bool:
        """Whether the report gave no country to bound its choices."""
        return not (self.local or self.mentioned)

    @classmethod
    def of(cls, groups: Iterable[Sequence[Candidate]], demonyms: Iterable[str] = (),
           bias: Iterable[str] = (), outline: Callable[[str], Any] | None = None) -> Frame:
        """The frame from each name's candidates (best prior first), the
        countries of the report's demonyms and a user's bias; ``outline`` gives
        country outlines (to admit weak matches just across a frame border)."""
        local = set(bias)
        for cands in groups:
            if not cands:
                continue
            top = cands[0]
            cc = top.place.country_code
            if not cc or top.reason not in ("exact", "normalised"):
                continue
            if top.place.kind == "country":
                if key(top.matched or "") == key(top.place.name) or top.reason == "exact":
                    local.add(cc)
            elif top.place.kind not in _WIDE and _own_name(top) and _leads(cands):
                local.add(cc)
        mentioned = set(demonyms) - local
        return cls(frozenset(local), frozenset(mentioned), outline)

    def admits(self, c: Candidate) -> bool:
        """May this candidate be taken in this report?"""
        cc = c.place.country_code
        if self.empty or not cc or cc in (self.local or self.mentioned):
            return True
        if c.reason not in ("loose", "fuzzy"):
            return cc in self.mentioned or _firm_abroad(c)
        # A country misspelt is still that country; a place just across the
        # border of a frame country belongs to the report's geography too.
        return c.place.kind == "country" or self._near(c.place)

    def _near(self, p) -> bool:
        if self.outline is None or p.kind in _WIDE:
            return False
        import shapely
        from shapely.ops import nearest_points

        point = shapely.Point(p.lon, p.lat)
        for cc in sorted(self.local or self.mentioned):
            shape = self.outline(cc)
            if shape is None:
                continue
            q = nearest_points(shape, point)[0]
            if haversine_km(p.lon, p.lat, q.x, q.y) <= P.FRAME_NEAR_KM:
                return True
        return False

    def bound(self, cands: Iterable[Candidate]) -> list[Candidate]:
        """The candidates this frame admits, in their order."""
        return [c for c in cands if self.admits(c)]

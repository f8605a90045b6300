"""Value objects of the gazetteer: places and lookup candidates."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

__all__ = ["Place", "Match", "Candidate", "Kind", "KIND", "KINDS", "HOW", "Town"]


@dataclass(frozen=True, slots=True)
class Kind:
    """What a kind of place means to the stages that read it: one row of :data:`KIND`.

    Parameters
    ----------
    name : str
        The kind, as ``Place.kind`` spells it.
    precision : str
        The export ``precision`` of a place of this kind (``region``, ``country``,
        ``admin``, ``town``).
    local : bool
        Located by a meaningful point: towns, sites and districts draw support from
        their neighbours (resolution) and anchor "40 km north of X" (zones).
    site : bool
        A settlement or site an event happens at: the event takes its point.
    shaped : bool
        Its outline is exported (a country, a region, a river, a province, a
        user's shape), not only its point.
    broad : bool
        An area or line whose point says little (ACLED's geo-precision 3).
    """

    name: str
    precision: str
    local: bool = False
    site: bool = False
    shaped: bool = False
    broad: bool = False


#: Every kind of place, coarse to fine, and what it means (:class:`Kind`).
KIND: dict[str, Kind] = {k.name: k for k in (
    Kind("continent", "region", broad=True),
    Kind("region", "region", shaped=True, broad=True),
    Kind("country", "country", shaped=True, broad=True),
    Kind("admin1", "admin", shaped=True, broad=True),
    Kind("admin2", "admin", local=True),
    Kind("city", "town", local=True, site=True),
    Kind("camp", "town", local=True, site=True),
    Kind("prison", "town", local=True, site=True),
    Kind("crossing", "town", local=True, site=True),
    Kind("landmark", "town", local=True, site=True),
    Kind("river", "region", shaped=True, broad=True),
    Kind("custom", "town", local=True, site=True, shaped=True),
)}

#: Kinds of place, coarse to fine.
KINDS = tuple(KIND)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry.

    Parameters
    ----------
    id : str
        Source-prefixed id, ``"geonames:163750"``, ``"ne:SY"``, ``"local:al-hol-camp"``.
    name : str
        Canonical name.
    kind : str
        One of :data:`KINDS`.
    country_code : str or None
        ISO 3166-1 alpha-2 code.
    admin1 : str or None
        First-level administrative code as GeoNames spells it (``"SY.04"`` style is
        shortened to ``"04"``).
    lon, lat : float
        A representative point.
    population : int
        Population where known, else 0.
    wkb : bytes or None
        The geometry as WKB when the place has a shape (country polygon, river line).
    """

    id: str
    name: str
    kind: str
    country_code: str | None
    admin1: str | None
    lon: float
    lat: float
    population: int = 0
    wkb: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def geometry(self):
        """The place's shapely geometry: its shape where known, else its point."""
        import shapely

        if self.wkb is not None:
            return shapely.from_wkb(self.wkb)
        return shapely.Point(self.lon, self.lat)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {"type": "Feature", "geometry": self.geometry.__geo_interface__,
                "properties": {"id": self.id, "name": self.name, "kind": self.kind,
                               "country_code": self.country_code}}


class Town(NamedTuple):
    """A town reduced to what sizing a part of an area by its people needs."""

    lon: float
    lat: float
    population: int


#: How a name matched a place's name, closest first: the same spelling; the same
#: folded key (case, diacritics, punctuation); the same press-transliteration key
#: with a similar spelling; within a small edit distance.
HOW = ("exact", "normalised", "loose", "fuzzy")


@dataclass(frozen=True, slots=True)
class Match:
    """A place whose name (or alternate name) matched a query, with the facts a
    ranking needs: the place (kind, population, admin codes), ``how`` the name
    matched (one of :data:`HOW`) and the ``matched`` name row itself. No score:
    how much each fact weighs is the resolution stage's business."""

    place: Place
    how: str
    matched: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, with how well it matched.

    ``score`` is in 0..1 (from :meth:`gazetteer.store.Gazetteer.lookup`, how
    closely the name matched; from the resolution stage's ranking, a prior of
    match quality and importance, not document context); ``reason`` says how
    the name matched (``"exact"``, ``"normalised"``,
    ``"loose"``, ``"fuzzy"``, ``"demonym"``).
    """

    place: Place
    score: float
    reason: str
    matched: str = ""

"""Candidate locations of events (:class:`Spot`) and how each kind of place ranks: a
camp or town above a district, a province, a zone, a country; ACLED's precision words.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gazetteer.model import KIND
from geo.model import Mention

__all__ = ["Spot", "RANK", "ZONE_RANK", "ANCHORED", "PARTS", "FINE", "PRECISION",
           "POINT_KINDS", "AREA_KINDS", "NEAR_M", "town_named", "area_named", "point"]

RANK = {"camp": 7.0, "prison": 7.0, "crossing": 7.0, "landmark": 7.0, "custom": 6.0,
        "city": 6.0, "admin2": 5.0, "admin1": 4.0, "river": 3.0, "country": 2.0,
        "region": 1.0, "continent": 0.0}
ZONE_RANK = 3.5
#: Zone relations that put an event away from the towns they are set from.
ANCHORED = frozenset({"offset", "between"})
#: Zone relations that stand for their anchor: "eastern X" is not the town X.
PARTS = frozenset({"part", "central"})
FINE = 5.0
PRECISION = {"camp": "exact", "prison": "exact", "crossing": "exact", "landmark": "exact",
             "custom": "town", "city": "town", "admin2": "admin", "admin1": "admin",
             "river": "zone", "country": "country", "region": "region", "continent": "region"}
POINT_KINDS = frozenset(k for k, v in KIND.items() if v.site)
#: Place kinds that are areas: ACLED's geo_precision 3.
AREA_KINDS = frozenset(k for k, v in KIND.items() if v.broad)
#: A zone whose uncertainty is at most this is "near a place" (geo_precision 2).
NEAR_M = 30_000.0


@dataclass(frozen=True, slots=True)
class Spot:
    """A candidate location: a resolved place or a zone, in one sentence (``geometry``
    is a shapely geometry in lon/lat)."""

    rank: float
    sentence: int
    start: int
    end: int
    geometry: Any
    ids: tuple[str, ...]
    mentions: tuple[Mention, ...]
    precision: str
    country_code: str | None
    name: str
    locative: bool
    kind: str = ""
    admin1: str | None = None
    geo_precision: int = 1
    #: The zone a town anchors without a distance ("east of Aleppo"): the event is in it.
    within: Any = None


def town_named(gazetteer, name: str, area):
    """The gazetteer's town of ``name`` in the same country as the area it was read
    as, when the text calls it a town; else the area."""
    for c in _lookup(gazetteer, name):
        p = c.place
        if p.kind == "city" and p.country_code == area.country_code \
                and (area.kind != "admin1" or p.admin1 in (None, area.admin1)):
            return p
    return area


def area_named(gazetteer, name: str, town):
    """The gazetteer's first- or second-level area of ``name`` that holds the town
    it was read as, when the text calls it an area ("the X department"); else the
    town."""
    for c in _lookup(gazetteer, name):
        p = c.place
        if p.kind in ("admin1", "admin2") and p.country_code == town.country_code \
                and p.admin1 in (None, town.admin1):
            return p
    return town


def _lookup(gazetteer, name: str) -> list:
    if gazetteer is None:
        return []
    try:
        return list(gazetteer.lookup(name))
    except Exception:  # noqa: BLE001 - a lookup that fails finds nothing
        return []


def point(place):
    """A place's point (lon, lat) as a shapely geometry."""
    import shapely

    return shapely.Point(place.lon, place.lat)

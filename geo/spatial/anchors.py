"""Anchors from resolved mentions: what kind of place, and which reading of a name.

Shared by :mod:`geo.spatial.parse` and :mod:`geo.spatial.rules`.
"""
from __future__ import annotations

from dataclasses import replace

from gazetteer.model import KIND
from geo.model import Resolution

from .expression import Anchor

__all__ = ["AREA_KINDS", "POINT_KINDS", "cc_of", "kind_of", "place_anchor", "prefer"]

#: Place kinds whose geometry is a point (a town-like anchor).
POINT_KINDS = tuple(k for k, v in KIND.items() if v.local)
#: Place kinds that are areas (their polygon, where the gazetteer has one).
AREA_KINDS = tuple(k for k, v in KIND.items()  # countries and rivers anchor on their own
                   if v.broad and k not in ("country", "river"))


def cc_of(res: Resolution) -> str | None:
    """The country code of a resolution's place (None if unresolved or it has none)."""
    return res.place.country_code if res.place is not None else None


def kind_of(res: Resolution | None) -> str:
    """``"country"``, ``"river"``, ``"area"`` or ``"point"`` for an anchor's place."""
    place = res.place if res is not None else None
    if place is None:
        return "none"
    if place.kind == "country":
        return "country"
    if place.kind == "river":
        return "river"
    if place.kind in AREA_KINDS:
        return "area"
    return "point"


def prefer(res: Resolution, kinds: tuple[str, ...]) -> Resolution:
    """The resolution re-pointed at its first alternative of one of ``kinds``, if any.

    The resolver picks the likeliest place for a name alone; the words around it
    can say otherwise: "the east bank of the Dnipro" is the river, not the city,
    and "northern Gaza" the Gaza Strip, not Gaza City.
    """
    place = res.place
    if place is None or place.kind in kinds:
        return res
    for alt in res.alternatives:
        if alt.kind in kinds and (alt.country_code == place.country_code
                                  or not alt.country_code or alt.kind == "river"):
            return replace(res, place=alt, alternatives=(place, *(
                a for a in res.alternatives if a is not alt)))
    return res


def place_anchor(res: Resolution) -> Anchor:
    """An anchor for a resolved mention."""
    k = kind_of(res)
    kind = {"country": "country", "river": "river"}.get(k, "place")
    return Anchor(kind=kind, code=cc_of(res), resolution=res, text=res.mention.text)

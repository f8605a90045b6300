"""What the zone builders share: the shape of a zone before it is a Zone, and how
its derivation names lengths and anchors."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import geometry as G
from .expression import Anchor

__all__ = ["Shape", "anchor_ids", "km", "size_m"]


def km(m: float) -> str:
    """A length in metres written in kilometres (``"12 km"``, ``"2.5 km"``)."""
    km = m / 1000
    return f"{km:.0f} km" if abs(km - round(km)) < 0.05 else f"{km:.1f} km"


@dataclass(frozen=True, slots=True)
class Shape:
    """A zone's shape before it is a Zone: geometry, derivation, uncertainty, country, anchor ids
    and confidence."""

    geometry: Any
    derivation: str
    uncertainty_m: float
    country_code: str | None
    anchors: tuple[str, ...]
    confidence: float = 0.7


def anchor_ids(anchors: Iterable[Anchor]) -> tuple[str, ...]:
    """The ids a derivation names for anchors: gazetteer ids, else country codes (a border names
    its countries), each once."""
    ids: list[str] = []
    for a in anchors:
        if a.kind == "border":
            ids += [c for c in (*a.others[:1], a.code) if c]
        elif a.place is not None:
            ids.append(a.place.id)
        elif a.code:
            ids.append(a.code)
    return tuple(dict.fromkeys(ids))


#: Sizes of recent geometries by id, each kept with its geometry (so that the id is
#: not reused): :func:`geometry.part_of` hands back the same object for the same cut.
_SIZES: dict[int, tuple[Any, float]] = {}


def size_m(geom: Any) -> float:
    """A geometry's size in metres: the square root of its geodesic area (recent ones cached)."""
    hit = _SIZES.get(id(geom))
    if hit is not None and hit[0] is geom:
        return hit[1]
    size = (G.geodesic_area_km2(geom) * 1e6) ** 0.5
    if len(_SIZES) >= 256:
        _SIZES.pop(next(iter(_SIZES)))
    _SIZES[id(geom)] = (geom, size)
    return size

"""The part of a country or admin area that "northern X", "X's east" name, sized by
where its people live.

Writers name a part of a country after the towns in it: the north of Mali is
Timbuktu, Gao and Kidal (three fifths of the country, few people), eastern Congo
is the Kivus and Ituri (a fifth, many people). Method: in the area's local frame,
the part is the area beyond a straight cut perpendicular to the direction, placed
so that the towns beyond it hold :data:`PEOPLE_SHARE` of the area's town
population; the cut is then moved, if needed, so that the part keeps between
:data:`MIN_SHARE` (:data:`MIN_SHARE_SMALL` for an area under :data:`SMALL_KM2`: a
fifth of the Gaza Strip is one town, and writers name parts of a small area by
its districts) and :data:`MAX_SHARE` of the area. A corner ("south-western X") is
both the southern and the western part, about a quarter where those are halves, so
it keeps between :data:`CORNER_MIN` and :data:`CORNER_MAX` of the area:
south-western Libya is the Fezzan, not half the country. Without towns, the part
keeps :data:`FALLBACK_SHARE` of the area (:func:`geometry.part_of`).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from . import _local
from . import geometry as G
from .compass import bearing_of, compass_point

__all__ = ["CORNER_MAX", "CORNER_MIN", "FALLBACK_SHARE", "MAX_SHARE", "MIN_SHARE", "MIN_SHARE_SMALL", "PEOPLE_SHARE", "SMALL_KM2",
           "part_by_people"]

PEOPLE_SHARE = 0.1
MIN_SHARE = 0.2
MIN_SHARE_SMALL = 0.3
SMALL_KM2 = 50_000.0
MAX_SHARE = 0.6
CORNER_MIN = 0.15
CORNER_MAX = 0.3
FALLBACK_SHARE = 0.25


def part_by_people(area: Any, direction: str, towns: Sequence[Any], *,
                   people: float = PEOPLE_SHARE) -> Any:
    """The part of ``area`` towards ``direction`` (see the module docstring).

    Parameters
    ----------
    area : shapely (Multi)Polygon
        The country or admin area, lon/lat.
    direction : str
        A compass point in any written form ("north", "NE").
    towns : sequence
        Places with ``lon``, ``lat`` and ``population`` (those inside the area count).
    people : float
        Share of the population the part holds before the area bounds apply.
    """
    import numpy as np
    import shapely

    code = compass_point(direction)
    bearing = bearing_of(code) if code else None
    if code is None or bearing is None:
        raise ValueError(f"not a direction: {direction!r}")
    pop = [t for t in towns if (t.population or 0) > 0]
    if not pop:
        return G.part_of(area, code, fraction=FALLBACK_SHARE)
    region = _local.polygonal(area)
    lon0, lat0 = _local.centre_of(region)
    local = _local.polygonal(_local.to_local(region, lon0, lat0))
    b = math.radians(bearing)
    ux, uy = math.sin(b), math.cos(b)
    pts = _local.to_local(shapely.multipoints([(t.lon, t.lat) for t in pop]), lon0, lat0)
    xy = shapely.get_coordinates(pts)
    weight = np.array([t.population for t in pop], dtype=float)
    if len(xy) != len(weight):
        return G.part_of(area, code, fraction=FALLBACK_SHARE)
    along = xy[:, 0] * ux + xy[:, 1] * uy
    order = np.argsort(-along)
    cum = np.cumsum(weight[order]) / weight.sum()
    cut_at = float(along[order][min(len(cum) - 1, int(np.searchsorted(cum, people)))])
    edge = shapely.get_coordinates(local)
    size = float(abs(edge).max()) * 2 + 1.0
    part = shapely.intersection(local, G._halfplane(cut_at, ux, uy, size))
    share = part.area / local.area if local.area else 0.0
    if len(code) == 2:                          # a corner: "NE", "SW"
        least, most = CORNER_MIN, CORNER_MAX
    else:
        least = MIN_SHARE_SMALL if G.geodesic_area_km2(region) < SMALL_KM2 else MIN_SHARE
        most = MAX_SHARE
    if share < least or share > most:
        return G.part_of(area, code, fraction=min(most, max(least, share)))
    return _local.polygonal(_local.from_local(_local.polygonal(part), lon0, lat0))

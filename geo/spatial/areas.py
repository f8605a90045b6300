"""Zones about areas rather than towns: people-sized parts (cached across reports),
the border between two areas, and the land beyond an area's edge."""
from __future__ import annotations

from typing import Any

from . import _local
from . import geometry as G
from .compass import bearing_of, name_of
from .expression import Anchor, Expression
from .parts import part_by_people
from .shapes import Shape, anchor_ids, km, size_m
from .world import MAP_MARGIN_M, Geo, area_of

__all__ = ["BEYOND_SHARE", "TOUCH_DEG", "area_border", "beyond", "people_part"]

#: Outlines from different sources (a region's, a country's, a derived one) meet
#: within this many degrees (~2 km): "the border between the Gaza Strip and Egypt".
TOUCH_DEG = 0.02
BEYOND_SHARE = 0.6         # "south of Tigray": out to this times the area's size


#: People-sized parts by (gazetteer id, place, direction), each with its gazetteer:
#: cutting Russia takes a second or two, and reports name the same parts again.
_PARTS: dict[tuple[int, str, str], tuple[Any, Any]] = {}


def people_part(geo: Geo, a: Anchor, area: Any, direction: str) -> Any:
    """The part of ``area`` towards ``direction`` by where its people live
    (:func:`~geo.spatial.parts.part_by_people`), cached by anchor and direction."""
    where = (id(geo.gaz), a.place.id if a.place is not None else str(a.code))
    key = (*where, direction)
    hit = _PARTS.get(key)
    if hit is None or hit[0] is not geo.gaz:
        if len(_PARTS) >= 256:
            _PARTS.pop(next(iter(_PARTS)))
        hit = _PARTS[key] = (geo.gaz, part_by_people(area, direction, _towns(geo, where, area)))
    return hit[1]


#: The towns of the areas last cut, by (gazetteer id, place): "northern X" and "southern
#: X" read the same towns (a big country's take a second to fetch).
_TOWNS: dict[tuple[int, str], tuple[Any, list[Any]]] = {}


def _towns(geo: Geo, where: tuple[int, str], area: Any) -> list[Any]:
    hit = _TOWNS.get(where)
    if hit is None or hit[0] is not geo.gaz:
        if len(_TOWNS) >= 16:
            _TOWNS.pop(next(iter(_TOWNS)))
        hit = _TOWNS[where] = (geo.gaz, geo.towns(area))
    return hit[1]


def area_border(exp: Expression, geo: Geo, depth: float) -> Shape | None:
    """"The border between the Gaza Strip and Egypt": a strip along the edge the two
    areas share (found within :data:`TOUCH_DEG` of each other), on both sides."""
    import shapely

    (a, b), outlines = exp.anchors, []
    for x in exp.anchors:
        raw = geo.country(x.code) if x.kind == "country" else geo.shape(x.place)
        if not isinstance(raw, (shapely.Polygon, shapely.MultiPolygon)):
            return None
        outlines.append(raw)
    edge = shapely.intersection(shapely.boundary(outlines[0]),
                                shapely.buffer(outlines[1], TOUCH_DEG))
    lines = [g for g in shapely.get_parts(shapely.line_merge(edge) if edge.geom_type in (
        "LineString", "MultiLineString") else edge)
             if g.geom_type == "LineString" and not g.is_empty and g.length > 0]
    if not lines:
        return None
    both = shapely.buffer(shapely.union(*outlines), TOUCH_DEG)
    geom = _local.polygonal(shapely.intersection(G.buffer_m(shapely.MultiLineString(lines),
                                                            depth), both))
    return Shape(geom, f"buffer(edge({a.label}, {b.label}), {km(depth)})",
                  0.1 * depth + MAP_MARGIN_M, a.code or b.code, anchor_ids(exp.anchors), 0.6)


def beyond(exp: Expression, a: Anchor, geo: Geo) -> Shape | None:
    """"South of Tigray": the land beyond the area's edge on that side, out to
    :data:`BEYOND_SHARE` times the area's own size."""
    import shapely

    area, edge, _ = area_of(a, geo)
    size = size_m(area)
    d = BEYOND_SHARE * size
    bearing = bearing_of(exp.direction or "")
    if bearing is None:
        return None
    centre = area.representative_point()
    wedge = G.sector(centre, bearing, 2 * size + d, half_angle_deg=45.0)
    geom = _local.polygonal(shapely.intersection(
        shapely.difference(G.buffer_m(area, d), area), wedge))
    return Shape(geom, f"beyond({a.label}, {name_of(exp.direction or '')}, {km(d)})",
                  0.25 * d + edge, a.code, anchor_ids([a]), 0.5)

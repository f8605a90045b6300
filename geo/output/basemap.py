"""The offline basemap of a map: what lies around the reported features, from the gazetteer.

Country outlines (the gazetteer's simplified ones) for the whole world, and around
the features only: the towns and villages of the gazetteer as labels (each shown
from a zoom level set by its population, see :mod:`maps._basemap`), the rivers of
the project's data, and province (admin-1) outlines where the gazetteer has
them. It is all written into the one HTML file, so it stays small: at most
:data:`TOWNS_PER_PLACE` towns around each place and :data:`MAX_TOWNS` in all.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["MAX_SPOTS", "MAX_TOWNS", "TOWNS_PER_PLACE", "TOWN_RADIUS_M", "basemap_for"]

#: Towns within this distance of a reported place are labelled.
TOWN_RADIUS_M = 60_000
#: At most this many towns around each place (the most populous).
TOWNS_PER_PLACE = 60
#: At most this many town labels in a page.
MAX_TOWNS = 4000
#: At most this many spots (0.1° cells holding local features) get their surroundings drawn,
#: those with the most features first: a map of thousands of reports would otherwise look up
#: the towns of tens of thousands of spots to keep :data:`MAX_TOWNS` of them.
MAX_SPOTS = 250
#: Features at these precisions have towns around them (a country's centre has none).
_LOCAL = frozenset({"exact", "town", "admin", "zone"})
#: Rivers and provinces are drawn within this margin (degrees) around the places.
_MARGIN_DEG = 2.0
#: Simplification of province outlines (degrees of their own coordinates).
_ADMIN_TOLERANCE = 0.01


def _centres(features: Iterable[dict[str, Any]]) -> list[tuple[float, float]]:
    """(lon, lat) of the local features, one per 0.1° cell, in the :data:`MAX_SPOTS` cells
    with the most features (ties: the first seen)."""
    seen: dict[tuple[float, float], tuple[float, float]] = {}
    counts: dict[tuple[float, float], int] = {}
    for f in features:
        p = f.get("properties") or {}
        lon, lat = p.get("lon"), p.get("lat")
        if p.get("precision") not in _LOCAL or not isinstance(lon, (int, float)) \
                or not isinstance(lat, (int, float)):
            continue
        if p.get("kind") == "zone" and (p.get("uncertainty_m") or 0) > TOWN_RADIUS_M:
            continue  # a large zone's point says little about where to look
        cell = (round(lon, 1), round(lat, 1))
        seen.setdefault(cell, (float(lon), float(lat)))
        counts[cell] = counts.get(cell, 0) + 1
    keep = set(sorted(seen, key=lambda cell: -counts[cell])[:MAX_SPOTS])
    return [point for cell, point in seen.items() if cell in keep]


def _towns(gazetteer, centres, named=()) -> list[dict[str, Any]]:
    """The towns around `centres` (most populous first), and the towns the reports name
    (`named` gazetteer ids), whatever their population (GeoNames gives some none)."""
    towns = {}
    for place_id in named:
        place = gazetteer.get(place_id, geometry=False)
        if place is not None and place.kind == "city":
            towns[place.id] = place
    for lon, lat in centres:
        near = gazetteer.nearby(lon, lat, TOWN_RADIUS_M, kinds={"city"})
        for place in sorted(near, key=lambda p: -p.population)[:TOWNS_PER_PLACE]:
            towns[place.id] = place
    ranked = sorted(towns.values(), key=lambda p: (p.id not in named, -p.population, p.id))
    ranked = ranked[:MAX_TOWNS]
    return [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [
        round(p.lon, 4), round(p.lat, 4)]}, "properties": {
        "layer": "town", "name": p.name, "population": p.population}} for p in ranked]


def _shape(gazetteer, place_id: str, layer: str):
    """A province's simplified outline or a river's line (shapely), or None."""
    import shapely

    full = gazetteer.get(place_id)
    if full is None or full.wkb is None:
        return None, None
    geom = shapely.from_wkb(full.wkb)
    if layer == "admin1":
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            return None, None
        geom = shapely.set_precision(
            shapely.simplify(geom, _ADMIN_TOLERANCE, preserve_topology=True), 0.001)
    elif geom.geom_type not in ("LineString", "MultiLineString"):
        return None, None
    return full.name, geom


def _feature(name: str, geom, layer: str) -> dict[str, Any] | None:
    from geo.output.features import clean_geometry

    geometry = clean_geometry(geom)
    return None if geometry is None else {
        "type": "Feature", "geometry": geometry, "properties": {"layer": layer, "name": name}}


def _areas(centres):
    """The places' surroundings: squares of :data:`_MARGIN_DEG` around each, merged."""
    import shapely

    boxes = [shapely.box(lon - _MARGIN_DEG, max(-90.0, lat - _MARGIN_DEG),
                         lon + _MARGIN_DEG, min(90.0, lat + _MARGIN_DEG)) for lon, lat in centres]
    return shapely.get_parts(shapely.union_all(boxes))


def basemap_for(gazetteer, features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The basemap FeatureCollection for a map of `features` (see the module's docstring)."""
    import shapely

    features = list(features)
    base = gazetteer.basemap()
    extra: list[dict[str, Any] | None] = []
    centres = _centres(features)
    named = {p["gazetteer_id"] for f in features if (p := f.get("properties") or {})
             .get("kind") == "place" and isinstance(p.get("gazetteer_id"), str)}
    if centres:
        extra += _towns(gazetteer, centres, named)
        areas = _areas(centres)
        provinces: dict[str, Any] = {}
        for area in areas:
            for place in gazetteer.within(area, kinds={"admin1"}):
                provinces.setdefault(place.id, None)
        for place_id in provinces:
            name, geom = _shape(gazetteer, place_id, "admin1")
            if geom is not None:
                extra.append(_feature(name, geom, "admin1"))
        near = shapely.union_all(areas)
        for place in gazetteer.within(shapely.box(-180, -90, 180, 90), kinds={"river"}):
            name, geom = _shape(gazetteer, place.id, "river")
            if geom is not None and geom.intersects(near):
                extra.append(_feature(name, geom, "river"))
    extra = [f for f in extra if f is not None]
    return {"type": "FeatureCollection", "features": [*base["features"], *extra]}

"""The first view of the page: where the story is, not the box around every outlier.

A set of reports about north-east Syria that also names Washington, London and
Moscow should open on Syria, not on the world. The page opens on the *heaviest
cluster* of located features:

- each feature weighs its share of its report's mentions (a report counts as
  much as another, however long it is);
- features whose representative points lie within :data:`LINK_KM` of one
  another (directly or through a chain of neighbours) form a cluster;
- the page frames the cluster with the largest total weight (ties: the one
  with more features). Shapes wider than :data:`WIDE_DEG` (a whole continent,
  Russia) add only their representative point to the frame.

Everything outside the first view is listed by a control on the page.
Coordinates here are (lat, lon), as everywhere inside ``maps``.

Examples
--------
>>> from maps._contract import parse_features
>>> def pt(doc, lon, lat):
...     return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
...             "properties": {"kind": "place", "doc": doc}}
>>> fc = {"type": "FeatureCollection", "features": [
...     pt("a", 38.95, 36.69), pt("a", 38.86, 36.38), pt("a", -77.04, 38.9), pt("b", 39.0, 35.95)]}
>>> story_focus(parse_features(fc))
(0, 1, 3)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from maps._contract import Feature

__all__ = ["LINK_KM", "WIDE_DEG", "frame", "representative", "story_focus"]

#: Two features this close (km) belong to the same cluster.
LINK_KM = 600.0
#: A shape wider or taller than this (degrees) frames only its representative point.
WIDE_DEG = 20.0


def _positions(geometry: Mapping[str, Any]) -> Iterator[tuple[float, float]]:
    """Every (lat, lon) position of a GeoJSON geometry."""
    if geometry["type"] == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from _positions(part)
        return

    def walk(coords: Any) -> Iterator[tuple[float, float]]:
        if coords and isinstance(coords[0], (int, float)):
            yield float(coords[1]), float(coords[0])
        else:
            for item in coords:
                yield from walk(item)

    yield from walk(geometry["coordinates"])


#: How deep the positions lie under ``coordinates`` (0: the coordinates are one position).
_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
          "MultiPolygon": 3}


def _box(geometry: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a geometry."""
    depth = _DEPTH.get(geometry["type"])
    if depth is None:  # a GeometryCollection
        lats, lons = zip(*_positions(geometry), strict=True)
        return min(lats), min(lons), max(lats), max(lons)
    positions = [geometry["coordinates"]]
    for _ in range(depth):
        positions = [item for items in positions for item in items]
    xs = [float(p[0]) for p in positions]
    ys = [float(p[1]) for p in positions]
    return min(ys), min(xs), max(ys), max(xs)


def representative(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """A point standing for the geometry, as (lat, lon): a Point itself, else its box's centre."""
    if geometry["type"] == "Point":
        lon, lat = geometry["coordinates"][:2]
        return float(lat), float(lon)
    south, west, north, east = _box(geometry)
    return (south + north) / 2.0, (west + east) / 2.0


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _unit(point: tuple[float, float]) -> tuple[float, float, float]:
    """The (lat, lon) point as a vector on the unit sphere."""
    lat, lon = map(math.radians, point)
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def _clusters(points: Sequence[tuple[float, float]]) -> list[list[int]]:
    """Single-linkage groups of point indices at :data:`LINK_KM`, in order of their first index.

    Points are put in a grid of cubes on the unit sphere's vectors, each as wide as the
    chord of :data:`LINK_KM`, so that only points in neighbouring cubes are compared
    (linear in the number of points for spread-out maps, not quadratic)."""
    parent = list(range(len(points)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    size = 2 * math.sin(LINK_KM / (2 * 6371.0088))  # chord of LINK_KM on the unit sphere
    cells: dict[tuple[int, int, int], list[int]] = {}
    for i, point in enumerate(points):
        cell = tuple(math.floor(c / size) for c in _unit(point))
        cells.setdefault(cell, []).append(i)  # type: ignore[arg-type]
    near = [(a, b, c) for a in (-1, 0, 1) for b in (-1, 0, 1) for c in (-1, 0, 1)]
    for (x, y, z), members in cells.items():
        others = [j for a, b, c in near for j in cells.get((x + a, y + b, z + c), ())]
        for i in members:
            for j in others:
                if j > i and root(i) != root(j) and _km(points[i], points[j]) <= LINK_KM:
                    parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(points)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def story_focus(features: Sequence[Feature]) -> tuple[int, ...]:
    """Indices of the located features the first view frames (the heaviest cluster).

    Returns every located feature's index when they form a single cluster,
    and an empty tuple when none is located.
    """
    located = [f for f in features if f.geometry is not None]
    if not located:
        return ()
    per_doc: Counter[str] = Counter()
    for f in located:
        per_doc[f.doc] += max(1, len(f.mentions))
    weights = [max(1, len(f.mentions)) / per_doc[f.doc] for f in located]
    points = [representative(f.geometry) for f in located]  # type: ignore[arg-type]
    # Features at the same point (a country named in many reports) are clustered once.
    where: dict[tuple[float, float], list[int]] = {}
    for i, point in enumerate(points):
        where.setdefault(point, []).append(i)
    unique = list(where)
    groups = [[i for u in group for i in where[unique[u]]] for group in _clusters(unique)]
    best = max(groups, key=lambda group: (round(sum(weights[i] for i in group), 9), len(group)))
    return tuple(located[i].index for i in sorted(best))


def frame(features: Sequence[Feature], ids: Sequence[int]) -> list[list[float]] | None:
    """[[south, west], [north, east]] around the features `ids` (wide shapes by their point)."""
    boxes = []
    by_index = {f.index: f for f in features}
    for i in ids:
        geometry = by_index[i].geometry
        if geometry is None:
            continue
        south, west, north, east = _box(geometry)
        if north - south > WIDE_DEG or east - west > WIDE_DEG:
            lat, lon = representative(geometry)
            south, west, north, east = lat, lon, lat, lon
        boxes.append((south, west, north, east))
    if not boxes:
        return None
    return [[min(b[0] for b in boxes), min(b[1] for b in boxes)],
            [max(b[2] for b in boxes), max(b[3] for b in boxes)]]

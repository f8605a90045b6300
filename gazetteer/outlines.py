"""Outlines of administrative areas, derived at build time from their member towns.

No installed source ships first- or second-level polygons, but every admin area
has member towns with coordinates. Method (stored as :data:`METHOD`): in each
country, the Voronoi cells of the member towns of its admin-1 areas (longitudes
scaled by the cosine of the country's middle latitude, so cells are not
stretched east-west) are dissolved by each admin-1 and admin-2 area that lists
the town (admin-1 areas sharing a code are an area and its parts: the broadest
takes all their towns), then clipped to the country's outline (simplified to
:data:`CLIP_TOLERANCE`). A boundary drawn this way runs halfway between the towns
of two areas: its error is about half the spacing of the towns, stored per area
as ``edge_m`` (half the square root of the area per member town, at least
:data:`MIN_EDGE_M`). A country with one admin-1 area gives it the whole outline.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["CLIP_TOLERANCE", "METHOD", "MIN_EDGE_M", "derive"]

METHOD = "voronoi(member towns) dissolved per area ∩ country"
#: Tolerance (degrees) of the country outline the cells are clipped to and of the result.
CLIP_TOLERANCE = 0.01
MIN_EDGE_M = 2_000.0
_KM_PER_DEG = 111.32


def derive(countries: Mapping[str, Any], areas: Iterable[tuple[str, str, str, str | None]],
           members: Mapping[str, list[tuple[float, float]]]) -> dict[str, tuple[Any, float]]:
    """Outlines of admin areas: place id -> (polygon, boundary error in metres).

    Parameters
    ----------
    countries : mapping
        Country code -> shapely (Multi)Polygon.
    areas : iterable of (place id, kind, country code, admin-1 code)
        The admin-1 and admin-2 areas.
    members : mapping
        Place id -> its member towns as (lon, lat).
    """
    by_cc: dict[str, dict[str, list[tuple[str, str | None]]]] = {}
    for pid, kind, cc, code in areas:
        if cc in countries and members.get(pid):
            by_cc.setdefault(cc, {}).setdefault(kind, []).append((pid, code))
    out: dict[str, tuple[Any, float]] = {}
    for cc, kinds in sorted(by_cc.items()):
        out.update(_country(countries[cc], kinds, members))
    return out


def _country(outline: Any, kinds: dict[str, list[tuple[str, str | None]]],
             members: Mapping[str, list[tuple[float, float]]]) -> dict[str, tuple[Any, float]]:
    import shapely

    ones = kinds.get("admin1", [])
    if not ones:
        return {}
    clip = shapely.simplify(outline, CLIP_TOLERANCE, preserve_topology=True)
    # Every area is the union of its member towns' cells: a town listed by two
    # admin-1 areas (one inside the other, as GeoNames has for some territories)
    # counts in both. The cells are those of the admin-1 areas' towns.
    index: dict[tuple[float, float], int] = {}
    for pid, _ in ones:
        for lon, lat in members[pid]:
            index.setdefault((round(lon, 4), round(lat, 4)), len(index))
    if len(ones) == 1 or len(index) < 3:
        if len(ones) != 1:
            return {}
        pid = ones[0][0]
        return {pid: (clip, _edge_m(clip, len(members[pid])))}
    groups: dict[str, list[int]] = {}
    for pid, _ in [*ones, *kinds.get("admin2", [])]:
        idx = sorted({index[k] for k in ((round(x, 4), round(y, 4)) for x, y in members[pid])
                      if k in index})
        if idx:
            groups[pid] = idx
    # Admin-1 areas that share a code are one area and its parts (GeoNames lists the
    # West Bank and its governorates at one level): the broadest takes all their towns.
    by_code: dict[str | None, list[str]] = {}
    for pid, code in ones:
        if pid in groups and code:
            by_code.setdefault(code, []).append(pid)
    for pids in by_code.values():
        if len(pids) > 1:
            broadest = max(pids, key=lambda p: len(groups[p]))
            groups[broadest] = sorted({i for p in pids for i in groups[p]})
    towns = list(index)
    minx, miny, maxx, maxy = clip.bounds
    k = math.cos(math.radians((miny + maxy) / 2)) or 1.0
    scaled = shapely.transform(clip, lambda xy: xy * [k, 1.0])
    shapely.prepare(scaled)
    pts = shapely.points([(x * k, y) for x, y in towns])
    frame = shapely.box(minx * k - 1, miny - 1, maxx * k + 1, maxy + 1)
    cells = shapely.get_parts(shapely.voronoi_polygons(
        shapely.multipoints(pts), extend_to=frame, ordered=True))
    out: dict[str, tuple[Any, float]] = {}
    for pid, idx in groups.items():
        geom = _clipped(cells[idx], scaled)
        if geom is None:
            continue
        geom = shapely.transform(geom, lambda xy: xy / [k, 1.0])
        out[pid] = (geom, _edge_m(geom, len(idx)))
    return out


def _clipped(cells: Any, clip: Any) -> Any:
    """The union of Voronoi cells within ``clip``, simplified; None if nothing is left."""
    import shapely

    try:
        merged = shapely.coverage_union_all(cells)
    except shapely.errors.GEOSException:
        merged = shapely.union_all(shapely.make_valid(cells))
    try:
        area = shapely.intersection(clip, merged)
    except shapely.errors.GEOSException:
        area = shapely.intersection(clip, shapely.make_valid(merged), grid_size=1e-6)
    area = shapely.make_valid(shapely.simplify(area, CLIP_TOLERANCE / 2))
    polys = [g for g in shapely.get_parts(area)
             if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty]
    geom = shapely.union_all(polys) if polys else None
    return None if geom is None or geom.is_empty else geom


def _edge_m(geom: Any, towns: int) -> float:
    """Half the spacing of an area's towns, in metres (its boundary error)."""
    lat = geom.centroid.y
    km2 = geom.area * _KM_PER_DEG ** 2 * math.cos(math.radians(lat))
    return round(max(MIN_EDGE_M, 500.0 * math.sqrt(km2 / max(1, towns))), -2)

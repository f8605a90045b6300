"""Metric geometry for spatial expressions: pure functions over shapely objects.

All inputs and outputs are in (lon, lat) degrees; all lengths are metres. Nothing
is ever buffered in degrees: points and distances are geodesic (``pyproj.Geod``
on WGS84) and buffers, cuts and sectors are made in a local azimuthal
equidistant frame centred on the feature (see :mod:`geo.spatial._local`), then
transformed back. Results that cross the antimeridian come back split into parts
within [-180, 180]. Areas that *contain* a pole are not supported.

>>> p = destination(32.62, 46.64, 40_000, 0)        # 40 km north of Kherson
>>> round(distance_m((32.62, 46.64), p))
40000
"""
from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from typing import Any

from gazetteer.geodesy import buffer_m

from . import _local
from .compass import CENTRAL, bearing_of, compass_point

__all__ = [
    "CENTRAL_FRACTION",
    "PART_FRACTION",
    "around",
    "border_strip",
    "buffer_m",
    "central",
    "corridor",
    "destination",
    "distance_m",
    "geodesic_area_km2",
    "part_of",
    "sector",
    "shared_border",
]

#: Share of a region's area that "the north of X" keeps (see :func:`part_of`).
PART_FRACTION = 0.4
#: Share of a region's area that "central X" keeps.
CENTRAL_FRACTION = 1 / 3

Coord = tuple[float, float]


def _point(p: Any) -> Any:
    import shapely

    if isinstance(p, shapely.Point):
        return p
    if isinstance(p, shapely.Geometry):
        return p.centroid
    return shapely.Point(float(p[0]), float(p[1]))


def _geom(g: Any) -> Any:
    import shapely

    return g if isinstance(g, shapely.Geometry) else shapely.Point(float(g[0]), float(g[1]))


def destination(lon: float, lat: float, distance_m: float, bearing_deg: float) -> Any:
    """The point ``distance_m`` from (lon, lat) along the geodesic at ``bearing_deg``.

    Parameters
    ----------
    lon, lat : float
        Start, in degrees.
    distance_m : float
        Geodesic distance in metres.
    bearing_deg : float
        Initial azimuth, degrees clockwise from north.

    Returns
    -------
    shapely.Point
        The end point, longitude normalised to [-180, 180). Works across the
        antimeridian and over the poles.
    """
    import shapely

    lon2, lat2, _ = _local.geod().fwd(lon, lat, bearing_deg, distance_m)
    return shapely.Point((lon2 + 180.0) % 360.0 - 180.0, lat2)


def distance_m(a: Any, b: Any) -> float:
    """Geodesic distance in metres between two points, or from a point to a geometry.

    Parameters
    ----------
    a, b : shapely geometry or (lon, lat)
        When both are points the WGS84 geodesic distance is exact. Otherwise both
        are measured in the AEQD frame centred on ``a`` (its centroid if it is not a
        point), which is exact for the distance from a point to anything.
    """
    import shapely

    ga, gb = _geom(a), _geom(b)
    if isinstance(ga, shapely.Point) and isinstance(gb, shapely.Point):
        return float(_local.geod().inv(ga.x, ga.y, gb.x, gb.y)[2])
    lon0, lat0 = (round(ga.x, 6), round(ga.y, 6)) if isinstance(ga, shapely.Point) \
        else _local.centre_of(ga)
    return float(_local.to_local(ga, lon0, lat0).distance(_local.to_local(gb, lon0, lat0)))


def geodesic_area_km2(geom: Any) -> float:
    """Area of a (multi)polygon on the WGS84 ellipsoid, in km²."""
    import shapely

    if geom is None or geom.is_empty:
        return 0.0
    g = shapely.orient_polygons(_local.polygonal(geom), exterior_cw=False)
    area, _ = _local.geod().geometry_area_perimeter(g)
    return abs(area) / 1e6


def shared_border(a: Any, b: Any) -> Any | None:
    """The boundary two polygons share, as a merged (multi)linestring, or None."""
    import shapely

    inter = shapely.intersection(a.boundary, b.boundary)
    lines = [g for g in shapely.get_parts(inter)
             if isinstance(g, (shapely.LineString, shapely.MultiLineString)) and g.length > 0]
    if not lines:
        return None
    return shapely.line_merge(shapely.union_all(lines))


def border_strip(country_geom: Any, border_line: Any, depth_m: float, *,
                 margin_m: float = 0.0) -> Any:
    """The part of a country within ``depth_m`` of a border: ``country ∩ buffer(border)``.

    "30 km into Syrian territory" from the Turkish border is
    ``border_strip(SY, border(TR, SY), 30_000)``: clipping to the named country
    keeps the strip on the side the text names.

    Parameters
    ----------
    country_geom : shapely (Multi)Polygon
        The country the strip lies in.
    border_line : shapely (Multi)LineString
        The border, e.g. from :func:`shared_border`.
    depth_m : float
        How deep into the country.
    margin_m : float, optional
        Also keep this much on the far side of the border, for borders drawn at a
        coarse scale: Natural Earth's 1:10m line puts Tel Abyad 400 m inside Turkey.
    """
    import shapely

    strip = shapely.intersection(country_geom, buffer_m(border_line, depth_m))
    if margin_m > 0:
        strip = shapely.union(strip, buffer_m(border_line, min(margin_m, depth_m)))
    return _local.polygonal(strip)


def _halfplane(t: float, ux: float, uy: float, size: float) -> Any:
    """Local-frame polygon of the points p with p·u >= t (within ``size`` of the origin)."""
    import shapely

    vx, vy = uy, -ux
    far = abs(t) + 2 * size
    return shapely.Polygon([(t * ux + size * vx, t * uy + size * vy),
                            (t * ux - size * vx, t * uy - size * vy),
                            (far * ux - size * vx, far * uy - size * vy),
                            (far * ux + size * vx, far * uy + size * vy)])


def _bisect(area_of: Any, lo: float, hi: float, target: float, *, rising: bool,
            tol: float, steps: int = 40) -> float:
    """Solve ``area_of(x) == target`` for x in [lo, hi] by bisection."""
    for _ in range(steps):
        mid = (lo + hi) / 2
        a = area_of(mid)
        if abs(a - target) <= tol:
            return mid
        if (a < target) == rising:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


#: :func:`part_of` results by (region WKB digest, compass code, fraction): "northern
#: Syria" is cut once per run, not once per mention (a cut costs 20-500 ms).
_PARTS: OrderedDict[tuple[bytes, str, float | None], Any] = OrderedDict()
_PARTS_MAX = 256


def _digest(geom: Any) -> bytes:
    """A fingerprint of a geometry's exact coordinates (its WKB), for cache keys."""
    return hashlib.blake2b(geom.wkb, digest_size=16).digest()


def part_of(region_geom: Any, direction: str, *, fraction: float | None = None) -> Any:
    """The part of a region that "the north of X", "northeastern X", "central X" name.

    Method: in the AEQD frame centred on the region, a compass direction is a
    unit vector u; the part is the region cut by the straight line perpendicular
    to u placed (by bisection) so that the side towards u holds ``fraction`` of the
    area (default 0.4, :data:`PART_FRACTION`). "central" is the region scaled about
    its centroid until it holds 1/3 of the area (:data:`CENTRAL_FRACTION`). Cutting
    by area rather than by a fixed distance keeps the part between a third and a
    half of the region whatever its shape, and matches what a reader expects:
    northeast Syria holds Hasakah and Qamishli, not Damascus, Homs or Aleppo.

    Parameters
    ----------
    region_geom : shapely (Multi)Polygon
        The region, lon/lat.
    direction : str
        One of the 16 compass points in any written form (``"NE"``,
        ``"north-eastern"``) or ``"central"``.
    fraction : float, optional
        Share of the area to keep, 0 < fraction < 1.

    Results are cached by the region's exact coordinates (and are shared: shapely
    geometries are immutable).
    """
    code = compass_point(direction)
    if code is None:
        raise ValueError(f"not a direction: {direction!r}")
    if region_geom is None or region_geom.is_empty:
        return _local.polygonal(region_geom)
    key = (_digest(region_geom), code, fraction)
    if key in _PARTS:
        _PARTS.move_to_end(key)
        return _PARTS[key]
    out = _part_of(region_geom, code, fraction)
    _PARTS[key] = out
    if len(_PARTS) > _PARTS_MAX:
        _PARTS.popitem(last=False)
    return out


def _part_of(region_geom: Any, code: str, fraction: float | None) -> Any:
    import shapely
    from shapely import affinity

    region = _local.polygonal(region_geom)
    if region.is_empty:
        return region
    lon0, lat0 = _local.centre_of(region)
    local = _local.polygonal(_local.to_local(region, lon0, lat0))
    total = local.area
    if code == CENTRAL:
        share = CENTRAL_FRACTION if fraction is None else fraction
        origin = local.centroid if local.contains(local.centroid) else local.point_on_surface()

        def core(s: float) -> Any:
            return shapely.intersection(local, affinity.scale(local, s, s, origin=origin))

        s = _bisect(lambda x: core(x).area, 0.0, 1.0, share * total, rising=True,
                    tol=0.005 * total)
        return _local.polygonal(_local.from_local(_local.polygonal(core(s)), lon0, lat0))
    share = PART_FRACTION if fraction is None else fraction
    b = math.radians(bearing_of(code) or 0.0)
    ux, uy = math.sin(b), math.cos(b)
    xy = shapely.get_coordinates(local)
    proj = xy[:, 0] * ux + xy[:, 1] * uy
    size = float(abs(xy).max()) * 2 + 1.0

    def cut(t: float) -> Any:
        return shapely.intersection(local, _halfplane(t, ux, uy, size))

    t = _bisect(lambda x: cut(x).area, float(proj.min()), float(proj.max()), share * total,
                rising=False, tol=0.005 * total)
    return _local.polygonal(_local.from_local(_local.polygonal(cut(t)), lon0, lat0))


def corridor(p1: Any, p2: Any, width_m: float) -> Any:
    """A band ``width_m`` wide (half each side) along the geodesic from p1 to p2.

    "on the road between Gao and Ansongo" is ``corridor(Gao, Ansongo, 20_000)``.
    """
    import shapely

    a, b = _point(p1), _point(p2)
    if (a.x, a.y) == (b.x, b.y):  # "between Aleppo and Aleppo": no line, the disc around it
        return buffer_m(a, width_m / 2)
    dist = _local.geod().inv(a.x, a.y, b.x, b.y)[2]
    n = min(500, int(dist // 2_000))
    mid = _local.geod().npts(a.x, a.y, b.x, b.y, n) if n else []
    xy = [(a.x, a.y), *mid, (b.x, b.y)]
    lons = _local.unwrap_lon([x for x, _ in xy], a.x)
    line = shapely.LineString(list(zip(lons, [y for _, y in xy], strict=True)))
    return buffer_m(line, width_m / 2)


def around(point: Any, radius_m: float, inner_m: float = 0.0) -> Any:
    """The disc of geodesic radius ``radius_m`` about a point, or the ring beyond ``inner_m``.

    "near Bakhmut" is a disc; "on the outskirts of Aleppo" a ring (``inner_m`` > 0).
    """
    import shapely

    p = _point(point)
    lon0, lat0 = round(p.x, 6), round(p.y, 6)
    disc = shapely.Point(0, 0).buffer(radius_m, quad_segs=32)
    if inner_m > 0:
        disc = disc.difference(shapely.Point(0, 0).buffer(inner_m, quad_segs=32))
    return _local.polygonal(_local.from_local(disc, lon0, lat0))


def sector(point: Any, bearing_deg: float, radius_m: float, *, half_angle_deg: float = 45.0,
           inner_m: float = 0.0) -> Any:
    """The wedge of azimuths ``bearing ± half_angle`` out to ``radius_m`` from a point.

    "east of Aleppo" (no distance) is a sector; azimuths and distances are exact,
    being taken in the AEQD frame centred on the point.
    """
    import shapely

    p = _point(point)
    lon0, lat0 = round(p.x, 6), round(p.y, 6)
    steps = max(4, int(2 * half_angle_deg / 3))
    angles = [math.radians(bearing_deg - half_angle_deg + i * 2 * half_angle_deg / steps)
              for i in range(steps + 1)]
    outer = [(radius_m * math.sin(a), radius_m * math.cos(a)) for a in angles]
    inner = [(inner_m * math.sin(a), inner_m * math.cos(a)) for a in reversed(angles)] \
        if inner_m > 0 else [(0.0, 0.0)]
    return _local.polygonal(_local.from_local(shapely.Polygon(outer + inner), lon0, lat0))


def central(geom: Any, radius_m: float | None = None) -> Any:
    """The centre of a place: a disc for a point, the core of a polygon.

    Parameters
    ----------
    geom : shapely geometry or (lon, lat)
        A town's point or a region's polygon.
    radius_m : float, optional
        For a point, the disc's radius (default 2 km). For a polygon, when given,
        the disc of that radius about its centre clipped to it; else
        ``part_of(geom, "central")``.
    """
    import shapely

    g = _geom(geom)
    if isinstance(g, (shapely.Point, shapely.MultiPoint, shapely.LineString)):
        return around(g.centroid if not isinstance(g, shapely.Point) else g,
                      2_000.0 if radius_m is None else radius_m)
    if radius_m is None:
        return part_of(g, CENTRAL)
    return _local.polygonal(shapely.intersection(g, around(g.point_on_surface(), radius_m)))

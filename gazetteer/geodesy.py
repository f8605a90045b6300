"""Geodesy: the WGS84 ellipsoid, local azimuthal equidistant frames, and buffers in metres.

Used by :mod:`geo.spatial.geometry` for zones and by the build to widen country
outlines (:func:`buffer_m`) once rather than in every process. A *local frame* is an
azimuthal equidistant (AEQD) projection centred on a feature, in metres: distances
from its centre are exact and, within ~1,000 km of it, every other length is off
by less than 0.3 %, so metric buffers and cuts are done there and the result is
transformed back to (lon, lat).
"""
from __future__ import annotations

import functools
from typing import Any

__all__ = [
    "COUNTRY_MARGIN_M",
    "COUNTRY_MARGIN_QUAD_SEGS",
    "buffer_m",
    "centre_of",
    "frame",
    "from_local",
    "geod",
    "polygonal",
    "split_antimeridian",
    "to_local",
    "unwrap_lon",
]

#: Input geometries are densified to this spacing (degrees) before projection so
#: that a long straight lon/lat edge stays the curve it is in the local frame.
DENSIFY_DEG = 0.05
#: Local results are densified to this spacing (metres) before going back.
DENSIFY_M = 5_000.0
#: How far a country's outline is widened for the towns on its edge (Natural Earth's
#: 1:10m borders are ~1 km off in places), and the quarter-circle segments of its corners.
COUNTRY_MARGIN_M = 2_000.0
COUNTRY_MARGIN_QUAD_SEGS = 4
#: Geometries reaching farther than this from their centre are buffered piecewise.
LOCAL_REACH_M = 1_200_000.0
#: Length of the stretches a long outline is buffered in.
CHUNK_M = 600_000.0


@functools.cache
def geod() -> Any:
    """The WGS84 ellipsoid as a :class:`pyproj.Geod`."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


@functools.lru_cache(maxsize=1024)
def frame(lon0: float, lat0: float) -> tuple[Any, Any]:
    """Transformers ``(to_local, to_lonlat)`` of the AEQD frame centred on a point.

    Built as PROJ pipelines (a tenth of a millisecond, against ~10 ms for a CRS
    pair), so that a frame per feature, or per point measured, costs nothing.

    Parameters
    ----------
    lon0, lat0 : float
        The centre, in degrees; callers round it so that the cache is reused.
    """
    from pyproj import Transformer

    aeqd = f"+proj=aeqd +lat_0={lat0:.6f} +lon_0={lon0:.6f} +ellps=WGS84"
    deg_rad = "+proj=unitconvert +xy_in=deg +xy_out=rad"
    rad_deg = "+proj=unitconvert +xy_in=rad +xy_out=deg"
    fwd = Transformer.from_pipeline(f"+proj=pipeline +step {deg_rad} +step {aeqd}")
    inv = Transformer.from_pipeline(f"+proj=pipeline +step +inv {aeqd} +step {rad_deg}")
    return fwd, inv


def unwrap_lon(lon: Any, lon0: float) -> Any:
    """Longitudes shifted by whole turns to lie within 180° of ``lon0``."""
    import numpy as np

    return lon0 + (np.asarray(lon, dtype=float) - lon0 + 180.0) % 360.0 - 180.0


def centre_of(geom: Any) -> tuple[float, float]:
    """A (lon, lat) centre for a local frame: the centroid, rounded to 1e-4°.

    Geometries split at the antimeridian are unwrapped around their first vertex
    first, so that Fiji's centre is not in the Atlantic.
    """
    import shapely

    coords = shapely.get_coordinates(geom)
    if len(coords) == 0:
        raise ValueError("empty geometry has no centre")
    lons = unwrap_lon(coords[:, 0], float(coords[0, 0]))
    if lons.max() - lons.min() > 180.0 or shapely.get_type_id(geom) == 0:
        lon, lat = float(coords[:, 0].mean()), float(coords[:, 1].mean())
    else:
        shifted = shapely.transform(geom, lambda x, y: (unwrap_lon(x, float(coords[0, 0])), y),
                                    interleaved=False)
        c = shifted.centroid if not shifted.is_empty else shapely.Point(lons.mean(), 0)
        lon, lat = float(c.x), float(c.y)
    lon = (lon + 180.0) % 360.0 - 180.0
    return round(lon, 4), round(max(-90.0, min(90.0, lat)), 4)


def to_local(geom: Any, lon0: float, lat0: float, *, densify: bool = True) -> Any:
    """``geom`` (lon/lat) in the AEQD frame centred on (lon0, lat0), in metres."""
    import shapely

    fwd, _ = frame(lon0, lat0)
    g = shapely.transform(geom, lambda x, y: (unwrap_lon(x, lon0), y), interleaved=False)
    if densify and shapely.get_type_id(g) not in (0, 4):
        g = shapely.segmentize(g, DENSIFY_DEG)
    return shapely.transform(g, lambda x, y: fwd.transform(x, y), interleaved=False)


def from_local(geom: Any, lon0: float, lat0: float) -> Any:
    """A local-frame geometry back in lon/lat, split at the antimeridian if it crosses."""
    import shapely

    _, inv = frame(lon0, lat0)
    if shapely.get_type_id(geom) not in (0, 4) and not geom.is_empty:
        geom = shapely.segmentize(geom, DENSIFY_M)

    def back(x: Any, y: Any) -> tuple[Any, Any]:
        lon, lat = inv.transform(x, y)
        return unwrap_lon(lon, lon0), lat

    return split_antimeridian(shapely.transform(geom, back, interleaved=False))


def split_antimeridian(geom: Any) -> Any:
    """Cut a geometry whose longitudes run past ±180° into parts within [-180, 180]
    (:func:`gazetteer.antimeridian.split_antimeridian`, polygons made one valid shape)."""
    import shapely

    from gazetteer.antimeridian import split_antimeridian as split

    if geom.is_empty:
        return geom
    out = split(geom)
    if out is geom:
        return geom
    return polygonal(shapely.union_all(shapely.get_parts(out))) if geom.area > 0 else out


def polygonal(geom: Any) -> Any:
    """The polygonal part of a geometry, made valid: drops stray lines and points."""
    import shapely

    if geom is None or geom.is_empty:
        return shapely.Polygon()
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if isinstance(geom, (shapely.Polygon, shapely.MultiPolygon)):
        return geom
    polys = [p for p in shapely.get_parts(geom)
             if isinstance(p, (shapely.Polygon, shapely.MultiPolygon)) and not p.is_empty]
    if not polys:
        return shapely.Polygon()
    out = shapely.union_all(polys)
    return out


def _reach_m(geom: Any, lon0: float, lat0: float) -> float:
    import numpy as np
    import shapely

    xy = shapely.get_coordinates(geom)
    n = len(xy)
    if n == 0:
        return 0.0
    _, _, d = geod().inv(np.full(n, lon0), np.full(n, lat0), xy[:, 0], xy[:, 1])
    return float(np.max(d))


def buffer_m(geom: Any, distance_m: float, *, quad_segs: int = 16) -> Any:
    """Buffer a lon/lat geometry by a distance in metres.

    The buffer is made in the AEQD frame centred on the geometry; geometries that
    reach more than ~1,200 km from their centre are buffered piecewise (each part
    or ~600 km stretch of outline in its own frame) and the pieces united, so a
    10 km strip along a 7,000 km border stays 10 km wide. Negative distances
    shrink polygons.

    Returns
    -------
    shapely geometry
        A (multi)polygon in lon/lat; empty if nothing is left.
    """
    import shapely

    if geom is None or geom.is_empty:
        return shapely.Polygon()
    if distance_m == 0:
        return geom
    lon0, lat0 = centre_of(geom)
    if _reach_m(geom, lon0, lat0) <= LOCAL_REACH_M:
        local = to_local(geom, lon0, lat0)
        out = local.buffer(distance_m, quad_segs=quad_segs)
        return polygonal(from_local(out, lon0, lat0))
    parts = shapely.get_parts(geom)
    if len(parts) > 1:
        pieces = [buffer_m(p, distance_m, quad_segs=quad_segs) for p in parts]
        return polygonal(shapely.union_all(pieces))
    if isinstance(geom, shapely.Polygon):
        rings = [geom.exterior, *geom.interiors]
        edge = shapely.union_all([buffer_m(c, abs(distance_m), quad_segs=quad_segs)
                                  for r in rings for c in _chunks(r)])
        op = shapely.union if distance_m > 0 else shapely.difference
        return polygonal(op(geom, edge))
    pieces = [buffer_m(c, distance_m, quad_segs=quad_segs) for c in _chunks(geom)]
    return polygonal(shapely.union_all(pieces))


def _chunks(line: Any, max_m: float = CHUNK_M) -> list[Any]:
    """A long line cut into consecutive stretches of at most ``max_m`` metres."""
    import numpy as np
    import shapely

    xy = shapely.get_coordinates(shapely.segmentize(line, 0.5))
    if len(xy) < 2:
        return [line]
    _, _, seg = geod().inv(xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1])
    out, start, run = [], 0, 0.0
    for i, s in enumerate(np.asarray(seg), start=1):
        run += s
        if run >= max_m or i == len(xy) - 1:
            out.append(shapely.LineString(xy[start:i + 1]))
            start, run = i, 0.0
    return out

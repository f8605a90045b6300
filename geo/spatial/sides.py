"""Which side of a line: "east of the Euphrates", "the west bank of the Nile".

Beside :mod:`geo.spatial.geometry` (whose :func:`buffer_m` it uses), kept
apart for size. Lon/lat in and out, metres for lengths, cuts in a local AEQD frame.
"""
from __future__ import annotations

import math
from typing import Any

from . import _local
from .compass import bearing_of
from .geometry import buffer_m

__all__ = ["DEFAULT_SIDE_DEPTH_M", "side_of_line"]

#: Depth of :func:`side_of_line` when neither a depth nor a clip is given.
DEFAULT_SIDE_DEPTH_M = 100_000.0


def _extend_ends(lines: Any, length: float, gap: float) -> Any:
    """Prolong the free ends of local-frame lines straight on by ``length`` metres."""
    import shapely

    parts = [p for p in shapely.get_parts(shapely.line_merge(lines))
             if isinstance(p, shapely.LineString) and p.length > 0]
    out = []
    for i, p in enumerate(parts):
        others = shapely.union_all([q for j, q in enumerate(parts) if j != i])
        xy = list(p.coords)
        back = min(10_000.0, p.length / 2)
        for at_end in (False, True):
            tip = shapely.Point(xy[-1] if at_end else xy[0])
            if not others.is_empty and others.distance(tip) < gap:
                continue
            ref = p.interpolate(p.length - back if at_end else back)
            dx, dy = tip.x - ref.x, tip.y - ref.y
            norm = math.hypot(dx, dy) or 1.0
            far = (tip.x + dx / norm * length, tip.y + dy / norm * length)
            xy = [*xy, far] if at_end else [far, *xy]
        out.append(shapely.LineString(xy))
    return shapely.MultiLineString(out) if out else shapely.MultiLineString()


def side_of_line(line: Any, side: str, depth_m: float | None = None, clip: Any = None) -> Any:
    """The land on one side of a line: "east of the Euphrates", "the west bank of the Nile".

    Method: the domain is ``buffer(line, depth_m)``, cut to ``clip`` (e.g. the
    country the text is about) when given; it is split by the line, prolonged
    straight on at its free ends, and a face is kept when a ray from it in the
    opposite direction (west, for "east of") crosses the line an odd number of
    times, i.e. when the line lies to the west of it. Works for meandering rivers.

    Parameters
    ----------
    line : shapely (Multi)LineString
        The river or line, lon/lat.
    side : str
        A compass direction (``"east"``, ``"NE"``...).
    depth_m : float, optional
        How far from the line; None with a clip means as far as the clip goes.
        With neither, 100 km.
    clip : shapely (Multi)Polygon, optional
        Area to stay within.
    """
    import shapely

    bearing = bearing_of(side)
    if bearing is None:
        raise ValueError(f"not a side: {side!r}")
    if depth_m is None and clip is None:
        depth_m = DEFAULT_SIDE_DEPTH_M
    domain = buffer_m(line, depth_m) if depth_m else None
    if clip is not None:
        clip = _local.polygonal(clip)
        domain = clip if domain is None else _local.polygonal(shapely.intersection(clip, domain))
    if domain is None or domain.is_empty:
        return shapely.Polygon()
    lon0, lat0 = _local.centre_of(domain)
    dom = _local.polygonal(_local.to_local(domain, lon0, lat0))
    minx, miny, maxx, maxy = dom.bounds
    size = math.hypot(maxx - minx, maxy - miny)
    cut = _extend_ends(_local.to_local(line, lon0, lat0), 3 * size, gap=20_000.0)
    faces = shapely.get_parts(shapely.polygonize(
        shapely.get_parts(shapely.union(dom.boundary, cut))))
    b = math.radians(bearing)
    ux, uy = math.sin(b), math.cos(b)
    keep = []
    for face in faces:
        probe = face.point_on_surface()
        if not dom.contains(probe):
            continue
        ray = shapely.LineString([(probe.x, probe.y),
                                  (probe.x - ux * 2 * size, probe.y - uy * 2 * size)])
        hits = shapely.intersection(ray, cut)
        if not hits.is_empty and shapely.get_num_geometries(hits) % 2 == 1:
            keep.append(face)
    if not keep:
        return shapely.Polygon()
    part = shapely.intersection(shapely.union_all(keep), dom)
    return _local.polygonal(_local.from_local(_local.polygonal(part), lon0, lat0))

"""Geometry rules of the exports: splitting at the antimeridian (RFC 7946 §3.1.9).

A line or polygon that crosses ±180° of longitude is cut there, and the parts
are shifted back into [-180, 180]: a Polygon becomes a MultiPolygon, a
LineString a MultiLineString. Two spellings of a crossing are recognised:

* continuous longitudes beyond the range (179 … 181), as geometry built in a
  local projection may have;
* a jump of more than 180° between consecutive vertices (179 → -179), the
  naive "wrapped" spelling.

A ring that goes round a pole (its unwrapped longitudes do not close, as in
Antarctica's outline) is left as it is.
"""
from __future__ import annotations

__all__ = ["crosses_antimeridian", "split_antimeridian"]


def _unwrap(coords):
    """Longitudes made continuous (each step under 180°); a copy."""
    import numpy as np

    xy = np.array(coords, dtype=float)
    if len(xy) < 2:
        return xy
    steps = np.diff(xy[:, 0])
    shift = np.concatenate([[0.0], np.cumsum(-360.0 * np.round(steps / 360.0))])
    xy[:, 0] = xy[:, 0] + shift
    return xy


def _unwrap_polygon(poly):
    import numpy as np
    import shapely

    shell = _unwrap(poly.exterior.coords)
    if abs(shell[0, 0] - shell[-1, 0]) > 1e-9:  # round a pole: leave alone
        return poly
    centre = shell[:, 0].mean()
    holes = []
    for ring in poly.interiors:
        xy = _unwrap(ring.coords)
        if abs(xy[0, 0] - xy[-1, 0]) > 1e-9:
            return poly
        xy[:, 0] += 360.0 * np.round((centre - xy[:, 0].mean()) / 360.0)
        holes.append(xy)
    return shapely.Polygon(shell, holes)


def _unwrapped(geom):
    """``geom`` with continuous longitudes, part by part."""
    import shapely

    t = geom.geom_type
    if t == "Polygon":
        return _unwrap_polygon(geom)
    if t == "LineString":
        return shapely.LineString(_unwrap(geom.coords))
    if t == "LinearRing":
        return shapely.LinearRing(_unwrap(geom.coords))
    return geom


def crosses_antimeridian(geom) -> bool:
    """Whether a geometry has longitudes beyond ±180° or jumps of more than 180°.

    Examples
    --------
    >>> import shapely
    >>> crosses_antimeridian(shapely.LineString([(179, 0), (-179, 1)]))
    True
    >>> crosses_antimeridian(shapely.box(10, 10, 11, 11))
    False
    """
    import numpy as np
    import shapely

    if geom is None or geom.is_empty:
        return False
    minx, _, maxx, _ = geom.bounds
    if minx < -180 or maxx > 180:
        return True
    for part in shapely.get_parts(geom):
        rings = ([part.exterior, *part.interiors] if part.geom_type == "Polygon"
                 else [part] if part.geom_type in ("LineString", "LinearRing") else [])
        for ring in rings:
            x = np.asarray(ring.coords)[:, 0]
            if len(x) > 1 and np.abs(np.diff(x)).max() > 180:
                return True
    return False


def _cut(geom, dim: int) -> list:
    """Parts of an unwrapped geometry in each 360° window, shifted into range."""
    import shapely
    from shapely import affinity

    minx, _, maxx, _ = geom.bounds
    out: list = []
    k_lo = int((minx + 180) // 360)
    k_hi = int((maxx + 180) // 360)
    for k in range(k_lo, k_hi + 1):
        west = -180.0 + 360.0 * k
        window = shapely.box(west, -90.0, west + 360.0, 90.0)
        piece = shapely.intersection(geom, window)
        if piece.is_empty:
            continue
        piece = affinity.translate(piece, xoff=-360.0 * k) if k else piece
        out.extend(g for g in shapely.get_parts(piece)
                   if shapely.get_dimensions(g) == dim and not g.is_empty)
    return out


def split_antimeridian(geom):
    """Cut lines and polygons that cross ±180° into parts inside [-180, 180].

    Geometries that do not cross are returned unchanged (the same object).
    Points beyond the range are wrapped into it.

    Examples
    --------
    >>> import shapely
    >>> g = split_antimeridian(shapely.box(178, -17, 182, -16))
    >>> g.geom_type, sorted(round(p.bounds[0]) for p in g.geoms)
    ('MultiPolygon', [-180, 178])
    >>> split_antimeridian(shapely.LineString([(179, 0), (-179, 0)])).geom_type
    'MultiLineString'
    """
    import shapely

    if not crosses_antimeridian(geom):
        return geom
    t = geom.geom_type
    if t == "Point":
        return shapely.Point(((geom.x + 180.0) % 360.0) - 180.0, geom.y)
    if t == "MultiPoint":
        return shapely.MultiPoint([split_antimeridian(p) for p in geom.geoms])
    if t in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
        parts = [split_antimeridian(g) for g in geom.geoms]
        flat = [p for g in parts for p in shapely.get_parts(g)]
        if t == "MultiPolygon":
            return shapely.MultiPolygon(flat)
        if t == "MultiLineString":
            return shapely.MultiLineString(flat)
        return shapely.GeometryCollection(flat)
    if t not in ("Polygon", "LineString", "LinearRing"):
        return geom
    dim = 2 if t == "Polygon" else 1
    g = _unwrapped(geom)
    minx, _, maxx, _ = g.bounds
    if -180 <= minx and maxx <= 180:  # a pole-circling ring, left as it is
        return g
    if dim == 2 and not g.is_valid:
        g = shapely.make_valid(g)
    parts = _cut(g, dim)
    if dim == 2:
        return shapely.MultiPolygon(parts)
    return shapely.MultiLineString([shapely.LineString(p.coords) for p in parts])

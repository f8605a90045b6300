"""Check GeoJSON geometries and normalise them for drawing.

Geometries: every feature, whatever its kind, may have any RFC 7946 geometry.
Points are markers (or circles of uncertainty), LineString/MultiLineString are
lines (rivers, roads), Polygon/MultiPolygon are areas. A GeometryCollection is
flattened and all its members are drawn as one layer (an area if it has a
polygon, else a line if it has a line, else a group of points). ``"geometry":
null`` (or an empty collection) is a feature that could not be located: it is
listed in the panel, never drawn, and never an error.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from maps.model import MapError

_NUMBER = (float, int)  # exact types: a bool is no coordinate

__all__ = ["SIMPLE_TYPES", "feature_geometry", "validate_geometry"]


def _position(where: str, pos: object) -> None:
    if type(pos) is list and len(pos) >= 2:  # the common case, checked fast
        lon, lat = pos[0], pos[1]
        if type(lon) in _NUMBER and type(lat) in _NUMBER and -180 <= lon <= 180 \
                and -90 <= lat <= 90:
            return  # NaN and infinities fail the comparisons and are reported below
    if (
        not isinstance(pos, Sequence)
        or isinstance(pos, str)
        or len(pos) < 2
        or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in pos[:2])
    ):
        raise MapError(f"{where}: a position must be [lon, lat] numbers, got {pos!r:.60}")
    lon, lat = pos[0], pos[1]
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        raise MapError(f"{where}: position out of range (lon, lat) = ({lon!r}, {lat!r})")


def _list(where: str, value: object, what: str, minimum: int = 1) -> Sequence[Any]:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) < minimum:
        raise MapError(f"{where}: {what}")
    return value


def _line(where: str, positions: object) -> None:
    for pos in _list(where, positions, "a LineString needs at least 2 positions", 2):
        _position(where, pos)


def _polygon(where: str, rings: object) -> None:
    for ring in _list(where, rings, "a Polygon needs a non-empty list of rings"):
        for pos in _list(where, ring, "a Polygon ring needs at least 3 positions", 3):
            _position(where, pos)


def _each(check: Callable[[str, Any], None], what: str) -> Callable[[str, object], None]:
    """A check of a Multi* geometry: a non-empty list, each member passing `check`."""

    def run(where: str, coords: object) -> None:
        for member in _list(where, coords, what):
            check(where, member)

    return run


_CHECKS: dict[str, Callable[[str, Any], None]] = {
    "Point": _position,
    "MultiPoint": _each(_position, "a MultiPoint needs a non-empty list of positions"),
    "LineString": _line,
    "MultiLineString": _each(_line, "a MultiLineString needs a non-empty list of lines"),
    "Polygon": _polygon,
    "MultiPolygon": _each(_polygon, "a MultiPolygon needs a non-empty list of polygons"),
}
#: Every geometry type of RFC 7946 but GeometryCollection.
SIMPLE_TYPES = frozenset(_CHECKS)
_MAX_NESTING = 8


def _collection_parts(where: str, geometry: Mapping[str, Any], depth: int) -> list[dict]:
    """The non-collection members of a GeometryCollection, nested collections flattened."""
    if depth > _MAX_NESTING:
        raise MapError(f"{where}: GeometryCollections nested too deeply")
    members = geometry.get("geometries")
    if not isinstance(members, Sequence) or isinstance(members, str):
        raise MapError(f"{where}: a GeometryCollection needs a 'geometries' list")
    parts: list[dict] = []
    for member in members:
        if isinstance(member, Mapping) and member.get("type") == "GeometryCollection":
            parts.extend(_collection_parts(where, member, depth + 1))
        else:
            parts.append(dict(validate_geometry(where, member, SIMPLE_TYPES)))
    return parts


def validate_geometry(where: str, geometry: object, allowed: frozenset[str]) -> Mapping[str, Any]:
    """Check a GeoJSON geometry of one of the `allowed` types; return it.

    Raises
    ------
    MapError
        If the geometry is missing, of another type, or has bad coordinates.
    """
    if not isinstance(geometry, Mapping):
        raise MapError(f"{where}: geometry is missing")
    kind = geometry.get("type")
    if kind not in allowed:
        raise MapError(
            f"{where}: geometry type must be one of {', '.join(sorted(allowed))}; got {kind!r}"
        )
    coords = geometry.get("coordinates")
    _CHECKS[kind](where, coords)
    return {"type": kind, "coordinates": coords}


def feature_geometry(where: str, geometry: object) -> Mapping[str, Any] | None:
    """A feature's geometry, normalised for drawing; None when it is not located.

    ``null`` (and an empty GeometryCollection) means the name could not be
    located. Any RFC 7946 geometry is accepted. A GeometryCollection is
    flattened (nested collections included); with a single member it becomes
    that member, otherwise every member is drawn, as one layer.

    Raises
    ------
    MapError
        If the geometry is of an unknown type or has bad coordinates.
    """
    if geometry is None:
        return None
    if isinstance(geometry, Mapping) and geometry.get("type") == "GeometryCollection":
        parts = _collection_parts(where, geometry, 0)
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return {"type": "GeometryCollection", "geometries": parts}
    if isinstance(geometry, Mapping) and geometry.get("type") not in SIMPLE_TYPES:
        expected = ", ".join(sorted(SIMPLE_TYPES | {"GeometryCollection"}))
        raise MapError(
            f"{where}: geometry type must be one of {expected} (or null when not located); "
            f"got {geometry.get('type')!r}"
        )
    return validate_geometry(where, geometry, SIMPLE_TYPES)

"""Compact, lossless encoding of geometry coordinates for the page's data block.

Country outlines and zones are most of a page's weight. Written as GeoJSON,
``[38.953821,36.696481]`` costs 21 characters a vertex; here each line or ring
becomes one flat list of integers, the first vertex scaled by ``10**d`` and the
next ones as differences from the previous vertex, which costs about a third.

``d`` is the number of decimals the geometry actually uses (at most 7, about
a centimetre), so decoding gives back the very same numbers. Points are left
as they are; a third coordinate (height) is dropped.

Examples
--------
>>> g = {"type": "LineString", "coordinates": [[38.95, 36.7], [39.0, 36.25]]}
>>> encode_geometry(g)
{'type': 'LineString', 'd': 2, 'c': [3895, 3670, 5, -45]}
>>> decode_geometry(encode_geometry(g)) == g
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

__all__ = ["MAX_DECIMALS", "decode_geometry", "encode_geometry"]

#: Coordinates are kept to this many decimals at most (1e-7 degree is about 1 cm).
MAX_DECIMALS = 7

#: Nesting of positions under ``coordinates``: 0 is a list of positions.
_DEPTH = {"MultiPoint": 0, "LineString": 0, "MultiLineString": 1, "Polygon": 1, "MultiPolygon": 2}


def _numbers(coords: Any, depth: int) -> Iterator[float]:
    if depth == 0:
        for pos in coords:
            yield pos[0]
            yield pos[1]
    else:
        for item in coords:
            yield from _numbers(item, depth - 1)


def _decimals(value: float) -> int:
    if float(value).is_integer():
        return 0
    text = repr(float(value))
    if "e" not in text:  # "38.9538": the digits after the point
        return min(MAX_DECIMALS, len(text) - text.index(".") - 1)
    exponent = Decimal(text).as_tuple().exponent
    return min(MAX_DECIMALS, -exponent) if isinstance(exponent, int) else MAX_DECIMALS


def _deltas(positions: Sequence[Sequence[float]], scale: int) -> list[int]:
    out: list[int] = []
    last_x = last_y = 0
    for pos in positions:
        x, y = round(pos[0] * scale), round(pos[1] * scale)
        out += (x - last_x, y - last_y)
        last_x, last_y = x, y
    return out


def _encode(coords: Any, depth: int, scale: int) -> Any:
    if depth == 0:
        return _deltas(coords, scale)
    return [_encode(item, depth - 1, scale) for item in coords]


def encode_geometry(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A validated geometry with its coordinates encoded (``d`` and ``c`` members).

    A GeometryCollection has its members encoded; a Point is returned unchanged.
    """
    kind = geometry["type"]
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [encode_geometry(g) for g in geometry["geometries"]]}
    if kind not in _DEPTH:
        return dict(geometry)
    depth = _DEPTH[kind]
    coords = geometry["coordinates"]
    decimals = max(map(_decimals, _numbers(coords, depth)), default=0)
    return {"type": kind, "d": decimals, "c": _encode(coords, depth, 10**decimals)}


def _decode(coded: Any, depth: int, scale: int) -> Any:
    if depth > 0:
        return [_decode(item, depth - 1, scale) for item in coded]
    out, x, y = [], 0, 0
    for i in range(0, len(coded), 2):
        x, y = x + coded[i], y + coded[i + 1]
        out.append([x / scale, y / scale])
    return out


def decode_geometry(coded: Mapping[str, Any]) -> dict[str, Any]:
    """The GeoJSON geometry of :func:`encode_geometry`'s output (what the page's script does)."""
    kind = coded["type"]
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [decode_geometry(g) for g in coded["geometries"]]}
    if kind not in _DEPTH:
        return dict(coded)
    return {"type": kind, "coordinates": _decode(coded["c"], _DEPTH[kind], 10 ** coded["d"])}

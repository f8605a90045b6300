"""The page's compact geometry encoding gives back exactly the exported numbers."""

from __future__ import annotations

import doctest
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maps import _codec
from maps._codec import MAX_DECIMALS, decode_geometry, encode_geometry


def test_doctests():
    assert doctest.testmod(_codec).failed == 0


def _coordinate(low: float, high: float, places: int):
    return st.integers(int(low * 10**places), int(high * 10**places)).map(
        lambda n: round(n / 10**places, places)
    )


@st.composite
def _lines(draw):
    places = draw(st.integers(0, 6))
    position = st.tuples(_coordinate(-180, 180, places), _coordinate(-90, 90, places)).map(list)
    return draw(st.lists(st.lists(position, min_size=2, max_size=30), min_size=1, max_size=4))


@given(_lines())
def test_round_trip_is_exact(lines):
    for geometry in (
        {"type": "MultiLineString", "coordinates": lines},
        {"type": "LineString", "coordinates": lines[0]},
        {"type": "MultiPoint", "coordinates": lines[0]},
        {"type": "Polygon", "coordinates": lines},
        {"type": "MultiPolygon", "coordinates": [lines, lines[:1]]},
    ):
        decoded = decode_geometry(encode_geometry(geometry))
        assert decoded == geometry  # equal floats, not just close ones


def test_collections_points_and_precision_cap():
    point = {"type": "Point", "coordinates": [38.953821, 36.696481]}
    fine = {"type": "LineString", "coordinates": [[0.123456789, 1.0], [0.2, 1.5]]}
    coded = encode_geometry({"type": "GeometryCollection", "geometries": [point, fine]})
    assert coded["geometries"][0] == point
    assert coded["geometries"][1]["d"] == MAX_DECIMALS
    back = decode_geometry(coded)["geometries"][1]["coordinates"]
    assert back[0][0] == pytest.approx(0.123456789, abs=10**-MAX_DECIMALS)


def test_encoding_is_smaller():
    ring = [[round(38 + i * 0.013457, 6), round(36 + (i % 7) * 0.021113, 6)] for i in range(200)]
    geometry = {"type": "Polygon", "coordinates": [ring + ring[:1]]}
    plain = len(json.dumps(geometry, separators=(",", ":")))
    assert len(json.dumps(encode_geometry(geometry), separators=(",", ":"))) < 0.6 * plain

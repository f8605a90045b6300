"""Properties of geo.spatial.geometry that could fail: metres stay metres everywhere."""
from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from test_spatial_world import point, world

from geo.spatial import (
    around,
    border_strip,
    buffer_m,
    central,
    corridor,
    destination,
    distance_m,
    geodesic_area_km2,
    parse_distance,
    part_of,
    sector,
    shared_border,
    side_of_line,
    to_metres,
)
from geo.spatial._local import geod
from geo.spatial.compass import POINTS

TEL_ABYAD = (36.69648, 38.95382)
IN_TURKEY = (37.2, 38.9)


@pytest.fixture(scope="module")
def gaz():
    return world()


@pytest.fixture(scope="module")
def tr_sy(gaz):
    """The Turkey–Syria border and the 30 km strip south of it (no margin)."""
    border = gaz.border("TR", "SY")
    return border, border_strip(gaz.country("SY"), border, 30_000)


def _vertices(g, step: int = 1) -> list[shapely.Point]:
    return [shapely.Point(x, y) for x, y in shapely.get_coordinates(g)[::step]]


# --- destination, distance, units ----------------------------------------------------

STARTS = [(0.0, 0.0), (38.95, 36.70), (179.9, 0.0), (-179.95, 45.0), (179.99, -60.0),
          (10.0, 89.0), (10.0, 89.9), (-120.0, -89.5), (0.0, 89.99)]


@pytest.mark.parametrize("lon, lat", STARTS)
@pytest.mark.parametrize("bearing", [0.0, 90.0, 180.0, 270.0, 45.0])
def test_destination_is_the_distance_and_bearing_asked(lon, lat, bearing):
    p = destination(lon, lat, 40_000, bearing)
    assert -180 <= p.x < 180 and -90 <= p.y <= 90
    az, _, dist = geod().inv(lon, lat, p.x, p.y)
    assert dist == pytest.approx(40_000, rel=0.005)
    assert distance_m((lon, lat), p) == pytest.approx(40_000, rel=0.005)
    turn = (az - bearing + 180) % 360 - 180
    if abs(lat) < 89.9:          # at the pole every direction is "south"
        assert abs(turn) <= 0.5


def test_forty_km_north_is_forty_km_at_bearing_zero_across_the_antimeridian():
    p = destination(179.99, 10.0, 40_000, 0)
    az, _, dist = geod().inv(179.99, 10.0, p.x, p.y)
    assert dist == pytest.approx(40_000, rel=0.005) and abs(az) <= 0.5
    east = destination(179.9, 0.0, 40_000, 90)
    assert east.x < -179 and distance_m((179.9, 0.0), east) == pytest.approx(40_000, rel=1e-6)


def test_over_the_pole_the_point_comes_down_the_other_side():
    p = destination(10.0, 89.9, 40_000, 0)
    assert p.y < 89.9 and abs(((p.x - 10.0) % 360) - 180) < 1e-6


def test_miles_convert_exactly():
    assert to_metres(20, "miles") == 32186.88
    assert to_metres(1, "mi") == 1609.344
    assert to_metres(3, "nautical miles") == 5556.0
    assert parse_distance("30 km (20 miles)") == (30_000.0, "30 km")
    assert parse_distance("20 miles (32 km)")[0] == 32186.88
    assert parse_distance("five kilometres")[0] == 5000.0


# --- buffers, circles, sectors, corridors ----------------------------------------------

@pytest.mark.parametrize("lon, lat", [(38.9, 36.7), (25.0, 70.0), (179.95, -17.0), (0.0, 0.0)])
def test_around_is_a_geodesic_circle(lon, lat):
    disc = around((lon, lat), 20_000)
    assert geodesic_area_km2(disc) == pytest.approx(math.pi * 20 ** 2, rel=0.01)
    for v in _vertices(disc):
        assert distance_m((lon, lat), v) == pytest.approx(20_000, rel=0.005)
    assert disc.bounds[0] >= -180 and disc.bounds[2] <= 180


def test_a_circle_across_the_antimeridian_is_split_not_smeared():
    disc = around((179.95, -17.0), 20_000)
    assert isinstance(disc, shapely.MultiPolygon)
    assert disc.bounds[2] - disc.bounds[0] > 359   # two parts at either edge
    assert sum(p.area for p in disc.geoms) < 0.2   # not a band round the globe


def test_ring_excludes_its_centre():
    ring = around((37.16, 36.20), 20_000, inner_m=5_000)
    assert not ring.covers(shapely.Point(37.16, 36.20))
    assert ring.covers(destination(37.16, 36.20, 10_000, 123))


def test_buffer_of_a_long_line_stays_metric_along_its_length():
    line = shapely.LineString([(30.0, 0.0), (30.0, 30.0)])          # 3,300 km
    band = buffer_m(line, 10_000)
    length_km = geod().geometry_length(line) / 1000
    assert geodesic_area_km2(band) == pytest.approx(2 * 10 * length_km, rel=0.02)
    for v in _vertices(band, 7):
        assert distance_m(v, line) <= 10_000 * 1.01


def test_negative_buffer_shrinks(gaz):
    sy = gaz.country("SY")
    inner = buffer_m(sy, -30_000)
    assert geodesic_area_km2(inner) < geodesic_area_km2(sy)
    assert inner.covers(point("Palmyra")) and not inner.covers(point("Qamishli"))


def test_sector_keeps_its_bearings_and_reach():
    wedge = sector((45.34, 2.04), 315, 60_000, half_angle_deg=22.5, inner_m=20_000)
    for v in _vertices(wedge):
        az, _, d = geod().inv(45.34, 2.04, v.x, v.y)
        assert 20_000 * 0.995 <= d <= 60_000 * 1.005
        assert abs((az - 315 + 180) % 360 - 180) <= 22.5 + 0.1


def test_corridor_holds_the_geodesic_and_no_more():
    gao, ansongo = (-0.04472, 16.27167), (0.5022, 15.6597)
    band = corridor(gao, ansongo, 20_000)
    for lon, lat in (gao, ansongo):
        assert band.covers(shapely.Point(lon, lat))
    mid = geod().npts(*gao, *ansongo, 1)[0]
    assert band.covers(shapely.Point(*mid))
    line = shapely.LineString([gao, mid, ansongo])
    for v in _vertices(band):
        assert distance_m(v, line) <= 10_000 * 1.01
    assert not band.covers(destination(*mid, 15_000, 45))


def test_central_of_a_point_and_of_a_polygon(gaz):
    assert central((38.95382, 36.69648), 1_000).covers(shapely.Point(38.95382, 36.69648))
    core = central(gaz.country("SY"))
    share = geodesic_area_km2(core) / geodesic_area_km2(gaz.country("SY"))
    assert 0.3 <= share <= 0.37
    assert core.covers(point("Palmyra")) and not core.covers(point("Qamishli"))


# --- borders -------------------------------------------------------------------------

def test_turkey_syria_border_is_about_the_real_length(tr_sy):
    border, _ = tr_sy
    assert 700 <= geod().geometry_length(border) / 1000 <= 950


def test_every_vertex_of_the_30_km_strip_is_within_30_km_of_the_border_inside_syria(gaz, tr_sy):
    border, strip = tr_sy
    sy = gaz.country("SY")
    for v in _vertices(strip, 3):
        assert distance_m(v, border) <= 30_000 * 1.01
        assert distance_m(v, sy) <= 1.0            # on or inside Syria's outline


def test_the_strip_reaches_30_km_deep(tr_sy):
    border, strip = tr_sy
    deepest = max(distance_m(v, border) for v in _vertices(strip, 3))
    assert deepest == pytest.approx(30_000, rel=0.01)


def test_strip_area_and_towns(gaz, tr_sy):
    border, strip = tr_sy
    assert 10_000 <= geodesic_area_km2(strip) <= 26_000
    for lat, lon in [(36.6, 39.0), (36.95, 41.5)]:
        assert strip.covers(shapely.Point(lon, lat))
    for lat, lon in [(36.20124, 37.16117), (35.95283, 39.00788), IN_TURKEY, (33.5102, 36.29128)]:
        assert not strip.covers(shapely.Point(lon, lat))
    # Natural Earth's 1:10m line puts Tel Abyad 400 m inside Turkey: the margin keeps it.
    with_margin = border_strip(gaz.country("SY"), border, 30_000, margin_m=2_000)
    assert with_margin.covers(shapely.Point(TEL_ABYAD[1], TEL_ABYAD[0]))
    assert not with_margin.covers(shapely.Point(IN_TURKEY[1], IN_TURKEY[0]))
    assert 10_000 <= geodesic_area_km2(with_margin) <= 26_000


def test_shared_border_of_neighbours_only(gaz):
    assert shared_border(gaz.country("SY"), gaz.country("EG")) is None
    line = shared_border(gaz.country("UA"), gaz.country("RU"))
    assert line is not None and geod().geometry_length(line) > 1_000_000


# --- parts of regions ------------------------------------------------------------------

def test_northeast_syria(gaz):
    ne = part_of(gaz.country("SY"), "northeast")
    for town in ("Hasakah", "Qamishli"):
        assert ne.covers(point(town))
    for town in ("Damascus", "Homs", "Aleppo", "Daraa"):
        assert not ne.covers(point(town))


@pytest.mark.parametrize("code", ["SY", "ML", "UA", "LB"])
def test_every_part_is_between_a_third_and_a_half(gaz, code):
    region = gaz.country(code)
    total = geodesic_area_km2(region)
    for direction in [*POINTS, "central"]:
        share = geodesic_area_km2(part_of(region, direction)) / total
        assert 1 / 3 - 0.02 <= share <= 0.5, (direction, share)


def test_parts_lie_towards_their_direction(gaz):
    sy = gaz.country("SY")
    c = sy.centroid
    for direction, (dx, dy) in {"north": (0, 1), "east": (1, 0), "southwest": (-1, -1)}.items():
        p = part_of(sy, direction).centroid
        assert np.dot([p.x - c.x, p.y - c.y], [dx, dy]) > 0


def test_part_of_rejects_nonsense(gaz):
    with pytest.raises(ValueError):
        part_of(gaz.country("SY"), "upwards")


# --- sides of a line -------------------------------------------------------------------

def test_side_of_a_meandering_line():
    river = shapely.LineString([(10.0, 0.0), (10.3, 0.3), (9.8, 0.6), (10.2, 0.9), (10.0, 1.2)])
    east = side_of_line(river, "east", 30_000)
    west = side_of_line(river, "west", 30_000)
    assert east.covers(shapely.Point(10.3, 0.6)) and not west.covers(shapely.Point(10.3, 0.6))
    assert west.covers(shapely.Point(9.9, 0.3)) and not east.covers(shapely.Point(9.9, 0.3))
    assert not east.intersection(west).area > 1e-9
    both = geodesic_area_km2(east) + geodesic_area_km2(west)
    assert both == pytest.approx(geodesic_area_km2(buffer_m(river, 30_000)), rel=0.02)


def test_side_clipped_to_a_country(gaz):
    euphrates = shapely.LineString([(37.98, 37.03), (38.01, 36.80), (38.05, 36.55), (38.55, 35.87),
                                    (39.01, 35.935), (40.15, 35.335), (40.92, 34.44),
                                    (42.36, 34.13)])
    east = side_of_line(euphrates, "east", clip=gaz.country("SY"))
    assert east.covers(point("Hasakah")) and east.covers(point("Qamishli"))
    assert not east.covers(point("Aleppo")) and not east.covers(point("Palmyra"))
    assert not east.covers(point("Mosul"))

"""The built gazetteer, tested on real data."""
from __future__ import annotations

import csv
import math
import shutil

import pytest

import gazetteer


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.mark.parametrize("name, geonameid", [
    ("Tel Abyad", 163750), ("Ain Issa", 172134), ("Qamishli", 173377), ("Hodeidah", 79415),
    ("Ankara", 323786), ("Raqqa", 172955), ("Kherson", 706448),
])
def test_press_spellings_are_among_the_matches(gaz, name, geonameid):
    assert f"geonames:{geonameid}" in {c.place.id for c in gaz.lookup(name)}


def test_matches_are_facts_with_how_the_name_matched(gaz):
    exact = gaz.matches("Aleppo")
    assert exact and {m.how for m in exact} <= {"exact", "normalised"}
    assert any(m.place.country_code == "SY" and m.place.kind == "city"
               and m.place.population > 1_000_000 for m in exact)
    loose = gaz.matches("Tel Abyad", how="loose")
    assert any(m.place.id == "geonames:163750" for m in loose)
    assert all(m.how == "loose" for m in loose)
    assert gaz.matches("Aleppo", "TR") == () or all(
        m.place.country_code == "TR" for m in gaz.matches("Aleppo", "TR"))
    with pytest.raises(ValueError):
        gaz.matches("Aleppo", how="sounds like")


def test_lookup_order_is_neutral_closest_match_first(gaz):
    cands = gaz.lookup("Hodeidah")
    assert cands and all(c.reason == "loose" for c in cands)
    assert all(0 < c.score <= 1 for c in cands)


def test_countries_have_polygons_and_borders(gaz):
    import shapely
    from pyproj import Geod

    syria = gaz.country("SY")
    assert syria.contains(shapely.Point(39.00788, 35.95283))  # Raqqa
    border = gaz.border("TR", "SY")
    length_km = Geod(ellps="WGS84").geometry_length(border) / 1000
    assert 700 < length_km < 1000


def test_demonyms_map_to_countries_but_peoples_do_not(gaz):
    assert gaz.demonym("Syrian") == "SY" and gaz.demonym("Turkish") == "TR"
    assert gaz.demonym("Kurdish") is None


def test_nearby_and_within(gaz):
    near = gaz.nearby(38.95382, 36.69648, 5_000)
    assert "geonames:163750" in [p.id for p in near]
    inside = {p.id for p in gaz.within(gaz.country("SY"), kinds={"city"})}
    assert "geonames:172955" in inside and "geonames:323786" not in inside  # Raqqa, not Ankara


@pytest.mark.parametrize("cc", ["SY", "GB", "CL"])
def test_peopled_towns_are_the_towns_within_that_have_people(gaz, cc):
    area = gaz.country(cc)
    slow = sorted((p.lon, p.lat, p.population) for p in gaz.within(area, kinds={"city"})
                  if p.population > 0)
    fast = sorted(tuple(t) for t in gaz.peopled_towns(area))
    assert fast == slow and len(fast) > 50
    assert all(isinstance(t.population, int) for t in gaz.peopled_towns(area))


@pytest.mark.parametrize("cc", ["SY", "LB", "CL"])
def test_grown_countries_are_the_outlines_widened_at_run_time(gaz, cc):
    """The widened outline stored at build time is exactly what widening the
    country's outline gives (Chile is long enough to be widened piecewise)."""
    from gazetteer.geodesy import COUNTRY_MARGIN_M, COUNTRY_MARGIN_QUAD_SEGS, buffer_m

    stored = gaz.grown(cc)
    assert stored is not None and stored.contains(gaz.country(cc))
    assert stored.equals_exact(buffer_m(gaz.country(cc), COUNTRY_MARGIN_M,
                                        quad_segs=COUNTRY_MARGIN_QUAD_SEGS), 0.0)
    assert gaz.grown("XX") is None


def test_info_reports_sources_and_counts(gaz):
    info = gaz.info()
    assert info["counts"]["cities"] > 200_000 and info["counts"]["countries"] > 200
    assert set(info["sources"]) >= {"geonames", "naturalearth", "admin", "demonyms", "custom"}


def test_a_damaged_copy_is_detected(gaz, tmp_path):
    from gazetteer.builder import manifest_path

    copy = tmp_path / "g.sqlite"
    shutil.copy(gaz.path, copy)
    shutil.copy(manifest_path(gaz.path), manifest_path(copy))
    assert gazetteer.check(copy) is None
    with open(copy, "r+b") as f:
        f.truncate(copy.stat().st_size // 2)
    assert "truncated" in gazetteer.check(copy)
    with pytest.raises(gazetteer.GazetteerCorrupt):
        gazetteer.open(copy, rebuild=False)

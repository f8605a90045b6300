"""Coordinates written in reports (geo.recognition.coords) and their place in the pipeline."""
from __future__ import annotations

import pytest

from geo.recognition.coords import find_coordinates, parse_coordinates

# (text as written, latitude, longitude)
FOUND = [
    pytest.param("36°41′N 38°57′E", 36.683333, 38.95, id="dms-primes"),
    pytest.param("36° 41' N, 38° 57' E", 36.683333, 38.95, id="dms-spaced-ascii"),
    pytest.param("36.69, 38.95", 36.69, 38.95, id="bare-decimal-pair"),
    pytest.param("36.69N 38.95E", 36.69, 38.95, id="decimal-hemispheres"),
    pytest.param("lat 36.69 lon 38.95", 36.69, 38.95, id="labelled"),
    pytest.param("38°57′E 36°41′N", 36.683333, 38.95, id="longitude-first"),
    pytest.param("36°41'30\"N 38°57'12\"E", 36.691667, 38.953333, id="dms-seconds-ascii"),
    pytest.param("36°41′30″N, 38°57′E", 36.691667, 38.95, id="dms-seconds-primes"),
    pytest.param("N36.69 E38.95", 36.69, 38.95, id="leading-hemispheres"),
    pytest.param("36.69° N, 38.95° E", 36.69, 38.95, id="decimal-degrees-sign"),
    pytest.param("latitude: 36.69, longitude: 38.95", 36.69, 38.95, id="labelled-long"),
    pytest.param("lon 38.95, lat 36.69", 36.69, 38.95, id="labelled-lon-first"),
    pytest.param("-33.86, 151.21", -33.86, 151.21, id="negative-bare"),
    pytest.param("33.86S 151.21E", -33.86, 151.21, id="southern"),
    pytest.param("33.86 South, 151.21 East", -33.86, 151.21, id="hemisphere-words"),
    pytest.param("lat -33.86 lng 151.21", -33.86, 151.21, id="labelled-negative"),
    pytest.param("12°38′N 8°0′W", 12.633333, -8.0, id="western"),
    pytest.param("15º 27' N, 32º 31' E", 15.45, 32.516667, id="ordinal-degree-sign"),
]

# text that only looks like numbers of a place
REFUSED = [
    pytest.param("In 1995, 2003 and 2010 the town grew.", id="years"),
    pytest.param("They won 3-1 on Sunday.", id="score"),
    pytest.param("The blast came at 10:30, 11:45 said others.", id="times"),
    pytest.param("Fuel cost $3.50, 4.25 a week later.", id="money"),
    pytest.param("785, 100 of them children, escaped.", id="counts"),
    pytest.param("Prices rose 2.35, 4.50 and 6.75 per cent.", id="list-of-decimals"),
    pytest.param("Shares of 0.25, 0.50 were offered.", id="small-decimals"),
    pytest.param("Temperatures hit 37.5°C, 38.2°C at noon.", id="temperatures"),
    pytest.param("At 95.5N 38.2E nothing.", id="latitude-out-of-range"),
    pytest.param("At 36°71′N 38°57′E nothing.", id="minutes-out-of-range"),
    pytest.param("Version 3.10.1, 2.45 shipped.", id="version-numbers"),
    pytest.param("They paid 1,234.56, 78.90 and more.", id="thousands"),
    pytest.param("Budgets of 12.50, 13.75 million were cut.", id="millions"),
    pytest.param("Only 36.69N was given.", id="half-a-pair"),
    pytest.param("Growth of 2.10, 3.20% was expected.", id="percent"),
    pytest.param("Two latitudes 36.69N 38.95N are no point.", id="two-latitudes"),
]


@pytest.mark.parametrize("written, lat, lon", FOUND)
def test_found(written, lat, lon):
    text = f"Witnesses placed the strike at {written} on Monday."
    (c,) = find_coordinates(text)
    assert c.text == written and text[c.start:c.end] == written
    assert c.lat == pytest.approx(lat, abs=1e-6) and c.lon == pytest.approx(lon, abs=1e-6)
    assert parse_coordinates(written) == (c.lon, c.lat)


@pytest.mark.parametrize("text", REFUSED)
def test_refused(text):
    assert find_coordinates(text) == []


def test_several_in_one_text():
    text = "Shelling at 36.69N 38.95E and (35.52, 35.78) and lat 33.5 lon 36.3."
    assert [c.text for c in find_coordinates(text)] == ["36.69N 38.95E", "35.52, 35.78",
                                                         "lat 33.5 lon 36.3"]


def test_synthetic_place():
    (c,) = find_coordinates("at 36°41′N 38°57′E")
    p = c.place("SY")
    assert (p.id, p.kind, p.name, p.country_code) == ("coord:36.6833,38.95", "custom",
                                                      "36°41′N 38°57′E", "SY")
    assert (p.lon, p.lat) == (38.95, 36.683333)


def test_parser_makes_exact_places(gaz):
    from geo.pipeline import Parser

    text = "An airstrike hit a farm at 36°41′N 38°57′E, near Tel Abyad, on Monday."
    pd = Parser(gaz).parse(text, published="2019-10-14")
    (rp,) = [p for p in pd.places if p.place and p.place.id.startswith("coord:")]
    assert rp.place.id == "coord:36.6833,38.95" and rp.name == "36°41′N 38°57′E"
    assert rp.precision == "exact" and rp.place.country_code == "SY"
    (m,) = rp.mentions
    assert m.type == "toponym" and text[m.start:m.end] == "36°41′N 38°57′E"
    (f,) = [f for f in pd.features() if f["properties"].get("gazetteer_id") == rp.place.id]
    props = f["properties"]
    assert props["precision"] == "exact" and props["kind"] == "place"
    assert f["geometry"]["type"] == "Point"
    assert tuple(f["geometry"]["coordinates"]) == (38.95, 36.683333)
    assert (props["lat"], props["lon"]) == (36.683333, 38.95)
    assert "Tall Abyaḑ" in [p.name for p in pd.places]
    # in text order among the other resolutions
    starts = [r.mention.start for r in pd.resolutions]
    assert starts == sorted(starts)


def test_parser_without_coordinates(gaz):
    from geo.pipeline import Parser

    pd = Parser(gaz, coordinates=False).parse("A strike at 36°41′N 38°57′E.")
    assert not [p for p in pd.places if p.place and p.place.id.startswith("coord:")]

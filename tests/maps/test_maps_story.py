"""The first view (maps/_view.py) and the popups' words (maps/_words.py), without a browser."""

from __future__ import annotations

import pytest

from maps._contract import parse_features
from maps._view import frame, story_focus
from maps._words import Context, derivation_words, said


def _point(doc, lon, lat, n=1, **props):
    mentions = [{"start": 0, "end": 1, "text": "x", "type": "toponym", "sentence": 0}] * n
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"kind": "place", "doc": doc, "mentions": mentions, **props}}


def _fc(*features):
    return parse_features({"type": "FeatureCollection", "features": list(features)})


def test_the_first_view_is_the_heaviest_cluster_not_the_outliers():
    features = _fc(
        _point("a", 38.95, 36.69, 3), _point("a", 38.86, 36.38, 2), _point("a", -77.04, 38.9),
        _point("b", 39.01, 35.95, 2), _point("b", 37.16, 36.2), _point("c", 32.62, 46.64, 4))
    focus = story_focus(features)
    assert focus == (0, 1, 3, 4)  # Syria: two reports; Washington and Kherson left out
    (south, west), (north, east) = frame(features, focus)
    assert (south, west, north, east) == (35.95, 37.16, 36.69, 39.01)


def test_one_report_counts_as_much_as_a_long_one():
    # Report "long" names one far town 40 times; three short reports name towns near Gao.
    features = _fc(_point("long", 32.62, 46.64, 40), _point("s1", -0.04, 16.27),
                   _point("s2", 0.35, 15.93), _point("s3", -0.2, 16.5))
    assert story_focus(features) == (1, 2, 3)


def test_wide_shapes_frame_only_their_point_and_nothing_located_gives_nothing():
    russia = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[
        [30, 45], [180, 45], [180, 75], [30, 75], [30, 45]]]},
        "properties": {"kind": "place", "doc": "a"}}
    features = _fc(russia)
    assert frame(features, story_focus(features)) == [[60.0, 105.0], [60.0, 105.0]]
    nowhere = {"type": "Feature", "geometry": None, "properties": {"kind": "place", "doc": "a"}}
    assert story_focus(_fc(nowhere)) == ()


@pytest.mark.parametrize(("derivation", "words"), [
    ("SY ∩ buffer(border(TR, SY), 30 km) + 2 km margin", ("Syria within 30 km of the border "
                                                          "with Turkey")),
    ("part(SY, northeast)", "the north-eastern part of Syria"),
    ("around(El Fasher, 19.3 km)", "within 19.3 km of El Fasher"),
    ("central(Tall Abyaḑ, 1.5 km)", "the centre of Tall Abyaḑ (within 1.5 km)"),
    ("corridor(Gao, Ansongo, 22.4 km)", "the way between Gao and Ansongo (22.4 km wide)"),
    ("destination(Gao, 260 km, 90°) ±22.5° ±42.4 km", "about 260 km east of Gao"),
    ("sector(Al Ḩudaydah, north, 56.7 km)", "north of Al Ḩudaydah, up to 56.7 km away"),
    ("side(Dnipro, east, UA)", "the east side of Dnipro (in Ukraine)"),
    ("something(new)", "something(new)"),
])
def test_derivations_in_words(derivation, words):
    names = {"SY": "Syria", "TR": "Turkey", "UA": "Ukraine"}
    assert derivation_words(derivation, names) == words


def test_an_event_says_where_how_precisely_when_how_many_and_who_reported():
    town = _point("r1", -0.04, 16.27, gazetteer_id="geonames:1", name="Gao", country_code="ML",
                  precision="town", source={"title": "Ambush near Gao"})
    mali = _point("r1", -2.0, 17.0, name="Mali", country_code="ML", precision="country")
    event = _point("r1", -0.04, 16.27, kind="event", precision="town", country_code="ML",
                   places=["geonames:1"], located_by="sentence", geo_precision=2,
                   time_precision=1, date="2022-08-05", count=17, count_phrase="killing 17",
                   sources=["r1", {"doc": "r2", "quote": "..."}])
    features = _fc(town, mali, event)
    rows = dict(said(features[2], Context(features, {})))
    assert rows["Placed at"] == "Gao, Mali"
    assert rows["Geo-precision"].startswith("2: near the place named")
    assert rows["Date"] == "2022-08-05 (1: the day is known)"
    assert rows["Count"] == "17 (“killing 17”)"
    assert rows["Sources"] == "Ambush near Gao; r2"
    assert rows["Precision"] == "the town or village itself"


def test_an_event_without_the_new_fields_still_says_what_it_can():
    event = _point("r1", 10, 10, kind="event", precision="country", located_by="document",
                   date="2022-08-05", date_precision="week", country_code="XX",
                   geo_precision="three", count_phrase=7)
    rows = dict(said(_fc(event)[0], Context(_fc(event), {"XX": "Somewhere"})))
    assert rows["Placed at"] == "Somewhere"
    assert rows["Found by"].startswith("the report's main place")
    assert rows["Date"] == "2022-08-05 (within a week)"
    assert "Geo-precision" not in rows and "Count" not in rows


def test_an_unresolved_or_unlocated_place_says_so():
    approx = _point("r1", 30, 10, name="Um Kadada village", resolved=False,
                    reason="container: North Darfur", precision="admin", uncertainty_m=25000)
    lost = {"type": "Feature", "geometry": None,
            "properties": {"kind": "place", "doc": "r1", "name": "Xyz", "reason": "no match"}}
    features = _fc(approx, lost)
    ctx = Context(features, {})
    rows = dict(said(features[0], ctx))
    assert rows["Not in the gazetteer"] == "placed at what contains it (container: North Darfur)"
    assert rows["Uncertainty"] == "± 25 km"
    assert dict(said(features[1], ctx)) == {"Not located": "no match"}

"""Lines, GeometryCollections and features that could not be located (``"geometry": null``).

The real pipeline exports rivers as (Multi)LineString places, events located on a
river as lines, zones that are collections, and names it could not locate with a
null geometry. The rules are in ``maps/_geometry.py``; this report has one of each.
"""

from __future__ import annotations

import copy

import pytest

import maps
from maps._codec import decode_geometry
from maps._contract import parse_features
from maps._panel import Mark, Sentence, build_panel

DOC = "rivers-2023-06-12"
SENTENCES = (
    "Fighting spread along the Euphrates near Raqqa on Tuesday.",
    "Boats crossed the Dnipro at night.",
    "Residents of Khirbet Zaytoun fled.",
    "Strikes hit the camp and its surroundings.",
)
TEXT = " ".join(SENTENCES)
SPANS = tuple((TEXT.index(s), TEXT.index(s) + len(s)) for s in SENTENCES)
EUPHRATES = [[38.0, 36.9], [38.2, 36.45], [38.55, 35.87], [39.0, 35.94], [39.6, 35.77]]
DNIPRO = [
    [[33.8, 47.1], [33.37, 46.78], [32.72, 46.66]],
    [[32.62, 46.62], [32.2, 46.55]],
]
RAQQA = (39.0167, 35.95)
CAMP = [[38.7, 36.3], [38.9, 36.3], [38.9, 36.45], [38.7, 36.45], [38.7, 36.3]]
UNLOCATED_NAME = "Khirbet Zaytoun"


def _m(phrase: str, sentence: int, kind: str = "toponym") -> dict:
    start = TEXT.index(phrase, SPANS[sentence][0])
    return {
        "start": start,
        "end": start + len(phrase),
        "text": phrase,
        "type": kind,
        "sentence": sentence,
    }


def feature(geometry, **props) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def point(lon_lat) -> dict:
    return {"type": "Point", "coordinates": list(lon_lat)}


def _props(sentence: int, *phrases: str, **props) -> dict:
    kind = "expression" if props.get("kind") != "place" else "toponym"
    return dict(
        doc=DOC,
        mentions=[_m(p, sentence, kind) for p in phrases],
        quote=SENTENCES[sentence],
        confidence=0.7,
        source={"path": "reports/rivers.txt", "title": "Rivers", "published": "2023-06-12"},
        **props,
    )


@pytest.fixture
def rivers_fc() -> dict:
    """8 features: 6 located (2 markers, 1 area, 3 lines) and 2 not located."""
    line = {"type": "LineString", "coordinates": EUPHRATES}
    multi = {"type": "MultiLineString", "coordinates": DNIPRO}
    features = [
        feature(line, **_props(0, "Euphrates", kind="place", name="Euphrates", precision="region")),
        feature(point(RAQQA), **_props(0, "Raqqa", kind="place", name="Raqqa", precision="town")),
        feature(multi, **_props(1, "Dnipro", kind="place", name="Dnipro", precision="region")),
        feature(
            None,
            **_props(2, UNLOCATED_NAME, kind="place", name=UNLOCATED_NAME, precision="country"),
        ),
        feature(
            {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "coordinates": [CAMP]},
                    {
                        "type": "GeometryCollection",
                        "geometries": [
                            {"type": "LineString", "coordinates": [[38.7, 36.3], [38.6, 36.2]]},
                            {"type": "Point", "coordinates": [38.8, 36.5]},
                        ],
                    },
                ],
            },
            **_props(
                3,
                "the camp and its surroundings",
                kind="zone",
                name="camp surroundings",
                precision="zone",
                uncertainty_m=2000,
            ),
        ),
        feature(
            {"type": "GeometryCollection", "geometries": [point(RAQQA)]},
            **_props(
                3,
                "Strikes",
                kind="event",
                name="Air strike",
                precision="town",
                event_type="Explosions/Remote violence",
                date="2023-06-13",
            ),
        ),
        feature(
            None,
            **_props(
                2,
                "fled",
                kind="event",
                name="Displacement",
                precision="town",
                event_type="Strategic developments",
                date="2023-06-12",
            ),
        ),
        feature(
            copy.deepcopy(multi),
            **_props(
                1,
                "crossed",
                kind="event",
                name="River crossing",
                precision="region",
                event_type="Battles",
                date="2023-06-12",
            ),
        ),
    ]
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture
def rivers_report() -> maps.Report:
    return maps.Report(id=DOC, text=TEXT, title="Rivers", sentences=SPANS)


def test_geometries_are_normalised(rivers_fc):
    features = parse_features(rivers_fc)
    assert [f.geometry and f.geometry["type"] for f in features] == [
        "LineString",
        "Point",
        "MultiLineString",
        None,
        "GeometryCollection",
        "Point",  # a collection of one member is that member
        None,
        "MultiLineString",
    ]
    parts = features[4].geometry["geometries"]
    assert [p["type"] for p in parts] == ["Polygon", "LineString", "Point"]  # flattened


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "GeometryCollection", "geometries": []},
        {
            "type": "GeometryCollection",
            "geometries": [{"type": "GeometryCollection", "geometries": []}],
        },
    ],
    ids=["empty", "nested-empty"],
)
def test_empty_collection_is_not_located(rivers_fc, geometry):
    rivers_fc["features"][0]["geometry"] = geometry
    assert parse_features(rivers_fc)[0].geometry is None


def test_multipoint_is_accepted(rivers_fc):
    rivers_fc["features"][1]["geometry"] = {"type": "MultiPoint", "coordinates": [RAQQA, [39, 36]]}
    assert parse_features(rivers_fc)[1].geometry["type"] == "MultiPoint"


def test_unlocated_mentions_are_still_marked(rivers_fc, rivers_report):
    panel = build_panel(parse_features(rivers_fc), [rivers_report])
    sentences = {p.key: p for p in panel.docs[0].parts if isinstance(p, Sentence)}
    assert sentences["2"].features == (3, 6)
    assert Mark(UNLOCATED_NAME, "toponym", True) in sentences["2"].pieces
    assert Mark("Raqqa", "toponym", False) in sentences["0"].pieces
    assert panel.refs[3] == ((0, "2"),)
    # Without the report (quotes mode) the marks know it too.
    quotes = build_panel(parse_features(rivers_fc), None).docs[0].quotes
    assert Mark(UNLOCATED_NAME, "toponym", True) in quotes[2].pieces


def test_page_data_of_unlocated_and_lines(rivers_fc, rivers_report, basemap, page_data):
    data = page_data(maps.to_html(rivers_fc, reports=[rivers_report], basemap=basemap))
    features = data["features"]
    assert features[3]["geometry"] is None and features[6]["geometry"] is None
    assert decode_geometry(features[0]["geometry"]) == {
        "type": "LineString",
        "coordinates": EUPHRATES,
    }
    assert features[7]["geometry"] == {"type": "MultiLineString", "same": 2}  # the Dnipro again
    collection = decode_geometry(features[4]["geometry"])
    assert collection["geometries"][0] == {"type": "Polygon", "coordinates": [CAMP]}
    assert features[3]["quotes"] == [[0, "2"]]
    sentence = next(p for p in data["docs"][0]["parts"] if isinstance(p, dict) and p["k"] == "2")
    assert {"m": UNLOCATED_NAME, "t": "toponym", "u": 1} in sentence["p"]


def test_only_unlocated_features(rivers_fc):
    fc = {"type": "FeatureCollection", "features": [rivers_fc["features"][3]]}
    assert "Khirbet Zaytoun" in maps.to_html(fc)


# -- in the browser ------------------------------------------------------------


@pytest.fixture
def rivers_page(open_page, tmp_path, rivers_fc, rivers_report, basemap):
    path = maps.render(
        rivers_fc, tmp_path / "rivers.html", reports=[rivers_report], basemap=basemap
    )
    return open_page(path)


@pytest.mark.browser
def test_lines_collections_and_unlocated_are_drawn_and_listed(rivers_page, seed):
    loaded, page = rivers_page, rivers_page.page
    counts = loaded.eval(
        "({f: SITREP.features, loc: SITREP.located, un: SITREP.unlocated, m: SITREP.markers,"
        " a: SITREP.areas, l: SITREP.lines, ids: SITREP.unlocatedIds, k: SITREP.kinds})"
    )
    assert counts == {
        "f": 8,
        "loc": 6,
        "un": 2,
        "m": 2,
        "a": 1,
        "l": 3,
        "ids": [3, 6],
        "k": {"place": 4, "zone": 1, "event": 3},
    }
    assert counts["m"] + counts["a"] + counts["l"] == counts["loc"]
    shapes = loaded.eval("Object.keys(SITREP.layers).map(id => SITREP.layers[id].shape)")
    assert shapes == ["line", "marker", "line", "area", "marker", "line"]
    # Three line features plus the collection's line part; its polygon and point parts.
    assert page.locator("path.sr-line").count() == 4
    assert page.locator("path.sr-area.sr-f-4").count() == 1
    assert page.locator("path.sr-pt.sr-f-4").count() == 1
    assert "River / line" in page.locator(".sr-legend").inner_text()
    # The panel lists what could not be located; its mentions are marked with a note.
    listed = page.locator(".sr-unlocated")
    assert "Not located on the map (2)" in listed.inner_text()
    assert listed.locator(".sr-unloc-name").all_inner_texts() == [UNLOCATED_NAME, "Displacement"]
    sentence = page.locator("#sr-s-0-2")
    assert sentence.locator("mark.sr-m-unlocated").count() == 2
    assert "not located" in sentence.inner_text()
    listed.locator("button.sr-unloc-name").first.click()
    assert "sr-current" in sentence.get_attribute("class")
    # Clicking a sentence of unlocated features only: nothing to fly to, no error.
    assert loaded.eval("SITREP.flyToSentence(0, '2')") == 0
    seed.artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(seed.artifacts / "rivers-map.png"))
    assert loaded.errors == [] and loaded.network() == []


@pytest.mark.browser
def test_line_highlight_popup_and_search(rivers_page):
    loaded, page = rivers_page, rivers_page.page
    page.locator("#sr-s-0-1").click()  # the Dnipro sentence: the river and the crossing
    page.wait_for_function(
        "SITREP.map.getBounds().contains(SITREP.layers[2].layer.getBounds())", timeout=15_000
    )
    assert loaded.eval("SITREP.highlighted()") == [2, 7]
    assert loaded.eval("SITREP.layers[2].layer.options.color") == "#f1c40f"
    page.locator("#sr-s-0-0").click()
    assert loaded.eval("SITREP.highlighted()") == [0, 1]
    assert loaded.eval("SITREP.layers[2].layer.options.color") == "#2e86c1"  # restored
    assert loaded.eval("SITREP.layers[4].layer.getLayers()[0].options.dashArray") == "6 4"
    assert loaded.eval("SITREP.focusFeature(0)")
    page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=15_000)
    assert SENTENCES[0] in page.locator(".leaflet-popup-content").inner_text()
    assert loaded.eval("SITREP.focusFeature(4)")  # a collection opens its popup too
    page.wait_for_function("SITREP.layers[4].layer.isPopupOpen()", timeout=15_000)
    # Search finds a name that was not located and shows its sentence.
    page.locator("#sr-search").fill("zayt")
    hit = page.locator("#sr-results .sr-hit")
    assert "not located" in hit.inner_text()
    hit.click()
    assert "sr-current" in page.locator("#sr-s-0-2").get_attribute("class")
    assert loaded.errors == [] and loaded.network() == []

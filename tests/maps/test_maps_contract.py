"""Validation of the export contract and the panel's sentence links."""

from __future__ import annotations

import copy
import math

import pytest

import maps
from maps import MapError, Report
from maps._contract import parse_features, safe_url
from maps._panel import Mark, Sentence, build_panel


def _broken(fc: dict, index: int, **changes) -> dict:
    fc = copy.deepcopy(fc)
    target = fc["features"][index]
    for key, value in changes.items():
        if key == "geometry" and value is _DROP:
            del target["geometry"]
        elif key == "geometry":
            target["geometry"] = value
        elif value is _DROP:
            target["properties"].pop(key, None)
        else:
            target["properties"][key] = value
    return fc


_DROP = object()


@pytest.mark.parametrize(
    ("index", "changes", "message"),
    [
        (0, {"kind": "town"}, r"feature 0: properties.kind must be one of event, place, zone"),
        (1, {"doc": _DROP}, r"feature 1: properties.doc"),
        (2, {"geometry": _DROP}, r"feature 2: geometry is missing \(use null"),
        (
            2,
            {"geometry": {"type": "Curve", "coordinates": [[0, 0], [1, 1]]}},
            r"feature 2: geometry type must be one of GeometryCollection, LineString, ",
        ),
        (
            2,
            {"geometry": {"type": "LineString", "coordinates": [[0, 0]]}},
            r"feature 2: a LineString needs at least 2 positions",
        ),
        (
            2,
            {"geometry": {"type": "MultiLineString", "coordinates": [[[0, 0], [0, 91]]]}},
            r"feature 2: position out of range",
        ),
        (
            4,
            {"geometry": {"type": "GeometryCollection"}},
            r"feature 4: a GeometryCollection needs a 'geometries' list",
        ),
        (
            4,
            {"geometry": {"type": "GeometryCollection", "geometries": [{"type": "Curve"}]}},
            r"feature 4: geometry type must be one of LineString, MultiLineString, ",
        ),
        (
            0,
            {"geometry": {"type": "Point", "coordinates": [38.9, 136.7]}},
            r"feature 0: position out of range",
        ),
        (
            0,
            {"geometry": {"type": "Point", "coordinates": [math.nan, 1.0]}},
            r"feature 0: position out of range",
        ),
        (
            3,
            {"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}},
            r"feature 3: a Polygon ring needs at least 3 positions",
        ),
        (5, {"date": "12/10/2019"}, r"feature 5: properties.date must be an ISO date"),
        (0, {"confidence": 1.5}, r"feature 0: properties.confidence is out of range"),
        (0, {"precision": "street"}, r"feature 0: properties.precision must be one of"),
        (0, {"mentions": [{"start": "3"}]}, r"feature 0: properties.mentions\[0\].start"),
    ],
)
def test_invalid_feature_gives_one_clear_error(seed_fc, index, changes, message):
    with pytest.raises(MapError, match=message):
        maps.to_html(_broken(seed_fc, index, **changes))


@pytest.mark.parametrize("value", [None, [], {"type": "Feature"}, {"type": "FeatureCollection"}])
def test_not_a_feature_collection(value):
    with pytest.raises(MapError, match="FeatureCollection"):
        maps.to_html(value)  # type: ignore[arg-type]


def test_other_bad_arguments(seed_fc, seed_report, basemap):
    with pytest.raises(MapError, match="share the id"):
        maps.to_html(seed_fc, reports=[seed_report, seed_report])
    with pytest.raises(MapError, match="maps.Report"):
        maps.to_html(seed_fc, reports=[{"id": "x"}])  # type: ignore[list-item]
    with pytest.raises(MapError, match="title"):
        maps.to_html(seed_fc, title=3)  # type: ignore[arg-type]
    bad = copy.deepcopy(basemap)
    bad["features"][0]["geometry"] = {"type": "Point", "coordinates": [1, 2]}
    with pytest.raises(MapError, match="basemap feature 0: geometry type"):
        maps.to_html(seed_fc, basemap=bad)


def test_dates_are_normalised_and_missing_optionals_accepted(seed_fc):
    fc = _broken(seed_fc, 5, date="2019-10-12T08:00:00Z", sub_event_type=_DROP, actors=None)
    fc = _broken(fc, 0, gazetteer_id=_DROP, confidence=None, source=_DROP)
    features = parse_features(fc)
    assert features[5].date == "2019-10-12"
    assert features[5].actors == ()
    assert features[0].gazetteer_id is None and features[0].source is None


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/x", True),
        ("HTTP://example.org", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,hi", False),
        ("//example.org/x", False),
        ("file:///etc/passwd", False),
        (None, False),
    ],
)
def test_safe_url(url, safe):
    assert (safe_url(url) is not None) is safe


def test_report_sentences_are_linked_and_mentions_marked(seed_fc, seed_report, seed):
    features = parse_features(seed_fc)
    panel = build_panel(features, [seed_report])
    (doc,) = panel.docs
    assert doc.mode == "text" and doc.quotes == ()
    sentences = {p.key: p for p in doc.parts if isinstance(p, Sentence)}
    assert set(sentences) == {"0", "1", "2", "3"}
    assert sentences["3"].features == (0,)
    assert sentences["1"].features == (1, 5)  # Ain Issa and the camp escape
    assert Mark("Tel Abyad", "toponym") in sentences["3"].pieces
    # The whole text is there, in order, exactly once.
    text = "".join(
        p if isinstance(p, str) else "".join(x if isinstance(x, str) else x.text for x in p.pieces)
        for p in doc.parts
    )
    assert text == seed.text
    assert panel.refs[0] == ((0, "3"),)


def test_without_reports_the_panel_shows_quotes(seed_fc, seed):
    panel = build_panel(parse_features(seed_fc), None)
    (doc,) = panel.docs
    assert doc.mode == "quotes" and doc.parts == ()
    assert [q.key for q in doc.quotes] == ["0", "1", "2", "3"]
    by_key = {q.key: q for q in doc.quotes}
    assert "".join(p if isinstance(p, str) else p.text for p in by_key["3"].pieces) == (
        seed.tel_abyad_quote
    )
    assert doc.title and doc.url.startswith("https://")  # from properties.source


def test_mentions_over_several_sentences_and_merged_sources(seed_fc, seed_report, seed):
    fc = copy.deepcopy(seed_fc)
    tel = fc["features"][0]["properties"]
    start = seed.text.index("Turkish", seed.spans[1][0])  # "Turkish shelling" in sentence 1
    tel["mentions"].append(
        {"start": start, "end": start + 7, "text": "Turkish", "type": "adjectival", "sentence": 1}
    )
    event = fc["features"][5]["properties"]
    event["sources"] = [{"doc": "other-doc", "quote": "A camp guard said hundreds had fled."}]
    panel = build_panel(parse_features(fc), [seed_report])
    assert panel.refs[0] == ((0, "1"), (0, "3"))  # document order
    assert (1, "q0") in panel.refs[5]
    other = panel.docs[1]
    assert other.id == "other-doc" and other.mode == "quotes"
    assert other.quotes[0].features == (5,)


def test_same_place_in_two_documents_gets_both_quotes(two_docs_fc, seed_report, second_report):
    panel = build_panel(parse_features(two_docs_fc), [seed_report, second_report])
    assert [d.id for d in panel.docs] == [seed_report.id, second_report.id]
    first, second = panel.refs[0], panel.refs[6]
    assert first == ((0, "3"), (1, "0"))
    assert second == ((1, "0"), (0, "3"))
    assert panel.refs[1] == ((0, "1"),)  # Ain Issa was reported once


def test_report_without_features_and_bad_offsets_are_tolerated(seed_fc, seed):
    fc = copy.deepcopy(seed_fc)
    fc["features"][0]["properties"]["mentions"] = [
        {"start": 9999, "end": 10005, "text": "x", "type": "toponym", "sentence": 42}
    ]
    lonely = Report(id="no-features", text="Nothing located here.")
    report = Report(id=seed.doc, text=seed.text, sentences=seed.spans)
    panel = build_panel(parse_features(fc), [report, lonely])
    # Falls back to finding the quote in the text.
    assert panel.refs[0] == ((0, "3"),)
    assert panel.docs[1].parts == ("Nothing located here.",)

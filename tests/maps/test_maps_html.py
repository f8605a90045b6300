"""Structural tests of the generated page: offline, escaped, atomic."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import pytest

import maps
from maps import MapError
from maps._codec import decode_geometry

# Any script/link/img/iframe/... whose src or href points to the network.
EXTERNAL_REF = re.compile(
    r"<(?:script|link|img|iframe|source|embed|object)\b[^>]*\b(?:src|href|data)\s*=\s*"
    r"[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


@pytest.fixture
def seed_html(seed_fc, seed_report, basemap) -> str:
    return maps.to_html(seed_fc, reports=[seed_report], basemap=basemap)


def test_no_network_references(seed_html):
    assert not EXTERNAL_REF.search(seed_html)
    assert "<link" not in seed_html.lower()
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrap", "awesome", "unpkg"):
        assert cdn not in seed_html.lower(), cdn
    assert "sourceMappingURL" not in seed_html
    assert "url(images/" not in seed_html  # Leaflet's control images are data: URIs


def test_leaflet_and_markercluster_are_inlined(seed_html):
    from xstatic.pkg import leaflet, leaflet_markercluster

    leaflet_js = (Path(leaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")
    cluster_js = (Path(leaflet_markercluster.BASE_DIR) / "leaflet.markercluster.js").read_text(
        encoding="utf-8"
    )
    body = leaflet_js.split("//# sourceMappingURL")[0].strip()
    assert body[-2000:] in seed_html and body[:2000] in seed_html
    assert cluster_js.split("//# sourceMappingURL")[0].strip()[-1000:] in seed_html
    assert ".leaflet-pane" in seed_html and ".marker-cluster" in seed_html
    assert "SitrepApp.init(" in seed_html
    # Each inlined script exactly once, plus the data block; nothing duplicated.
    tags = SCRIPT_TAG.findall(seed_html)
    assert sum('type="application/json"' in t for t in tags) == 1
    assert seed_html.count("/* leaflet.js */") == 1


def test_data_block_matches_the_features(seed_html, page_data, seed):
    data = page_data(seed_html)
    assert [f["kind"] for f in data["features"]] == ["place"] * 4 + ["zone", "event"]
    tel = data["features"][0]
    assert tel["name"] == "Tel Abyad" and tel["gid"] == "geonames:163750"
    assert tel["geometry"]["coordinates"] == list(seed.tel_abyad)
    assert tel["quotes"] == [[0, "3"]]
    event = data["features"][5]
    assert event["eventType"] == "Strategic developments"
    assert event["count"] == 785 and event["date"] == "2019-10-12"
    zone = data["features"][4]
    assert zone["derivation"] == "SY ∩ buffer(border(TR, SY), 30 km)"
    assert [lb[2] for lb in data["labels"]] == ["Syria", "Turkey"]


def test_country_geometry_equal_to_basemap_is_stored_once(seed_html, page_data, seed):
    data = page_data(seed_html)
    assert data["features"][3]["geometry"] == {"type": "Polygon", "basemap": 0}
    outline = data["basemap"]["features"][0]["geometry"]
    assert decode_geometry(outline) == {"type": "Polygon", "coordinates": [seed.syria_hull]}
    assert seed_html.count(json.dumps(outline["c"], separators=(",", ":"))) == 1


def test_same_geometry_in_two_reports_is_stored_once(two_docs_fc, page_data):
    fc = copy.deepcopy(two_docs_fc)
    fc["features"].append(copy.deepcopy(fc["features"][4]))  # the zone, reported again
    data = page_data(maps.to_html(fc))
    assert data["features"][-1]["geometry"] == {"type": "Polygon", "same": 4}
    assert data["features"][4]["geometry"]["d"] == 2  # the zone's own, encoded
    assert data["features"][6]["geometry"]["coordinates"] == [38.95382, 36.69648]  # points as is


def test_hostile_text_is_escaped(hostile_fc, hostile_report, page_data, seed):
    html = maps.to_html(hostile_fc, reports=[hostile_report], title="<b>T</b> & co")
    assert "<script>window.__pwned" not in html
    assert "</script><script>" not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    assert "\u2028" not in html and "\u2029" not in html
    assert "<title>&lt;b&gt;T&lt;/b&gt; &amp; co</title>" in html
    assert "javascript:" not in html  # unsafe URLs are dropped, never made links
    # Only our own script tags: 5 inlined files, folium's globals, the init, the data.
    assert len(SCRIPT_TAG.findall(html)) == len(SCRIPT_TAG.findall(maps.to_html(hostile_fc)))
    data = page_data(html)
    assert data["features"][0]["name"] == seed.hostile_name
    assert "url" not in data["docs"][0]
    sentence = data["docs"][0]["parts"][0]
    assert (
        "".join(p if isinstance(p, str) else p["m"] for p in sentence["p"])
        == (seed.hostile_sentences[0])
    )


def test_quotes_mode_page(seed_fc, page_data, seed):
    data = page_data(maps.to_html(seed_fc))
    (doc,) = data["docs"]
    assert doc["mode"] == "quotes" and doc["parts"] == []
    texts = ["".join(p if isinstance(p, str) else p["m"] for p in q["p"]) for q in doc["quotes"]]
    assert seed.tel_abyad_quote in texts
    assert data["title"] == "Situation map"


def test_render_writes_the_page(tmp_path, seed_fc, seed_report, basemap, seed):
    out = maps.render(seed_fc, tmp_path / "seed.html", reports=[seed_report], basemap=basemap)
    assert out == tmp_path / "seed.html"
    assert [p.name for p in tmp_path.iterdir()] == ["seed.html"]
    size = out.stat().st_size
    assert size < 2_000_000, f"seed map is {size} bytes"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_into_missing_folder_raises_and_leaves_nothing(tmp_path, seed_fc):
    target = tmp_path / "missing" / "map.html"
    with pytest.raises(MapError, match="output folder does not exist"):
        maps.render(seed_fc, target)
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_render_failures_keep_the_previous_file(tmp_path, seed_fc, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(MapError):
        maps.render({"type": "FeatureCollection", "features": [{}]}, target)
    assert target.read_text(encoding="utf-8") == "previous"

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(MapError, match="disk full"):
        maps.render(seed_fc, target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temp file left


def test_render_onto_a_folder_raises(tmp_path, seed_fc):
    with pytest.raises(MapError, match="is a folder"):
        maps.render(seed_fc, tmp_path)


def test_same_input_same_page(seed_fc, seed_report, seed_html):
    again = maps.to_html(seed_fc, reports=[seed_report], basemap=None)
    assert maps.to_html(seed_fc, reports=[seed_report], basemap=None) == again
    assert 'id="map_sitrep"' in seed_html


def test_places_keep_their_names_as_written_for_search(seed_fc, page_data):
    fc = copy.deepcopy(seed_fc)
    fc["features"][0]["properties"]["name"] = "Tall Abyaḑ"  # the gazetteer's spelling
    data = page_data(maps.to_html(fc))
    assert data["features"][0]["aka"] == ["Tel Abyad"]  # as the report wrote it
    assert "aka" not in data["features"][1]  # "Ain Issa" is written as named
    assert "aka" not in data["features"][4]  # zones are named as written anyway

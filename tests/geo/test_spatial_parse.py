"""find_expressions: spans, relations, distances, directions, anchors, anaphora."""
from __future__ import annotations

import re

import pytest
from test_spatial_world import resolve_by_hand, split_sentences, world

from gazetteer.model import Place
from geo.model import Mention, Resolution, Sentence
from geo.spatial import find_expressions


def parse(text: str, *, demonym=True, extra=()):
    """Expressions of every sentence of ``text``, with hand-made resolutions."""
    res = [*resolve_by_hand(text), *extra]
    dem = world().demonym if demonym else None
    return [e for s in split_sentences(text) for e in find_expressions(s, res, demonym=dem)]


def only(text: str, **kw):
    found = parse(text, **kw)
    assert len(found) == 1, [e.text for e in found]
    return found[0]


def test_safe_zone_span_covers_the_whole_expression():
    text = 'Turkey plans a "safe zone" 30 km (20 miles) into Syrian territory for refugees.'
    e = only(text)
    assert e.text == 'a "safe zone" 30 km (20 miles) into Syrian territory'
    assert text[e.start:e.end] == e.text
    assert (e.relation, e.distance_m, e.distance_text, e.head) == ("into", 30_000, "30 km",
                                                                   "safe zone")
    anchor = e.anchors[0]
    assert (anchor.kind, anchor.code, anchor.others[0], anchor.inferred) == ("border", "SY",
                                                                             "TR", True)


def test_the_other_country_comes_from_the_document_when_the_sentence_has_none():
    text = "Turkey massed troops. The plan is a strip 30 km into Syrian territory."
    e = only(text)
    assert e.anchors[0].others[0] == "TR" and e.distance_m == 30_000
    assert e.text == "a strip 30 km into Syrian territory"


@pytest.mark.parametrize("words, metres", [
    ("five kilometres", 5_000), ("12 miles", 19_312.128), ("800 metres", 800), ("3 mi", 4_828.032),
    ("about 40km", 40_000), ("20-30 km", 30_000), ("twenty-five kilometers", 25_000),
    ("1,200 m", 1_200), ("40 km (25 miles)", 40_000), ("25 miles (40 km)", 40_233.6)])
def test_distances(words, metres):
    e = only(f"A shell landed {words} north of Kherson.")
    assert e.relation == "offset" and e.distance_m == pytest.approx(metres)
    assert e.text.endswith("north of Kherson") and words.split()[-1].split("(")[0] in e.text


@pytest.mark.parametrize("word, code", [
    ("north", "N"), ("north-east", "NE"), ("northeast", "NE"), ("north east", "NE"),
    ("NE", "NE"), ("NNW", "NNW"), ("south-southwest", "SSW"), ("west-northwest", "WNW")])
def test_offset_directions(word, code):
    e = only(f"Troops dug in 10 km {word} of Mosul.")
    assert (e.relation, e.direction, e.anchors[0].place.name) == ("offset", code, "Mosul")


@pytest.mark.parametrize("phrase", ["northeast Syria", "northeastern Syria", "north-eastern Syria",
                                    "North-East Syria", "NE Syria", "Syria's northeast",
                                    "the north-east of Syria", "the northeastern part of Syria"])
def test_parts(phrase):
    e = only(f"Prisons in {phrase} are full.")
    assert (e.text, e.relation, e.direction, e.anchors[0].code) == (phrase, "part", "NE", "SY")


def test_central_town():
    e = only("The jail in central Tel Abyad was empty.")
    assert (e.text, e.relation, e.direction) == ("central Tel Abyad", "central", "C")


@pytest.mark.parametrize("text, phrase, relation, named, other, inferred", [
    ("Kurdish fighters in Syria withdrew along the Turkish border.", "along the Turkish border",
     "along", "TR", "SY", True),
    ("Syrian Kurdish forces withdrew along the border with Turkey.",
     "along the border with Turkey", "along", "TR", "SY", True),
    ("Refugees waited on the Turkey-Syria border.", "on the Turkey-Syria border", "border", "TR",
     "SY", False),
    ("Shells fell along the Syrian-Turkish border.", "along the Syrian-Turkish border", "along",
     "SY", "TR", False),
    ("Refugees crossed the border between Sudan and Chad.", "the border between Sudan and Chad",
     "border", "SD", "TD", False),
])
def test_borders(text, phrase, relation, named, other, inferred):
    e = only(text)
    a = e.anchors[0]
    assert (e.text, e.relation, a.kind, a.code, a.others[0], a.inferred) == (
        phrase, relation, "border", named, other, inferred)


def test_between():
    e = only("A convoy was ambushed on the road between Gao and Ansongo.")
    assert e.text == "on the road between Gao and Ansongo" and e.relation == "between"
    assert [a.place.name for a in e.anchors] == ["Gao", "Ansongo"]


@pytest.mark.parametrize("text, phrase, modifier", [
    ("Kurds hold land east of the Euphrates.", "east of the Euphrates", ""),
    ("Russian troops dug in on the east bank of the Dnipro.", "the east bank of the Dnipro",
     "bank"),
])
def test_river_sides(text, phrase, modifier):
    e = only(text)
    assert (e.text, e.relation, e.direction, e.modifier) == (phrase, "side", "E", modifier)
    assert e.anchors[0].kind == "river"


@pytest.mark.parametrize("text, phrase, modifier, dist", [
    ("Shells fell on the outskirts of Aleppo.", "on the outskirts of Aleppo", "outskirts", None),
    ("Shells fell on Aleppo's outskirts.", "Aleppo's outskirts", "outskirts", None),
    ("Fighting raged near Bakhmut.", "near Bakhmut", "", None),
    ("No flights within 10 km of Mosul.", "within 10 km of Mosul", "", 10_000),
])
def test_near(text, phrase, modifier, dist):
    e = only(text)
    assert (e.text, e.relation, e.modifier, e.distance_m) == (phrase, "near", modifier, dist)


def test_deep_inside():
    e = only("Russia said its missiles hit depots deep inside Ukrainian territory.")
    assert (e.text, e.relation, e.modifier, e.distance_m) == (
        "deep inside Ukrainian territory", "into", "deep", None)
    assert (e.anchors[0].code, e.anchors[0].others[0]) == ("UA", "RU")


def test_anaphora_refers_back_with_the_head_noun():
    text = ('Ankara wants a buffer zone along the Turkish border in Syria. Troops entered the '
            'envisaged "buffer zone" area on Monday. The no fly zone was not discussed.')
    found = parse(text)
    assert [(e.relation, e.head) for e in found] == [
        ("along", "buffer zone"), ("refers", "buffer zone"), ("refers", "no-fly zone")]
    assert found[0].text == "a buffer zone along the Turkish border"
    assert found[1].text == 'the envisaged "buffer zone" area'


@pytest.mark.parametrize("text", [
    "The Turkish Defence Minister spoke in Ankara.",
    "Around 100 people fled from Aleppo.",
    "Turkey lies north of Syria.",
    "The Turkish army and Syrian rebels met.",
    "A safe zone was discussed.",
])
def test_no_expression(text):
    assert parse(text) == []


def test_a_direction_inside_a_place_name_is_not_a_part():
    text = "Fighting spread across North Kivu."
    start = text.index("North Kivu")
    kivu = Place("test:north-kivu", "North Kivu", "admin1", "CD", None, 29.0, -0.8)
    res = Resolution(Mention(start, start + 10, "North Kivu", "toponym", 0), kivu, 0.9, "admin")
    assert parse(text, extra=[res]) == []


def test_without_a_demonym_lookup_only_resolved_adjectives_count():
    text = "A zone 30 km into Syrian territory, Turkey said."
    assert parse(text, demonym=False) == []
    start = text.index("Syrian")
    sy = Place("ne:SY", "Syria", "country", "SY", None, 38.5, 35.0)
    adj = Resolution(Mention(start, start + 6, "Syrian", "adjectival", 0), sy, 0.9, "country")
    e = only(text, demonym=False, extra=[adj])
    assert e.anchors[0].code == "SY" and e.anchors[0].resolution is adj


def test_offsets_are_document_offsets():
    doc = "Intro sentence here. Shells hit 40 km north of Kherson."
    s = Sentence(1, 21, len(doc), doc[21:])
    res = resolve_by_hand(doc)
    e = find_expressions(s, res, demonym=None)[0]
    assert doc[e.start:e.end] == "40 km north of Kherson" and e.sentence == 1


def _with_alternative(text: str, name: str, chosen: Place, alternative: Place) -> Resolution:
    start = text.index(name)
    return Resolution(Mention(start, start + len(name), name, "toponym", 0), chosen, 0.8, "town",
                      alternatives=(alternative,))


def test_the_bank_of_a_name_prefers_its_river_reading():
    text = "Troops dug in on the east bank of the Dnipro."
    city = Place("test:dnipro-city", "Dnipro", "city", "UA", None, 35.05, 48.45, 968000)
    river = Place("test:dnipro", "Dnipro", "river", None, None, 33.0, 48.0)
    e = only(text, extra=[_with_alternative(text, "Dnipro", city, river)])
    assert e.relation == "side" and e.anchors[0].place is river


def test_a_part_of_a_name_prefers_its_region_reading():
    text = "Tanks pushed into northern Gaza."
    city = Place("test:gaza-city", "Gaza", "city", "PS", None, 34.47, 31.50, 410000)
    strip = Place("test:gaza-strip", "Gaza Strip", "region", "PS", None, 34.40, 31.45)
    e = only(text, extra=[_with_alternative(text, "Gaza", city, strip)])
    assert e.relation == "part" and e.anchors[0].place is strip
    e = only("Tanks entered central Gaza.",
             extra=[_with_alternative("Tanks entered central Gaza.", "Gaza", city, strip)])
    assert e.relation == "central" and e.anchors[0].place is strip


@pytest.mark.parametrize("text, names", [
    ("Shells fell 40 km north of Kherson Oblast, near kherson and in the north of KHERSON.",
     ["Kherson", "Kherson Oblast"]),
    ("Shells fell 40 km north of Kherson Oblast and east of Kherson.", ["Kherson"]),
    ("Aleppo's outskirts and Syria's far north; the road between Gao and Ansongo.",
     ["Aleppo", "Syria", "Gao", "Ansongo", "Gao and Ansongo"]),
    ("Troops withdrew along the Turkish-Syrian border and the border with Iraq.", ["Iraq"]),
    ("A strip 30 km (20 miles) into Syrian territory, deep inside Syria's territory.", ["Syria"]),
    ("Fighting near Kırıkhan and 10 km west of Kirikhan.", ["Kırıkhan"]),
    ("No mentions here, only the Sudan-Chad border and central areas.", []),
])
def test_rules_match_as_the_compiled_alternation_does(text, names):
    """``rules.matches`` (compiled once) finds what the per-sentence alternation found."""
    from geo.spatial import rules

    def key(m, handler):
        groups = sorted((g, m.span(g)) for g in m.re.groupindex if not g.endswith("_slot"))
        return handler.__name__, m.span(), groups

    ordered = sorted(set(names), key=len, reverse=True)
    alternation = "|".join(map(re.escape, ordered)) if ordered else r"(?!x)x"
    want = [key(m, h) for p, h in rules.compiled(alternation) for m in p.finditer(text)]
    assert want, "the case should exercise some rule"
    assert [key(m, h) for m, h in rules.matches(text, names)] == want

"""The report's frame bounds the candidates; unresolved names are located by
the container the text states (geo.resolution.frame, Resolver.resolve_spans)."""
from __future__ import annotations

import pytest

from gazetteer.model import Candidate, Place
from geo.recognition.recognize import Span
from geo.resolution.frame import Frame
from geo.resolution.resolve import Resolver


def _cand(name, cc, kind="city", pop=0, score=0.8, how="exact", matched=None):
    place = Place(f"t:{name}:{cc}:{kind}", name, kind, cc, "01", 0.0, 0.0, pop)
    return Candidate(place, score, how, matched or name)


def test_firm_places_named_countries_and_bias_make_the_frame():
    groups = [
        [_cand("Bigtown", "AA", pop=400_000, score=0.9), _cand("Bigtown", "BB", score=0.7)],
        [_cand("Cland", "CC", kind="country", score=1.0)],
        [_cand("Faraway", "DD", pop=3_000_000, how="loose", matched="Farawey")],  # weak: no
        [_cand("Twin", "EE", pop=900, score=0.70), _cand("Twin", "FF", pop=800, score=0.69)],
    ]
    frame = Frame.of(groups, demonyms=["GG", "AA"], bias=["HH"])
    assert frame.local == {"AA", "CC", "HH"}
    assert frame.mentioned == {"GG"}


def test_weak_matches_outside_the_frame_are_not_taken():
    frame = Frame(frozenset({"AA"}), frozenset({"GG"}))
    assert frame.admits(_cand("Village", "AA", how="loose"))            # inside
    assert not frame.admits(_cand("Metropolis", "ZZ", pop=5_000_000, how="loose"))
    assert not frame.admits(_cand("Hamlet", "ZZ", pop=500, how="fuzzy"))
    assert not frame.admits(_cand("Village", "GG", how="loose"))        # only a demonym
    assert frame.admits(_cand("Village", "GG", how="exact"))
    assert frame.admits(_cand("Capital", "ZZ", pop=2_000_000))          # firm abroad
    assert frame.admits(_cand("Province", "ZZ", kind="admin1"))
    assert frame.admits(_cand("Zland", "ZZ", kind="country", how="loose"))
    assert not frame.admits(_cand("Smalltown", "ZZ", pop=2_000, matched="Other name"))
    assert frame.admits(_cand("Sea", None, kind="region", how="fuzzy"))


def test_a_report_without_firm_evidence_bounds_nothing():
    frame = Frame.of([[_cand("Somewhere", "ZZ", how="loose")]])
    assert frame.empty and frame.admits(_cand("Somewhere", "ZZ", how="fuzzy"))


def test_demonyms_frame_a_report_that_names_no_country():
    frame = Frame.of([], demonyms=["GG"])
    assert frame.admits(_cand("Village", "GG", how="loose"))
    assert not frame.admits(_cand("Village", "ZZ", how="loose"))


@pytest.fixture(scope="module")
def resolver(gaz):
    return Resolver(gaz)


def _spans(resolver, text, names, unknown=()):
    out = []
    for name in names:
        s = text.index(name)
        cands = () if name in unknown else resolver.places.lookup(name)
        out.append(Span(s, s + len(name), name, "toponym", cands, "pattern"))
    return out


def test_a_name_the_gazetteer_lacks_is_located_by_its_admin_area(resolver):
    text = "Gunmen raided the village of Qorbowa in Burkina Faso's Centre-Nord region."
    got = resolver.resolve_spans(_spans(resolver, text, ["Qorbowa", "Burkina Faso",
                                                         "Centre-Nord"], {"Qorbowa"}), text)
    village = got[0]
    assert village.place is None and village.located.kind == "admin1"
    assert village.located.country_code == "BF" and village.precision == "admin"
    assert village.uncertainty_m > 10_000 and "Centre-Nord" in village.reason
    assert 0 < village.confidence < 0.5


def test_a_county_in_a_state(resolver):
    text = "Cattle raiders struck Zupaya county in Jonglei state."
    got = resolver.resolve_spans(_spans(resolver, text, ["Zupaya", "Jonglei"], {"Zupaya"}),
                                 text)
    assert got[0].place is None and got[0].located.country_code == "SS"
    assert got[0].located.kind == "admin1" and got[0].precision == "admin"


def test_a_name_only_said_to_be_in_a_country_gets_the_country(resolver):
    text = "Shelling hit Qorbowa in Syria overnight."
    got = resolver.resolve_spans(_spans(resolver, text, ["Qorbowa", "Syria"], {"Qorbowa"}),
                                 text)
    assert got[0].located.kind == "country" and got[0].precision == "country"
    assert 100_000 < got[0].uncertainty_m < 600_000  # from Syria's outline


def test_a_plain_in_does_not_move_a_known_place(resolver):
    text = "Talks in Geneva in Switzerland resumed."
    got = resolver.resolve_spans(_spans(resolver, text, ["Geneva", "Switzerland"]), text)
    assert got[0].place is not None and got[0].place.country_code == "CH"


def test_a_misspelt_village_abroad_is_not_taken(parser):
    doc = parser.parse("Clashes were reported in Durbaan in Syria, near Aleppo and Idlib.")
    village = next(p for p in doc.places if p.name == "Durbaan")
    assert village.place is None and village.located.country_code == "SY"
    assert village.precision == "country" and village.uncertainty_m
    feature = next(f for f in doc.features() if f["properties"]["name"] == "Durbaan")
    props = feature["properties"]
    assert props["resolved"] is False and props["country_code"] == "SY"
    assert props["uncertainty_m"] > 0 and feature["geometry"]["type"] == "Point"


def test_the_same_spelling_in_its_own_country_is_taken(parser):
    doc = parser.parse("Fans in Durbaan, South Africa, cheered.")
    assert any(p.place and p.place.country_code == "ZA" for p in doc.places)


def test_a_weak_match_just_across_a_frame_border_is_taken():
    import shapely

    box = shapely.box(10.0, 10.0, 12.0, 12.0)  # country AA
    frame = Frame(frozenset({"AA"}), frozenset(), lambda cc: box if cc == "AA" else None)
    near = Candidate(Place("t:near", "Near", "city", "BB", None, 12.2, 11.0), 0.5, "loose",
                     "Neer")  # ~22 km east of AA
    far = Candidate(Place("t:far", "Far", "city", "BB", None, 14.0, 11.0), 0.5, "loose",
                    "Fahr")  # ~215 km
    assert frame.admits(near) and not frame.admits(far)


def test_a_border_town_in_a_report_framed_by_its_neighbour(parser):
    doc = parser.parse("A convoy crossed from the Turkish side into Tel Abyad on Monday.")
    assert any(p.place and p.place.country_code == "SY" for p in doc.places)

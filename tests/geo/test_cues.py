"""Cue phrases of conflict reporting make a name a place, known to the gazetteer
or not; the made-up village names below are in no gazetteer."""
from __future__ import annotations

import pytest

from geo.recognition.recognize import recognise
from geo.resolution.policy import Ranked


def _spans(gaz, text):
    return {sp.text: sp for sp in recognise(text, Ranked(gaz))}


@pytest.mark.parametrize("text, names", [
    ("Gunmen raided the village of Kobrunda overnight, residents said.", ["Kobrunda"]),
    ("Shelling hit the villages of Tamazirt Ouled and Zibrani on Sunday.",
     ["Tamazirt Ouled", "Zibrani"]),
    ("Sirbaya and Kolondieba localities were besieged.", ["Sirbaya", "Kolondieba"]),
    ("Drones struck the settlements of Vyshnoporiv, Lozhenko and Dubrivka.",
     ["Vyshnoporiv", "Lozhenko", "Dubrivka"]),
    ("The victim was a resident of Kfar Zoubin.", ["Kfar Zoubin"]),
    ("Militants stormed the town of Wad al Karimah before dawn.", ["Wad al Karimah"]),
    ("Fighting spread to the village of al-Qaryatayn al-Gharbi.", ["al-Qaryatayn al-Gharbi"]),
    ("Jets bombed Nyaung Pin and Thit Sar Kone villages at dawn.", ["Nyaung Pin", "Thit Sar Kone"]),
    ("An attack was reported in Mabrouka village on Friday.", ["Mabrouka"]),
])
def test_a_place_noun_names_a_place(gaz, text, names):
    spans = _spans(gaz, text)
    for name in names:
        assert name in spans, (name, list(spans))
        assert spans[name].type == "toponym"


def test_a_cued_name_the_gazetteer_lacks_is_reported_without_candidates(gaz):
    sp = _spans(gaz, "Gunmen raided the village of Kobrunda overnight.")["Kobrunda"]
    assert sp.candidates == () and sp.source == "pattern"


@pytest.mark.parametrize("text, mention, kind, country", [
    ("Clashes were reported in Donetsk region overnight.", "Donetsk", "admin1", "UA"),
    ("Aid reached Jonglei state on Monday.", "Jonglei", "admin1", "SS"),
    ("Troops moved into Sinjar district.", "Sinjar", "admin2", "IQ"),
])
def test_an_area_word_asks_for_an_area_of_that_name(gaz, text, mention, kind, country):
    sp = _spans(gaz, text)[mention]  # the lowercase word is not the name's
    assert sp.sense.startswith(mention + " ")
    assert sp.candidates and all(c.place.kind in ("admin1", "admin2", "region")
                                 for c in sp.candidates)
    assert any(c.place.kind == kind and c.place.country_code == country for c in sp.candidates)


@pytest.mark.parametrize("text, mention", [
    ("Hundreds fled to Zorbeya camp after the raid.", "Zorbeya camp"),
    ("Fighting raged in Kwetmaung Township for a week.", "Kwetmaung Township"),
    ("Gunmen attacked Ulang Central County on Tuesday.", "Ulang Central County"),
])
def test_an_unknown_area_or_camp_is_reported_with_its_word(gaz, text, mention):
    sp = _spans(gaz, text)[mention]
    assert sp.candidates == ()


def test_a_known_area_is_found_behind_a_misspelt_word(gaz):
    sp = _spans(gaz, "Armed men entered Georgias Kakheti region.")["Kakheti"]
    assert sp.candidates[0].place.kind == "admin1" and sp.candidates[0].place.country_code == "GE"


def test_an_area_word_of_another_level_is_another_place(gaz):
    sp = _spans(gaz, "A barn burned in Jackson Township on Friday.")["Jackson Township"]
    assert not any(c.place.name.endswith(("County", "Parish")) for c in sp.candidates)


def test_a_river_or_range_the_gazetteer_lacks_is_not_guessed(gaz):
    spans = _spans(gaz, "Herders crossed the Korbassa mountains at night.")
    assert not any("Korbassa" in s for s in spans)


def test_a_camp_is_not_the_town_of_its_name(gaz):
    sp = _spans(gaz, "A drone struck a car in Sardasht camp on Tuesday.")["Sardasht camp"]
    assert all(c.place.kind == "camp" for c in sp.candidates)


def test_a_name_a_cue_made_a_place_is_a_place_elsewhere_in_the_report(gaz):
    text = ("Gunmen burned the village of Kobrunda. More than 300 Kobrunda residents "
            "fled, and Kobrunda is now empty.")
    assert [sp.text for sp in recognise(text, Ranked(gaz))].count("Kobrunda") == 3


@pytest.mark.parametrize("text, line", [
    ("MAKOUDRA – Gunmen killed four people on Sunday, officials said.", "MAKOUDRA"),
    ("OUAGADOUGOU - Soldiers repelled an attack in the north.", "OUAGADOUGOU"),
    ("TEHRAN, Iran (AP) — A blast shook the capital.", "TEHRAN"),
])
def test_a_dateline_names_a_place(gaz, text, line):
    assert line in _spans(gaz, text)


@pytest.mark.parametrize("text, word", [
    ("BREAKING NEWS – A blast was heard downtown.", "BREAKING NEWS"),
    ("UPDATE: the road is open again.", "UPDATE"),
])
def test_a_line_opening_word_that_is_no_name_is_no_dateline(gaz, text, word):
    assert word not in _spans(gaz, text)


@pytest.mark.parametrize("text, absent", [
    ("Fans followed the Deep State channel closely.", "Deep State"),
    ("A spokesman for the Highway Department said the bridge was shut.", "Highway Department"),
    ("The Public Utilities district raised its rates.", "Public Utilities district"),
    ("He moved to Kansas City last year.", "Kansas"),
    ("Fighters of the Islamic State West Africa Province attacked.", "West Africa Province"),
    ("The Kharkiv Regional State Administration said two were hurt.", "Kharkiv Regional State"),
    ("Officials at Tri-State Racetrack said it would reopen.", "Tri-State"),
    ("The city has three TIF districts.", "TIF"),
    ("It is a Dogon village in the hills.", "Dogon"),
    ("Officials in the Central district said so.", "Central district"),
])
def test_what_looks_like_a_cue_but_is_not(gaz, text, absent):
    assert absent not in _spans(gaz, text)


def test_a_township_the_gazetteer_knows_keeps_its_own_entry(gaz):
    sp = _spans(gaz, "A fire broke out in Clinton Township, Michigan.")["Clinton Township"]
    assert sp.candidates[0].place.kind == "city"


@pytest.mark.parametrize("text, name", [
    ("Shells fell on rebel-held Kafr Zibad overnight.", "Kafr Zibad"),
    ("Two were killed in strikes on nearby Tal Hamouk.", "Tal Hamouk"),
    ("The attack took place in a location known as Gorobiya.", "Gorobiya"),
    ("Gunmen blocked the highway leading to Kalmandi at dawn.", "Kalmandi"),
    ("Six were shot overnight at Tinkoudgou, near Djibo.", "Tinkoudgou"),
    ("Troops were ambushed at Ouroubé, near the border with Niger.", "Ouroubé"),
    ("Fighters marched on Dorkubi, home to a rival clan.", "Dorkubi"),
])
def test_conflict_reporting_cues_name_places(gaz, text, name):
    assert name in _spans(gaz, text)


@pytest.mark.parametrize("text, absent", [
    ("Take the highway to Exit 12 and turn left.", "Exit"),
    ("Police checked the nearby Sparrow Condominiums.", "Sparrow Condominiums"),
])
def test_context_cues_that_name_no_place(gaz, text, absent):
    assert absent not in _spans(gaz, text)


def test_an_unknown_name_listed_with_places_is_a_place(gaz):
    spans = _spans(gaz, "Fighting was reported near Kramatorsk, Sloviansk and Zorivne.")
    assert "Zorivne" in spans and spans["Zorivne"].candidates == ()


@pytest.mark.parametrize("text, absent", [
    ("Awards went to Nadia Koroma, Matt Shaul and Atlanta.", "Nadia Koroma"),
    ("They represented Lovejoy, Jonesboro and Graymoor high schools.", "Graymoor"),
    ("Meanwhile, Atlanta's mayor spoke.", "Meanwhile"),
])
def test_a_list_of_people_or_things_beside_a_place_is_not_a_list_of_places(gaz, text, absent):
    assert absent not in _spans(gaz, text)


@pytest.mark.parametrize("text, mention, country", [
    ("Strikes hit al-Mawasi and Rafah overnight.", "al-Mawasi", "PS"),
    ("The RSF besieged el-Fasher for months.", "el-Fasher", "SD"),
    ("Protesters gathered in as-Suwayda on Friday.", "as-Suwayda", "SY"),
])
def test_a_lowercase_arabic_article_opens_the_name(gaz, text, mention, country):
    sp = _spans(gaz, text)[mention]
    assert any(c.place.country_code == country for c in sp.candidates)


def test_a_building_named_after_an_unknown_place_is_reported_with_its_word(gaz):
    spans = _spans(gaz, "Villagers fled to Nam Hkam monastery and Lashio hospital.")
    assert "Nam Hkam monastery" in spans
    assert "Lashio" in spans  # a known town: the town is the mention


def test_the_territories_are_the_territories(gaz):
    sp = _spans(gaz, "He works in the occupied Palestinian territories.")
    assert sp["Palestinian territories"].candidates[0].place.country_code == "PS"


@pytest.mark.parametrize("text, absent", [
    ("Raids hit the Fulbe and Songhai ethnic groups, and a Songhai elder fled to Gao.", "Songhai"),
    ("Cattle raiders marched on Likuangole, home to the Anyuak people.", "Anyuak"),
    ("Fighters of Liwa al-Quds clashed with rebels near Palmyra.", "al-Quds"),
    ("Fano militants entered the town, residents said.", "Fano"),
    ("Xinhua reported two dead in Gondar.", "Xinhua"),
    ("The Fars news agency said the blast hit Isfahan.", "Fars"),
    ("Reporters for Myanmar Now visited Sagaing.", "Myanmar"),
])
def test_peoples_armed_groups_and_outlets_are_not_places(gaz, text, absent):
    spans = _spans(gaz, text)
    assert absent not in spans and not any(absent in s for s in spans), list(spans)


def test_a_place_inside_an_outlet_stays_where_annotators_count_it(gaz):
    assert "Athens" in _spans(gaz, "According to Athens Review rainfall records, it rained.")


@pytest.mark.parametrize("text", [
    "Ukrainian marines crossed the Dnipro at night.",
    "Russian troops dug in on the Dnipro's left bank.",
])
def test_the_text_says_the_river(gaz, text):
    sp = _spans(gaz, text)["Dnipro"]
    assert {c.place.kind for c in sp.candidates} == {"river"}


def test_a_river_town_without_the_words_of_a_river_is_the_town(gaz):
    sp = _spans(gaz, "A missile hit an apartment block in Dnipro on Monday.")["Dnipro"]
    assert any(c.place.kind == "city" for c in sp.candidates)


@pytest.mark.parametrize("text, names", [
    ("Locals said the affected communities are Dangwaro and Kurfi Tudu.", ["Dangwaro", "Kurfi Tudu"]),
    ("Gunmen killed the village head of Tsauni Wuri on Monday.", ["Tsauni Wuri"]),
    ("Hundreds fled towards Kolofata on the Cameroon side of the border.", ["Kolofata"]),
    ("Troops raided the Harat al-Sawarha neighbourhood overnight.", ["Harat al-Sawarha"]),
])
def test_more_wordings_that_name_places(gaz, text, names):
    spans = _spans(gaz, text)
    for name in names:
        assert name in spans, (name, list(spans))


def test_two_names_joined_before_an_area_word_keep_the_known_one(gaz):
    spans = _spans(gaz, "Crews worked along the Greenbrier-Pocahontas County line.")
    assert spans["Pocahontas County"].candidates[0].place.kind == "admin2"


def test_a_street_named_road_is_no_road_to_a_place(gaz):
    spans = _spans(gaz, "Traffic backed up on Mitchell Bridge Road from Athens Perimeter bridge.")
    assert "Athens Perimeter" not in spans


def test_a_hyphenated_name_is_found_written_as_one_word(gaz):
    sp = _spans(gaz, "Jets struck a bakery in Kafr-Anbel before dawn on Tuesday.")["Kafr-Anbel"]
    assert sp.type == "toponym"
    assert sp.candidates[0].place.country_code == "SY"


def test_a_hyphenated_name_of_short_parts_is_not_joined(gaz):
    assert "Bon-Aire" not in _spans(gaz, "Neon lit the Bon-Aire's marquee on the strip.")

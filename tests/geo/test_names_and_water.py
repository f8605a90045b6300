"""Where a mention ends, what a name means, and names that are not places:
lowercase area words, names that hold a demonym, armed movements, spellings
close to a big city, and water bodies named like the areas beside them. The
sentences are written for these tests."""
from __future__ import annotations

import pytest

from geo.recognition.recognize import recognise
from geo.resolution.policy import Ranked


def _places(parser, text):
    return {m.text: p for p in parser.parse(text).places for m in p.mentions}


@pytest.mark.parametrize("text, mention, kind, country", [
    ("Locusts swarmed across Sindh province in June.", "Sindh", "admin1", "PK"),
    ("The governor of New York state declared an emergency.", "New York", "admin1", "US"),
    ("Refugees crossed from the Darfur region of Sudan into Chad.", "Darfur", "region", "SD"),
])
def test_a_lowercase_area_word_is_outside_the_mention(parser, text, mention, kind, country):
    place = _places(parser, text)[mention]
    assert place.place is not None and place.place.kind == kind
    assert place.country_code == country


def test_a_capitalised_area_word_is_the_name_s(gaz):
    spans = {sp.text for sp in recognise("Fighting spread across Shan State last week.",
                                         Ranked(gaz))}
    assert "Shan State" in spans


def test_the_city_and_the_region_of_one_name_stay_apart(parser):
    places = parser.parse("Rockets hit the city of Kharkiv overnight, and two villages in "
                          "Kharkiv region lost power.").places
    kinds = sorted(p.place.kind for p in places if p.place and p.place.country_code == "UA")
    assert kinds == ["admin1", "city"]


def test_a_county_left_out_of_its_mention_is_still_inside_its_state(parser):
    place = _places(parser, "Cattle raiders burned Zupaya county in Jonglei state.")["Zupaya"]
    assert place.place is None and place.located.kind == "admin1"
    assert place.country_code == "SS" and "Jonglei" in place.reason


def test_a_country_name_that_opens_with_a_demonym_is_one_name(parser):
    places = _places(parser, "Pilgrims gathered in the western region of Saudi Arabia.")
    assert "Saudi Arabia" in places and places["Saudi Arabia"].place.kind == "country"
    assert "Arabia" not in places


def test_an_armed_movement_s_checkpoint_is_not_a_place(parser):
    text = ("The Zarqawi movement controls the coast road. Aid workers were held at a "
            "Zarqawi checkpoint south of Hodeidah. The Zarqawis deny it.")
    places = _places(parser, text)
    assert "Hodeidah" in places
    assert not [m for m in places if m.startswith("Zarqawi")]


def test_a_known_place_before_an_actor_noun_stays_a_place(parser):
    places = _places(parser, "Darfur rebels attacked a convoy near Nyala.")
    assert places["Darfur"].country_code == "SD"


@pytest.mark.parametrize("text", [
    "Fighting was reported in Loango on Monday.",
    "Gunmen attacked the village of Loango before dawn.",
])
def test_a_name_spelt_exactly_is_not_a_big_city_spelt_alike(parser, text):
    place = _places(parser, text)["Loango"]
    assert place.country_code == "CG"


def test_a_water_body_is_the_water_not_the_area_named_after_it(parser):
    sea = _places(parser, "A cargo ship was struck by a drone in the Red Sea.")["Red Sea"]
    assert sea.place is not None and sea.place.kind == "region"
    assert sea.place.country_code is None and sea.precision == "region"


def test_an_area_word_makes_the_water_s_name_an_area(parser):
    state = _places(parser, "Port Sudan is the capital of Red Sea state.")["Red Sea"]
    assert state.place.kind == "admin1" and state.country_code == "SD"


@pytest.mark.parametrize("text, tail", [
    ("We camped for a week in Okavango Wildlands National Park.", "National Park"),
    ("Boats leave daily for the Corrib Islands from the pier.", "Islands"),
    ("Rice grows across the Irrawaddy Delta in the wet season.", "Delta"),
])
def test_the_generic_tail_of_a_longer_name_is_not_a_place(gaz, text, tail):
    spans = {sp.text for sp in recognise(text, Ranked(gaz))}
    assert tail not in spans


def test_a_people_s_adjective_is_no_transliterated_city(gaz):
    spans = {sp.text: sp for sp in recognise("Kalmykian and Ossetian delegates met in Tbilisi.",
                                             Ranked(gaz))}
    assert not any(sp.candidates for name, sp in spans.items() if name.endswith("ian"))


def test_a_run_with_a_stop_word_is_not_a_transliteration(gaz):
    text = "Flights resumed at the new airport. The Quito terminal opened in February."
    spans = {sp.text: sp for sp in recognise(text, Ranked(gaz))}
    assert "The Quito" not in spans
    assert spans["Quito"].candidates[0].place.country_code == "EC"


def test_a_capitalised_abbreviation_is_the_country_not_a_village_so_spelt(parser):
    places = _places(parser, "The report ran in the French and US press last spring.")
    assert places["US"].place.kind == "country" and places["US"].country_code == "US"

"""Event rules of the second round of issue 16: the means a result clause inherits, an
attack that points back to a strike, civilian vehicles, and where events happened
(origins, parts of a province, "where the clashes occurred", a town cue). Sentences
written for these tests; the end-to-end cases run the real pipeline and gazetteer."""
import datetime as dt

import pytest

from geo.events import detect
from geo.model import Sentence

# tests/geo is on sys.path, as for events_table
from event_helpers import PUB, parse as _parse, point as _point, real as _real  # noqa: E402


# -- type -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, etype, sub", [
    ("The rebels targeted the market area with mortars, resulting in two deaths.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Troops hit the hamlet with heavy weapons, leaving three farmers dead.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Gunmen stormed the hamlet, killing three farmers.", "Violence against civilians",
     "Attack"),
])
def test_a_result_clause_takes_the_means_of_the_clause_before(text, etype, sub):
    ms = _real(text)
    assert ms and (ms[0].event_type, ms[0].sub_event_type) == (etype, sub)


@pytest.mark.parametrize("text, etype", [
    ("A minibus was attacked on the road north of the town.", "Violence against civilians"),
    ("Insurgents attacked a car on the coastal road.", "Violence against civilians"),
    ("Insurgents attacked a military vehicle on the coastal road.", "Battles"),
])
def test_an_attacked_civilian_vehicle_is_an_attack_on_civilians(text, etype):
    (m,) = _real(text)
    assert m.event_type == etype


def test_an_attack_pointing_back_to_a_strike_is_that_strike():
    text = ("Army artillery shelled the village of Kafr Zita on Monday. "
            "As a result of the attack on the village, two farmers were killed.")
    evs = _parse(text).events
    assert evs and all(e.event_type == "Explosions/Remote violence" for e in evs)
    text = ("A drone strike on a car near Tyre killed one man on Sunday. "
            "Hours later another attack damaged a truck near the town.")
    assert all(e.event_type == "Explosions/Remote violence" for e in _parse(text).events)


def test_an_attack_by_other_actors_does_not_take_the_strike_s_means():
    text = ("Russian forces shelled the village of Kozacha Lopan on Monday. "
            "The attack by Ukrainian partisans on the checkpoint killed two soldiers.")
    evs = _parse(text).events
    assert [e.event_type for e in evs] == ["Explosions/Remote violence", "Battles"]


# -- location -------------------------------------------------------------------------

def test_where_people_come_from_is_not_where_it_happened():
    text = ("Gunmen stopped a bus near Quetta on Monday and abducted six workers from Sindh "
            "province.")
    assert [e.location for e in _parse(text).events] == ["Quetta"]


def test_a_town_named_in_a_part_of_its_province_is_the_place():
    (ev,) = _parse("Clashes erupted on Monday in the town of Al-Mayadin in eastern "
                   "Deir ez-Zor.").events
    assert ev.location == "Al Mayādīn" and ev.geo_precision == 1


def test_a_direction_from_a_town_takes_a_town_the_report_names_there():
    text = ("A drone strike on Thursday east of Aleppo killed two men. "
            "The drone hit a car near Al-Bab.")
    ev = _parse(text).events[0]
    assert ev.location == "Al Bāb" and ev.located_by == "report: finer place (sentence 1)"
    (ev,) = _parse("A drone strike on Thursday east of Aleppo killed two men.").events
    assert ev.location == "Aleppo" and ev.geo_precision == 2


def test_where_the_report_says_the_clashes_took_place():
    text = ("Armenia and Azerbaijan traded blame on Tuesday for clashes on their shared "
            "border. The governor of Syunik province, where the clashes took place, said two "
            "soldiers were wounded.")
    ev = _parse(text).events[0]
    assert ev.country_code == "AM" and ev.admin1 is not None
    assert ev.located_by == "report: where it happened (sentence 1)"


def test_the_town_of_x_is_the_town_not_the_province_of_that_name():
    (ev,) = _parse("A drone hit a wedding party in the town of Murzuq on Friday, killing "
                   "six guests.").events
    assert (ev.precision, ev.geo_precision) == ("town", 1)
    lat, lon = _point(ev)
    assert abs(lat - 25.92) < 0.1 and abs(lon - 13.92) < 0.1
    (ev,) = _parse("A drone hit a wedding party in Murzuq province on Friday, killing "
                   "six guests.").events
    assert (ev.precision, ev.geo_precision) == ("admin", 3)


def test_a_town_called_an_area_is_the_area_holding_the_finer_place_told_next():
    text = ("Two soldiers were killed in the Arauca department on Monday. "
            "The attack took place at a checkpoint on a road near Tame.")
    ev = _parse(text).events[0]
    assert ev.located_by == "report: finer place (sentence 1)"
    lat, lon = _point(ev)
    assert abs(lat - 6.46) < 0.1 and abs(lon + 71.74) < 0.1


# -- attempts -------------------------------------------------------------------------

@pytest.mark.parametrize("text, real", [
    ("Rebels tried to storm the army base on Sunday.", True),
    ("An attempt by the militants to take over the police station was repelled on Sunday.",
     True),
    ("The militants plan to storm the army base.", False),
    ("The rebels will attempt to capture the town next week.", False),
])
def test_an_attempt_that_was_made_is_a_clash(text, real):
    ms = [m for m in detect(Sentence(0, 0, len(text), text), published=PUB)
          if m.event_type == "Battles"]
    assert any(m.is_real for m in ms) == real
    if real:
        assert all(m.sub_event_type == "Armed clash" for m in ms if m.is_real)


def test_a_storm_is_weather():
    assert _real("A storm hit the coast on Sunday.") == []


# -- series ---------------------------------------------------------------------------

def test_incidents_told_one_by_one_are_one_event_each():
    text = ("Warplanes bombed the city of Gao on Monday, officials said. "
            "The first raid hit a market in the morning. "
            "The second took place at noon near the airport.")
    evs = _parse(text).events
    quotes = [e.sentence.text for e in evs]
    assert "The first raid hit a market in the morning." in quotes
    second = [e for e in evs if e.sentence.text.startswith("The second")]
    assert len(second) == 1 and second[0].event_type == "Explosions/Remote violence"
    assert second[0].location == "Gao" and second[0].date == dt.date(2023, 10, 9)


def test_a_sentence_starting_with_the_second_is_not_an_event_without_a_series():
    text = ("Gunmen killed four farmers near Gao on Monday. "
            "The second took place at noon near the airport.")
    assert len(_parse(text).events) == 1


# -- dates and one incident -----------------------------------------------------------

def test_a_date_in_what_a_statement_says_is_the_deed_s():
    (m,) = _real("The monitor said in a statement that gunmen on Monday attacked the "
                 "village of Tawila.")
    assert m.date == dt.date(2023, 10, 9)


def test_a_dateline_date_at_the_head_is_not_the_event_s():
    text = ("October 11, 2023 (GAO) – Gunmen killed seven herders near Gao, officials "
            "said. The attack happened on Monday.")
    ev = _parse(text).events[0]
    assert ev.date == dt.date(2023, 10, 9)


def test_a_sentence_pointing_back_to_the_incident_joins_it():
    text = ("Last week gunmen stormed a camp for displaced families near Gao. "
            "Seven people were killed in that assault, which residents blamed on bandits "
            "from Niger.")
    evs = [e for e in _parse(text).events if e.event_type == "Violence against civilians"]
    assert len(evs) == 1
    (ev,) = evs
    assert ev.location == "Gao" and ev.count == 7 and len(ev.quotes) == 2


def test_a_vehicle_used_to_get_there_is_not_the_target():
    (m,) = _real("Special forces raided the rebel camp in private cars before dawn.")
    assert m.event_type == "Battles"


def test_a_clash_told_since_the_strike_is_what_the_attack_points_back_to():
    text = ("A drone strike hit a truck near Tyre on Sunday. "
            "Later, clashes broke out as militiamen tried to enter the village of Qana. "
            "The attack was halted after the militiamen lost two fighters.")
    evs = _parse(text).events
    assert evs[-1].event_type != "Explosions/Remote violence"


@pytest.mark.parametrize("text, real", [
    ("The army said reinforcements had arrived in the town of Gao on Monday.", True),
    ("The army deployed fresh reinforcements to the town of Gao on Monday.", True),
    ("The military's evacuation order this week for the town of Rafah affected thousands.",
     True),
    ("The army will send reinforcements to the town if the attacks continue.", False),
])
def test_deployments_and_evacuation_orders_are_strategic_developments(text, real):
    ms = [m for m in detect(Sentence(0, 0, len(text), text), published=PUB)
          if m.event_type == "Strategic developments"]
    assert any(m.is_real for m in ms) == real


def test_a_place_in_a_title_is_not_where_it_happened():
    text = ("Rebels overran the town of Gao on Tuesday. "
            "Timbuktu Governor Ali Maiga said on Wednesday that four civilians were killed.")
    evs = _parse(text).events
    assert [e.location for e in evs] == ["Gao", "Gao"]


def test_the_subject_of_an_active_killed_is_the_killer():
    (m,) = _real("Members of the militia killed five villagers on Tuesday.")
    assert m.event_type == "Violence against civilians"
    (m,) = _real("Five members of the militia were killed on Tuesday.")
    assert m.event_type == "Battles"


def test_the_attackers_of_the_next_sentence_tell_the_same_incident():
    text = ("On Monday an attack took place near Gao while farmers went to the fields. "
            "The attackers killed six people and wounded two others.")
    evs = [e for e in _parse(text).events if e.event_type == "Violence against civilians"]
    assert len(evs) == 1 and evs[0].count == 6
    assert evs[0].sentence.text.startswith("On Monday an attack")


def test_a_province_in_a_phrase_before_a_verb_is_a_place_not_an_actor():
    (ev,) = _parse("Renewed clashes in Mali's troubled Gao region have killed at least 20 "
                   "people, officials said on Monday.").events
    assert ev.country_code == "ML" and ev.location != "Mali"


def test_gunmen_attacking_since_the_strike_break_the_reference():
    text = ("An air strike hit a market in Gao on Monday. "
            "On Tuesday gunmen attacked a checkpoint in Ansongo. "
            "Two soldiers were killed in the attack, the army said.")
    evs = _parse(text).events
    assert evs[-1].event_type == "Battles"


def test_a_sentence_naming_its_own_town_stays_its_own_incident():
    text = ("Gunmen stormed a camp for displaced families near Gao last week. "
            "Gunmen also killed five herders in Ansongo in the attack on the cattle market.")
    evs = [e for e in _parse(text).events if e.event_type == "Violence against civilians"]
    assert {e.location for e in evs} >= {"Gao", "Ansongo"}


@pytest.mark.parametrize("text", [
    "The rising frequency of militant attacks has driven farmers from the valley.",
    "Aid groups warned of a rise in kidnappings on the northern highway.",
    "The threat of air strikes kept the market closed for a week.",
])
def test_a_trend_or_a_threat_is_no_incident(text):
    assert _real(text) == []


def test_an_incident_after_such_words_is_still_one():
    assert _real("Despite the risk, gunmen attacked a police post on Monday.")

"""Events an analyst can trust (issue 16): dates, counts, modality, location and merging,
with sentences written for these tests; the end-to-end cases run the real pipeline and
gazetteer."""
import dataclasses
import datetime as dt

import pytest

from geo.events.counts import find_counts, tally
from geo.events.dates import find_dates
from geo.events.merge import merge_in_report
from geo.events.modality import modality

# tests/geo is on sys.path, as for events_table
from event_helpers import PUB, parse as _parse, point as _point, real as _real  # noqa: E402


# -- dates ----------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, iso, precision", [
    ("fighting broke out in February 2022", "2022-02-01", "month"),
    ("the town fell on October 8, 2023", "2023-10-08", "day"),
    ("the town fell on 8 Oct 2023", "2023-10-08", "day"),
    ("In January 2020, four fighters were killed", "2020-01-01", "month"),
    ("rockets hit the city overnight", "2023-10-11", "day"),
    ("drones attacked the port overnight into Monday", "2023-10-09", "day"),
    ("5,000 families fled in the past week", "2023-10-12", "week"),
    ("gunmen attacked the market last November", "2022-11-01", "month"),
])
def test_dates_with_years_and_relative_phrases(phrase, iso, precision):
    (d,) = find_dates(phrase, PUB)
    assert (d.date.isoformat(), d.precision) == (iso, precision)


def test_a_date_of_speech_and_its_gloss_are_not_the_event_date():
    (m,) = _real("Rebels shelled the town overnight on Tuesday, the monitor said on "
                 "Wednesday (October 11).")
    assert m.date == dt.date(2023, 10, 10)


def test_time_precision_is_acled_s():
    text = "Militants shelled Mosul last week. Militants shelled Kirkuk on Monday."
    evs = _parse(text).events
    assert [(e.date.isoformat(), e.time_precision) for e in evs] == [
        ("2023-10-02", 2), ("2023-10-09", 1)]


def test_an_undated_sentence_takes_the_report_s_frame():
    text = ("Gunmen attacked a convoy near Gao on Tuesday, killing four soldiers. "
            "Hundreds of residents fled the area.")
    later = [e for e in _parse(text).events if "fled" in e.sentence.text]
    assert later and later[0].date == dt.date(2023, 10, 10)
    assert later[0].dated_by == "report frame (sentence 0)"
    assert later[0].location == "Gao"


def test_a_lead_without_a_date_takes_the_next_sentence_s():
    text = ("An air strike hit a market in Aleppo, killing seven people, medics said. "
            "Wednesday's strike was the deadliest in weeks.")
    (ev,) = _parse(text).events
    assert ev.date == dt.date(2023, 10, 11)


def test_a_dateline_s_date_is_not_the_event_s():
    text = ("CAIRO, Oct. 12 (Reuters) - Gunmen attacked a bus near Aleppo, the army said. "
            "Tuesday's attack killed six people.")
    (ev,) = [e for e in _parse(text).events if e.sentence.index == 0]
    assert ev.date == dt.date(2023, 10, 10)


def test_a_participle_after_its_noun_does_not_take_the_main_verb_s_date():
    (m,) = _real("Later on Monday, television showed the village captured by the militia.")
    assert m.date is None
    (m,) = _real("On Monday, the rebels shelled the depot.")
    assert m.date == dt.date(2023, 10, 9)


def test_a_background_date_is_not_the_frame():
    text = ("Gunmen attacked a market in Homs on Monday, killing five people. "
            "The town had been calm since violence that began on August 2 ended. "
            "Hundreds of families fled.")
    (fled,) = [e for e in _parse(text).events if e.sub_event_type == "Other"]
    assert fled.date == dt.date(2023, 10, 9)


def test_nothing_dated_falls_back_on_the_publication_week():
    (ev,) = _parse("Rebels shelled Mosul, killing two people.").events
    assert ev.date == PUB and ev.dated_by == "published" and ev.time_precision == 2


# -- counts ---------------------------------------------------------------------------

def _roles(text):
    counts = find_counts(text)
    return {r: (c.figure if c else None) for r in ("killed", "injured", "displaced")
            for c in [tally(counts, r)]}


@pytest.mark.parametrize("text, killed, injured, displaced", [
    ("The war has left 40,000 killed and 12 million displaced.", 40000, None, 12000000),
    ("The shelling left 12 killed, 100 injured.", 12, 100, None),
    ("At least 30 people were killed and dozens wounded.", 30, 12, None),
    ("An old man was killed and two women and three children were injured.", 1, 5, None),
    ("The mine blast killed an officer and three soldiers.", 4, None, None),
    ("Between 10 and 15 villagers were killed.", 10, None, None),
    ("Some 20 to 25 people died in the fire.", 20, None, None),
    ("A hundred villagers from the hamlet near the river were killed.", 100, None, None),
    ("Of the 60 killed, at least 16 deaths were recorded in the old town.", 16, None, None),
    ("Four residents sustained serious injuries.", None, 4, None),
    ("Raiders burned the van and butchered the six passengers inside.", 6, None, None),
])
def test_casualty_figures_are_kept_apart(text, killed, injured, displaced):
    assert _roles(text) == {"killed": killed, "injured": injured, "displaced": displaced}


def test_the_count_is_fatalities_for_violence_and_keeps_its_phrase():
    (m,) = _real("Artillery shelled the village, killing at least 6 people and injuring 40.")
    assert (m.count, m.fatalities, m.injured) == (6, 6, 40)
    assert m.count_text == "at least 6 people"
    (m,) = _real("A drone strike hit a car on the highway, wounding three passengers.")
    assert (m.count, m.fatalities, m.injured) == (0, None, 3)


def test_attackers_are_not_victims():
    (m,) = _real("About 200 heavily armed attackers stormed a camp for displaced families.")
    assert m.count == 0 and m.fatalities is None


def test_the_people_acted_on_count_for_other_events():
    (m,) = _real("Security forces detained 25 suspects; 3 officers were hurt.")
    assert m.sub_event_type == "Arrests" and m.count == 25 and m.arrested == 25


# -- modality -------------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger, expected", [
    ("Thousands of fighters are jailed in the camp.", "jailed", "generic"),
    ("The journalist has been held since March.", "held", "generic"),
    ("Two suspects have been detained in the raid.", "detained", "asserted"),
    ("Escaped prisoners could be recaptured within days.", "recaptured", "hypothetical"),
    ("The army denied that it shelled the village.", "shelled", "negated"),
    ("The rebels plan to attack the town.", "attack", "planned"),
])
def test_modality(text, trigger, expected):
    i = text.index(trigger)
    assert modality(text, i, i + len(trigger)) == expected


def test_states_and_plans_are_not_exported():
    text = ("More than 9,000 militants are jailed in Hasakah. "
            "Officials fear the militants could escape if the guards leave.")
    assert _parse(text).events == ()


# -- location -------------------------------------------------------------------------

def test_an_actor_s_country_is_not_where_it_happened():
    (ev,) = _parse("Israeli strikes on the port city in Yemen killed three workers on "
                   "Monday.").events
    assert ev.country_code == "YE" and ev.count == 3


def test_a_country_that_acts_is_not_a_location():
    text = ("Heavy clashes erupted in Kobani on Monday. "
            "The US backed out of its bases as Turkish troops advanced.")
    assert all(e.country_code == "SY" for e in _parse(text).events)


def test_a_dateline_is_not_the_place_unless_nothing_else_is_said():
    text = "BEIRUT: An air strike killed four people in Baalbek on Monday."
    (ev,) = _parse(text).events
    assert ev.location == "Baalbek"
    (ev,) = _parse("BEIRUT: Unknown gunmen killed two men on Monday.").events
    assert ev.location == "Beirut" and ev.located_by == "dateline"


def test_the_report_frame_places_a_sentence_that_names_no_place():
    text = ("Rebels shelled the town of Homs on Monday, killing two people. "
            "Hundreds of families fled, officials said.")
    evs = _parse(text).events
    assert [e.location for e in evs] == ["Homs", "Homs"]
    assert evs[-1].located_by == "report frame (sentence 0)"


def test_a_container_named_before_the_place_is_not_the_place():
    (ev,) = _parse("An air strike hit a market in Syria's northern city of Aleppo on "
                   "Monday, killing six people.").events
    assert ev.location == "Aleppo"


def test_no_country_centroid_when_the_report_names_a_town_in_it():
    text = ("At least 13 soldiers were killed in an ambush in Mali on Monday. "
            "The convoy was hit near the town of Gao.")
    evs = _parse(text).events
    assert evs[0].location == "Gao" and evs[0].located_by == "report: finer place (sentence 1)"


def test_a_distance_and_direction_from_a_town_place_the_event_there():
    (ev,) = _parse("Rockets hit a village about 30 km south of Aleppo on Monday.").events
    lat, lon = _point(ev)
    assert ev.geo_precision == 2 and 35.8 < lat < 36.05 and abs(lon - 37.16) < 0.15
    (ev,) = _parse("Rockets hit a village east of Aleppo on Monday.").events
    assert ev.location == "Aleppo" and ev.geo_precision == 2


def test_the_ends_of_a_journey_are_not_where_it_happened():
    text = ("Gunmen killed four drivers near Homs on Monday. "
            "They stopped a bus travelling on the highway from Damascus to Aleppo.")
    evs = _parse(text).events
    assert {e.location for e in evs} == {"Homs"}
    (m,) = _real("Militants intercepted a bus and kidnapped eleven passengers.")
    assert m.sub_event_type == "Abduction/forced disappearance"


def test_a_town_standing_for_its_province_is_an_area():
    (ev,) = _parse("Clashes erupted on Monday in the eastern province of Deir ez-Zor.").events
    assert ev.geo_precision == 3 and ev.precision == "admin"


def test_acled_location_fields():
    (ev,) = _parse("Gunmen attacked a checkpoint near Gao on Friday, killing five "
                   "soldiers.").events
    assert (ev.location, ev.country, ev.geo_precision) == ("Gao", "Mali", 2)
    assert ev.admin1 == "Gao"
    (ev,) = _parse("Gunmen attacked a checkpoint in Gao on Friday, killing five "
                   "soldiers.").events
    assert ev.geo_precision == 1
    (ev,) = _parse("Fighting broke out in Syria on Friday.").events
    assert ev.geo_precision == 3 and ev.country == "Syria"


# -- type -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, etype, sub", [
    ("Twelve people were killed when warplanes hit the market.", "Explosions/Remote violence",
     "Air/drone strike"),
    ("Gunmen attacked villagers on their way to the market.", "Violence against civilians",
     "Attack"),
    ("Militants attacked an army checkpoint on the highway.", "Battles", "Armed clash"),
    ("The killing of three youths by unknown gunmen angered the town.",
     "Violence against civilians", "Attack"),
    ("An attack took place at a crossroads known as Kilo Five while farmers were going to "
     "the fields.", "Violence against civilians", "Attack"),
    ("Two farmers were killed by a landmine in the orchard.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
])
def test_type_from_trigger_actor_and_target(text, etype, sub):
    ms = _real(text)
    assert ms and (ms[0].event_type, ms[0].sub_event_type) == (etype, sub)


@pytest.mark.parametrize("text, trigger, etype", [
    ("Residents found 14 bodies dumped near the river on Sunday.", "found 14 bodies",
     "Violence against civilians"),
    ("Officials said troops advanced into the outskirts of the town.", "advanced", "Battles"),
    ("The army pounded rebel positions overnight.", "pounded", "Explosions/Remote violence"),
    ("Monitors reported that heavy battles were ongoing west of the city.", "battles",
     "Battles"),
    ("The commander was killed in a May 27 air strike.", "air strike",
     "Explosions/Remote violence"),
])
def test_more_triggers(text, trigger, etype):
    ms = [m for m in _real(text) if m.text == trigger]
    assert ms and ms[0].event_type == etype


# -- one incident, one event ----------------------------------------------------------

def test_sentences_of_one_incident_merge_and_stay_findable():
    text = ("Rebels shelled Homs on Monday. "
            "The shelling of Homs on Monday killed three people and wounded five, the "
            "governor said.")
    pd = _parse(text)
    (ev,) = pd.events
    assert [q.index for q in ev.quotes] == [0, 1] and len(ev.triggers) == 2
    assert ev.sentence.index == 1  # the sentence that tells most: a figure
    assert ev.count == 3 and ev.injured == 5
    from geo.output.features import document_features

    (f,) = [f for f in document_features(pd) if f["properties"]["kind"] == "event"]
    p = f["properties"]
    assert p["quote"] == ev.sentence.text and len(p["quotes"]) == 2
    assert {m["sentence"] for m in p["mentions"] if m["type"] == "trigger"} == {0, 1}
    assert (p["fatalities"], p["injured"], p["time_precision"]) == (3, 5, 1)
    assert p["sources"][0]["doc"] == pd.document.id


def test_different_places_or_dates_stay_apart():
    text = "Rebels shelled Homs on Monday. Rebels shelled Hama on Monday."
    assert len(_parse(text).events) == 2
    text = "Rebels shelled Homs on Monday. Rebels shelled Homs on Tuesday."
    assert len(_parse(text).events) == 2


def test_villages_the_gazetteer_lacks_keep_incidents_apart():
    (a,) = _parse("Rebels shelled Homs on Monday, killing two people.").events
    b = dataclasses.replace(a, sentence=dataclasses.replace(a.sentence, index=1), count=5)
    (one,) = merge_in_report([a, b])
    assert one.count == 5 and len(one.quotes) == 2  # the largest figure of the report
    a2 = dataclasses.replace(a, unplaced=("Qarat Zibdiya",))
    b2 = dataclasses.replace(b, unplaced=("Tall Nubiyat",))
    assert len(merge_in_report([a2, b2])) == 2

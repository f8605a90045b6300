"""An event a sentence puts only in a large area is placed at the finer place the
next sentences state: a small zone there, or a town the gazetteer knows under a
spelling the report does not use (real gazetteer)."""
import shapely

from geo.events import find_events
from geo.model import Document, Mention, Zone
from geo.reading.text import split_sentences
from geo.recognition.recognize import recognise
from geo.resolution.policy import Ranked


def _zone(text, phrase, geometry, uncertainty_m):
    i = text.index(phrase)
    sentence = max(s.index for s in split_sentences(text) if s.start <= i)
    return Zone(phrase, (Mention(i, i + len(phrase), phrase, "expression", sentence, "d1"),),
                geometry, "test", uncertainty_m)


def test_a_small_zone_two_sentences_on_places_an_event_of_a_large_one():
    text = ("Nine soldiers were killed in an ambush in southern Syria, the army said. "
            "More soldiers are missing. "
            "The unit was on patrol in the north of the district when it came under fire.")
    big = _zone(text, "southern Syria", shapely.box(35.7, 32.3, 38.5, 33.8), 120_000)
    small = _zone(text, "the north of the district", shapely.box(36.0, 32.7, 36.2, 32.9), 15_000)
    events = find_events(Document("d1", text), split_sentences(text), [], [big, small])
    ambush = next(e for e in events if "ambush" in e.sentence.text)
    assert ambush.geometry.equals(small.geometry)


def test_a_large_zone_alone_stays_the_place():
    text = "Nine soldiers were killed in an ambush in southern Syria, the army said."
    big = _zone(text, "southern Syria", shapely.box(35.7, 32.3, 38.5, 33.8), 120_000)
    (e,) = find_events(Document("d1", text), split_sentences(text), [], [big])
    assert e.geometry.equals(big.geometry)


def test_a_town_written_as_one_word_places_the_event(parser):
    r = parser.parse("Gunmen shot dead three farmers in Baniwalid on Friday, a militia said.",
                     published="2024-03-04")
    (e,) = r.events
    assert r.places[0].place.country_code == "LY" and r.places[0].place.kind == "city"
    assert e.geo_precision == 1 and abs(e.geometry.x - 13.98) < 0.1


def test_an_english_compound_is_not_joined_to_a_place(gaz):
    text = "Crowds gathered for the Grandest parade in years, organisers said."
    assert "Grandest" not in {sp.text for sp in recognise(text, Ranked(gaz))}

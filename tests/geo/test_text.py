"""Sentence splitting: tricky cases, offsets, the seed articles, speed."""
import time
from pathlib import Path

import pytest

from geo.reading.text import sentence_at, split_sentences

# (id, text, expected sentences)
CASES = [
    ("two-plain", "Troops withdrew. Residents returned.",
     ["Troops withdrew.", "Residents returned."]),
    ("us-army", "The U.S. Army said it left. It did.", ["The U.S. Army said it left.", "It did."]),
    ("us-lower", "U.S. troops withdrew from two posts.", ["U.S. troops withdrew from two posts."]),
    ("us-end", "They flew back to the U.S. The next day they left.",
     ["They flew back to the U.S.", "The next day they left."]),
    ("titles", "Mr. Smith and Dr. Jones met Gen. Mazloum Abdi in Hasakah.",
     ["Mr. Smith and Dr. Jones met Gen. Mazloum Abdi in Hasakah."]),
    ("lt-col", "Lt. Col. John Brown said the base was hit. Nobody died.",
     ["Lt. Col. John Brown said the base was hit.", "Nobody died."]),
    ("number", "Police Station No. 5 was burned. Crowds fled.",
     ["Police Station No. 5 was burned.", "Crowds fled."]),
    ("initial", "J. Smith reported the raid. He was there.",
     ["J. Smith reported the raid.", "He was there."]),
    ("name", "Abu Bakr al-Baghdadi urged fighters to free prisoners. Few did.",
     ["Abu Bakr al-Baghdadi urged fighters to free prisoners.", "Few did."]),
    ("decimal", "The shell landed 3.5 km from the border. Two died.",
     ["The shell landed 3.5 km from the border.", "Two died."]),
    ("quote-comma", '"We will not leave," he said. Then he left.',
     ['"We will not leave," he said.', "Then he left."]),
    ("quote-curly", "He said: “It is over.” Then there was silence.",
     ["He said: “It is over.”", "Then there was silence."]),
    ("quote-question", '"Is it over?" he asked. Nobody answered.',
     ['"Is it over?" he asked.', "Nobody answered."]),
    ("ellipsis", "We waited … and waited... Then they left.",
     ["We waited … and waited... Then they left."]),
    ("month-abbr", "On Oct. 12 the town fell. Aid stopped.",
     ["On Oct. 12 the town fell.", "Aid stopped."]),
    ("headline", "Turkish troops enter Tel Abyad\nTurkish troops entered the town on Sunday.",
     ["Turkish troops enter Tel Abyad", "Turkish troops entered the town on Sunday."]),
    ("headline-date", "Attack kills 12 in Mogadishu\n14th October 2019\n\nAt least 12 people died.",
     ["Attack kills 12 in Mogadishu", "14th October 2019", "At least 12 people died."]),
    ("paragraph", "First paragraph without stop\n\nSecond paragraph.",
     ["First paragraph without stop", "Second paragraph."]),
    ("dateline", "BEIRUT (Reuters) - Turkish forces shelled Ras al-Ain. More later.",
     ["BEIRUT (Reuters) - Turkish forces shelled Ras al-Ain.", "More later."]),
    ("dateline-line", "BEIRUT (Reuters) -\nTurkish forces shelled Ras al-Ain on Sunday.",
     ["BEIRUT (Reuters) -\nTurkish forces shelled Ras al-Ain on Sunday."]),
    ("wrapped", "Troops moved into the\ntown on Monday and stayed.",
     ["Troops moved into the\ntown on Monday and stayed."]),
    ("exclaim", "The prisons, the prisons! Free them.  Now?",
     ["The prisons, the prisons!", "Free them.", "Now?"]),
    ("inc", "The contractor is Acme Inc. based in Dubai.",
     ["The contractor is Acme Inc. based in Dubai."]),
    ("empty", "   \n\n  ", []),
    ("no-stop", "just a fragment", ["just a fragment"]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_split(text, expected):
    got = split_sentences(text)
    assert [s.text for s in got] == expected
    _check_offsets(text, got)


def _check_offsets(text, sentences):
    prev_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= prev_end
        assert text[prev_end:s.start].strip() == ""  # nothing but white space is dropped
        prev_end = s.end
    assert text[prev_end:].strip() == ""


def _seed(name):
    root = Path(__file__).resolve().parents[3] / "shared" / "seeds"  # ../shared beside the clone
    for p in sorted(root.glob(f"{name}*.txt")) if root.is_dir() else ():
        return p.read_text(encoding="utf-8")
    pytest.skip(f"seed {name} not available")


@pytest.mark.parametrize("name,known", [
    ("000_", "More than 15,000 ISIS fanatics are jailed in northeast Syria as Turkey plans the "
             "cross-border military operation, that will pit the Eurasian country against the "
             "Syrian Kurds."),
    ("002_", "Later on Monday, Turkish media broadcast footage of what it said was the prison "
             "emptied by the YPG in central Tel Abyad, along the Turkish border."),
    ("002_", "The region's Kurdish-led administration said 785 IS-affiliated foreigners escaped a "
             "camp at Ain Issa at the weekend."),
    ("000_", "ISIS chief Abu Bakr al-Baghdadi has himself urged fanatics to free thousands of "
             "jihadis in a huge uprising."),
])
def test_seed_articles(name, known):
    text = _seed(name)
    got = split_sentences(text)
    _check_offsets(text, got)
    assert known in [s.text for s in got]


def test_seed_headline_and_dateline():
    text = _seed("002_")
    got = split_sentences(text)
    assert got[0].text.endswith("– The Sun")
    assert got[1].text == "14th October 2019"


def test_sentence_at():
    text = "One. Two here. Three."
    sents = split_sentences(text)
    assert sentence_at(sents, text.index("here")).index == 1
    assert sentence_at(sents, 0).index == 0
    assert sentence_at(sents, len(text) + 5) is None


def test_long_line_is_fast():
    line = "Turkish forces shelled the U.S. base 3.5 km from Mr. Smith's house on Oct. 12. " * 12700
    assert len(line) >= 1_000_000
    t0 = time.perf_counter()
    got = split_sentences(line)
    assert time.perf_counter() - t0 < 1.0
    assert len(got) == 12700
    unbroken = "x" * 1_000_000
    t0 = time.perf_counter()
    assert len(split_sentences(unbroken)) == 1
    assert time.perf_counter() - t0 < 1.0

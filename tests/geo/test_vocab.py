"""Recognition's vocabularies are package data files, each saying what it is for."""
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from geo.recognition import nonplaces, tokens, vocab

DATA = resources.files("geo.recognition") / "data"
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith(".txt"))


def test_the_data_files_ship_with_the_package():
    root = Path(__file__).resolve().parents[2]
    conf = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "recognition/data/*.txt" in conf["tool"]["setuptools"]["package-data"]["geo"]
    assert len(FILES) >= 10


@pytest.mark.parametrize("name", FILES)
def test_every_file_opens_with_a_header_saying_what_it_is_for(name):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert len(" ".join(header)) > 60, name
    assert vocab.entries(name[:-4]), name


def test_comments_and_blank_lines_are_not_entries():
    assert "#" not in "".join(vocab.entries("stop_words"))
    assert "" not in vocab.words("stop_words")


def test_the_lists_are_the_ones_recognition_uses():
    assert {"the", "monday", "hamas", "hospital"} <= nonplaces.STOP_WORDS
    assert {"camp", "prison", "refugee"} <= tokens.FACILITIES
    assert {"street", "boulevard"} <= tokens.STREETS
    assert "white house" in nonplaces.INSTITUTIONS


def test_a_phrase_entry_matches_across_white_space():
    rx = re.compile(vocab.pattern("organisation_words"))
    assert rx.fullmatch("Red Cross") and rx.fullmatch("Red\nCross")
    assert nonplaces.named_after("the Swiss Red Cross said", 4, 9, "Swiss")
    assert nonplaces.named_after("the Nairobi Times", 4, 11, "Nairobi")

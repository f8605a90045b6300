"""Work linear in the text, whatever the text (issue 20, items 3 and 4).

Budgets are counted in steps, never in seconds: the characters the spatial rules'
regexes are given, the spans containment reads, the characters the clause
boundaries are searched in, the resolutions whose country the rules' context reads. Each must grow like the text, not like its square.
``benchmarks/pathological.py`` gives the same inputs' times.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geo

ROOT = Path(__file__).resolve().parents[1]
NEWS = ("Shelling hit Kharkiv and Kherson overnight, officials said on Monday. Troops "
        "advanced 10 km north of Bakhmut, near the Russian border, while drones struck "
        "Odesa. ")


def unpunctuated(size: int) -> str:
    words = re.sub(r"[^\w\s]", " ", NEWS)
    return (words * (size // len(words) + 1))[:size]


def coordinates(pairs: int) -> str:
    return "Positions near the border: " + ", ".join(
        f"{30 + i % 60 / 10:.1f}N {35 + i % 80 / 10:.1f}E" for i in range(pairs)) + "."


class Steps:
    """Counts what a function is handed (characters or items)."""

    def __init__(self):
        self.count = 0


@pytest.fixture()
def rule_steps(monkeypatch):
    """Characters the spatial rules' regexes search, over all sentences."""
    from geo.spatial import _window, rules

    steps = Steps()

    def counted(text, names, end, sep):
        out = _window.windows(text, names, end, sep)
        steps.count += sum(len(subject) - start for _, subject, start, _ in out)
        return out

    monkeypatch.setattr(rules, "_windows", counted)
    return steps


@pytest.fixture()
def containment_steps(monkeypatch):
    """Spans that containment reads after each span, over a document."""
    from geo.resolution import containment, resolve

    steps = Steps()

    def counted(spans):
        for span, following in containment.following_spans(spans):
            def reading(make=following):
                for other in make():
                    steps.count += 1
                    yield other
            yield span, reading

    monkeypatch.setattr(resolve, "following_spans", counted)
    return steps


@pytest.fixture()
def boundary_steps(monkeypatch):
    """Characters the clause boundaries of event triggers are searched in."""
    from geo.events import modality

    steps = Steps()
    pattern = modality._BOUNDARY

    class Counted:
        def finditer(self, text, *args):
            steps.count += len(text)
            return pattern.finditer(text, *args)

        def search(self, text, *args):
            steps.count += len(text)
            return pattern.search(text, *args)

    monkeypatch.setattr(modality, "_BOUNDARY", Counted())
    modality._boundaries.cache_clear()
    return steps


@pytest.fixture()
def country_steps(monkeypatch):
    """Countries of resolutions read by the spatial rules' context, over a document."""
    from geo.spatial import parse

    steps = Steps()
    cc_of = parse.cc_of

    def counted(resolution):
        steps.count += 1
        return cc_of(resolution)

    monkeypatch.setattr(parse, "cc_of", counted)
    return steps


def per_char(steps: Steps, text: str) -> float:
    steps.count = 0
    geo.parse(text)
    return steps.count / len(text)


@pytest.mark.parametrize("make", [unpunctuated, lambda n: (NEWS * (n // len(NEWS) + 1))[:n]],
                         ids=["unpunctuated", "news"])
def test_every_stage_reads_each_character_a_bounded_number_of_times(
        make, rule_steps, containment_steps, boundary_steps, country_steps):
    small, large = make(5_000), make(20_000)
    for steps, budget in ((rule_steps, 40), (containment_steps, 1.0), (boundary_steps, 3),
                          (country_steps, 1.0)):
        a, b = per_char(steps, small), per_char(steps, large)
        assert b <= budget and b <= 1.3 * a + 0.05, (steps, a, b)


def test_coordinate_list_and_geojson_text_stay_within_budget(rule_steps):
    assert per_char(rule_steps, coordinates(400)) <= 40
    import json

    fc = {"type": "FeatureCollection", "features": [f for f in geo.parse(NEWS * 3).features()]}
    text = (json.dumps(fc) * 8)[:30_000]
    assert per_char(rule_steps, text) <= 40


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["Kherson", "Bakhmut", "north", "of", "near", "the",
                                 "border", "Russian", "10 km", "between", "and", "-", "/",
                                 "Ukraine", "into", "deep", "Syria's", "outskirts"]),
                min_size=400, max_size=900))
def test_windowed_rules_find_what_the_whole_sentence_gives(words):
    """Long sentences are read in windows: the same matches as the compiled
    alternation over the whole sentence (spans and groups)."""
    from geo.spatial import rules

    text = " ".join(words)
    names = ["Kherson", "Bakhmut", "Ukraine", "Syria"]
    got = [(m.span(), {k: v for k, v in m.groupdict().items() if not k.endswith("_slot")})
           for m, _ in rules.matches(text, names)]
    alternation = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    want = [(m.span(), m.groupdict()) for pattern, _ in rules.compiled(alternation)
            for m in pattern.finditer(text)]
    assert len(text) > 1000 and got == want  # over two windows: read window by window

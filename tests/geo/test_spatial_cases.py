"""Spatial expressions of ``spatial_cases.CASES`` through parse + build.

Each case: the zone over the expected expression exists, contains and excludes the
places it lists, and (where given) has the right relation and area.
"""
from __future__ import annotations

import json
import pathlib

import pytest
import spatial_cases as data
from test_spatial_world import point, resolve_by_hand, split_sentences, world, zone_over, zones_for

from geo.spatial import find_expressions, geodesic_area_km2

SEEDS = pathlib.Path(__file__).resolve().parents[3] / "shared" / "eval" / "seeds.cases.jsonl"


def _id(case: dict) -> str:
    return case["expr"][:40]


def test_the_table_is_big_enough() -> None:
    assert len(data.CASES) >= 40
    assert all(c["expr"] in c["text"] for c in data.CASES)


@pytest.mark.parametrize("case", data.CASES, ids=_id)
def test_case(case: dict) -> None:
    text = case["text"]
    zones = zones_for(text)
    zone = zone_over(zones, text, case["expr"])
    assert zone is not None, f"no zone over {case['expr']!r}: {[z.name for z in zones]}"
    start = text.index(case["expr"])
    expr = next(m for m in zone.mentions if m.type == "expression")
    assert expr.start <= start and start + len(case["expr"]) <= expr.end, \
        f"zone mention {expr.text!r} does not cover {case['expr']!r}"
    if case.get("relation"):
        assert zone.relation == case["relation"], zone.derivation
    g = zone.geometry
    missed = [w for w in case["contains"] if not g.buffer(1e-9).covers(point(w))]
    wrong = [w for w in case["excludes"] if g.covers(point(w))]
    assert not missed and not wrong, f"{zone.derivation}: misses {missed}, covers {wrong}"
    if "area_km2" in case:
        lo, hi = case["area_km2"]
        assert lo <= geodesic_area_km2(g) <= hi


@pytest.mark.parametrize("text", data.NEGATIVE)
def test_no_expression(text: str) -> None:
    gaz = world()
    found = [e.text for s in split_sentences(text)
             for e in find_expressions(s, resolve_by_hand(text), demonym=gaz.demonym)]
    assert found == []


def test_places_inside_and_anaphora() -> None:
    text = ('Turkey wants a "safe zone" 30 km (20 miles) into Syrian territory. '
            'Akar said the only prison in the envisaged "safe zone" area, in Tel Abyad, '
            'had been emptied.')
    zones = zones_for(text)
    first = zone_over(zones, text, "30 km (20 miles) into Syrian territory")
    again = zone_over(zones, text, 'the envisaged "safe zone" area')
    assert first is not None and again is not None and again is not first
    assert again.relation == "refers" and again.geometry.equals(first.geometry)
    # the prison town lies in the safe zone (by-hand id, or Tel Abyad's GeoNames id)
    assert {"test:tel-abyad", "geonames:163750"} & set(first.places_inside)
    assert first.derivation.startswith("SY ∩ buffer(border(TR, SY), 30 km)")


def _seed_cases() -> list[dict]:
    if not SEEDS.exists():
        return []
    return [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/eval not beside the work tree")
@pytest.mark.parametrize("case", _seed_cases(), ids=lambda c: c["id"])
def test_seed_zones(case: dict) -> None:
    """The zone expectations of the project's seed cases, on hand-made resolutions."""
    text = case["text"]
    zones = zones_for(text, case["id"])
    for exp in case.get("zones", []):
        zone = zone_over(zones, text, exp["mention"])
        assert zone is not None, exp["mention"]
        g = zone.geometry
        assert all(g.buffer(1e-9).covers(point(tuple(p[:2]))) for p in exp.get("contains", []))
        assert not any(g.covers(point(tuple(p[:2]))) for p in exp.get("excludes", []))
        if "area_km2" in exp:
            lo, hi = exp["area_km2"]
            assert lo <= geodesic_area_km2(g) <= hi

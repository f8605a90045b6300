"""The ranking policy (geo.resolution.policy) on the real gazetteer."""
from __future__ import annotations

import csv

import pytest

from gazetteer.model import Match, Place
from geo.distance import haversine_km
from geo.resolution import policy


@pytest.fixture(scope="module")
def ranked(gaz):
    return policy.Ranked(gaz)


def _km(lat1, lon1, lat2, lon2):
    return haversine_km(lon1, lat1, lon2, lat2)


@pytest.mark.parametrize("name, geonameid", [
    ("Tel Abyad", 163750), ("Ain Issa", 172134), ("Qamishli", 173377), ("Hodeidah", 79415),
    ("Ankara", 323786), ("Raqqa", 172955), ("Kherson", 706448),
])
def test_press_spellings_find_the_town_first(ranked, name, geonameid):
    assert ranked.lookup(name)[0].place.id == f"geonames:{geonameid}"


def test_albany_is_not_albania(ranked):
    assert all(c.place.country_code != "AL" for c in ranked.lookup("Albany")[:3])


@pytest.mark.parametrize("name, country", [("Gaza", "PS"), ("Giza", "EG"), ("Albany", "US")])
def test_an_exact_name_beats_a_loose_neighbour(ranked, name, country):
    assert ranked.lookup(name)[0].place.country_code == country


def test_press_spellings_table(ranked, shared):
    rows = list(csv.DictReader(open(shared / "eval" / "press_spellings.tsv"), delimiter="\t"))

    def ok(row, country):
        c = ranked.lookup(row["spelling"], country=country)
        return bool(c) and (c[0].place.id == f"geonames:{row['geonameid']}" or
                            _km(float(row["lat"]), float(row["lon"]), c[0].place.lat,
                                c[0].place.lon) <= 10)
    with_country = sum(ok(r, r["country"]) for r in rows) / len(rows)
    without = sum(ok(r, None) for r in rows) / len(rows)
    assert with_country >= 0.95 and without >= 0.85, (with_country, without)


def _town(name, pop, kind="city", cc="XX"):
    return Place(f"t:{name}:{kind}", name, kind, cc, "01", 10.0, 10.0, pop)


class _Index:
    """A stand-in gazetteer: the policy needs only the PlaceIndex protocol."""

    def __init__(self, matches):
        self._m = matches

    def matches(self, name, country=None, how="key"):
        return tuple(m for m in self._m if m.how in {"key": ("exact", "normalised")}.get(
            how, (how,)))

    def demonyms(self):
        return {}

    def country_place(self, code):
        return None


def test_priors_weigh_kind_population_and_how_the_name_matched():
    big, small = _town("Big", 2_000_000), _town("Small", 800)
    assert policy.prior_score(Match(big, "exact", "Big")) > \
        policy.prior_score(Match(small, "exact", "Small"))
    assert policy.prior_score(Match(big, "exact", "Big")) > \
        policy.prior_score(Match(big, "loose", "Bigg")) > \
        policy.prior_score(Match(big, "fuzzy", "Bog"))
    assert policy.prior_score(Match(big, "exact", "Other name")) < \
        policy.prior_score(Match(big, "exact", "Big"))


def test_an_area_named_like_its_main_town_means_the_town():
    area = _town("Seat", 1_000_000, kind="admin1")
    town = _town("Seat", 400_000)
    got = policy.candidates(_Index([Match(area, "exact", "Seat"), Match(town, "exact", "Seat")]),
                            "Seat")
    assert [c.place.kind for c in got] == ["city", "admin1"]


def test_transliterations_only_when_exact_matches_are_minor():
    hamlet, city = _town("Abc", 0), _town("Abk", 3_000_000)
    index = _Index([Match(hamlet, "exact", "Abc"), Match(city, "loose", "Abk")])
    got = policy.candidates(index, "Abc")  # tried, but below the place spelt so
    assert [c.place.name for c in got] == ["Abc", "Abk"] and got[1].score < got[0].score
    capital = _town("Abc", 5_000_000, kind="admin1")
    index = _Index([Match(capital, "exact", "Abc"), Match(city, "loose", "Abk")])
    assert [c.place.name for c in policy.candidates(index, "Abc")] == ["Abc"]

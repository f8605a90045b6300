"""The optional online geocoder (geo.resolution.geocode). Nothing here touches the network."""
from __future__ import annotations

import json
import socket
import sqlite3

import pytest
from geopy.exc import GeocoderUnavailable
from geopy.location import Location

from geo.errors import GeoError
from geo.resolution.geocode import (
    REASON,
    CachedGeocoder,
    GeocodedPlace,
    Geocoder,
    GeocoderError,
    Nominatim,
    Pelias,
    Photon,
    geocode_unresolved,
    make_geocoder,
)

NAME = "Khirbet Umm Zazzaq"
TEXT = f"Fighting was reported in {NAME}, near Aleppo, on Monday."


class FixedGeocoder:
    """A geocoder of the protocol that knows one place."""

    service = "fixed"
    url = "http://geocoder.invalid"

    def __init__(self):
        self.asked: list[tuple[str, str | None]] = []

    def geocode(self, name, *, country=None):
        self.asked.append((name, country))
        if name == NAME:
            return GeocodedPlace(NAME, 37.21, 36.19, "SY", self.service, "node/7")
        return None


@pytest.fixture
def no_network(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise AssertionError(f"a socket was opened: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.fixture
def ner_finds_the_name(monkeypatch):
    """NER that tags the unknown name as a GPE (the gazetteer lacks it)."""
    from geo.recognition import nlp

    def entities(texts):
        out = []
        for t in texts:
            i = t.find(NAME)
            out.append([(i, i + len(NAME), "GPE")] if i >= 0 else [])
        return out

    monkeypatch.setattr(nlp, "entities", entities)


def test_fixed_geocoder_is_a_geocoder():
    assert isinstance(FixedGeocoder(), Geocoder)
    assert isinstance(Nominatim("http://localhost:8080", cache=False), Geocoder)


def test_parser_asks_the_geocoder_for_unresolved_names(gaz, ner_finds_the_name, no_network):
    from geo.pipeline import Parser

    fake = FixedGeocoder()
    pd = Parser(gaz, ner=True, geocoder=fake).parse(TEXT)
    assert fake.asked == [(NAME, "SY")]
    (rp,) = [p for p in pd.places if p.name == NAME]
    assert rp.place.id == "fixed:node/7" and rp.precision == "town" and rp.reason == REASON
    assert (rp.lon, rp.lat) == (37.21, 36.19)
    (f,) = [f for f in pd.features() if f["properties"]["name"] == NAME]
    assert f["properties"]["precision"] == "town" and f["properties"]["reason"] == REASON
    assert f["properties"]["gazetteer_id"] == "fixed:node/7"


def test_without_geocoder_the_name_stays_unresolved(gaz, ner_finds_the_name, no_network):
    from geo.pipeline import Parser

    parser = Parser(gaz, ner=True)
    assert parser.geocoder is None
    (rp,) = [p for p in parser.parse(TEXT).places if p.name == NAME]
    assert rp.place is None and "not in the gazetteer" in rp.reason


def test_default_settings_open_no_socket(gaz, no_network):
    """The library and the command line, with default settings, stay offline."""
    from click.testing import CliRunner

    import geo
    from geo.cli import cli

    doc = geo.Parser(gaz).parse(TEXT + " Shelling hit Kherson at 46.64N 32.61E.")
    assert doc.places
    res = CliRunner().invoke(cli, ["export", "-", "--format", "csv"], input=TEXT)
    assert res.exit_code == 0, res.output


def test_each_name_is_asked_once():
    from geo.model import Mention, Resolution

    fake = FixedGeocoder()
    rs = [Resolution(Mention(i * 40, i * 40 + len(NAME), NAME, "toponym", 0), None, 0.0,
                     "country", "not in the gazetteer") for i in range(3)]
    rs.append(Resolution(Mention(200, 205, "Nowhr", "toponym", 1), None, 0.0, "country", "x"))
    out = geocode_unresolved(rs, fake, country="SY")
    assert fake.asked == [(NAME, "SY"), ("Nowhr", "SY")]
    assert [r.place.id if r.place else None for r in out] == ["fixed:node/7"] * 3 + [None]
    assert out[-1] is rs[-1]


class CountingGeocoder(CachedGeocoder):
    """A built-in-style geocoder whose server is a function in the test."""

    service = "counting"
    default_url = "http://localhost:1"

    def __init__(self, *args, answer=None, fail=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = 0
        self.answer, self.fail = answer, fail

    def _call(self):
        return None  # never a real geopy geocoder

    def _lookup(self, call, name, country):
        self.calls += 1
        if self.fail:
            raise GeocoderUnavailable("down")
        return self.answer


def test_cache_keeps_answers_across_instances(tmp_path):
    path = tmp_path / "geocode.sqlite"
    found = GeocodedPlace(NAME, 37.21, 36.19, "SY", "counting", "node/7")
    g = CountingGeocoder(cache=path, answer=found)
    assert g.geocode(NAME, country="SY") == found
    assert g.geocode(NAME, country="SY") == found and g.calls == 1
    assert g.geocode(NAME, country="IQ") == found and g.calls == 2  # country is in the key
    again = CountingGeocoder(cache=path, answer=None)
    assert again.geocode(f"  {NAME.upper()} ", country="sy") == found and again.calls == 0
    other_server = CountingGeocoder("http://localhost:2", cache=path, answer=None)
    assert other_server.geocode(NAME, country="SY") is None and other_server.calls == 1
    assert other_server.geocode(NAME, country="SY") is None and other_server.calls == 1
    with sqlite3.connect(path) as con:
        values = [v for (v,) in con.execute("SELECT value FROM answers") if v]
    assert values and all(json.loads(v)["service"] == "counting" for v in values)


def test_failures_are_not_cached_and_give_up(tmp_path):
    g = CountingGeocoder(cache=tmp_path / "g.sqlite", fail=True)
    for _ in range(5):
        assert g.geocode(NAME) is None
    assert g.calls == CountingGeocoder.max_failures
    assert g.cache.get((g.service, g.url, NAME, None)) == (False, None)


def test_rate_limit_is_at_least_one_second():
    from geopy.extra.rate_limiter import RateLimiter

    g = Nominatim("http://localhost:8080", cache=False, min_delay_seconds=0.1)
    assert g.min_delay_seconds == 1.0
    call = g._call()  # builds geopy's Nominatim; no request is made
    assert isinstance(call, RateLimiter) and call.min_delay_seconds >= 1.0
    assert g._backend().api == "http://localhost:8080/search"


@pytest.mark.parametrize("service, url, message", [
    pytest.param("google", None, "unknown geocoder", id="unknown-service"),
    pytest.param("pelias", None, "--geocoder-url", id="pelias-needs-url"),
    pytest.param("nominatim", "ftp://example.org", "http", id="bad-scheme"),
])
def test_bad_setup(service, url, message):
    with pytest.raises(GeocoderError, match=message) as err:
        make_geocoder(service, url, cache=False)
    assert isinstance(err.value, GeoError)


def test_urls_keep_their_path():
    g = make_geocoder("nominatim", "https://maps.example.org/nominatim/", cache=False)
    assert g.url == "https://maps.example.org/nominatim"
    assert g._backend().api == "https://maps.example.org/nominatim/search"
    assert make_geocoder("pelias", "http://localhost:4000", cache=False).url == \
        "http://localhost:4000"


def _loc(lat, lon, raw):
    return Location("somewhere", (lat, lon), raw)


def test_nominatim_answer():
    g = Nominatim("http://localhost:8080", cache=False)
    raw = {"osm_type": "node", "osm_id": 123, "name": "Umm Zazzaq",
           "address": {"country_code": "sy"}}
    seen = {}

    def call(query, **kw):
        seen.update(kw, query=query)
        return _loc(36.19, 37.21, raw)

    got = g._lookup(call, NAME, "SY")
    assert seen["country_codes"] == "sy" and seen["query"] == NAME
    assert got == GeocodedPlace("Umm Zazzaq", 37.21, 36.19, "SY", "nominatim", "node/123")


def test_photon_answer_filters_by_country():
    g = Photon("http://localhost:2322", cache=False)
    answers = [_loc(31.0, 35.0, {"properties": {"countrycode": "IL", "osm_type": "N",
                                                "osm_id": 1, "name": "Elsewhere"}}),
               _loc(36.19, 37.21, {"properties": {"countrycode": "SY", "osm_type": "N",
                                                  "osm_id": 2, "name": "Umm Zazzaq"}})]
    got = g._lookup(lambda q, **kw: answers, NAME, "SY")
    assert (got.ref, got.country_code, got.lon) == ("N/2", "SY", 37.21)
    assert g._lookup(lambda q, **kw: answers, NAME, "IQ") is None


def test_pelias_answer():
    g = Pelias("http://localhost:4000", cache=False)
    raw = {"properties": {"gid": "whosonfirst:locality:42", "name": "Umm Zazzaq",
                          "country_code": "SY"}}
    got = g._lookup(lambda q, **kw: _loc(36.19, 37.21, raw), NAME, "SY")
    assert got.id == "pelias:whosonfirst:locality:42" and got.country_code == "SY"


def test_cli_geocoder_options_are_checked():
    from click.testing import CliRunner

    from geo.cli import cli

    res = CliRunner().invoke(cli, ["export", "-", "--geocoder-url", "http://x"], input=TEXT)
    assert res.exit_code == 2 and "--geocoder" in res.output
    res = CliRunner().invoke(cli, ["export", "-", "--geocoder", "pelias"], input=TEXT)
    assert res.exit_code == 2 and "--geocoder-url" in res.output

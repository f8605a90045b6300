"""The whole pipeline works with no network: parsing, export, the map.

Every way of reaching the network from Python (``socket.connect``,
``socket.create_connection``, ``getaddrinfo``) raises while the pipeline runs in
this process; the map page must need nothing from the network either.
"""
from __future__ import annotations

import html.parser
import json
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


class NetworkUsed(AssertionError):
    """Raised by every socket entry point while the network is cut."""


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkUsed(f"network access attempted: {name}")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    yield attempts
    assert not attempts, attempts


class _Remote(html.parser.HTMLParser):
    """Scripts, stylesheets, images and frames the page would fetch from the network."""

    def __init__(self):
        super().__init__()
        self.remote: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        url = {"script": a.get("src"), "link": a.get("href") if "stylesheet" in
               (a.get("rel") or "") else None, "img": a.get("src"), "iframe": a.get("src")
               }.get(tag)
        if url and url.strip().lower().startswith(("http:", "https:", "//")):
            self.remote.append(f"<{tag}> {url}")


def test_socket_is_really_cut(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80), timeout=1)
    no_network.clear()


def test_whole_pipeline_offline(no_network, tmp_path):
    from click.testing import CliRunner

    import geo
    import maps
    from geo.cli import cli
    from geo.output.render import reports_of

    seed = SEEDS / "02_tel_abyad_prison.txt"
    doc = geo.parse(seed.read_text(encoding="utf-8"), published="2019-10-14")
    assert any(p.name == "Tall Abyaḑ" for p in doc.places)
    fc = doc.to_geojson()
    assert fc["features"]

    out = tmp_path / "seeds.geojson"
    res = CliRunner().invoke(cli, ["export", str(SEEDS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len({f["properties"]["doc"] for f in exported["features"]}) == len(
        list(SEEDS.glob("*.txt")))

    page = tmp_path / "map.html"
    maps.render(fc, page, reports=reports_of([doc]), title="Offline")
    res = CliRunner().invoke(cli, ["map", str(SEEDS), "-o", str(tmp_path / "seeds.html")])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(cli, ["resolve", "Hodeidah", "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["country_code"] == "YE"

    for html_file in (page, tmp_path / "seeds.html"):
        finder = _Remote()
        finder.feed(html_file.read_text(encoding="utf-8"))
        assert not finder.remote, finder.remote

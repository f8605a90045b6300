"""Fixtures for the ``maps`` tests: FeatureCollections shaped like the pipeline's export,
and a real browser (Debian's chromium through Playwright, network blocked).

The seed report below is a short stand-in for the seed article (October 2019,
north-east Syria); offsets, sentence numbers and quotes are computed from the
text so they are consistent the way the real export is.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from maps import Report

#: Screenshots taken by the browser tests, for a person to look at: outside the
#: repository (tests never write into it); ``$SITREP_TEST_ARTIFACTS`` moves them.
ARTIFACTS = Path(os.environ.get("SITREP_TEST_ARTIFACTS")
                 or Path(tempfile.gettempdir()) / "sitrep-geo-test-artifacts")


def _ring(text: str) -> list[list[float]]:
    """A ring from "lon lat, lon lat, ..." text."""
    return [[float(v) for v in pair.split()] for pair in text.split(",")]


SEED_DOC = "seed-2019-10-14"
SEED_SENTENCES = (
    "Turkey pressed on with its offensive in north-east Syria on Monday.",
    (
        "Kurdish officials said 785 IS-affiliated foreigners escaped a camp at Ain Issa "
        "on Saturday after Turkish shelling nearby."
    ),
    "Ankara says it wants a safe zone 30 km deep along the border.",
    (
        "Later on Monday, Turkish media broadcast footage of what it said was the prison "
        "emptied by the YPG in central Tel Abyad, along the Turkish border."
    ),
)
SEED_TEXT = "  ".join(SEED_SENTENCES[:2]) + "\n\n" + " ".join(SEED_SENTENCES[2:])
TEL_ABYAD_QUOTE = SEED_SENTENCES[3]
TEL_ABYAD = (38.95382, 36.69648)  # lon, lat
AIN_ISSA = (38.86228, 36.3855)
ANKARA = (32.85427, 39.91987)

SYRIA_HULL = _ring(
    "35.73 32.31, 36.84 32.31, 38.79 33.38, 41.0 34.42, 41.23 34.78, 42.38 37.11, "
    "41.29 37.08, 40.08 36.86, 38.28 36.90, 36.65 36.83, 36.20 36.0, 35.80 35.92, "
    "35.87 34.70, 35.73 32.31"
)
TURKEY_HULL = _ring(
    "26.04 40.62, 26.6 41.9, 28.0 42.0, 31.2 41.1, 35.2 42.0, 41.5 41.5, 43.6 41.1, "
    "44.8 39.7, 44.4 37.0, 42.38 37.11, 41.29 37.08, 40.08 36.86, 38.28 36.90, "
    "36.65 36.83, 36.16 36.6, 35.55 36.58, 34.0 36.3, 32.5 36.1, 30.6 36.7, 29.2 36.3, "
    "27.3 37.0, 26.3 38.2, 26.8 39.0, 26.04 40.62"
)
ZONE_RING = _ring(
    "36.65 36.83, 38.28 36.90, 40.08 36.86, 41.29 37.08, 42.38 37.11, 42.25 36.84, "
    "41.29 36.81, 40.08 36.59, 38.28 36.63, 36.65 36.56, 36.65 36.83"
)


def sentence_offsets(text: str, sentences: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, found in order in `text`."""
    spans, cursor = [], 0
    for sentence in sentences:
        start = text.index(sentence, cursor)
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return tuple(spans)


SEED_SPANS = sentence_offsets(SEED_TEXT, SEED_SENTENCES)


def mention(text: str, doc_text: str, spans, phrase: str, sentence: int, kind: str = "toponym"):
    """A contract mention of `phrase` inside sentence number `sentence`."""
    start = doc_text.index(phrase, spans[sentence][0])
    return {
        "start": start,
        "end": start + len(phrase),
        "text": phrase,
        "type": kind,
        "sentence": sentence,
    }


def feature(geometry, **props):
    return {"type": "Feature", "geometry": geometry, "properties": props}


def point(lon_lat):
    return {"type": "Point", "coordinates": list(lon_lat)}


SOURCE = {
    "url": "https://example.org/news/syria-2019-10-14",
    "title": "Turkish offensive: camp escape at Ain Issa",
    "published": "2019-10-14",
}


def _seed_features():
    def m(phrase, sentence, kind="toponym"):
        return mention(phrase, SEED_TEXT, SEED_SPANS, phrase, sentence, kind)

    common = {"doc": SEED_DOC, "source": SOURCE}

    def town(lon_lat, name, gid, cc, confidence, sentence):
        return feature(
            point(lon_lat),
            kind="place",
            name=name,
            gazetteer_id=gid,
            country_code=cc,
            lon=lon_lat[0],
            lat=lon_lat[1],
            precision="town",
            confidence=confidence,
            mentions=[m(name, sentence)],
            quote=SEED_SENTENCES[sentence],
            **common,
        )

    return [
        town(TEL_ABYAD, "Tel Abyad", "geonames:163750", "SY", 0.93, 3),
        town(AIN_ISSA, "Ain Issa", "geonames:172134", "SY", 0.9, 1),
        town(ANKARA, "Ankara", "geonames:323786", "TR", 0.8, 2),
        feature(
            {"type": "Polygon", "coordinates": [SYRIA_HULL]},
            kind="place",
            name="Syria",
            gazetteer_id="geonames:163843",
            country_code="SY",
            lon=38.5,
            lat=35.0,
            precision="country",
            confidence=0.97,
            mentions=[m("Syria", 0)],
            quote=SEED_SENTENCES[0],
            **common,
        ),
        feature(
            {"type": "Polygon", "coordinates": [ZONE_RING]},
            kind="zone",
            name="30 km safe zone",
            country_code="SY",
            lon=39.5,
            lat=36.75,
            precision="zone",
            confidence=0.6,
            mentions=[m("a safe zone 30 km deep along the border", 2, "expression")],
            quote=SEED_SENTENCES[2],
            derivation="SY ∩ buffer(border(TR, SY), 30 km)",
            uncertainty_m=5000,
            **common,
        ),
        feature(
            point(AIN_ISSA),
            kind="event",
            name="785 IS-affiliated foreigners escaped a camp at Ain Issa",
            country_code="SY",
            lon=AIN_ISSA[0],
            lat=AIN_ISSA[1],
            precision="town",
            confidence=0.75,
            mentions=[m("escaped", 1, "expression")],
            quote=SEED_SENTENCES[1],
            event_type="Strategic developments",
            sub_event_type="Other",
            trigger="escaped",
            count=785,
            date="2019-10-12",
            actors=["IS-affiliated foreigners"],
            places=["geonames:172134"],
            **common,
        ),
    ]


@pytest.fixture
def seed_report() -> Report:
    return Report(
        id=SEED_DOC,
        text=SEED_TEXT,
        title=SOURCE["title"],
        url=SOURCE["url"],
        published=SOURCE["published"],
        sentences=SEED_SPANS,
    )


@pytest.fixture
def seed_fc() -> dict:
    """The seed report's export: 4 places (3 towns, Syria), 1 zone, 1 event."""
    return {"type": "FeatureCollection", "features": _seed_features()}


@pytest.fixture
def basemap() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            feature({"type": "Polygon", "coordinates": [SYRIA_HULL]}, name="Syria", iso="SY"),
            feature(
                {"type": "MultiPolygon", "coordinates": [[TURKEY_HULL]]}, name="Turkey", iso="TR"
            ),
        ],
    }


SECOND_DOC = "followup-2019-10-15"
SECOND_SENTENCES = (
    "Residents who fled Tel Abyad described empty streets on Tuesday.",
    "Clashes were reported near the town overnight.",
)
SECOND_TEXT = " ".join(SECOND_SENTENCES)
SECOND_SPANS = sentence_offsets(SECOND_TEXT, SECOND_SENTENCES)


@pytest.fixture
def second_report() -> Report:
    return Report(
        id=SECOND_DOC,
        text=SECOND_TEXT,
        title="Tel Abyad residents flee",
        url=None,
        published="2019-10-15",
        sentences=SECOND_SPANS,
    )


@pytest.fixture
def two_docs_fc(seed_fc) -> dict:
    """Seed export plus a second document that reports Tel Abyad again (and a battle)."""
    fc = copy.deepcopy(seed_fc)
    tel = mention("Tel Abyad", SECOND_TEXT, SECOND_SPANS, "Tel Abyad", 0)
    source = {
        "path": "reports/followup.txt",
        "title": "Tel Abyad residents flee",
        "published": "2019-10-15",
    }
    fc["features"].append(
        feature(
            point(TEL_ABYAD),
            kind="place",
            name="Tel Abyad",
            gazetteer_id="geonames:163750",
            country_code="SY",
            lon=TEL_ABYAD[0],
            lat=TEL_ABYAD[1],
            precision="town",
            confidence=0.9,
            mentions=[tel],
            quote=SECOND_SENTENCES[0],
            doc=SECOND_DOC,
            source=source,
        )
    )
    fc["features"].append(
        feature(
            point((38.97, 36.71)),
            kind="event",
            name="Clashes near Tel Abyad",
            country_code="SY",
            lon=38.97,
            lat=36.71,
            precision="town",
            confidence=0.6,
            mentions=[mention("Clashes", SECOND_TEXT, SECOND_SPANS, "Clashes", 1, "expression")],
            quote=SECOND_SENTENCES[1],
            event_type="Battles",
            sub_event_type="Armed clash",
            trigger="Clashes",
            count=None,
            date="2019-10-15",
            actors=[],
            places=["geonames:163750"],
            doc=SECOND_DOC,
            source=source,
        )
    )
    return fc


HOSTILE_DOC = "hostile<doc>"
HOSTILE_SENTENCES = (
    "Shelling hit Kobani <script>window.__pwned = 1</script> at dawn.",
    'Witnesses <img src=x onerror="window.__pwned = 2"> fled \u2028 to Tel Abyad.',
)
HOSTILE_TEXT = " ".join(HOSTILE_SENTENCES)
HOSTILE_SPANS = sentence_offsets(HOSTILE_TEXT, HOSTILE_SENTENCES)
HOSTILE_NAME = "</script><script>window.__pwned = 3</script>"


@pytest.fixture
def hostile_report() -> Report:
    return Report(
        id=HOSTILE_DOC,
        text=HOSTILE_TEXT,
        title='<img src=x onerror="window.__pwned = 4">Breaking',
        url="javascript:window.__pwned = 5",
        published="2019-10-16",
        sentences=HOSTILE_SPANS,
    )


@pytest.fixture
def hostile_fc() -> dict:
    source = {
        "url": "javascript:window.__pwned = 6",
        "title": "<b onclick=x>t</b>",
        "published": "2019-10-16",
    }
    kobani = mention("Kobani", HOSTILE_TEXT, HOSTILE_SPANS, "Kobani", 0)
    tel = mention("Tel Abyad", HOSTILE_TEXT, HOSTILE_SPANS, "Tel Abyad", 1)
    return {
        "type": "FeatureCollection",
        "features": [
            feature(
                point((38.3567, 36.891)),
                kind="place",
                name=HOSTILE_NAME,
                gazetteer_id="geonames:<x>",
                country_code="SY",
                precision="town",
                confidence=0.5,
                mentions=[kobani],
                quote=HOSTILE_SENTENCES[0],
                doc=HOSTILE_DOC,
                source=source,
            ),
            feature(
                point(TEL_ABYAD),
                kind="event",
                name='<svg onload="window.__pwned = 7">',
                country_code="SY",
                precision="town",
                confidence=0.5,
                mentions=[tel],
                quote=HOSTILE_SENTENCES[1],
                event_type="<i>Battles</i>",
                sub_event_type="<b>x</b>",
                trigger="fled",
                date="2019-10-16",
                actors=["<script>window.__pwned = 8</script>"],
                doc=HOSTILE_DOC,
                source=source,
            ),
        ],
    }


@pytest.fixture
def seed():
    """Facts of the seed fixture that tests assert on."""
    return SimpleNamespace(
        doc=SEED_DOC,
        text=SEED_TEXT,
        sentences=SEED_SENTENCES,
        spans=SEED_SPANS,
        tel_abyad=TEL_ABYAD,
        ain_issa=AIN_ISSA,
        ankara=ANKARA,
        tel_abyad_quote=TEL_ABYAD_QUOTE,
        second_doc=SECOND_DOC,
        second_sentences=SECOND_SENTENCES,
        hostile_doc=HOSTILE_DOC,
        hostile_sentences=HOSTILE_SENTENCES,
        hostile_name=HOSTILE_NAME,
        syria_hull=SYRIA_HULL,
        artifacts=ARTIFACTS,
    )


_DATA = re.compile(r'<script type="application/json" id="sitrep-data">(.*?)</script>', re.DOTALL)


@pytest.fixture
def page_data():
    """Callable: the JSON data embedded in a rendered page, decoded."""

    def extract(html: str) -> dict:
        found = _DATA.findall(html)
        assert len(found) == 1, "exactly one data block expected"
        return json.loads(found[0])

    return extract


# -- real browser -------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


_SETTLED = """() => {
    const map = window.SITREP && SITREP.map;
    const still = map && !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress)
        && !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim')
        && [...document.querySelectorAll('.leaflet-popup')].every(
            p => getComputedStyle(p).opacity === '1');  // a popup has faded in
    window.__sitrepStill = still ? (window.__sitrepStill || 0) + 1 : 0;
    return window.__sitrepStill >= 2;
}"""


@dataclass
class Loaded:
    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def settle(self, timeout_ms: int = 20_000) -> None:
        """Wait for a state, not for time: the map has stopped moving and zooming, the
        marker clusters have finished animating and any popup has faded in, for two
        frames in a row."""
        self.page.wait_for_function(_SETTLED, polling="raf", timeout=timeout_ms)

    def click_for_popup(self, locator, timeout_ms: int = 20_000):
        """Click a marker once the map has settled; return the popup, once it shows."""
        self.settle(timeout_ms)
        locator.wait_for(state="visible", timeout=timeout_ms)
        locator.click()
        popup = self.page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=timeout_ms)
        return popup

    def network(self) -> list[str]:
        """Requests other than the page itself and inline data: URIs."""
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser, tmp_path):
    contexts = []

    def load(html_path: Path, timeout_ms: int = 20_000, offline: bool = False) -> Loaded:
        """Open `html_path`; requests other than file/data/about are aborted (and recorded).

        With `offline`, the browser context is offline as well.
        """
        context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=offline)
        contexts.append(context)
        page = context.new_page()
        loaded = Loaded(page=page, url=html_path.as_uri())
        page.on("console", lambda m: loaded.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: loaded.errors.append(str(exc)))
        page.on("request", lambda r: loaded.requests.append(r.url))

        def block(route):
            scheme = route.request.url.split(":", 1)[0].lower()
            if scheme in ("file", "data", "about"):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", block)
        page.goto(loaded.url)
        page.wait_for_function("window.SITREP && window.SITREP.ready === true", timeout=timeout_ms)
        return loaded

    yield load
    for context in contexts:
        context.close()

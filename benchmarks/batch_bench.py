"""Documents per second: serial `geo export` against `geo batch` with 1 and 2 workers.

    python benchmarks/batch_bench.py [-n 600] [--partition-size 50]

On the same documents: the first N of ``../shared/eval/lgl.jsonl`` when it is
beside the clone, else N documents made from ``seeds/``. Each figure is the
wall time of the whole command (reading, cluster start-up, geoparsing,
writing), so it is what a user waits for; the start-up of a local cluster
(a few seconds) is included in the batch figures. The CPU seconds of each
command (worker processes included) are printed too: on a machine shared with
other work the wall times say little.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"


def _lines(path: Path) -> list[str]:
    """The JSONL lines of a file (split at newlines only: texts hold U+2028 and the like)."""
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _corpus(n: int, folder: Path) -> tuple[Path, str]:
    """A JSONL file of n documents, and where they came from."""
    path = folder / "docs.jsonl"
    if LGL.is_file():
        lines = _lines(LGL)[:n]
        source = f"LGL ({LGL})"
    else:
        from geo.inputs import read_inputs

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
    return path, f"{len(lines)} documents from {source}"


def _cpu() -> float:
    """CPU seconds of the finished child processes (worker processes included)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _timed(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one `geo` command."""
    start, cpu = time.perf_counter(), _cpu()
    res = subprocess.run(
        [sys.executable, "-m", "geo", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(f"geo {' '.join(args)} failed ({res.returncode}):\n{res.stderr}")
    return elapsed, _cpu() - cpu


def main(argv: list[str] | None = None) -> None:
    """Run the three configurations once each and print documents per second."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--documents", type=int, default=600)
    ap.add_argument("--partition-size", type=int, default=50)
    opts = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    try:
        docs, what = _corpus(opts.documents, folder)
        n = sum(1 for line in _lines(docs) if line.strip())
        print(f"{what}; {os.cpu_count()} CPUs; partition size {opts.partition_size}")
        _timed(["gazetteer", "info"])  # the gazetteer exists before anything is timed
        runs = [("serial geo export", ["export", str(docs), "-o", str(folder / "s.geojson")])]
        for w in (1, 2):
            runs.append(
                (
                    f"geo batch --workers {w}",
                    [
                        "batch",
                        str(docs),
                        "--out",
                        str(folder / f"w{w}"),
                        "--workers",
                        str(w),
                        "--partition-size",
                        str(opts.partition_size),
                    ],
                )
            )
        print(
            f"load average before: {os.getloadavg()[0]:.1f} (figures are wall time; on a "
            "busy machine compare the CPU seconds too)"
        )
        for label, args in runs:
            wall, cpu = _timed(args)
            print(
                f"{label:<24} {wall:7.1f} s  {n / wall:7.1f} documents/s   CPU {cpu:6.1f} s",
                flush=True,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

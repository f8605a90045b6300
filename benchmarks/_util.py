"""Small helpers shared by the benchmark runner and its worker processes."""

from __future__ import annotations

import json
import math
import os
import resource
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def eval_dir(explicit: str | None = None) -> Path:
    """The evaluation kit: --eval-dir, $SITREP_EVAL_DIR, ../shared/eval, /work/shared/eval."""
    candidates = [
        explicit,
        os.environ.get("SITREP_EVAL_DIR"),
        ROOT.parent / "shared" / "eval",
        "/work/shared/eval",
    ]
    for c in candidates:
        if c and (Path(c) / "score.py").is_file():
            return Path(c)
    raise SystemExit(
        "benchmarks: the evaluation kit (score.py, lgl.jsonl...) was not found; "
        "pass --eval-dir or set SITREP_EVAL_DIR"
    )


def read_jsonl(path, limit: int | None = None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if limit and len(out) >= limit:
                    break
    return out


def rss_kb() -> int:
    """Current resident set size of this process in kB (peak RSS where /proc is absent)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return peak_rss_kb()


def peak_rss_kb() -> int:
    """Peak resident set size of this process in kB (VmHWM; else ru_maxrss, kB on Linux)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r // 1024 if os.uname().sysname == "Darwin" else r


def percentile(values, q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    xs = sorted(values)
    if not xs:
        return math.nan
    k = max(0, min(len(xs) - 1, math.ceil(q / 100 * len(xs)) - 1))
    return xs[k]


def median(values) -> float:
    xs = sorted(values)
    if not xs:
        return math.nan
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2

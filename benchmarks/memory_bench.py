"""Memory and map scaling of ``geo export`` and ``geo map`` (a script, not a test).

    python benchmarks/memory_bench.py [--export 1000,5000,10000] [--map 500,5000]
                                      [--same 2000] [--out FILE]

Inputs are WikToR documents (``wiktor.jsonl`` of the evaluation kit) repeated
under new ids past 5,000, and, for ``--same``, N one-line reports naming the
same place (the case that was quadratic in the map's panel). Each command runs
in its own process under ``/usr/bin/time -v``: the tables give its peak
resident memory, CPU seconds (user + system) and output size, which do not
depend on how busy the machine is; wall seconds are given too but are noisy
on a shared machine. Maps are then opened once in chromium (offline, see
``map_bench.py``) and the wall time from navigation to ``SITREP.ready`` is given
(``--keep DIR`` keeps the pages).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _eval_dir() -> Path:
    for d in (os.environ.get("SITREP_EVAL_DIR"), ROOT.parent / "shared" / "eval",
              Path("/work/shared/eval")):
        if d and (Path(d) / "wiktor.jsonl").is_file():
            return Path(d)
    sys.exit("wiktor.jsonl not found; set SITREP_EVAL_DIR")


def wiktor_corpus(n: int, path: Path) -> Path:
    """`n` WikToR documents (repeated under new ids past the 5,000) as JSONL."""
    with open(_eval_dir() / "wiktor.jsonl", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            d = docs[i % len(docs)]
            doc_id = d["id"] if i < len(docs) else f"{d['id']}~{i // len(docs)}"
            out.write(json.dumps({"id": doc_id, "text": d["text"]}, ensure_ascii=False) + "\n")
    return path


def same_place_corpus(n: int, path: Path) -> Path:
    """`n` one-line reports naming the same place."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"r{i}", "text": f"Shelling was reported in Aleppo "
                                  f"on day {i}."}) + "\n")
    return path


def timed(args: list[str]) -> dict:
    """Run ``python -m geo ARGS`` under /usr/bin/time -v: peak RSS, CPU, wall."""
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "geo", "-q", *args]
    started = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(args)}\n{r.stderr[-2000:]}")

    def field(name: str) -> float:
        m = re.search(rf"{re.escape(name)}: ([\d.]+)", r.stderr)
        return float(m[1]) if m else float("nan")

    return {"rss_mb": field("Maximum resident set size (kbytes)") / 1024,
            "cpu_s": field("User time (seconds)") + field("System time (seconds)"),
            "wall_s": wall}


def _size_mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def export_rows(sizes: list[int], tmp: Path) -> list[str]:
    rows = ["| documents | peak RSS MB | CPU s | CPU ms/doc | wall s | GeoJSON MB |",
            "|---:|---:|---:|---:|---:|---:|"]
    peaks = []
    for n in sizes:
        corpus = wiktor_corpus(n, tmp / f"wiktor-{n}.jsonl")
        out = tmp / f"export-{n}.geojson"
        m = timed(["export", str(corpus), "-f", "geojson", "-o", str(out)])
        peaks.append(m["rss_mb"])
        rows.append(f"| {n:,} | {m['rss_mb']:.0f} | {m['cpu_s']:.0f} | "
                    f"{1000 * m['cpu_s'] / n:.1f} | {m['wall_s']:.0f} | {_size_mb(out):.0f} |")
        out.unlink()
        print(rows[-1], file=sys.stderr, flush=True)
    if len(peaks) > 1:
        rows.append(f"\nPeak RSS, largest / smallest: {max(peaks) / min(peaks):.2f}")
    return rows


def _load_ms(page: Path) -> float | None:
    """Open `page` once in chromium, offline; milliseconds until ``SITREP.ready``
    (the page may take minutes on a busy machine: the waits are long)."""
    try:
        from playwright.sync_api import sync_playwright

        import map_bench

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=map_bench.CHROMIUM,
                                                 args=map_bench.ARGS, headless=True)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 800},
                                              offline=True)
                tab = context.new_page()
                started = time.perf_counter()
                tab.goto(page.as_uri(), timeout=600_000)
                tab.wait_for_function("window.SITREP && window.SITREP.ready === true",
                                      polling=50, timeout=600_000)
                return (time.perf_counter() - started) * 1000
            finally:
                browser.close()
    except Exception as exc:  # no chromium or Playwright: the table says so
        print(f"chromium: {exc}", file=sys.stderr)
        return None


def map_rows(cases: list[tuple[str, int]], tmp: Path, keep: Path | None = None) -> list[str]:
    rows = ["| input | reports | peak RSS MB | CPU s | wall s | HTML MB | chromium load s |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, n in cases:
        make = wiktor_corpus if kind == "wiktor" else same_place_corpus
        corpus = make(n, tmp / f"{kind}-{n}.jsonl")
        page = (keep or tmp) / f"map-{kind.replace(' ', '-')}-{n}.html"
        m = timed(["map", str(corpus), "-o", str(page)])
        load = _load_ms(page)
        shown = f"{load / 1000:.1f}" if load is not None else "n/a"
        rows.append(f"| {kind} | {n:,} | {m['rss_mb']:.0f} | {m['cpu_s']:.0f} | "
                    f"{m['wall_s']:.0f} | {_size_mb(page):.1f} | {shown} |")
        if keep is None:
            page.unlink()
        print(rows[-1], file=sys.stderr, flush=True)
    return rows


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--export", default="1000,5000,10000", help="documents per export run")
    ap.add_argument("--map", default="500,5000", help="WikToR reports per map run")
    ap.add_argument("--same", default="2000",
                    help="one-line reports naming one place, per map run ('' for none)")
    ap.add_argument("--out", help="also write the Markdown here")
    ap.add_argument("--keep", type=Path, help="keep the maps in this folder")
    args = ap.parse_args(argv)
    lines = ["## Memory scaling: geo export (WikToR, GeoJSON)", ""]
    with tempfile.TemporaryDirectory() as tmp:
        if args.export:
            lines += export_rows(_sizes(args.export), Path(tmp))
        cases = [("wiktor", n) for n in _sizes(args.map)]
        cases += [("same place", n) for n in _sizes(args.same)]
        if cases:
            lines += ["", "## Map scaling: geo map and chromium", ""]
            lines += map_rows(cases, Path(tmp), args.keep)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

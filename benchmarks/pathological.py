#!/usr/bin/env python3
"""Time per MB on pathological input against ordinary news (issue 20, items 3 and 4).

    python benchmarks/pathological.py [--quick] [--out FILE]

(``benchmarks/run.py`` runs it too, as one of its other benchmark scripts.)

Each input is parsed in this process with the library (:func:`geo.parse`), once,
after a warm-up; the table prints seconds, MB and seconds per MB, and the ratio to
ordinary news per MB. The goal is a ratio within 3x for every row: time linear in
the size of the text, whatever the text.

Inputs (all made here, nothing read from the network):

- ordinary news: the seed reports, concatenated (about 60 KB)
- 20 KB of a GeoJSON export given as a report's text
- "Positions near the border: " and 200 coordinate pairs (3.2 KB)
- ordinary news repeated to 1 MB and to 2 MB
- 1 MB of news words without any punctuation or line break
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def news() -> str:
    """The seed reports, one after the other."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def geojson_text(size: int = 20_000) -> str:
    """``size`` characters of a GeoJSON export of the seed reports."""
    import geo

    feats = [f for t in news().split("\n\n") for f in geo.parse(t).features()]
    text = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False)
    while len(text) < size:
        text += text
    return text[:size]


def coordinate_list(pairs: int = 200) -> str:
    """"Positions near the border: " and ``pairs`` coordinate pairs, distinct."""
    out = []
    for i in range(pairs):
        lat, lon = 30 + (i * 7) % 600 / 100, 35 + (i * 13) % 800 / 100
        out.append(f"{lat:.2f}N {lon:.2f}E")
    return "Positions near the border: " + ", ".join(out) + "."


def repeated(size: int) -> str:
    base = news()
    return (base * (size // len(base) + 1))[:size]


def unpunctuated(size: int) -> str:
    words = re.sub(r"[^\w\s]|\n", " ", news())
    words = re.sub(r"\s+", " ", words)
    return (words * (size // len(words) + 1))[:size]


def measure(text: str) -> float:
    import geo

    t0 = time.perf_counter()
    geo.parse(text)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="1/8 of the large inputs (a quick look)")
    ap.add_argument("--out", type=Path, help="also write the table to this file")
    args = ap.parse_args(argv)
    scale = 8 if args.quick else 1
    import geo

    geo.parse("Shelling hit Kharkiv overnight.")  # warm-up: gazetteer, lexicons
    cases = [("ordinary news (seed reports)", news()),
             ("GeoJSON export as text, 20 KB", geojson_text()),
             ("coordinate list, 200 pairs", coordinate_list()),
             (f"repeated news, {1 / scale:g} MB", repeated(1_000_000 // scale)),
             (f"repeated news, {2 / scale:g} MB", repeated(2_000_000 // scale)),
             (f"no punctuation, {1 / scale:g} MB", unpunctuated(1_000_000 // scale))]
    lines = ["| input | KB | seconds | s/MB | x news |", "|---|---:|---:|---:|---:|"]
    base = None
    worst = 0.0
    for name, text in cases:
        secs = measure(text)
        mbytes = len(text.encode("utf-8")) / 1e6
        per = secs / mbytes
        base = base or per
        worst = max(worst, per / base)
        lines.append(f"| {name} | {mbytes * 1000:.1f} | {secs:.2f} | {per:.1f} | {per / base:.2f} |")
        print(lines[-1], file=sys.stderr, flush=True)
    table = "\n".join(lines) + f"\n\nworst ratio to ordinary news: {worst:.2f}x (goal: within 3x)\n"
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

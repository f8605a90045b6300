"""Benchmark of the offline map of the seed reports (a script, not a test).

Builds the map with the real command line, ``geo map seeds/ -o PAGE``, then opens
PAGE in Debian's chromium with the network off (offline context, every request
other than the page aborted) and times how long it takes until
``window.SITREP.ready``. Prints the page size in bytes, the build time and the
median of the load times (5 loads by default, each in a fresh browser context).

Usage::

    python benchmarks/map_bench.py [--runs 5] [--keep PAGE] [SEEDS_DIR]
    python benchmarks/map_bench.py --page PAGE [--runs 5]

``--page`` times the loads of a page already written (a ``geo map`` of thousands of
reports, see ``memory_bench.py --keep``) without building one.

Needs the project installed with its test extras (Playwright) and
``/usr/bin/chromium``. The gazetteer is built first if it is missing (about 30 s).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def build(seeds: Path, page: Path) -> float:
    """Run ``geo map`` on `seeds`; return the seconds it took."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "geo", "-q", "map", str(seeds), "-o", str(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"geo map failed ({result.returncode}):\n{result.stderr}")
    return time.perf_counter() - started


def load_times(page: Path, runs: int) -> list[tuple[float, float, dict]]:
    """Open `page` `runs` times; (wall ms, in-page ms, counts) for each load."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
                tab = context.new_page()
                errors: list[str] = []
                outside: list[str] = []
                tab.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))

                def block(route, outside=outside):
                    url = route.request.url
                    if url.split(":", 1)[0].lower() in ("file", "data", "about"):
                        route.continue_()
                    else:
                        outside.append(url)
                        route.abort()

                tab.route("**/*", block)
                started = time.perf_counter()
                tab.goto(page.as_uri(), timeout=300_000)
                tab.wait_for_function(
                    "window.SITREP && window.SITREP.ready === true", polling=5, timeout=300_000
                )
                wall = (time.perf_counter() - started) * 1000
                facts = tab.evaluate(
                    "({readyMs: SITREP.readyMs, features: SITREP.features, canvas: SITREP.canvas,"
                    " located: SITREP.located, markers: SITREP.markers, areas: SITREP.areas,"
                    " lines: SITREP.lines, unlocated: SITREP.unlocated})"
                )
                context.close()
                if errors or outside:
                    sys.exit(f"page errors {errors} or network requests {outside}")
                out.append((wall, float(facts.pop("readyMs")), facts))
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", nargs="?", default=str(ROOT / "seeds"), help="reports folder")
    parser.add_argument("--runs", type=int, default=5, help="page loads (default 5)")
    parser.add_argument("--keep", type=Path, help="write the page here instead of a temp file")
    parser.add_argument("--page", type=Path, help="time this page instead of building one")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        page = args.page or args.keep or Path(tmp) / "seeds-map.html"
        seconds = None if args.page else build(Path(args.seeds), page)
        size = page.stat().st_size
        loads = load_times(page, args.runs)
    walls = [w for w, _, _ in loads]
    inner = [i for _, i, _ in loads]
    print(f"page            {page if args.keep or args.page else 'seeds-map.html'}")
    print(f"size            {size} bytes ({size / 1e6:.2f} MB)")
    if seconds is not None:
        print(f"geo map         {seconds:.1f} s (parse the seeds, read the gazetteer, write)")
    print(f"features        {loads[0][2]}")
    print(
        f"load to ready   median {statistics.median(walls):.0f} ms over {len(walls)} loads "
        f"(min {min(walls):.0f}, max {max(walls):.0f}; wall clock, offline)"
    )
    print(f"in-page ready   median {statistics.median(inner):.0f} ms (performance.now at ready)")


if __name__ == "__main__":
    main()

"""Make the README's picture, docs/seed-map.png: `geo map seeds/` opened in Chromium, offline.

    python scripts/seed_screenshot.py [--out docs/seed-map.png] [--zoom-to "Tel Abyad"]

The map is written by the real command line into a temporary folder, opened in
Debian's chromium through Playwright with every request but the page refused, and
photographed at 1280x800: the first view, or with --zoom-to, zoomed in on the first
event placed at that place, its report in the panel (the town labels around it show). Tests never
write into the repository; this script is how the picture is renewed.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
_DATA = re.compile(r'<script type="application/json" id="sitrep-data">(.*?)</script>', re.DOTALL)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "seed-map.png"))
    ap.add_argument("--zoom-to", metavar="NAME", help="zoom in on this place (as written)")
    ap.add_argument("--chromium", default=CHROMIUM)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "seeds-map.html"
        subprocess.run([sys.executable, "-m", "geo", "map", "seeds", "-o", str(page_path)],
                       cwd=ROOT, check=True)
        data = json.loads(_DATA.search(page_path.read_text(encoding="utf-8")).group(1))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=ARGS, headless=True)
            context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                       else r.abort())
            page.goto(page_path.as_uri())
            page.wait_for_function("window.SITREP && window.SITREP.ready === true")
            if args.zoom_to:  # the first event placed at that place
                names = {f["name"] for f in data["features"] if f["kind"] == "place"
                         and args.zoom_to in (f.get("aka") or []) + [f.get("name")]}
                events = [f for f in data["features"] if f["kind"] == "event" and f["geometry"]
                          and any(r[0] == "Placed at" and r[1].split(",")[0] in names
                                  for r in f.get("said") or [])]
                if not events:
                    raise SystemExit(f"no event placed at {args.zoom_to!r} in the seed map")
                event = events[0]
                page.evaluate(f"void SITREP.selectReport({event['doc']})")
                lon, lat = event["geometry"]["coordinates"][:2]
                page.evaluate(f"void SITREP.map.setView([{lat + 0.03}, {lon}], 11, "
                              "{animate: false})")
            page.wait_for_timeout(1500)
            page.screenshot(path=args.out)
            browser.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

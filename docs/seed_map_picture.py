#!/usr/bin/env python3
"""Make the README's picture, ``docs/seed-map.png``: the seed reports on the map.

    python docs/seed_map_picture.py [--out docs/seed-map.png]

Runs ``python -m geo map seeds/`` (the real command line and gazetteer), opens the
page offline in Debian's chromium through Playwright at 1280x800, marks the
sentence about central Tel Abyad in the panel, opens Tel Abyad's popup and takes
the screenshot. Every step waits for a state of the page (ready, map settled,
popup shown), never for a length of time. The tests never write this file.
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
TEL_ABYAD_ID = "geonames:163750"
TEL_ABYAD_DOC = "02_tel_abyad_prison.txt"
TEL_ABYAD_WORDS = "central Tel Abyad"
_DATA = re.compile(r'<script type="application/json" id="sitrep-data">(.*?)</script>', re.DOTALL)
_SETTLED = """() => {
    const map = window.SITREP && SITREP.map;
    const still = map && !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress)
        && !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim')
        && [...document.querySelectorAll('.leaflet-popup')].every(
            p => getComputedStyle(p).opacity === '1');  // a popup has faded in
    window.__still = still ? (window.__still || 0) + 1 : 0;
    return window.__still >= 2;
}"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "seed-map.png")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "seeds-map.html"
        subprocess.run([sys.executable, "-m", "geo", "map", str(ROOT / "seeds"), "-o",
                        str(page_file)], cwd=ROOT, check=True)
        data = json.loads(_DATA.findall(page_file.read_text(encoding="utf-8"))[0])
        docs = [d["id"] for d in data["docs"]]
        (tel,) = [f for f in data["features"] if f.get("gid") == TEL_ABYAD_ID
                  and docs[f["doc"]] == TEL_ABYAD_DOC and f["geometry"]]
        lon, lat = tel["geometry"]["coordinates"]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True)
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_function("window.SITREP && window.SITREP.ready === true", timeout=60_000)
            doc = docs.index(TEL_ABYAD_DOC)
            page.locator("#sr-switch").select_option(str(doc))
            page.locator(f"#sitrep-panel .sr-sent[data-doc='{doc}']").filter(
                has_text=TEL_ABYAD_WORDS).first.click()
            page.evaluate(f"void SITREP.map.setView([{lat}, {lon}], 13, {{animate: false}})")
            page.wait_for_function(_SETTLED, polling="raf", timeout=30_000)
            marker = page.locator(f'.leaflet-marker-pane [data-sitrep-id="{tel["id"]}"]')
            marker.wait_for(state="visible", timeout=30_000)
            marker.click()
            page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=30_000)
            page.wait_for_function(_SETTLED, polling="raf", timeout=30_000)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

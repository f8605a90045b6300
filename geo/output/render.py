"""From parsed documents (or exported GeoJSON) to the ``maps`` renderer."""
from __future__ import annotations

import json
from pathlib import Path

from geo.errors import InputError

__all__ = ["render_map", "reports_of"]


def _report(pd):
    import maps

    d = pd.document
    return maps.Report(id=d.id, text=d.text, title=d.title, url=d.url,
                       published=d.published.isoformat() if d.published else None,
                       sentences=tuple((s.start, s.end) for s in pd.sentences))


def reports_of(results):
    """The ``maps.Report`` objects (text and sentence offsets) of parsed documents."""
    return [_report(pd) for pd in results]


def _read_geojson(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as f:
            fc = json.load(f)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable GeoJSON file ({exc})") from None
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection":
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    return list(fc.get("features") or [])


def render_map(results, output, *, gazetteer=None, geojson_files=(), kinds=None,
               min_confidence: float = 0.0, title: str | None = None, features=()) -> Path:
    """Write one offline HTML map of parsed documents and/or exported GeoJSON files.

    ``results`` may be an iterator (parsed lazily); ``features`` adds GeoJSON-like
    features already made (a `geo batch` folder's)."""
    import maps

    feats, reports = [], []
    for pd in results:  # one pass: a parsed document is let go once drawn from
        feats.extend(pd.features())
        reports.append(_report(pd))
    feats.extend(features)
    for path in geojson_files:
        feats.extend(_read_geojson(path))
    if kinds:
        feats = [f for f in feats if (f.get("properties") or {}).get("kind") in kinds]
    feats = [f for f in feats if (f.get("properties") or {}).get("confidence", 1) >= min_confidence]
    fc = {"type": "FeatureCollection", "features": feats}
    basemap = gazetteer.basemap() if gazetteer is not None else None
    return maps.render(fc, output, reports=reports or None, basemap=basemap,
                       title=title or "Reported locations")

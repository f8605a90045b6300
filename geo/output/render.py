"""From parsed documents (or exported GeoJSON) to the ``maps`` renderer."""
from __future__ import annotations

import json
from pathlib import Path

from geo.errors import InputError

__all__ = ["map_features", "render_features", "render_map", "reports_of"]


def reports_of(results):
    """The ``maps.Report`` objects (text and sentence offsets) of parsed documents."""
    import maps

    return [maps.Report(id=pd.document.id, text=pd.document.text, title=pd.document.title,
                        url=pd.document.url,
                        published=pd.document.published.isoformat() if pd.document.published
                        else None,
                        sentences=tuple((s.start, s.end) for s in pd.sentences))
            for pd in results]


def _read_geojson(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as f:
            fc = json.load(f)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable GeoJSON file ({exc})") from None
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection":
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    return list(fc.get("features") or [])


def map_features(results, *, geojson_files=(), kinds=None, min_confidence: float = 0.0,
                 features=()) -> list[dict]:
    """The features a map of `results`, GeoJSON files and features already made shows."""
    feats = [f for pd in results for f in pd.features()]
    feats.extend(features)
    for path in geojson_files:
        feats.extend(_read_geojson(path))
    if kinds:
        feats = [f for f in feats if (f.get("properties") or {}).get("kind") in kinds]
    return [f for f in feats if (f.get("properties") or {}).get("confidence", 1) >= min_confidence]


def render_features(features, output, *, results=(), gazetteer=None,
                    title: str | None = None) -> Path:
    """Write one offline HTML map of `features`, the panel showing `results`' full text."""
    import maps

    from geo.output.basemap import basemap_for

    fc = {"type": "FeatureCollection", "features": list(features)}
    basemap = basemap_for(gazetteer, fc["features"]) if gazetteer is not None else None
    return maps.render(fc, output, reports=reports_of(results) or None, basemap=basemap,
                       title=title or "Reported locations")


def render_map(results, output, *, gazetteer=None, geojson_files=(), kinds=None,
               min_confidence: float = 0.0, title: str | None = None, features=()) -> Path:
    """Write one offline HTML map of parsed documents and/or exported GeoJSON files.

    ``features`` adds GeoJSON-like features already made (a `geo batch` folder's)."""
    feats = map_features(results, geojson_files=geojson_files, kinds=kinds,
                         min_confidence=min_confidence, features=features)
    return render_features(feats, output, results=results, gazetteer=gazetteer, title=title)

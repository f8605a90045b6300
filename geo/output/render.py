"""From parsed documents (or exported GeoJSON) to the ``maps`` renderer."""
from __future__ import annotations

import json
from itertools import repeat
from pathlib import Path

from geo.errors import InputError

__all__ = ["map_features", "render_features", "render_map", "reports_of"]


def _report(pd):
    import maps

    d = pd.document
    return maps.Report(id=d.id, text=d.text, title=d.title, url=d.url,
                       published=d.published.isoformat() if d.published else None,
                       sentences=tuple((s.start, s.end) for s in pd.sentences))


def reports_of(results):
    """The ``maps.Report`` objects (text and sentence offsets) of parsed documents."""
    return [_report(pd) for pd in results]


#: Deepest nesting of lists and objects in an exported feature (a MultiPolygon's
#: coordinates are 4 deep inside the geometry); deeper input is refused, not recursed into.
_MAX_DEPTH = 12
_CONTAINERS = (dict, list)


def _read_geojson(path: str) -> list[dict]:
    """The features of a GeoJSON export, checked against the export contract's shape:
    the first problem is an :class:`InputError` of one line naming the feature."""
    try:
        with open(path, encoding="utf-8") as f:
            fc = json.load(f)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable GeoJSON file ({exc})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply to be a `geo export` file") from None
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection":
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    feats = fc.get("features")
    if feats is None:
        return []
    if not isinstance(feats, list):
        raise InputError(f"{path}: \"features\" is {type(feats).__name__}, not a list; "
                         "give a file written by `geo export`")
    for i, feat in enumerate(feats):
        if (problem := _problem(feat)) is not None:
            raise InputError(f"{path}: feature {i}: {problem}; give a file written by "
                             "`geo export` (see the export contract)")
    return feats


def _problem(feat) -> str | None:
    """What makes ``feat`` no feature of the export contract (its shape), or None."""
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        return "not a GeoJSON Feature object"
    if _depth(feat) > _MAX_DEPTH:
        return f"nested over {_MAX_DEPTH} levels deep"
    props = feat.get("properties")
    if not isinstance(props, dict):
        return '"properties" is not an object'
    if not isinstance(props.get("kind"), str):
        return '"kind" is not text'
    conf = props.get("confidence", 1.0)
    if isinstance(conf, bool) or not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
        return f'"confidence" is {json.dumps(conf)[:40]}, not a number from 0 to 1'
    for key in ("mentions", "actors", "places"):
        if props.get(key) is not None and not isinstance(props[key], list):
            return f'"{key}" is not a list'
    if props.get("source") is not None and not isinstance(props["source"], dict):
        return '"source" is not an object'
    return None


def _depth(value) -> int:
    """How deep lists and objects nest in ``value`` (iteratively: no recursion).

    Only containers are stacked: a position's numbers cost one C-level scan."""
    if not isinstance(value, (dict, list)):
        return 0
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > _MAX_DEPTH:
            return depth
        children = item.values() if isinstance(item, dict) else item
        if any(map(isinstance, children, repeat(_CONTAINERS))):
            stack.extend((child, depth + 1) for child in children
                         if isinstance(child, _CONTAINERS))
    return deepest


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

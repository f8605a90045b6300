"""GeoJSON: one RFC 7946 FeatureCollection, the project's export contract.

Written feature by feature (nothing is held but the feature being written); ``-`` or None writes to standard output.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.files import atomic_path

__all__ = ["feature_collection", "write_geojson"]


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (no ``crs`` member)."""
    return {"type": "FeatureCollection", "features": list(features)}


def write_geojson(features: Iterable[dict[str, Any]], path: Path | str | None) -> None:
    """Write a FeatureCollection (``path`` None or ``-``: standard output)."""
    if path is None or str(path) == "-":  # the text json.dump gives, a feature at a time
        sys.stdout.write('{"type": "FeatureCollection", "features": [')
        for i, feat in enumerate(features):
            sys.stdout.write((", " if i else "") + json.dumps(feat, ensure_ascii=False))
        sys.stdout.write("]}\n")
        return
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
        f.write('{"type": "FeatureCollection", "features": [\n')
        for i, feat in enumerate(features):
            if i:
                f.write(",\n")
            f.write(json.dumps(feat, ensure_ascii=False, separators=(",", ":")))
        f.write("\n]}\n")

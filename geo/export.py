"""Writing results: GeoJSON (the export contract) and other GIS formats.

Every writer goes through :func:`atomic_path`: the file is written under a
temporary name in the target folder and renamed into place, so an output is
whole or absent.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.errors import FormatError, OutputError

__all__ = ["FORMATS", "atomic_path", "write", "write_geojson", "to_geodataframe",
           "feature_collection"]

FORMATS = ("geojson",)


@contextlib.contextmanager
def atomic_path(path: Path | str):
    """Yield a temporary path beside ``path``; rename it into place on success."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist; create it or choose another -o")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: folder {folder} is not writable; choose another -o")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def write_geojson(features: Iterable[dict[str, Any]], path: Path | str | None) -> None:
    """Write a FeatureCollection (``path`` None or ``-``: standard output)."""
    import sys

    if path is None or str(path) == "-":
        json.dump(feature_collection(features), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
        f.write('{"type": "FeatureCollection", "features": [\n')
        for i, feat in enumerate(features):
            if i:
                f.write(",\n")
            f.write(json.dumps(feat, ensure_ascii=False, separators=(",", ":")))
        f.write("\n]}\n")


def to_geodataframe(features: Iterable[dict[str, Any]]):
    """Features as a GeoDataFrame in EPSG:4326 (nested properties as JSON text)."""
    import geopandas
    import shapely

    rows, geoms = [], []
    for f in features:
        props = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                 for k, v in f["properties"].items()}
        rows.append(props)
        geoms.append(shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None)
    return geopandas.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


def write(features: list[dict[str, Any]], path, fmt: str) -> None:
    """Write features in one of :data:`FORMATS`."""
    fmt = fmt.lower()
    if fmt == "geojson":
        return write_geojson(features, path)
    raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

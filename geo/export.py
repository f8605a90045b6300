"""Writing results: GeoJSON (the export contract) and other GIS formats.

=========  ==================================================================
geojson    one RFC 7946 FeatureCollection (the export contract, DESIGN.md §5)
gpkg       a GeoPackage with one layer per kind: ``places``, ``zones``, ``events``
csv        one row per mention, flat ACLED-like columns (:mod:`geo.export_tables`)
parquet    one GeoParquet file, a ``kind`` column
kml        Google Earth: a folder per kind (:mod:`geo.export_kml`)
=========  ==================================================================

Every writer goes through :func:`atomic_path`: the file is written under a
temporary name in the target folder and renamed into place, so an output is
whole or absent. GeoJSON and CSV may also go to standard output (``-``).
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from geo.errors import FormatError, OutputError

__all__ = [
    "FORMATS",
    "LAYERS",
    "STREAMABLE",
    "atomic_path",
    "feature_collection",
    "to_geodataframe",
    "write",
    "write_geojson",
]

#: Export formats, as ``--format`` spells them.
FORMATS = ("geojson", "gpkg", "csv", "parquet", "kml")

#: Formats that may be written to standard output (``-o -``).
STREAMABLE = ("geojson", "csv")

#: Layer (GeoPackage) and folder (KML) names of each feature kind.
LAYERS = {"place": "places", "zone": "zones", "event": "events"}


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place on success.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("whole")
    >>> out.read_text()
    'whole'
    """
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
        if os.path.exists(tmp):  # a writer may have replaced the file: keep usual permissions
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (no ``crs`` member)."""
    return {"type": "FeatureCollection", "features": list(features)}


def write_geojson(features: Iterable[dict[str, Any]], path: Path | str | None) -> None:
    """Write a FeatureCollection (``path`` None or ``-``: standard output)."""
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


def _flat(value: Any) -> Any:
    """Nested properties (mentions, source, actors, places…) as JSON text."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_geodataframe(features: Iterable[dict[str, Any]], *, columns: Iterable[str] = ()):
    """Features as a GeoDataFrame in EPSG:4326 (nested properties as JSON text).

    Parameters
    ----------
    features : iterable of dict
        Export-contract features.
    columns : iterable of str, optional
        Columns to have even when no feature has them (the property order of
        the features is kept otherwise).
    """
    import geopandas
    import shapely

    rows, geoms = [], []
    for f in features:
        rows.append({k: _flat(v) for k, v in f["properties"].items()})
        geoms.append(shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None)
    gdf = geopandas.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
    for c in columns:
        if c not in gdf.columns:
            gdf[c] = None
    return gdf


def _require_file(path, fmt: str) -> Path:
    if path is None or str(path) == "-":
        raise FormatError(f"--format {fmt} cannot go to standard output; give a file with "
                          f"-o (standard output takes {' or '.join(STREAMABLE)})")
    return Path(path)


def write(features: list[dict[str, Any]], path: Path | str | None, fmt: str) -> None:
    """Write features in one of :data:`FORMATS`.

    Parameters
    ----------
    features : list of dict
        Export-contract features (``ParsedDocument.features()``).
    path : path, ``"-"`` or None
        The output file; ``-`` or None is standard output (GeoJSON, CSV only).
    fmt : str
        One of :data:`FORMATS` (case-insensitive).

    Raises
    ------
    FormatError
        An unknown format, or a binary format asked for standard output.
    OutputError
        The output folder is missing or not writable.
    """
    fmt = fmt.lower()
    if fmt == "geojson":
        return write_geojson(features, path)
    if fmt == "csv":
        from geo.export_tables import write_csv

        return write_csv(features, path)
    if fmt == "gpkg":
        from geo.export_tables import write_gpkg

        return write_gpkg(features, _require_file(path, fmt))
    if fmt == "parquet":
        from geo.export_tables import write_parquet

        return write_parquet(features, _require_file(path, fmt))
    if fmt == "kml":
        from geo.export_kml import write_kml

        return write_kml(features, _require_file(path, fmt))
    raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

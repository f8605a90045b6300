"""Output: results become export-contract features, then files or a map.

In: :class:`geo.result.ParsedDocument` objects (or features read back from a
GeoJSON export or a batch folder). Out: features (:mod:`geo.output.features`,
plain GeoJSON dicts that follow the export contract), files in one of the
formats of :data:`FORMATS`, or an offline HTML map (:mod:`geo.output.render`).

Each format is one module with one ``write_*`` function taking the features and
a path; :data:`FORMATS` is the registry that :func:`write` and the command
line's help read. A new format is a new module and one line here.

>>> sorted(FORMATS)
['acled', 'csv', 'geojson', 'gpkg', 'kml', 'parquet']
>>> FORMATS["gpkg"].to_stdout
False
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.errors import FormatError

__all__ = ["FORMATS", "Format", "write"]


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: where its writer lives and what it can do."""

    name: str
    module: str
    function: str
    help: str
    to_stdout: bool = False

    def writer(self) -> Any:
        """The format's ``write_*(features, path)`` function (imported on use)."""
        return getattr(importlib.import_module(self.module), self.function)


#: Export formats by the name ``--format`` takes, in the order help lists them.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("geojson", "geo.output.geojson", "write_geojson",
           "one RFC 7946 FeatureCollection (the export contract)", to_stdout=True),
    Format("gpkg", "geo.output.tables", "write_gpkg",
           "GeoPackage, one layer per kind: places, zones, events"),
    Format("csv", "geo.output.tables", "write_csv",
           "one row per mention, flat ACLED-like columns", to_stdout=True),
    Format("acled", "geo.output.acled", "write_acled",
           "one row per event under ACLED's column names and codes", to_stdout=True),
    Format("parquet", "geo.output.tables", "write_parquet",
           "one GeoParquet file with a kind column"),
    Format("kml", "geo.output.kml", "write_kml", "Google Earth, one folder per kind"),
)}


def write(features: Iterable[dict[str, Any]], path: Path | str | None, fmt: str) -> None:
    """Write features in one of :data:`FORMATS`.

    Parameters
    ----------
    features : iterable of dict
        Export-contract features (``ParsedDocument.features()``).
    path : path, ``"-"`` or None
        The output file; ``-`` or None is standard output (formats with
        ``to_stdout`` only).
    fmt : str
        A name in :data:`FORMATS` (case-insensitive).

    Raises
    ------
    FormatError
        An unknown format, or a binary format asked for standard output.
    OutputError
        The output folder is missing or not writable.
    """
    spec = FORMATS.get(fmt.lower())
    if spec is None:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    to_stdout = path is None or str(path) == "-"
    if to_stdout and not spec.to_stdout:
        streams = " or ".join(f.name for f in FORMATS.values() if f.to_stdout)
        raise FormatError(f"--format {spec.name} cannot go to standard output; give a file "
                          f"with -o (standard output takes {streams})")
    return spec.writer()(features, None if to_stdout or path is None else Path(path))

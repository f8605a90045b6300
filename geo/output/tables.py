"""Tabular exports: CSV (one row per mention), GeoPackage and GeoParquet.

CSV columns follow ACLED's habits: one flat row per mention of a feature, with
the feature's place, precision, event and source beside it (:data:`CSV_COLUMNS`).
GeoPackage and GeoParquet keep one row per feature; nested properties
(``mentions``, ``source``, ``actors``, ``places``…) become JSON text columns.
"""
from __future__ import annotations

import csv
import io
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any

__all__ = ["CSV_COLUMNS", "MentionRow", "mention_rows", "write_csv", "write_gpkg",
           "write_parquet"]


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One CSV row: a mention of a feature, with the feature's properties.

    ``feature`` is the feature's position in the export, so rows of one
    feature can be grouped; a feature without mentions has one row whose
    mention columns are empty.
    """

    feature: int
    doc: str
    kind: str
    name: str
    mention_text: str | None
    mention_type: str | None
    start: int | None
    end: int | None
    sentence: int | None
    quote: str
    gazetteer_id: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    confidence: float | None
    event_type: str | None
    sub_event_type: str | None
    count: int | None
    date: str | None
    actors: str | None
    source_url: str | None
    source_path: str | None
    title: str | None
    published: str | None


#: The CSV header, in order.
CSV_COLUMNS = tuple(f.name for f in fields(MentionRow))


def mention_rows(features: Iterable[dict[str, Any]]) -> Iterator[MentionRow]:
    """Flatten features into one :class:`MentionRow` per mention.

    Examples
    --------
    >>> f = {"type": "Feature", "geometry": None, "properties": {
    ...     "kind": "event", "doc": "d1", "name": "Attack", "quote": "It burned.",
    ...     "actors": ["RSF", "SAF"], "source": {"url": "https://example.org/a"},
    ...     "mentions": [{"start": 3, "end": 9, "text": "burned", "type": "trigger",
    ...                   "sentence": 0}]}}
    >>> row = next(mention_rows([f]))
    >>> row.mention_text, row.actors, row.source_url
    ('burned', 'RSF;SAF', 'https://example.org/a')
    """
    for i, f in enumerate(features):
        p = f.get("properties") or {}
        source = p.get("source") or {}
        actors = p.get("actors")
        base = {
            "feature": i, "doc": p.get("doc", ""), "kind": p.get("kind", ""),
            "name": p.get("name", ""), "quote": p.get("quote", ""),
            "gazetteer_id": p.get("gazetteer_id"), "country_code": p.get("country_code"),
            "lat": p.get("lat"), "lon": p.get("lon"), "precision": p.get("precision"),
            "confidence": p.get("confidence"), "event_type": p.get("event_type"),
            "sub_event_type": p.get("sub_event_type"), "count": p.get("count"),
            "date": p.get("date"), "actors": ";".join(actors) if actors else None,
            "source_url": source.get("url"), "source_path": source.get("path"),
            "title": source.get("title"), "published": source.get("published")}
        mentions = p.get("mentions") or [{}]
        for m in mentions:
            yield MentionRow(mention_text=m.get("text"), mention_type=m.get("type"),
                             start=m.get("start"), end=m.get("end"),
                             sentence=m.get("sentence"), **base)


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell: None is empty; text that a spreadsheet would run as a formula
    (``=HYPERLINK(...)``, ``@SUM(...)``) starts with ``'``, so it is shown as text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_rows(features, stream) -> None:
    """The header and one row per mention, lines ending in ``\n``. Rows are formatted
    with ``\r\n`` line ends, which makes the csv module quote every field holding
    a ``\r`` or a ``\n`` (with ``\n`` alone, a bare ``\r`` went unquoted and readers
    split the row there)."""
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\r\n")

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        w.writerow(cells)
        return buffer.getvalue()[:-2] + "\n"

    stream.write(line(CSV_COLUMNS))
    for row in mention_rows(features):
        stream.write(line([_cell(v) for v in astuple(row)]))


def write_csv(features: Iterable[dict[str, Any]], path: Path | str | None) -> None:
    """Write one row per mention (``path`` None or ``-``: standard output)."""
    from geo.files import atomic_path

    if path is None or str(path) == "-":
        _write_rows(features, sys.stdout)
        return
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        _write_rows(features, f)


def _by_kind(features: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    from geo.output.frame import LAYERS

    groups: dict[str, list[dict[str, Any]]] = {k: [] for k in LAYERS}
    for f in features:
        groups.setdefault((f.get("properties") or {}).get("kind", "place"), []).append(f)
    return groups


def write_gpkg(features: Iterable[dict[str, Any]], path: Path | str) -> None:
    """Write a GeoPackage with one layer per kind (``places``, ``zones``, ``events``).

    Kinds without features get no layer; with no features at all an empty
    ``places`` layer is written, so the file is still a valid GeoPackage.
    Geometries of a layer may mix points, lines and polygons (a ``GEOMETRY``
    layer, which QGIS opens split by type).
    """
    from geo.files import atomic_path
    from geo.output.frame import LAYERS, to_geodataframe

    from pyogrio.errors import DataLayerError, DataSourceError

    from geo.errors import OutputError

    groups = _by_kind(features)
    with atomic_path(path, direct=False) as tmp:
        tmp.unlink()  # GDAL creates the file; an empty one is not a GeoPackage
        layers = [(k, fs) for k, fs in groups.items() if fs] or [("place", [])]
        for i, (kind, feats) in enumerate(layers):
            gdf = to_geodataframe(feats, columns=("kind", "doc", "name"))
            try:
                _to_file(gdf, tmp, LAYERS.get(kind, kind + "s"), append=i > 0)
            except (DataSourceError, DataLayerError) as exc:  # a full disk, a quota
                reason = str(exc).replace(str(tmp), "the file").splitlines()[0]
                raise OutputError(f"{path}: the GeoPackage could not be written ({reason}); "
                                  "check free space and permissions") from None


def _to_file(gdf, path: Path, layer: str, *, append: bool) -> None:
    import pyogrio

    with warnings.catch_warnings():
        # The temporary name ends in ".part", not ".gpkg"; the final one does.
        warnings.simplefilter("ignore", RuntimeWarning)
        kwargs: dict[str, Any] = {}
        if len(gdf) == 0:
            kwargs["geometry_type"] = "Unknown"
        pyogrio.write_dataframe(gdf, path, layer=layer, driver="GPKG", append=append,
                                **kwargs)


def write_parquet(features: Iterable[dict[str, Any]], path: Path | str) -> None:
    """Write one GeoParquet file (WKB geometry, EPSG:4326, a ``kind`` column)."""
    from geo.files import atomic_path
    from geo.output.frame import to_geodataframe

    gdf = to_geodataframe(list(features), columns=("kind", "doc", "name"))
    with atomic_path(path) as tmp:
        gdf.to_parquet(tmp, index=False)

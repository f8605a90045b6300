"""Tabular exports: CSV (one row per mention), GeoPackage and GeoParquet.

CSV columns follow ACLED's habits: one flat row per mention of a feature, with
the feature's place, precision, event and source beside it (:data:`CSV_COLUMNS`).
GeoPackage and GeoParquet keep one row per feature; nested properties
(``mentions``, ``source``, ``actors``, ``places``…) become JSON text columns.
"""
from __future__ import annotations

import csv
import io
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


def csv_cell(value: Any) -> Any:
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
        stream.write(line([csv_cell(v) for v in astuple(row)]))


def write_csv(features: Iterable[dict[str, Any]], path: Path | str | None) -> None:
    """Write one row per mention (``path`` None or ``-``: standard output)."""
    from geo.files import text_output

    with text_output(path, newline="") as f:
        _write_rows(features, f)


def _layer_geometry(types) -> tuple[str, bool | None]:
    """The layer geometry type (and multi promotion) that pyogrio infers from the
    whole layer's geometry types (GPKG does not mix single and multi parts)."""
    types = set(types)
    if len(types) == 1:
        return types.pop(), None
    for single in ("Polygon", "LineString", "Point"):
        if types == {single, "Multi" + single}:
            return "Multi" + single, True
    return "Unknown", None


def write_gpkg(features: Iterable[dict[str, Any]], path: Path | str) -> None:
    """Write a GeoPackage with one layer per kind (``places``, ``zones``, ``events``).

    Kinds without features get no layer; with no features at all an empty
    ``places`` layer is written, so the file is still a valid GeoPackage.
    Geometries of a layer may mix points, lines and polygons (a ``GEOMETRY``
    layer, which QGIS opens split by type). The features are parked on disk
    (:class:`geo.output.spool.Spool`) and each layer is written in chunks.
    """
    from pyogrio.errors import DataLayerError, DataSourceError

    from geo.errors import OutputError
    from geo.files import atomic_path
    from geo.output.frame import LAYERS, frames, to_geodataframe
    from geo.output.spool import Spool

    with atomic_path(path, direct=False) as tmp, Spool(features, tmp.parent) as spool:
        tmp.unlink()  # GDAL creates the file; an empty one is not a GeoPackage
        order = list(LAYERS)
        kinds = sorted(spool.kinds(), key=lambda kk: order.index(kk[0]) if kk[0] in order
                       else len(order))
        try:
            if not kinds:
                gdf = to_geodataframe([], columns=("kind", "doc", "name"))
                _to_file(gdf, tmp, "places", append=False, geometry_type="Unknown")
            append = False
            for kind, spooled in kinds:
                gtype, promote = _layer_geometry(spooled.geometry_types)
                for gdf in frames(spooled, columns=("kind", "doc", "name")):
                    _to_file(gdf, tmp, LAYERS.get(kind, kind + "s"), append=append,
                             geometry_type=gtype, promote_to_multi=promote)
                    append = True
        except (DataSourceError, DataLayerError) as exc:  # a full disk, a quota
            reason = str(exc).replace(str(tmp), "the file").splitlines()[0]
            raise OutputError(f"{path}: the GeoPackage could not be written ({reason}); "
                              "check free space and permissions") from None


def _to_file(gdf, path: Path, layer: str, *, append: bool, **kwargs: Any) -> None:
    import pyogrio

    with warnings.catch_warnings():
        # The temporary name ends in ".part", not ".gpkg"; the final one does.
        warnings.simplefilter("ignore", RuntimeWarning)
        pyogrio.write_dataframe(gdf, path, layer=layer, driver="GPKG", append=append,
                                **kwargs)


def write_parquet(features: Iterable[dict[str, Any]], path: Path | str) -> None:
    """Write one GeoParquet file (WKB geometry, EPSG:4326, a ``kind`` column).

    The features are parked on disk (:class:`geo.output.spool.Spool`) and
    written a row group at a time; the file's schema and ``geo`` metadata
    (geometry types, bounding box) are those of the whole.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq
    from geopandas.io.arrow import _geopandas_to_arrow

    from geo.files import atomic_path
    from geo.output.frame import frames, to_geodataframe
    from geo.output.spool import Spool

    columns = ("kind", "doc", "name")
    with atomic_path(path) as tmp, Spool(features, tmp.parent, split=False) as spool:
        if not spool.kinds():
            to_geodataframe([], columns=columns).to_parquet(tmp, index=False)
            return
        (_, spooled), = spool.kinds()
        # The file's schema is that of all chunks together: a column empty in the first
        # chunk (null) may hold values in a later one (a first pass reads the types).
        schemas = [_geopandas_to_arrow(gdf, index=False).schema
                   for gdf in frames(spooled, columns=columns)]
        whole = pa.unify_schemas(schemas, promote_options="permissive")
        schema = whole.with_metadata(_whole_geo(schemas[0].metadata, spooled))
        with pq.ParquetWriter(tmp, schema) as writer:
            for gdf in frames(spooled, columns=columns):
                table = _geopandas_to_arrow(gdf, index=False)
                writer.write_table(table.select(schema.names).cast(schema)
                                   if table.schema.names == schema.names
                                   else _conform(table, schema))


def _conform(table, schema):
    """``table`` with the columns of ``schema`` in its order (missing ones null), cast."""
    import pyarrow as pa

    cols = [table.column(n) if n in table.schema.names else pa.nulls(len(table), f.type)
            for n, f in zip(schema.names, schema)]
    return pa.Table.from_arrays(cols, schema=schema)


def _whole_geo(metadata: dict[bytes, bytes], spooled) -> dict[bytes, bytes]:
    """A chunk's schema metadata with the ``geo`` facts of the whole file."""
    import json

    geo = json.loads(metadata[b"geo"])
    column = geo["columns"][geo["primary_column"]]
    column["geometry_types"] = sorted(spooled.geometry_types)
    column.pop("bbox", None)
    if spooled.bbox is not None:
        column["bbox"] = list(spooled.bbox)
    return {**metadata, b"geo": json.dumps(geo).encode()}

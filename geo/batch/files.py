"""The files of a ``geo batch`` output folder, written whole or not at all.

Layout of ``DIR``::

    DIR/places/part-00000.parquet   GeoParquet, one row per place feature
    DIR/zones/part-00000.parquet    ... per zone
    DIR/events/part-00000.parquet   ... per event
    DIR/_parts/part-00000.json      done marker, written LAST: doc ids, counts, options
    DIR/summary.json                the run: documents, features, partitions, problems

A partition is written by the worker that geoparsed it. It counts as done
only when its marker exists, names the same documents and options, and every
file it lists holds the rows it says. Every file is written under a temporary
name and renamed, and the marker is written after the data files, so a
partition whose writer stops halfway leaves no marker, only files that
:func:`remove_leftovers` removes.

Rows keep the export contract's properties as columns (lists and objects as
JSON text, as ``geo export --format`` does), plus ``_seq`` (the feature's
position in its partition) and ``_keys`` (the property names the feature has,
so that absent and null properties read back apart).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geo.reading.sniff import BATCH_PARTS, BATCH_SUMMARY

__all__ = ["KIND_DIRS", "PARTS", "SUMMARY", "batch_dir", "data_path", "discard", "iter_batch",
           "marker_path", "part_name", "prepare", "read_batch", "read_marker",
           "recorded_partition_size", "remove_leftovers", "tabulate", "whole_marker", "write_json", "write_partition"]

#: Sub-folder of each feature kind.
KIND_DIRS = {"place": "places", "zone": "zones", "event": "events"}
SUMMARY = BATCH_SUMMARY  # one home: geo.reading.sniff recognises such a folder
PARTS = BATCH_PARTS
_PART = re.compile(r"^part-(\d{5,})\.(parquet|json)$")
#: Place outlines already converted to WKB, by the id of their GeoJSON dict,
#: which is held here so that the id stays its own (see :func:`_shape`).
_OUTLINES: dict[int, tuple[dict, Any]] = {}
_OUTLINES_KEPT = 1024


def part_name(index: int) -> str:
    """``part-00042`` for partition 42."""
    return f"part-{index:05d}"


def data_path(out: Path, kind: str, index: int) -> Path:
    """The GeoParquet file of one kind of one partition."""
    return Path(out) / KIND_DIRS[kind] / f"{part_name(index)}.parquet"


def marker_path(out: Path, index: int) -> Path:
    """The done marker of one partition."""
    return Path(out) / PARTS / f"{part_name(index)}.json"


@contextlib.contextmanager
def _held_interrupt() -> Iterator[None]:
    """Hold Ctrl-C back while a partition's files are written; raise it after."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """:func:`geo.files.atomic_path`, with the permissions of a new file (umask)."""
    from geo.files import atomic_path

    with atomic_path(path) as tmp:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)


def write_json(path: Path, obj: Any) -> None:
    """Write JSON to ``path`` through a temporary file and a rename."""
    with _atomic(path) as tmp:
        tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def recorded_partition_size(out: Path) -> int | None:
    """The partition size an earlier run recorded in ``out/summary.json``, if any
    (so that a re-run finds the same partitions done)."""
    summary = read_marker(Path(out) / SUMMARY) or {}
    size = (summary.get("options") or {}).get("partition_size")
    return size if isinstance(size, int) and size >= 1 else None


def read_marker(path: Path) -> dict | None:
    """A done marker's content, or None when absent or unreadable."""
    try:
        obj = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return obj if isinstance(obj, dict) else None


def prepare(out: Path, keep: int) -> None:
    """Create the folder and its sub-folders, then :func:`remove_leftovers`."""
    from geo.errors import OutputError

    out = Path(out)
    try:
        for sub in (*KIND_DIRS.values(), PARTS):
            (out / sub).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror}); "
                          "choose another --out") from None
    remove_leftovers(out, keep)


def remove_leftovers(out: Path, keep: int) -> None:
    """Remove temporary files, files of partitions without a marker, and
    partitions numbered ``keep`` or above (from a larger earlier run)."""
    out = Path(out)
    marked = set()
    for path in (out / PARTS).iterdir():
        m = _PART.match(path.name)
        if m and int(m[1]) >= keep:
            path.unlink(missing_ok=True)
        elif m:
            marked.add(int(m[1]))
    for path in out.iterdir():  # the top level holds the user's files too: only our own
        if path.name.startswith(f".{SUMMARY}.") and path.name.endswith(".part"):
            path.unlink(missing_ok=True)
    for sub in (*KIND_DIRS.values(), PARTS):
        for path in (out / sub).iterdir():
            m = _PART.match(path.name)
            temporary = path.name.startswith(".part-") and path.name.endswith(".part")
            if temporary or m and m[2] == "parquet" and int(m[1]) not in marked:
                path.unlink(missing_ok=True)


def discard(out: Path, index: int) -> None:
    """Remove a partition (its marker first) before it is redone, so that a
    stale result cannot outlive a failed redo."""
    marker_path(out, index).unlink(missing_ok=True)
    for kind in KIND_DIRS:
        data_path(out, kind, index).unlink(missing_ok=True)


def whole_marker(out: Path, index: int, doc_ids: Sequence[str], options: dict) -> dict | None:
    """The marker of a partition that is done for these documents and options, and
    whose files are whole; None when it must be (re)done."""
    marker = read_marker(marker_path(out, index))
    if (marker is None or marker.get("documents") != list(doc_ids)
            or marker.get("options") != options):
        return None
    import pyarrow.parquet as pq  # (not before: a fresh run starts its cluster sooner)

    counts = marker.get("features") or {}
    for kind in KIND_DIRS:
        path = data_path(out, kind, index)
        n = counts.get(kind, 0)
        if not n:
            if path.exists():
                return None
            continue
        try:
            if pq.read_metadata(path).num_rows != n:
                return None
        except (OSError, ValueError, TypeError):
            return None
    return marker


def _wkb(geometry: dict | None, *, outline: bool) -> bytes | None:
    """A GeoJSON geometry as WKB.

    A country's or region's outline is the same dict from document to document
    within a process (:mod:`geo.output.features` cleans each once), and converting it
    is most of the cost of writing a partition: an ``outline`` (a place's
    geometry other than a point) is converted once per dict.
    """
    import shapely

    if not geometry:
        return None
    if not outline or geometry["type"] == "Point":
        return shapely.to_wkb(shapely.geometry.shape(geometry))
    seen = _OUTLINES.get(id(geometry))
    if seen is None:
        if len(_OUTLINES) >= _OUTLINES_KEPT:
            _OUTLINES.clear()
        seen = _OUTLINES[id(geometry)] = (geometry,
                                          shapely.to_wkb(shapely.geometry.shape(geometry)))
    return seen[1]


def _geo_metadata(features: Sequence[dict]) -> dict[str, Any]:
    """The GeoParquet 1.0 ``geo`` metadata of a partition file (no ``crs``: the
    coordinates are longitude, latitude on WGS 84, GeoParquet's default)."""
    types = sorted({f["geometry"]["type"] for f in features if f.get("geometry")})
    column: dict[str, Any] = {"encoding": "WKB", "geometry_types": types}
    return {"version": "1.0.0", "primary_column": "geometry", "columns": {"geometry": column}}


def tabulate(features: Sequence[dict]) -> tuple[Any, list[str]]:
    """Features (one kind, each with its ``_seq``) as a GeoParquet table, and the
    columns held as JSON text.

    Written with pyarrow alone: a worker needs neither pandas nor geopandas.
    """
    import pyarrow as pa

    columns: dict[str, None] = {}
    for f in features:
        columns.update(dict.fromkeys(f["properties"]))
    json_cols = [c for c in columns
                 if any(isinstance(f["properties"].get(c), (list, dict)) for f in features)]
    data: dict[str, Any] = {}
    for c in columns:
        if c in json_cols:
            values = [json.dumps(f["properties"][c], ensure_ascii=False)
                      if c in f["properties"] else None for f in features]
        else:
            values = [f["properties"].get(c) for f in features]
        data[c] = pa.array(values, from_pandas=True)  # NaN as null, as pandas wrote it
    data["_seq"] = pa.array([f["_seq"] for f in features], type=pa.int64())
    data["_keys"] = pa.array([json.dumps(list(f["properties"]), ensure_ascii=False)
                              for f in features], type=pa.string())
    data["geometry"] = pa.array([_wkb(f.get("geometry"),
                                      outline=f["properties"]["kind"] == "place")
                                 for f in features], type=pa.binary())
    table = pa.table(data)
    meta = {b"geo": json.dumps(_geo_metadata(features)).encode()}
    return table.replace_schema_metadata(meta), json_cols


def write_partition(out: Path, index: int, doc_ids: Sequence[str],
                    features: Sequence[dict], options: dict, extra: dict | None = None) -> dict:
    """Write one partition's GeoParquet files, then its done marker.

    Parameters
    ----------
    out : Path
        The batch folder (prepared).
    index : int
        Partition number.
    doc_ids : sequence of str
        Its documents, in input order.
    features : sequence of dict
        Its export-contract features, in serial export order.
    options : dict
        The parser options they were made with (checked on resume).
    extra : dict, optional
        More fields for the marker (elapsed time, worker).

    Returns
    -------
    dict
        The marker written.
    """
    import pyarrow.parquet as pq

    by_kind: dict[str, list[dict]] = {k: [] for k in KIND_DIRS}
    for seq, f in enumerate(features):
        by_kind[f["properties"]["kind"]].append({**f, "_seq": seq})
    marker = {"partition": index, "name": part_name(index), "documents": list(doc_ids),
              "features": {k: len(v) for k, v in by_kind.items()}, "options": options,
              "files": {}, "json_columns": {}, **(extra or {})}
    with _held_interrupt():
        marker_path(out, index).unlink(missing_ok=True)
        for kind, feats in by_kind.items():
            path = data_path(out, kind, index)
            if not feats:
                path.unlink(missing_ok=True)
                continue
            table, json_cols = tabulate(feats)
            with _atomic(path) as tmp:
                pq.write_table(table, tmp)
            marker["files"][kind] = str(path.relative_to(out))
            marker["json_columns"][kind] = json_cols
        write_json(marker_path(out, index), marker)
    return marker


def batch_dir(inputs: Sequence[str]) -> Path | None:
    """The folder when INPUT is one ``geo batch`` output folder (it holds
    ``summary.json`` and ``_parts/``), else None.

    Raises
    ------
    geo.batch.client.BatchError
        When such a folder is given together with other inputs.
    """
    from geo.errors import InputError
    from geo.reading.sniff import sniff

    try:
        return sniff(inputs).batch
    except InputError as exc:
        from geo.batch.tasks import BatchError

        raise BatchError(str(exc)) from None


def _rows(path: Path, json_cols: Sequence[str]) -> list[tuple[int, dict]]:
    import pyarrow.parquet as pq
    import shapely

    table = pq.read_table(path)
    geoms = table.column("geometry").to_pylist()
    out = []
    for row, wkb in zip(table.drop_columns(["geometry"]).to_pylist(), geoms):
        props = {k: (json.loads(row[k]) if k in json_cols else row[k])
                 for k in json.loads(row["_keys"])}
        geometry = _listed(shapely.geometry.mapping(shapely.from_wkb(wkb))) if wkb else None
        out.append((row["_seq"], {"type": "Feature", "geometry": geometry, "properties": props}))
    return out


def _listed(obj: Any) -> Any:
    """GeoJSON from shapely with lists for tuples, as read from a file."""
    if isinstance(obj, dict):
        return {k: _listed(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_listed(v) for v in obj]
    return obj


def read_batch(directory: Path | str, *, kinds: Sequence[str] | None = None,
               min_confidence: float = 0.0) -> list[dict]:
    """The features of a ``geo batch`` output folder as a list (see :func:`iter_batch`)."""
    return list(iter_batch(directory, kinds=kinds, min_confidence=min_confidence))


def iter_batch(directory: Path | str, *, kinds: Sequence[str] | None = None,
               min_confidence: float = 0.0) -> Iterator[dict]:
    """The features of a ``geo batch`` output folder, in serial export order,
    read a partition at a time (memory bounded by the largest partition).

    Only partitions with a done marker are read; failed or unfinished ones are
    absent.

    Parameters
    ----------
    directory : path-like
        The folder given to ``geo batch --out``.
    kinds : sequence of str, optional
        Keep only these kinds (``place``, ``zone``, ``event``).
    min_confidence : float
        Drop features below this confidence.

    Yields
    ------
    dict
        GeoJSON features following the export contract.

    Raises
    ------
    geo.errors.InputError
        When the folder or a partition cannot be read (raised when reached).
    """
    from geo.errors import InputError

    out = Path(directory)
    if not (out / PARTS).is_dir():
        raise InputError(f"{out}: not a `geo batch` output folder (no {PARTS}/)")
    indices = sorted(int(m[1]) for p in (out / PARTS).iterdir()
                     if (m := _PART.match(p.name)) and m[2] == "json")
    for index in indices:
        marker = read_marker(marker_path(out, index))
        if marker is None:
            raise InputError(f"{marker_path(out, index)}: unreadable done marker; "
                             "run `geo batch` again to redo the partition")
        rows: list[tuple[int, dict]] = []
        for kind, rel in (marker.get("files") or {}).items():
            if kinds and kind not in kinds:
                continue
            try:
                rows.extend(_rows(out / rel, marker["json_columns"].get(kind, [])))
            except (OSError, ValueError, KeyError) as exc:
                raise InputError(f"{out / rel}: unreadable ({exc}); "
                                 "run `geo batch` again to redo the partition") from None
        rows.sort(key=lambda r: r[0])
        yield from (f for _, f in rows if f["properties"].get("confidence", 1.0) >= min_confidence)

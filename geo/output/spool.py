"""Features parked on disk while an export streams, for formats written by kind.

GeoPackage (a layer per kind), GeoParquet (one schema for the whole file) and
KML (a folder per kind) need to know things about every feature before they
write the first one: which kinds exist, which columns and column types a layer
has, which geometry types, the bounding box. A :class:`Spool` takes the
features one at a time, writes each as a JSON line to a temporary file of its
kind and keeps only those facts; the writer then reads the kinds back in
chunks. Memory is bounded by a chunk, not by the number of features.

A country's or region's outline is one shared dict from report to report
(:mod:`geo.output.features` cleans each once): the spool writes it once and
refers to it by number afterwards, and reads it back as one object.
"""
from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["Spool", "CHUNK"]

#: Features per chunk read back (a GeoPackage append, a GeoParquet row group).
CHUNK = 5000
#: Shared outlines remembered by identity before the table is cleared.
_SHARED_KEPT = 1024
_ABSENT = object()


def _positions(coords: Any) -> Iterator[Any]:
    if coords and isinstance(coords[0], (int, float)):
        yield coords
    else:
        for item in coords or ():
            yield from _positions(item)


def _bounds(geometry: dict) -> tuple[float, float, float, float] | None:
    """(minx, miny, maxx, maxy) of a GeoJSON geometry, None when it has no position."""
    if geometry.get("type") == "GeometryCollection":
        parts = [b for g in geometry.get("geometries") or () if (b := _bounds(g))]
    else:
        parts = [(p[0], p[1], p[0], p[1]) for p in _positions(geometry.get("coordinates"))]
    if not parts:
        return None
    return (min(b[0] for b in parts), min(b[1] for b in parts),
            max(b[2] for b in parts), max(b[3] for b in parts))


class _Kind:
    """One kind's temporary file and what the whole of it looks like."""

    def __init__(self, folder) -> None:
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder,
                                           prefix=".geo-spool.")
        self.count = 0
        self.columns: dict[str, dict[type, Any]] = {}  # column -> one value per type seen
        self.absent: set[str] = set()                  # columns some feature lacks
        self.geometry_types: dict[str, None] = {}
        self.bbox: tuple[float, float, float, float] | None = None
        self.shared: dict[int, tuple[dict, int]] = {}   # id(outline) -> (outline, number)
        self.defined = 0

    def add(self, feature: dict[str, Any]) -> None:
        props = feature.get("properties") or {}
        for key in self.columns.keys() - props.keys():
            self.absent.add(key)
        for key, value in props.items():
            if key not in self.columns:
                self.columns[key] = {}
                if self.count:
                    self.absent.add(key)
            self.columns[key].setdefault(type(value), value)
        geometry = feature.get("geometry")
        line: dict[str, Any] = {"p": props}
        if geometry:
            line.update(self._geometry(geometry))
        self.file.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
        self.file.write("\n")
        self.count += 1

    def _geometry(self, geometry: dict) -> dict[str, Any]:
        seen = self.shared.get(id(geometry))
        if seen is not None and seen[0] is geometry:
            return {"r": seen[1]}
        self.geometry_types[geometry["type"]] = None
        box = _bounds(geometry)
        if box is not None:
            b = self.bbox or box
            self.bbox = (min(b[0], box[0]), min(b[1], box[1]), max(b[2], box[2]),
                         max(b[3], box[3]))
        if geometry["type"] == "Point":
            return {"g": geometry}
        if len(self.shared) >= _SHARED_KEPT:
            self.shared.clear()
        self.shared[id(geometry)] = (geometry, self.defined)
        self.defined += 1
        return {"g": geometry, "d": self.defined - 1}

    def exemplars(self) -> list[dict[str, Any]]:
        """A few rows whose columns hold every type the whole kind holds (for dtypes)."""
        per_column = {c: list(v.values()) + ([_ABSENT] if c in self.absent else [])
                      for c, v in self.columns.items()}
        n = max((len(v) for v in per_column.values()), default=1)
        rows = []
        for i in range(n):
            rows.append({c: v[i % len(v)] for c, v in per_column.items()
                         if v[i % len(v)] is not _ABSENT})
        return rows

    def chunks(self, size: int, shape) -> Iterator[tuple[list[dict], list[Any]]]:
        """(properties, geometries) of up to `size` features at a time, in order.

        ``shape`` turns a GeoJSON geometry into what the writer wants; a shared
        outline is shaped once.
        """
        self.file.seek(0)
        shaped: dict[int, Any] = {}
        props: list[dict] = []
        geoms: list[Any] = []
        for text in self.file:
            line = json.loads(text)
            if "r" in line:
                geom = shaped[line["r"]]
            elif "g" in line:
                geom = shape(line["g"])
                if "d" in line:
                    shaped[line["d"]] = geom
            else:
                geom = None
            props.append(line["p"])
            geoms.append(geom)
            if len(props) >= size:
                yield props, geoms
                props, geoms = [], []
        if props:
            yield props, geoms

    def close(self) -> None:
        self.file.close()


class Spool:
    """Export-contract features parked on disk, one temporary file per kind.

    Use as a context manager; :meth:`kinds` lists the kinds in the order they
    first appeared, each with its :class:`_Kind` facts and chunks (with
    ``split=False`` all features are one kind, ``"*"``, in their order).
    """

    def __init__(self, features: Iterable[dict[str, Any]], folder=None, *,
                 split: bool = True) -> None:
        self.folder = folder
        self.split = split
        self.by_kind: dict[str, _Kind] = {}
        self._features = features

    def __enter__(self) -> Spool:
        try:
            for f in self._features:
                kind = (f.get("properties") or {}).get("kind", "place") if self.split else "*"
                if kind not in self.by_kind:
                    self.by_kind[kind] = _Kind(self.folder)
                self.by_kind[kind].add(f)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Delete the temporary files."""
        for k in self.by_kind.values():
            k.close()

    def kinds(self) -> list[tuple[str, _Kind]]:
        """Each kind with its facts and chunks, in the order the kinds first appeared."""
        return list(self.by_kind.items())

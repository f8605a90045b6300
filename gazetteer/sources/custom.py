"""The project's own places, and the user's: camps, prisons, crossings, landmarks,
regions the press names, and rivers -- facts that no installed package holds.

The package ships three files in ``gazetteer/data/``:

``places.csv``
    Points, one a row: ``id,name,kind,country_code,lon,lat,population,variants``
    (``variants`` separated by ``|``).
``regions.geojson``
    A FeatureCollection of coarse region outlines (Polygon or MultiPolygon).
``rivers.geojson``
    A FeatureCollection of river courses (LineString).

A user's file has the same shape: a CSV with those columns (``name``, ``lon`` and
``lat`` are required, the others optional), or a GeoJSON FeatureCollection whose
features carry ``name`` and optionally ``id``, ``kind``, ``country_code``,
``variants`` (a list, or a ``|``-separated string) and ``population``. A shape's
representative point gives the place's coordinates; lines and polygons are kept as
WKB in :attr:`Place.wkb`. A row without an id gets ``custom:<slug of its name>``.

Every error is a :class:`~gazetteer.errors.CustomDataError` (a ``ValueError``) with a
one-line message naming the file, the line (or feature) and what to fix.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from gazetteer.errors import CustomDataError
from gazetteer.model import KINDS, Place
from gazetteer.sources import Record

__all__ = ["DATA_FILES", "CustomDataError", "CustomFileNotFound", "read", "read_text",
           "records", "slug", "version"]

#: The package's own data files, in the order :func:`records` reads them.
DATA_FILES = ("places.csv", "regions.geojson", "rivers.geojson")

#: Columns a place CSV may have; ``name``, ``lon`` and ``lat`` are required.
CSV_COLUMNS = ("id", "name", "kind", "country_code", "lon", "lat", "population", "variants")
_REQUIRED = ("name", "lon", "lat")
_CC = re.compile(r"^[A-Za-z]{2}$")


class CustomFileNotFound(CustomDataError, FileNotFoundError):
    """A user's place file does not exist."""


def version() -> str:
    """A content hash of the package's data files.

    Returns
    -------
    str
        ``"custom <16 hex digits>"``; it changes whenever a data file changes, so a
        gazetteer built from older files is rebuilt.
    """
    h = hashlib.sha256()
    for name in DATA_FILES:
        h.update(name.encode() + b"\0")
        h.update(_data(name).read_bytes())
        h.update(b"\0")
    return "custom " + h.hexdigest()[:16]


def records(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str] | None = None,
            ) -> Iterator[Record]:
    """The package's places, regions and rivers, then those of the user's files.

    Parameters
    ----------
    paths : iterable of path-like, or one path, optional
        The user's CSV or GeoJSON files. A user's place whose id is also a
        package id replaces the package's one. Ids made from names are unique
        across the files (``custom:camp-x``, ``custom:camp-x-2``); an id given
        twice is an error. A path listed twice is read once.

    Yields
    ------
    Record
        One per place, each id once.

    Raises
    ------
    CustomDataError
        A file cannot be read; the message names the file, the line and the fix.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = (paths,)
    user: list[Record] = []
    ids, read_paths = _Ids(), set()
    for path in paths or ():
        key = os.path.realpath(path)
        if key not in read_paths:
            read_paths.add(key)
            user.extend(_read(path, ids))
    seen = {r.place.id for r in user}
    for name in DATA_FILES:
        for rec in read_text(_data(name).read_text(encoding="utf-8"), f"gazetteer/data/{name}"):
            if rec.place.id not in seen:
                yield rec
    yield from user


def read(path: str | os.PathLike[str]) -> list[Record]:
    """The places of one user file.

    Parameters
    ----------
    path : path-like
        A ``.csv`` (or ``.tsv``) file with the columns of ``places.csv``, or a
        ``.geojson``/``.json`` FeatureCollection. Other suffixes are recognised by
        their content.

    Returns
    -------
    list of Record

    Raises
    ------
    CustomFileNotFound
        No file at ``path``.
    CustomDataError
        The file is not UTF-8, not a place table or FeatureCollection, or a row
        is wrong; the message names the file, the line and what to fix.
    """
    return _read(path, _Ids())


def _read(path: str | os.PathLike[str], ids: _Ids) -> list[Record]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise CustomFileNotFound(f"{p}: no such file; check the path") from None
    except IsADirectoryError:
        raise CustomDataError(f"{p}: is a folder; give a .csv or .geojson file") from None
    except OSError as e:
        raise CustomDataError(f"{p}: cannot be read ({e.strerror}); check its permissions") \
            from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise CustomDataError(f"{p}, line {line}: not UTF-8 text; save the file as UTF-8") \
            from None
    return _parse(text, str(p), p.suffix.lower(), ids)


def read_text(text: str, source: str, suffix: str | None = None) -> list[Record]:
    """The places of a file's text.

    Parameters
    ----------
    text : str
        The file's content.
    source : str
        The file's name, for error messages; its suffix tells the format unless
        ``suffix`` is given.
    suffix : str, optional
        ``".csv"``, ``".tsv"``, ``".geojson"`` or ``".json"``; anything else is
        recognised from the content (a JSON object or a table).

    Returns
    -------
    list of Record
    """
    if suffix is None:
        suffix = os.path.splitext(source)[1].lower()
    return _parse(text, source, suffix, _Ids())


def _parse(text: str, source: str, suffix: str, ids: _Ids) -> list[Record]:
    if suffix not in (".csv", ".tsv", ".geojson", ".json"):
        suffix = ".geojson" if text.lstrip().startswith("{") else ".csv"
    if suffix in (".geojson", ".json"):
        return _read_geojson(text, source, ids)
    return _read_csv(text, source, "\t" if suffix == ".tsv" else ",", ids)


def slug(name: str) -> str:
    """A lower-case ASCII id part for a name: ``"Camp Roj (north)"`` -> ``"camp-roj-north"``.

    Names that transliterate to nothing get a short hash instead.
    """
    from unidecode import unidecode

    s = re.sub(r"[^a-z0-9]+", "-", unidecode(name).lower().replace("'", "")).strip("-")
    return s or "h" + hashlib.sha1(name.encode()).hexdigest()[:10]


# --- internals ----------------------------------------------------------------------

def _data(name: str):
    return resources.files("gazetteer").joinpath("data", name)


def _fail(source: str, where: str, what: str) -> CustomDataError:
    return CustomDataError(f"{source}, {where}: {what}")


def _names(name: str, variants: Iterable[str]) -> tuple[str, ...]:
    out, seen = [], set()
    for n in (name, *variants):
        n = " ".join(n.split())
        if n and n.casefold() not in seen:
            seen.add(n.casefold())
            out.append(n)
    return tuple(out)


class _Ids:
    """Ids of one or more files: given ones must be unique, missing ones are made
    from names."""

    def __init__(self):
        self.used: set[str] = set()

    def __call__(self, given: str, name: str, source: str, where: str) -> str:
        if given:
            if any(c.isspace() for c in given):
                raise _fail(source, where, f"id {given!r} has spaces; use e.g. "
                            f"'custom:{slug(name)}'")
            if given in self.used:
                raise _fail(source, where, f"id {given!r} is used twice; give each "
                            "place its own id")
            self.used.add(given)
            return given
        base = "custom:" + slug(name)
        pid, n = base, 1
        while pid in self.used:
            n += 1
            pid = f"{base}-{n}"
        self.used.add(pid)
        return pid


def _kind(value: Any, source: str, where: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "custom"
    kind = value.strip().lower() if isinstance(value, str) else value
    if kind not in KINDS:
        raise _fail(source, where, f"kind {value!r} is unknown; use one of {', '.join(KINDS)}")
    return kind


def _country(value: Any, source: str, where: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or not _CC.match(value.strip()):
        raise _fail(source, where, f"country_code {value!r} is not a two-letter ISO code "
                    "(e.g. SY); fix it or leave it empty")
    return value.strip().upper()


def _population(value: Any, source: str, where: str) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    try:
        f = float(value.replace("_", "") if isinstance(value, str) else value)
    except (TypeError, ValueError):
        f = float("nan")
    if isinstance(value, bool) or not math.isfinite(f) or f < 0 or f != int(f):
        raise _fail(source, where, f"population {value!r} is not a whole number >= 0; "
                    "fix it or leave it empty")
    return int(f)


def _coord(value: str, column: str, source: str, where: str) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise _fail(source, where, f"{column} {value!r} is not a number; write decimal "
                    "degrees like 36.37") from None
    if not math.isfinite(f):
        raise _fail(source, where, f"{column} {value!r} is not a number; write decimal degrees")
    return f


def _check_range(lon: float, lat: float, source: str, where: str) -> None:
    if not -90 <= lat <= 90:
        hint = " (lon and lat swapped?)" if -90 <= lon <= 90 and -180 <= lat <= 180 else ""
        raise _fail(source, where, f"lat {lat} is outside -90..90{hint}; fix the coordinates")
    if not -180 <= lon <= 180:
        raise _fail(source, where, f"lon {lon} is outside -180..180; fix the coordinates")


def _read_csv(text: str, source: str, delimiter: str, ids: _Ids) -> list[Record]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise _fail(source, "line 1", f"the file is empty; start with the header "
                    f"{delimiter.join(CSV_COLUMNS)}") from None
    except csv.Error as e:
        raise _fail(source, "line 1", f"{e}; fix the quoting") from None
    cols = [c.strip().lower() for c in header]
    missing = [c for c in _REQUIRED if c not in cols]
    if missing:
        raise _fail(source, "line 1", f"no {', '.join(missing)} column; the header needs "
                    f"at least {delimiter.join(_REQUIRED)} (all: {delimiter.join(CSV_COLUMNS)})")
    dup = sorted({c for c in cols if c and cols.count(c) > 1})
    if dup:
        raise _fail(source, "line 1", f"column {dup[0]!r} appears twice; keep one")
    idx = {c: i for i, c in enumerate(cols)}
    out = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise _fail(source, f"line {reader.line_num}", f"{e}; fix the quoting") from None
        where = f"line {reader.line_num}"
        if not any(v.strip() for v in row):
            continue
        if len(row) > len(cols):
            raise _fail(source, where, f"{len(row)} fields for {len(cols)} columns; quote "
                        "values that contain the delimiter")

        values = {c: row[i].strip() for c, i in idx.items() if i < len(row)}
        get = values.get
        name = " ".join(get("name", "").split())
        if not name:
            raise _fail(source, where, "name is empty; give the place a name")
        lon = _coord(get("lon", ""), "lon", source, where)
        lat = _coord(get("lat", ""), "lat", source, where)
        _check_range(lon, lat, source, where)
        place = Place(id=ids(get("id", ""), name, source, where), name=name,
                      kind=_kind(get("kind"), source, where),
                      country_code=_country(get("country_code"), source, where), admin1=None,
                      lon=lon, lat=lat, population=_population(get("population"), source, where))
        out.append(Record(place, _names(name, get("variants", "").split("|"))))
    return out


def _read_geojson(text: str, source: str, ids: _Ids) -> list[Record]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise _fail(source, f"line {e.lineno}", f"not valid JSON ({e.msg}, column {e.colno}); "
                    "fix the syntax") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" \
            or not isinstance(doc.get("features"), list):
        raise _fail(source, "line 1", 'not a GeoJSON FeatureCollection; write '
                    '{"type": "FeatureCollection", "features": [...]}')
    out = []
    for i, feat in enumerate(doc["features"], 1):
        out.append(_feature(feat, source, f"feature {i}", ids))
    return out


def _feature(feat: Any, source: str, where: str, ids: _Ids) -> Record:
    import shapely
    from shapely.errors import ShapelyError
    from shapely.geometry import shape

    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        raise _fail(source, where, 'is not a GeoJSON Feature; write {"type": "Feature", '
                    '"properties": {...}, "geometry": {...}}')
    props = feat.get("properties") or {}
    if not isinstance(props, dict):
        raise _fail(source, where, "properties is not an object; give it at least a name")
    name = props.get("name", "")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, where, 'has no "name" property; give the place a name')
    name = " ".join(name.split())
    given = props.get("id", feat.get("id"))
    if given is not None and not isinstance(given, (str, int)):
        raise _fail(source, where, f"id {given!r} is not a string; write it as text")
    variants = props.get("variants") or []
    if isinstance(variants, str):
        variants = variants.split("|")
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        raise _fail(source, where, "variants is not a list of names; write "
                    '["name one", "name two"]')
    geometry = feat.get("geometry")
    if not isinstance(geometry, dict):
        raise _fail(source, where, "has no geometry; give it a Point, LineString or Polygon")
    try:
        geom = shape(geometry)
    except (ShapelyError, ValueError, TypeError, KeyError, IndexError, AttributeError) as e:
        raise _fail(source, where, f"geometry cannot be read ({str(e).splitlines()[0]}); "
                    "fix its type and coordinates") from None
    if geom.is_empty:
        raise _fail(source, where, "geometry is empty; give it coordinates")
    geom = shapely.force_2d(geom)
    x0, y0, x1, y1 = geom.bounds
    if not all(map(math.isfinite, (x0, y0, x1, y1))):
        raise _fail(source, where, "geometry has a coordinate that is not a number; fix it")
    _check_range(x0, y0, source, where)
    _check_range(x1, y1, source, where)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    pt = geom if geom.geom_type == "Point" else geom.representative_point()
    place = Place(id=ids(str(given) if given is not None else "", name, source, where),
                  name=name,
                  kind=_kind(props.get("kind"), source, where),
                  country_code=_country(props.get("country_code"), source, where), admin1=None,
                  lon=float(pt.x), lat=float(pt.y),
                  population=_population(props.get("population"), source, where),
                  wkb=None if geom.geom_type == "Point" else shapely.to_wkb(geom))
    return Record(place, _names(name, variants))

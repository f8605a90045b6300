"""Open and query a built gazetteer. Read-only; safe to share between processes."""
from __future__ import annotations

import json
import math
import sqlite3
import urllib.parse
from functools import lru_cache
from pathlib import Path

from gazetteer.errors import GazetteerCorrupt, GazetteerNotFound
from gazetteer.model import HOW, Candidate, Match, Place, Town
from gazetteer.names import ARTICLES, key, loose_key

__all__ = ["Gazetteer"]

_COLS = "rowid, id, name, kind, cc, admin1, lon, lat, population"
_EARTH_M = 6371008.8

#: Entries of the lookup caches (names seen recently): the working set of a news
#: stream, small enough that memory stays flat over tens of thousands of documents.
LOOKUP_CACHE = 20_000
#: SQLite's page cache per connection, in KiB (its default is 2 MiB).
CACHE_KB = 16_384


class Gazetteer:
    """A built gazetteer file, opened read-only.

    Use :func:`gazetteer.open` rather than this constructor: it finds, checks and
    if needed builds the file.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerNotFound(f"no gazetteer at {self.path}; run `geo gazetteer build`")
        try:
            # Quoted: "#", "?" and "%" in a path are URI syntax, not part of the name.
            uri = f"file:{urllib.parse.quote(str(self.path))}?mode=ro&immutable=1"
            self._con = sqlite3.connect(uri, uri=True,
                                        check_same_thread=False)
            meta = dict(self._con.execute("SELECT k, v FROM meta WHERE k != 'basemap'"))
            # Pages are read into SQLite's own cache of CACHE_KB, not through a memory
            # map: a map counts every page ever touched in the process's memory, so
            # that it grew with the number of documents (by up to the file's size).
            self._con.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        except sqlite3.DatabaseError as exc:
            raise GazetteerCorrupt(f"{self.path} is not a gazetteer ({exc})") from None
        self.meta = meta
        self.lookup = lru_cache(maxsize=LOOKUP_CACHE)(self._lookup)
        #: ``matches(name, country=None, how="key")``: the places whose names match,
        #: as :class:`~gazetteer.model.Match` facts in a neutral order (non-town
        #: kinds first, then towns by population; at most 40 name rows).
        #: ``how`` is ``"key"`` (the same folded key: exact or normalised
        #: spelling), ``"loose"`` (the same press-transliteration key, spelling
        #: still alike) or ``"fuzzy"`` (a folded key within a small edit distance).
        self.matches = lru_cache(maxsize=LOOKUP_CACHE)(self._matches)
        self._demonyms: dict[str, tuple[str, str]] | None = None
        self._towns: tuple | None = None  # (lon, lat, population) arrays, read once

    def close(self) -> None:
        """Close the database connection."""
        self._con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __getstate__(self):
        return {"path": str(self.path)}

    def __setstate__(self, state):
        self.__init__(state["path"])

    # -- reading rows -------------------------------------------------------
    @staticmethod
    def _place(row, wkb=None) -> Place:
        return Place(id=row[1], name=row[2], kind=row[3], country_code=row[4], admin1=row[5],
                     lon=row[6], lat=row[7], population=row[8] or 0, wkb=wkb)

    def get(self, id: str, *, geometry: bool = True) -> Place | None:
        """The place with this id (``"geonames:163750"``), with its shape."""
        row = self._con.execute(f"SELECT {_COLS}, wkb FROM places WHERE id = ?", (id,)).fetchone()
        if row is None:
            return None
        return self._place(row, row[9] if geometry else None)

    def info(self) -> dict:
        """What the file holds: sources, counts, size, path, and the files a
        user imported on top of the packaged sources (GeoNames dumps)."""
        return {"path": str(self.path), "size_mb": round(self.path.stat().st_size / 1e6, 1),
                "schema": int(self.meta.get("schema", 0)), "built": self.meta.get("built"),
                "sources": json.loads(self.meta.get("sources", "{}")),
                "counts": json.loads(self.meta.get("counts", "{}")),
                "imports": json.loads(self.meta.get("imports", "[]"))}

    # -- names --------------------------------------------------------------
    _SELECT = ("SELECT p.rowid, p.id, p.name, p.kind, p.cc, p.admin1, p.lon, p.lat, "
               "p.population, n.name, n.key FROM names n JOIN places p ON p.rowid = n.place ")
    _ROWS = 40  # name rows read per query, at most

    def _matches(self, name: str, country: str | None = None,
                 how: str = "key") -> tuple[Match, ...]:
        k = key(name)
        if not k:
            return ()
        cc = country.upper() if country else None
        if how == "key":
            return tuple(Match(self._place(r), "exact" if r[9] == name else "normalised", r[9])
                         for r in self._rows("n.key = ?3", cc, k))
        if how == "loose":
            stripped = _strip_articles(k)
            rows = self._rows("n.loose = ?3 AND n.key != ?4", cc, loose_key(name), k)
            return tuple(Match(self._place(r), "loose", r[9]) for r in rows
                         if _similar(stripped, r[10]))  # r[10] is key(r[9]), stored
        if how == "fuzzy":
            return tuple(Match(self._place(r), "fuzzy", r[9])
                         for r in self._fuzzy_rows(k, loose_key(name), cc))
        raise ValueError(f"how must be 'key', 'loose' or 'fuzzy', not {how!r}")

    def _lookup(self, name: str, country: str | None = None, limit: int = 10,
                fuzzy: bool = True) -> tuple[Candidate, ...]:
        """Candidates for a name in the neutral retrieval order (see :meth:`matches`):
        the closest kind of match first; transliterations only when no folded key
        matches, fuzzy spellings (names of six letters or more) only when nothing
        else does. ``score`` is how alike the names are (1.0 for the same key).
        This order knows nothing of which place a report more likely means: that
        ranking is the resolution stage's (``geo.resolution.policy``)."""
        from rapidfuzz import fuzz

        found = self.matches(name, country, "key")
        if not found:
            found = self.matches(name, country, "loose")
        if not found and fuzzy and len(key(name)) >= 6:
            found = self.matches(name, country, "fuzzy")
        seen: dict[str, Match] = {}
        for m in sorted(found, key=lambda m: HOW.index(m.how)):
            seen.setdefault(m.place.id, m)
        k = key(name)
        return tuple(Candidate(m.place, 1.0 if key(m.matched) == k else
                               round(fuzz.ratio(k, key(m.matched)) / 100, 4), m.how, m.matched)
                     for m in list(seen.values())[:limit])

    def _rows(self, where: str, cc: str | None, *args: str) -> list[tuple]:
        """The name rows that can rank, in a neutral fact-based order: areas,
        camps and the like first, then towns by population (a name such as
        "San Jose" has hundreds of towns)."""
        sql = (self._SELECT + "WHERE " + where + " AND (?1 IS NULL OR p.cc = ?1) "
               "ORDER BY p.kind = 'city', p.population DESC LIMIT ?2")
        return self._con.execute(sql, (cc, self._ROWS, *args)).fetchall()

    def _fuzzy_rows(self, k: str, lk: str, cc: str | None):
        """Rows whose key is within a small edit distance of ``k`` (same loose
        prefix, at most two letters longer or shorter)."""
        from rapidfuzz import fuzz, process

        keys = [key for r in self._con.execute(
            "SELECT keys FROM fuzzy WHERE pre = ? AND len BETWEEN ? AND ?",
            (lk[:4], len(k) - 2, len(k) + 2)) for key in r[0].split("|")]
        close = [m[0] for m in process.extract(k, keys, scorer=fuzz.ratio, score_cutoff=88,
                                               limit=10)]
        if not close:
            return []
        marks = ",".join(f"?{i}" for i in range(3, 3 + len(close)))
        return self._rows(f"n.key IN ({marks})", cc, *close)

    def demonym(self, word: str) -> str | None:
        """The country a demonym or adjective refers to: ``"Syrian"`` -> ``"SY"``."""
        row = self._con.execute("SELECT cc FROM demonyms WHERE key = ?", (key(word),)).fetchone()
        return row[0] if row else None

    def demonyms(self) -> dict[str, tuple[str, str]]:
        """All demonyms: folded key -> (country code, form)."""
        if self._demonyms is None:
            self._demonyms = {k: (cc, f) for k, cc, f in
                              self._con.execute("SELECT key, cc, form FROM demonyms")}
        return self._demonyms

    # -- geometry -----------------------------------------------------------
    @lru_cache(maxsize=512)
    def country(self, code: str):
        """A country's polygon (Natural Earth 1:10m), or None."""
        import shapely

        row = self._con.execute("SELECT wkb FROM places WHERE kind = 'country' AND cc = ?",
                                (code.upper(),)).fetchone()
        return shapely.from_wkb(row[0]) if row and row[0] else None

    def grown(self, code: str):
        """A country's polygon widened by :data:`gazetteer.geodesy.COUNTRY_MARGIN_M`
        (computed at build time), or None."""
        import shapely

        row = self._con.execute("SELECT wkb FROM grown WHERE cc = ?", (code.upper(),)).fetchone()
        return shapely.from_wkb(row[0]) if row else None

    @lru_cache(maxsize=1024)
    def admin1_name(self, cc: str, code: str) -> str | None:
        """The name of first-level admin area ``code`` of country ``cc``, or None."""
        row = self._con.execute("SELECT name FROM places WHERE kind = 'admin1' AND cc = ? "
                                "AND admin1 = ? LIMIT 1", (cc.upper(), code)).fetchone()
        return row[0] if row else None

    def admin1_place(self, cc: str, code: str) -> Place | None:
        """The first-level admin area ``code`` of country ``cc`` as a place, or None."""
        row = self._con.execute(f"SELECT {_COLS} FROM places WHERE kind = 'admin1' AND cc = ? "
                                "AND admin1 = ? LIMIT 1", (cc.upper(), code)).fetchone()
        return self._place(row) if row else None

    def country_place(self, code: str) -> Place | None:
        """The country with ISO code ``code`` as a place (without its shape), or None."""
        row = self._con.execute(f"SELECT {_COLS} FROM places WHERE kind = 'country' AND cc = ?",
                                (code.upper(),)).fetchone()
        return self._place(row) if row else None

    @lru_cache(maxsize=256)
    def border(self, a: str, b: str):
        """The shared boundary of two countries as a (Multi)LineString, or None."""
        import shapely

        ga, gb = self.country(a), self.country(b)
        if ga is None or gb is None:
            return None
        # A topological tolerance of ~500 m: neighbours' outlines share vertices
        # but not always exactly. Distances are never measured in degrees.
        line = shapely.intersection(shapely.boundary(ga), shapely.buffer(gb, 0.005))
        if line.is_empty:
            return None
        lines = [g for g in shapely.get_parts(line) if g.geom_type == "LineString"]
        return shapely.line_merge(shapely.MultiLineString(lines)) if lines else None

    def outline(self, id: str) -> tuple[str, float] | None:
        """How an admin area's outline was derived and its boundary error in metres,
        or None for a place whose shape (if any) comes from a source."""
        row = self._con.execute("SELECT method, edge_m FROM outlines WHERE id = ?",
                                (id,)).fetchone()
        return (row[0], row[1]) if row else None

    def subareas(self, place: Place) -> list[Place]:
        """The admin areas one level below a country (its admin-1 areas) or an admin-1
        area (its admin-2 areas) that have an outline, with their shapes."""
        args: tuple[str | None, ...]
        if place.kind == "country":
            where, args = "kind = 'admin1' AND cc = ?", (place.country_code,)
        elif place.kind == "admin1" and place.admin1:
            where, args = "kind = 'admin2' AND cc = ? AND admin1 = ?", (place.country_code,
                                                                         place.admin1)
        else:
            return []
        rows = self._con.execute(f"SELECT {_COLS}, wkb FROM places WHERE {where} "
                                 "AND wkb IS NOT NULL", args).fetchall()
        return [self._place(r, r[9]) for r in rows]

    def nearby(self, lon: float, lat: float, radius_m: float, kinds=None) -> list[Place]:
        """Places within ``radius_m`` metres of a point, nearest first."""
        dlat = math.degrees(radius_m / _EARTH_M)
        dlon = dlat / max(0.01, math.cos(math.radians(lat)))
        rows = self._con.execute(
            f"SELECT {_COLS} FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (lat - dlat, lat + dlat, lon - dlon, lon + dlon)).fetchall()
        out = []
        for row in rows:
            p = self._place(row)
            if kinds and p.kind not in kinds:
                continue
            d = _haversine_m(lon, lat, p.lon, p.lat)
            if d <= radius_m:
                out.append((d, p))
        return [p for _, p in sorted(out, key=lambda t: t[0])]

    def within(self, geometry, kinds=None) -> list[Place]:
        """Places whose point lies inside a shapely geometry (lon/lat)."""
        import shapely

        minx, miny, maxx, maxy = geometry.bounds
        rows = self._con.execute(
            f"SELECT {_COLS} FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (miny, maxy, minx, maxx)).fetchall()
        places = [self._place(r) for r in rows]
        if kinds:
            places = [p for p in places if p.kind in kinds]
        if not places:
            return []
        shapely.prepare(geometry)
        inside = shapely.contains_xy(geometry, [p.lon for p in places], [p.lat for p in places])
        return [p for p, ok in zip(places, inside) if ok]

    def peopled_towns(self, geometry) -> list[Town]:
        """The towns with a known population whose point lies inside a shapely
        geometry (lon/lat), as :class:`~gazetteer.model.Town` points.

        The build stores all such towns as arrays, read once, so each area,
        however big, costs an array scan rather than a query.
        """
        import numpy as np
        import shapely

        if self._towns is None:
            data = dict(self._con.execute("SELECT name, data FROM arrays WHERE name IN "
                                          "('town_lon', 'town_lat', 'town_population')"))
            self._towns = (np.frombuffer(data["town_lon"], dtype=np.float64),
                           np.frombuffer(data["town_lat"], dtype=np.float64),
                           np.frombuffer(data["town_population"], dtype=np.int64))
        lon, lat, pop = self._towns
        minx, miny, maxx, maxy = geometry.bounds
        box = np.flatnonzero((lat >= miny) & (lat <= maxy) & (lon >= minx) & (lon <= maxx))
        if not len(box):
            return []
        shapely.prepare(geometry)
        inside = box[shapely.contains_xy(geometry, lon[box], lat[box])]
        return [Town(x, y, n) for x, y, n in zip(lon[inside].tolist(), lat[inside].tolist(),
                                                  pop[inside].tolist())]

    def basemap(self) -> dict:
        """Simplified country outlines with names (a GeoJSON FeatureCollection)."""
        row = self._con.execute("SELECT v FROM meta WHERE k = 'basemap'").fetchone()
        return json.loads(row[0]) if row else {"type": "FeatureCollection", "features": []}

    def countries(self) -> list[Place]:
        """Every country as a place (without its shape)."""
        return [self._place(r) for r in self._con.execute(
            f"SELECT {_COLS} FROM places WHERE kind = 'country'")]


def _strip_articles(k: str) -> str:
    tokens = k.split()
    return " ".join(t for t in tokens if t not in ARTICLES) or k


@lru_cache(maxsize=LOOKUP_CACHE)
def _similar(query_key: str, name_key: str) -> bool:
    """Guard on loose matches: the spellings (folded keys) must still look alike."""
    from rapidfuzz import fuzz

    return fuzz.ratio(query_key, _strip_articles(name_key)) >= 70


def _haversine_m(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_M * math.asin(min(1.0, math.sqrt(a)))

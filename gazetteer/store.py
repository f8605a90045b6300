"""Open and query a built gazetteer. Read-only; safe to share between processes."""
from __future__ import annotations

import json
import math
import sqlite3
from functools import lru_cache
from pathlib import Path

from gazetteer.errors import GazetteerCorrupt, GazetteerNotFound
from gazetteer.model import Candidate, Place
from gazetteer.names import ARTICLES, key, loose_key

__all__ = ["Gazetteer"]

_COLS = "rowid, id, name, kind, cc, admin1, lon, lat, population"
_EARTH_M = 6371008.8

#: How much a kind of place weighs as a prior, before population.
KIND_WEIGHT = {
    "continent": 0.95, "country": 1.0, "region": 0.8, "admin1": 0.75, "admin2": 0.45,
    "city": 0.0, "camp": 0.7, "prison": 0.7, "crossing": 0.65, "landmark": 0.6,
    "river": 0.6, "custom": 0.7,
}
_TIER = {"exact": 1.0, "normalised": 0.97, "loose": 0.7, "fuzzy": 0.45}


def importance(place: Place) -> float:
    """A 0..1 prior from kind and population."""
    pop = math.log10(place.population + 1) / 7.0 if place.population else 0.0
    if place.kind == "country":  # among countries, the more populous is meant more often
        return 0.9 + 0.1 * min(1.0, pop / 1.3)
    return max(KIND_WEIGHT.get(place.kind, 0.3), min(1.0, pop))


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
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
            meta = dict(self._con.execute("SELECT k, v FROM meta WHERE k != 'basemap'"))
        except sqlite3.DatabaseError as exc:
            raise GazetteerCorrupt(f"{self.path} is not a gazetteer ({exc})") from None
        self.meta = meta
        self.lookup = lru_cache(maxsize=200_000)(self._lookup)
        self._demonyms: dict[str, tuple[str, str]] | None = None

    def close(self) -> None:
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
        """What the file holds: sources, counts, size, path."""
        return {"path": str(self.path), "size_mb": round(self.path.stat().st_size / 1e6, 1),
                "schema": int(self.meta.get("schema", 0)), "built": self.meta.get("built"),
                "sources": json.loads(self.meta.get("sources", "{}")),
                "counts": json.loads(self.meta.get("counts", "{}"))}

    # -- names --------------------------------------------------------------
    def _rows(self, column: str, value: str):
        return self._con.execute(
            f"SELECT p.rowid, p.id, p.name, p.kind, p.cc, p.admin1, p.lon, p.lat, p.population, "
            f"n.name FROM names n JOIN places p ON p.rowid = n.place WHERE n.{column} = ?",
            (value,)).fetchall()

    def _lookup(self, name: str, country: str | None = None, limit: int = 10,
                fuzzy: bool = True) -> tuple[Candidate, ...]:
        k = key(name)
        if not k:
            return ()
        found: dict[str, Candidate] = {}

        stripped = _strip_articles(k)

        def add(rows, reason):
            for row in rows:
                if country and row[4] != country.upper():
                    continue
                if reason == "loose" and not _similar(stripped, row[9]):
                    continue
                place = self._place(row)
                why = "exact" if reason == "normalised" and row[9] == name else reason
                score = _TIER[why] * (0.4 + 0.6 * importance(place))
                if place.kind not in ("country", "continent") and key(row[9]) != key(place.name):
                    score *= 0.92  # called by an alternate name, not its own
                score = round(score, 4)
                old = found.get(place.id)
                if old is None or old.score < score:
                    found[place.id] = Candidate(place, score, why, row[9])

        add(self._rows("key", k), "normalised")
        lk = loose_key(name)
        add(self._rows("loose", lk), "loose")
        if not found and fuzzy and len(k) >= 6:
            add(self._fuzzy_rows(k, lk), "fuzzy")
        ranked = sorted(_prefer_seats(found.values()),
                        key=lambda c: (-c.score, -c.place.population, c.place.id))
        return tuple(ranked[:limit])

    def _fuzzy_rows(self, k: str, lk: str):
        from rapidfuzz import fuzz

        prefix = lk[:3]
        rows = self._con.execute(
            "SELECT p.rowid, p.id, p.name, p.kind, p.cc, p.admin1, p.lon, p.lat, p.population, "
            "n.name, n.key FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.loose >= ? AND n.loose < ? LIMIT 20000", (prefix, prefix + "\uffff")).fetchall()
        return [r[:10] for r in rows
                if fuzz.ratio(k, r[10]) >= 88 and abs(len(r[10]) - len(k)) <= 2]

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

    def country_place(self, code: str) -> Place | None:
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

    def basemap(self) -> dict:
        """Simplified country outlines with names (a GeoJSON FeatureCollection)."""
        row = self._con.execute("SELECT v FROM meta WHERE k = 'basemap'").fetchone()
        return json.loads(row[0]) if row else {"type": "FeatureCollection", "features": []}

    def countries(self) -> list[Place]:
        return [self._place(r) for r in self._con.execute(
            f"SELECT {_COLS} FROM places WHERE kind = 'country'")]


def _strip_articles(k: str) -> str:
    tokens = k.split()
    return " ".join(t for t in tokens if t not in ARTICLES) or k


def _similar(query_key: str, name: str) -> bool:
    """Guard on loose matches: the spellings must still look alike."""
    from rapidfuzz import fuzz

    return fuzz.ratio(query_key, _strip_articles(key(name))) >= 70


def _prefer_seats(cands):
    """An area named like its main town ("Kunduz", "Mopti", "Raqqa") usually means
    the town: demote the area below a town of the same name in the same country
    that holds a good share of the area's people."""
    cands = list(cands)
    towns = [c for c in cands if c.place.kind == "city" and c.reason in ("exact", "normalised")]
    out = []
    for c in cands:
        p = c.place
        alias = key(c.matched) != key(p.name)
        if p.kind in ("admin1", "admin2") and any(
                t.place.country_code == p.country_code
                and (key(t.place.name) == key(p.name) and t.place.population >= 0.1 * p.population
                     or alias and t.place.population >= 0.05 * p.population)
                for t in towns):
            c = Candidate(p, round(c.score * 0.85, 4), c.reason, c.matched)
        out.append(c)
    return out


def _haversine_m(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_M * math.asin(min(1.0, math.sqrt(a)))

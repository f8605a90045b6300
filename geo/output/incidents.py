"""One incident, one event across reports: merge the event features of many reports.

Two event features of different reports are one incident when they have the same
``event_type``, the same date (or both undated), and the same place: a shared
gazetteer id in ``places``, else points within :data:`SAME_PLACE_KM`. The merged
feature keeps the most confident report's properties, mentions and geometry,
lists every report's ``{"doc", "quote"}`` in ``sources``, keeps every stated
figure in ``counts`` and uses the lowest as ``count`` (and the lowest
``fatalities``), as ACLED does with conflicting sources.

Only event features are held until the end, in an index keyed by type and date,
so merging costs memory in the number of events, not of reports, and time
linear in the events of each (type, date) key. Places and zones pass through as
they come.

>>> def ev(doc, n, lat):
...     return {"type": "Feature", "geometry": None, "properties": {
...         "kind": "event", "doc": doc, "event_type": "Battles", "date": "2024-05-01",
...         "places": ["geonames:1"], "count": n, "fatalities": n, "lat": lat, "lon": 30.0,
...         "confidence": 0.5, "quote": f"{doc} says {n} died."}}
>>> out = list(merge_incidents([ev("a", 12, 10.0), ev("b", 9, 10.01)]))
>>> len(out), out[0]["properties"]["count"], out[0]["properties"]["counts"]
(1, 9, [9, 12])
>>> [s["doc"] for s in out[0]["properties"]["sources"]]
['a', 'b']
"""
from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any

from geo.distance import haversine_km

__all__ = ["SAME_PLACE_KM", "merge_incidents"]

#: Two events' points this close (km) are at the same place.
SAME_PLACE_KM = 10.0

Feature = dict[str, Any]


def merge_incidents(features: Iterable[Feature]) -> Iterator[Feature]:
    """Yield places and zones as they come, then the events, incidents merged.

    Parameters
    ----------
    features : iterable of dict
        Export-contract features of any number of reports, in report order.

    Yields
    ------
    dict
        The same features, events of one incident merged into one, in the order of
        each incident's first report.
    """
    clusters: list[list[Feature]] = []
    index: dict[tuple[Any, Any], list[int]] = {}
    for f in features:
        p = f.get("properties") or {}
        if p.get("kind") != "event":
            yield f
            continue
        key = (p.get("event_type"), p.get("date"))
        for c in index.get(key, ()):
            cluster = clusters[c]
            if all(_doc(g) != _doc(f) for g in cluster) and _same_place(cluster[0], f):
                cluster.append(f)
                break
        else:
            index.setdefault(key, []).append(len(clusters))
            clusters.append([f])
    for cluster in clusters:
        yield _combine(cluster)


def _doc(f: Feature) -> Any:
    return f["properties"].get("doc")


def _same_place(a: Feature, b: Feature) -> bool:
    pa, pb = a["properties"], b["properties"]
    if set(pa.get("places") or ()) & set(pb.get("places") or ()):
        return True
    if None in (pa.get("lat"), pa.get("lon"), pb.get("lat"), pb.get("lon")):
        return False
    return haversine_km(pa["lon"], pa["lat"], pb["lon"], pb["lat"]) <= SAME_PLACE_KM


def _sources(f: Feature) -> list[dict[str, Any]]:
    p = f["properties"]
    return list(p.get("sources") or [{"doc": p.get("doc"), "quote": p.get("quote")}])


def _figures(f: Feature) -> list[int]:
    p = f["properties"]
    stated = p.get("counts") or ([p["count"]] if p.get("count") is not None
                                 and (p.get("count_text") or p.get("count")) else [])
    return [n for n in stated if isinstance(n, int)]


def _combine(cluster: list[Feature]) -> Feature:
    if len(cluster) == 1:
        return cluster[0]
    best = max(cluster, key=lambda f: f["properties"].get("confidence") or 0.0)
    out = copy.copy(best)
    p = dict(best["properties"])
    sources: list[dict[str, Any]] = []
    for f in cluster:
        sources += [s for s in _sources(f) if s not in sources]
    figures = sorted({n for f in cluster for n in _figures(f)})
    if figures:
        p["count"], p["counts"] = figures[0], figures
    deaths = [f["properties"]["fatalities"] for f in cluster
              if isinstance(f["properties"].get("fatalities"), int)]
    if deaths:
        p["fatalities"] = min(deaths)
    p["sources"] = sources
    p["actors"] = list(dict.fromkeys(a for f in cluster for a in f["properties"].get("actors")
                                     or ()))
    out["properties"] = p
    return out

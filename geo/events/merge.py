"""Merge the same event told by several reports.

Two events are the same when they have the same ``event_type``, the same place (a
shared gazetteer id, or representative points within ``km`` kilometres), and the same
date (or both undated). A merged event keeps the most confident report's sentence,
trigger and location, lists every document in ``sources``, and fills a missing count
(the largest reported), date and actors from the others.

Events of one document are not merged with each other (each stays findable by its
sentence); a cluster takes at most one event per document.
"""
from __future__ import annotations

import dataclasses
import math

from geo.distance import haversine_km
from geo.model import Event

__all__ = ["merge", "same_event"]


def merge(events: list[Event], *, km: float = 10.0) -> list[Event]:
    """Merge events that report the same thing from different documents.

    Parameters
    ----------
    events : list of Event
        Events of any number of documents.
    km : float
        How far apart two locations may be and still be one place.

    Returns
    -------
    list of Event
        In the order of each cluster's first event; ``sources`` of a merged event
        hold all its documents' ids.
    """
    clusters: list[list[Event]] = []
    docs: list[set[str]] = []
    order = sorted(range(len(events)), key=lambda i: -events[i].confidence)
    for i in order:
        ev = events[i]
        d = _doc(ev)
        for c, ds in zip(clusters, docs):
            if d not in ds and same_event(c[0], ev, km=km):
                c.append(ev)
                ds.add(d)
                break
        else:
            clusters.append([ev])
            docs.append({d})
    first = {id(e): i for i, e in enumerate(events)}
    clusters.sort(key=lambda c: min(first[id(e)] for e in c))
    return [_combine(c) for c in clusters]


def same_event(a: Event, b: Event, *, km: float = 10.0) -> bool:
    """Whether ``a`` and ``b`` report the same event (type, place, date)."""
    if a.event_type != b.event_type or a.date != b.date:
        return False
    if set(a.places) & set(b.places):
        return True
    pa, pb = _point(a.geometry), _point(b.geometry)
    if pa is None or pb is None:
        return False
    return _haversine_km(pa, pb) <= km


def _combine(cluster: list[Event]) -> Event:
    best = cluster[0]
    if len(cluster) == 1:
        return best
    sources: list[str] = []
    actors: list[str] = []
    for ev in cluster:
        for s in ev.sources or (_doc(ev),):
            if s not in sources:
                sources.append(s)
        for a in ev.actors:
            if a not in actors:
                actors.append(a)
    counts = [e.count for e in cluster if e.count is not None]
    count = best.count if best.count is not None else (max(counts) if counts else None)
    count_text = best.count_text if best.count is not None else next(
        (e.count_text for e in cluster if e.count == count and count is not None), None)
    conf = 1 - math.prod(1 - e.confidence for e in cluster)
    return dataclasses.replace(best, sources=tuple(sources), actors=tuple(actors), count=count,
                               count_text=count_text, confidence=round(min(conf, 0.99), 3))


def _doc(ev: Event) -> str:
    return ev.trigger.doc or (ev.sources[0] if ev.sources else "")


def _point(geom) -> tuple[float, float] | None:
    if geom is None or geom.is_empty:
        return None
    p = geom if geom.geom_type == "Point" else geom.representative_point()
    return p.x, p.y


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1])

"""One incident, one event: merge the sentences of a report, and the reports, that tell
the same incident.

Within a report (:func:`merge_in_report`), two events are one incident when they have
the same type and sub-type, the same town-level place (a shared gazetteer id, stated in
each sentence or referred to, not the report's frame or main place by default), the
same date unless neither sentence states one, and no conflicting actors, as ACLED
aggregates violence of one type by the same actors on one day in one place; incidents a
report tells one by one ("The first raid …", "The second took place …") stay apart; a
sentence that points back to the incident told just before ("Nine people were killed in
that assault") joins it, where and when it happened.
The merged event's ``sentence`` (the export's ``quote``) is the sentence that tells
most of it (its place stated in it, finely, a figure, a date; the first on a tie); it
lists every sentence in ``quotes`` (text order) and every trigger in ``triggers``, the
main one first (each sentence stays findable through its trigger mention). It takes
the best location (a place stated in the sentence before one inferred from context),
the best date (one stated in the sentence before one taken from the report's frame),
and the largest figures (a report's later sentences usually tell part of the toll its
lead gives).

Across reports (:func:`merge`), two events are the same when they have the same
``event_type``, the same place (a shared gazetteer id, or representative points within
``km`` kilometres), and the same date (or both undated). A merged event keeps the most
confident report's sentence, trigger and location, lists every report's sentence in
``sources``, keeps every figure in ``counts`` and uses the lowest, as ACLED does with
conflicting sources. A cluster takes at most one event per document.
"""
from __future__ import annotations

import dataclasses
import math
import re

from geo.distance import haversine_km
from geo.model import Event

__all__ = ["merge", "merge_in_report", "same_event"]


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
    sources: list[tuple[str, str]] = []
    actors: list[str] = []
    for ev in cluster:
        for s in ev.sources or ((_doc(ev), ev.sentence.text),):
            if s not in sources:
                sources.append(s)
        for a in ev.actors:
            if a not in actors:
                actors.append(a)
    figures = sorted({n for e in cluster if e.count_text
                      for n in (e.counts or (e.count,)) if n is not None})
    count = figures[0] if figures else best.count  # figures stated, not 0 for none told
    count_text = next((e.count_text for e in cluster if e.count == count and e.count_text),
                      best.count_text)
    conf = 1 - math.prod(1 - e.confidence for e in cluster)
    return dataclasses.replace(best, sources=tuple(sources), actors=tuple(actors), count=count,
                               count_text=count_text, counts=tuple(figures),
                               fatalities=_lowest(e.fatalities for e in cluster),
                               injured=_lowest(e.injured for e in cluster),
                               confidence=round(min(conf, 0.99), 3))


def merge_in_report(events: list[Event]) -> list[Event]:
    """Merge the events of one report that tell the same incident (see the module).

    Parameters
    ----------
    events : list of Event
        The events of one document, in text order.

    Returns
    -------
    list of Event
        In text order of each incident's first sentence.
    """
    groups: list[list[Event]] = []
    last: list[Event] | None = None
    for ev in events:
        if last is not None and _refers_back(ev, last[-1]):
            last.append(_placed_as(ev, last[0]))
            continue
        for g in groups:
            if _one_incident(g[0], ev):
                g.append(ev)
                last = g
                break
        else:
            groups.append([ev])
            last = groups[-1]
    return [_fold(g) for g in groups]


#: "Nine people were killed in that assault": the sentence tells more of an incident
#: already told.
_BACK = re.compile(r"\b(?:in|during|from)\s+(?:that|this|the same|the)\s+"
                   r"(?:[\w'’-]+\s+)?(?:attack|assault|raid|ambush|strike|bombing|massacre"
                   r"|incident|shelling|explosion|blast)s?\b", re.IGNORECASE)


#: "The assailants, identified as …, killed five": the perpetrators of the incident
#: just told.
_THE_PERPETRATORS = re.compile(r"^\W*(?:the|these)\s+(?:assailants|attackers|gunmen|raiders"
                               r"|perpetrators|killers)\b", re.IGNORECASE)


def _refers_back(ev: Event, prev: Event) -> bool:
    """Whether ``ev`` tells more of the incident ``prev`` (the report's event before it)
    told: of its type, within two sentences, its sentence pointing back to it ("were
    killed in that assault", "The attackers … killed five") and stating no date or town
    of its own."""
    own_town = (ev.located_by == "sentence" and ev.precision in ("town", "exact")
                and ev.places != prev.places)  # "… killed in Gao, in the attack on X"
    return (ev.event_type == prev.event_type and ev.dated_by != "sentence" and not own_town
            and 0 < ev.sentence.index - prev.sentence.index <= 2
            and (_BACK.search(ev.sentence.text) is not None
                 or _THE_PERPETRATORS.match(ev.sentence.text) is not None))


def _placed_as(ev: Event, told: Event) -> Event:
    """``ev`` where and when the incident it points back to happened (taken from it, so
    they do not make ``ev`` the sentence that tells most of the incident)."""
    how = f"coreference: incident (sentence {told.sentence.index})"
    return dataclasses.replace(
        ev, geometry=told.geometry, places=told.places, place_mentions=(),
        precision=told.precision, located_by=how, country_code=told.country_code,
        location=told.location, admin1=told.admin1, admin2=told.admin2, country=told.country,
        geo_precision=told.geo_precision, unplaced=told.unplaced, date=told.date,
        date_text=told.date_text, date_precision=told.date_precision, dated_by=how)


_LOCATED = ("sentence", "coreference", "document")


def _one_incident(a: Event, b: Event) -> bool:
    """Same sub-type, same town-level place (and ``geo_precision``) stated or referred to
    in each sentence (not the report's frame or main place by default), no different
    places the gazetteer lacks, the same date unless neither sentence states one, no two
    different actors' sets, neither one of a series told one by one ("the first raid")."""
    if a.event_type != b.event_type or a.sub_event_type != b.sub_event_type:
        return False
    untold = a.dated_by != "sentence" and b.dated_by != "sentence"
    if a.date is None or (a.date != b.date and not untold) or not a.places \
            or a.places != b.places:
        return False  # dates both taken from the report's frame do not tell them apart
    if a.geo_precision != b.geo_precision:
        return False  # "in Mekele" and "on the outskirts of Mekele" are two places
    if any(e.precision not in ("town", "exact") or not e.located_by.startswith(
            ("sentence", "coreference")) for e in (a, b)):
        return False
    if (a.unplaced or b.unplaced) and set(a.unplaced) != set(b.unplaced):
        return False  # each names its own village the gazetteer lacks: two places
    if _ordinal(a) or _ordinal(b):
        return False  # "the first raid", "the second": incidents told one by one
    return not (a.actors and b.actors and not set(a.actors) & set(b.actors))


_ORDINAL = re.compile(r"(?:\b(?:first|second|third|fourth|fifth|next|last|other|latter)\s+"
                      r"(?:(?!time\b)[\w'’-]+\s+)?$)", re.IGNORECASE)
_ORDINALS = frozenset("second third fourth fifth next last other latter".split())


def _ordinal(e: Event) -> bool:
    """Whether the event is one of a series the report tells one by one ("The first raid
    occurred …", "The second took place …")."""
    s = e.sentence
    before = s.text[max(0, e.trigger.start - s.start - 30):max(0, e.trigger.start - s.start)]
    return bool(_ORDINAL.search(before)) or e.trigger.text.lower() in _ORDINALS


def _fold(group: list[Event]) -> Event:
    first = group[0]
    if len(group) == 1:
        return dataclasses.replace(first, quotes=(first.sentence,), triggers=(first.trigger,))
    main = max(group, key=lambda e: (_told(e), -group.index(e)))
    where = min(group, key=lambda e: (_rank(e.located_by), -e.confidence))
    when = min(group, key=lambda e: (e.dated_by != "sentence", group.index(e)))
    mentions: list = []
    for e in group:
        mentions += [m for m in e.place_mentions if m not in mentions]
    counted = [e for e in group if e.count is not None]
    top = max(counted, key=lambda e: e.count or 0) if counted else first
    actors = tuple(dict.fromkeys(a for e in group for a in e.actors))
    return dataclasses.replace(
        main, quotes=tuple(e.sentence for e in group),
        triggers=(main.trigger, *(e.trigger for e in group if e is not main)),
        geometry=where.geometry, places=where.places, place_mentions=tuple(mentions),
        precision=where.precision, located_by=where.located_by,
        country_code=where.country_code, location=where.location, admin1=where.admin1,
        admin2=where.admin2, country=where.country, geo_precision=where.geo_precision,
        date=when.date, date_text=when.date_text, date_precision=when.date_precision,
        dated_by=when.dated_by, count=top.count, count_text=top.count_text,
        fatalities=_largest(e.fatalities for e in group),
        injured=_largest(e.injured for e in group), displaced=_largest(e.displaced for e in group),
        abducted=_largest(e.abducted for e in group), arrested=_largest(e.arrested for e in group),
        actors=actors, confidence=max(e.confidence for e in group),
        unplaced=tuple(dict.fromkeys(n for e in group for n in e.unplaced)),
        sources=tuple(dict.fromkeys(s for e in group for s in e.sources)))


def _told(e: Event) -> int:
    """How much a sentence tells of its incident: where (stated in it, how finely),
    how many, when."""
    return (2 * (e.located_by == "sentence") + (e.precision in ("town", "exact"))
            + bool(e.count_text) + (e.dated_by == "sentence") + bool(e.place_mentions))


def _rank(located_by: str) -> int:
    head = located_by.split(":")[0]
    return _LOCATED.index(head) if head in _LOCATED else len(_LOCATED)


def _largest(values) -> int | None:
    got = [v for v in values if v is not None]
    return max(got) if got else None


def _lowest(values) -> int | None:
    got = [v for v in values if v is not None]
    return min(got) if got else None


def _doc(ev: Event) -> str:
    return ev.trigger.doc or (ev.sources[0][0] if ev.sources else "")


def _point(geom) -> tuple[float, float] | None:
    if geom is None or geom.is_empty:
        return None
    p = geom if geom.geom_type == "Point" else geom.representative_point()
    return p.x, p.y


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1])

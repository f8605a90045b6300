"""Containment the text states: "Bangor, Maine", "Stanton is a ghost town in
Yavapai County, Arizona", "Oak Park, a suburb of Melbourne".

A place the text puts inside another should be resolved inside it; when the
gazetteer has no such candidate, the place is located by its container.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gazetteer.model import Place
from geo.distance import haversine_km

__all__ = ["Container", "containers", "following_spans", "inside"]

_COMMA = re.compile(r"^,\s*$")
_STATED = re.compile(
    r"^(?:\s*\([^)]{0,80}\))?(?:,\s*|\s+)(?:(?:is|was|are|were|lies|lay|sits|located|situated|"
    r"a|an|the|one|of|small|large|former|ghost|census-designated|unincorporated|rural|"
    r"village|town|city|hamlet|community|settlement|suburb|district|neighbou?rhood|"
    r"municipality|commune|parish|borough|township|place|area|locality|capital|seat|port|"
    r"county|region|province|state|[a-z]+-?[a-z]*ern|\w+ly)\s+){1,8}(?:in|of|near)\s+"
    r"(?:the\s+)?(?:(?:U\.S\.|US|American|Canadian|Australian|Indian|Mexican)\s+"
    r"(?:state|province)\s+of\s+)?$")
_MAX_GAP = 160


@dataclass(frozen=True, slots=True)
class Container:
    """A place a span is said to lie in, and whether that was said in words."""

    place: Place
    stated: bool  # "in Y"/"of Y" (True) or only "X, Y" (False)
    confidence: float = 1.0


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.lon, a.lat, b.lon, b.lat)


def inside(p: Place, k: Place) -> bool:
    """Is place ``p`` plausibly inside container ``k``?"""
    if k.kind in ("country",):
        return p.country_code == k.country_code
    if k.kind == "admin1":
        return p.country_code == k.country_code and p.admin1 == k.admin1
    if k.kind == "admin2":
        return p.country_code == k.country_code and p.admin1 == k.admin1 and _km(p, k) < 120
    if k.kind in ("city", "camp", "landmark", "custom"):
        return _km(p, k) < 40
    return True  # regions, rivers, continents: no rule


def containers(span, following, chosen, text: str, norm) -> list[Container]:
    """Places the text puts ``span`` in, most specific first.

    ``following`` are the spans that start after ``span`` begins, in order of their
    starts (:func:`following_spans`); only the few within :data:`_MAX_GAP`
    characters are read, so a document's containment costs time linear in its length.
    """
    out: list[Container] = []
    prev_end = span.end
    for other in following:
        if other.start - span.end > _MAX_GAP:
            break
        if other.start < span.end or other.type != "toponym":
            continue
        gap = text[prev_end:other.start]
        if other.start - span.end > _MAX_GAP or "." in gap.replace("U.S.", "") or "\n" in gap:
            break
        stated = bool(_STATED.match(gap))
        if not (stated or _COMMA.match(gap) or (out and re.match(r"^\s*(?:,|in|of)\s*$", gap))):
            if out:
                break
            continue
        got = chosen.get(norm(other.text))
        place = got[0] if got else None
        if place is None or place.kind in ("continent", "river"):
            break
        if not stated and not out and place.kind not in ("admin1", "admin2", "country"):
            break  # "Aleppo, Homs and Hama" is a list, not containment
        out.append(Container(place, stated or bool(out and out[0].stated), got[1]))
        prev_end = other.end
    return out


def following_spans(spans) -> Iterator[tuple[object, Iterator]]:
    """Each span with an iterator over the spans after it (ordered by start), for
    :func:`containers`; ``spans`` keep their own order."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, i))
    rank = {i: r for r, i in enumerate(order)}
    for i, span in enumerate(spans):
        yield span, (spans[order[r]] for r in range(rank[i] + 1, len(order)))

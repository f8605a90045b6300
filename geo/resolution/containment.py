"""Containment the text states: "Bangor, Maine", "Stanton is a ghost town in
Yavapai County, Arizona", "Oak Park, a suburb of Melbourne".

A place the text puts inside another should be resolved inside it; when the
gazetteer has no such candidate, the place is located by its container.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from gazetteer.model import Place
from geo.distance import haversine_km
from geo.resolution.policy import CONTAINER_MAX_GAP as _MAX_GAP
from geo.resolution.policy import IN_ADMIN2_KM, IN_TOWN_KM

__all__ = ["Container", "containers", "following_spans", "inside"]


class _Spanned(Protocol):
    """Anything with a start offset: a recognised span, as :func:`following_spans` sees it."""

    @property
    def start(self) -> int: ...


#: A recognised span (the stage above hands them in; only their order matters here).
S = TypeVar("S", bound=_Spanned)

#: "Diblou in Burkina Faso", "Diblou, in Centre-Nord": a plain "in" (used only for
#: names that are otherwise unresolved; "talks in Geneva in May" is not containment).
_PLAIN_IN = re.compile(r"^,?\s+in\s+(?:the\s+)?$")
#: "Burkina Faso's Centre-Nord": the second lies in the first.
_POSSESSIVE = re.compile(r"^['’]s?\s+(?:the\s+)?$")

_COMMA = re.compile(r"^,\s*$")
_STATED = re.compile(
    r"^(?:\s*\([^)]{0,80}\))?(?:,\s*|\s+)(?:(?:is|was|are|were|lies|lay|sits|located|situated|"
    r"a|an|the|one|of|small|large|former|ghost|census-designated|unincorporated|rural|"
    r"village|town|city|hamlet|community|settlement|suburb|district|neighbou?rhood|"
    r"municipality|commune|parish|borough|township|place|area|locality|capital|seat|port|"
    r"county|region|province|state|[a-z]+-?[a-z]*ern|\w+ly)\s+){1,8}(?:in|of|near)\s+"
    r"(?:the\s+)?(?:(?:U\.S\.|US|American|Canadian|Australian|Indian|Mexican)\s+"
    r"(?:state|province)\s+of\s+)?$")


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
        return (p.country_code == k.country_code and p.admin1 == k.admin1
                and _km(p, k) < IN_ADMIN2_KM)
    if k.kind in ("city", "camp", "landmark", "custom"):
        return _km(p, k) < IN_TOWN_KM
    return True  # regions, rivers, continents: no rule


def _end(span, text: str) -> int:
    """Where a span's phrase ends: after the area word its mention leaves out
    ("Hebei" written "Hebei province"), else at its end."""
    if not getattr(span, "sense", ""):
        return span.end
    m = re.match(r"\s+\w+", text[span.end:span.end + 40])
    return span.end + (m.end() if m else 0)


def containers(span, following, chosen, text: str, sense, *,
               plain_in: bool = False) -> list[Container]:
    """Places the text puts ``span`` in, most specific first.

    ``following`` are the spans that start after ``span`` begins, in order of their
    starts (:func:`following_spans`); only the few within :data:`_MAX_GAP`
    characters are read, so a document's containment costs time linear in its length.
    With ``plain_in``, a bare "X in Y" (Y an admin area or a country) counts as
    stated containment too, and "Y's Z" puts Z inside Y. ``sense(span)`` is the
    key ``chosen`` holds a span's choice under.
    """
    out: list[Container] = []
    prev_end = _end(span, text)
    for other in following:
        if other.start - span.end > _MAX_GAP:
            break
        if other.start < span.end or other.type != "toponym":
            continue
        gap = text[prev_end:other.start]
        if other.start - span.end > _MAX_GAP or "." in gap.replace("U.S.", "") or "\n" in gap:
            break
        plain = plain_in and not out and bool(_PLAIN_IN.match(gap))
        owner = plain_in and bool(out) and bool(_POSSESSIVE.match(gap))
        stated = bool(_STATED.match(gap)) or plain
        if not (stated or owner or _COMMA.match(gap)
                or (out and re.match(r"^\s*(?:,|in|of)\s*$", gap))):
            if out:
                break
            continue
        got = chosen.get(sense(other))
        place = got[0] if got else None
        if place is None or place.kind in ("continent", "river"):
            break
        if (plain or not stated) and not out and place.kind not in ("admin1", "admin2",
                                                                     "country"):
            break  # "Aleppo, Homs and Hama" is a list, not containment
        if owner:
            if not inside(place, out[0].place):
                break
            out.insert(0, Container(place, out[0].stated, got[1]))
        else:
            out.append(Container(place, stated or bool(out and out[0].stated), got[1]))
        prev_end = _end(other, text)
    return out


def following_spans(spans: Sequence[S]) -> Iterator[tuple[S, Callable[[], Iterator[S]]]]:
    """Each span with a function giving a fresh iterator over the spans after it
    (ordered by start), for :func:`containers`; ``spans`` keep their own order."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, i))
    rank = {i: r for r, i in enumerate(order)}

    def after(r: int) -> Iterator[S]:
        return (spans[order[k]] for k in range(r + 1, len(order)))

    for i, span in enumerate(spans):
        yield span, functools.partial(after, rank[i])

"""Where a name the gazetteer could not resolve is located, if anywhere.

A report's unresolved name is still a place (never silently dropped). When the
text puts it in a container, resolution locates it there
(:meth:`geo.resolution.resolve.Resolver.resolve_spans`); otherwise it is
located by the report's main country when one country clearly dominates the
resolved places, with that precision and a low confidence.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from gazetteer.model import Place
from geo.model import Resolution
from geo.resolution.policy import FALLBACK_CONFIDENCE, uncertainty_m

__all__ = ["Fallback", "main_country_fallback"]


@dataclass(frozen=True, slots=True)
class Fallback:
    """Where unresolved names are located: the place, with what confidence and
    precision, and what to add to the reason."""

    place: Place
    confidence: float
    precision: str
    reason: str
    uncertainty_m: float | None = None


def main_country_fallback(resolutions: Iterable[Resolution], index) -> Fallback | None:
    """The report's main country (the most frequent among resolved places, when
    it is named at least twice or alone), or None."""
    counts = Counter(r.place.country_code for r in resolutions
                     if r.place is not None and r.place.country_code)
    if not counts or index is None:
        return None
    code, n = counts.most_common(1)[0]
    if n < 2 and len(counts) > 1:
        return None
    place = index.country_place(code)
    if place is None:
        return None
    outline = index.country(code) if hasattr(index, "country") else None
    return Fallback(place, FALLBACK_CONFIDENCE, "country", "; located by the report's country",
                    uncertainty_m(place, outline))

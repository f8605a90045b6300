"""Where a name the gazetteer could not resolve is located, if anywhere.

A report's unresolved name is still a place (never silently dropped). When the
text puts it in a container, resolution locates it there
(:meth:`geo.resolution.resolve.Resolver.resolve_spans`); otherwise it is
located by the report's main first-level area (state, province, governorate)
when one clearly dominates the resolved places of its main country, else by
the main country, with that precision and a low confidence: an analyst sees the
name where the report is, never on another continent.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.model import Place
from geo.model import Resolution
from geo.resolution.policy import (AREA_FALLBACK_MIN, AREA_FALLBACK_SHARE, FALLBACK_CONFIDENCE,
                                   uncertainty_m)

__all__ = ["Fallback", "main_area_fallback", "main_country_fallback"]


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
    return Fallback(place, FALLBACK_CONFIDENCE, "country", "; located by the report's country",
                    _country_uncertainty(index, code, place))


@lru_cache(maxsize=512)
def _country_uncertainty(index, code: str, place: Place) -> float:
    """:func:`uncertainty_m` of a country from its outline: measured once per
    gazetteer and country (a big country's area and centroid take milliseconds)."""
    outline = index.country(code) if hasattr(index, "country") else None
    return uncertainty_m(place, outline)


def main_area_fallback(resolutions: Iterable[Resolution], index) -> Fallback | None:
    """The report's main first-level area when its resolved places agree on one,
    else :func:`main_country_fallback`.

    The area is the admin-1 code shared by at least :data:`AREA_FALLBACK_MIN`
    of the resolved towns and areas of the main country, and by at least
    :data:`AREA_FALLBACK_SHARE` of them ("Readington" in a report whose other
    places are in New Jersey is put at New Jersey, not at the United States).
    """
    resolutions = tuple(resolutions)
    country = main_country_fallback(resolutions, index)
    if country is None or not hasattr(index, "admin1_place"):
        return country
    code = country.place.country_code
    areas = Counter(r.place.admin1 for r in resolutions
                    if r.place is not None and r.place.country_code == code
                    and r.place.kind not in ("country", "continent", "region")
                    and r.place.admin1)
    if not areas:
        return country
    area, n = areas.most_common(1)[0]
    if n < AREA_FALLBACK_MIN or n < AREA_FALLBACK_SHARE * sum(areas.values()):
        return country
    place = index.admin1_place(code, area)
    if place is None:
        return country
    return Fallback(place, FALLBACK_CONFIDENCE, "admin", "; located by the report's main area",
                    uncertainty_m(place))

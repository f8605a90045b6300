"""How far "west of X" reaches: the scale of the report, read from its own places.

A front-line report names villages a few kilometres apart; a report about a
province names towns tens of kilometres apart. "West of Avdiivka" in the first
means the next villages, "east of Aleppo" in the second the towns out to Manbij.
The reach of an undistanced direction is :data:`SPREAD` times the distance from
its anchor to the nearest other place of its sentence ("Al Alaq, west of
Baalbek", "to the west of Avdiivka near Sieverne", "Gezira state, south of
Khartoum"), else to the median town of the report (places between :data:`MIN_M`
and :data:`MAX_M` away count), held between :data:`FLOOR_M` and
:data:`CEILING_M`; :data:`DEFAULT_M` without any.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["CEILING_M", "DEFAULT_M", "FLOOR_M", "MAX_M", "MIN_M", "SPREAD", "report_scale_m"]

MIN_M = 1_000.0          # nearer than this: the same place
MAX_M = 300_000.0        # farther than this: another theatre (the capital, abroad)
FLOOR_M = 8_000.0
CEILING_M = 200_000.0
DEFAULT_M = 100_000.0
SPREAD = 1.3


def report_scale_m(anchor: Any, sentence: Sequence[Any], report: Sequence[Any]) -> float:
    """How far (metres) an undistanced direction from ``anchor`` reaches.

    Parameters
    ----------
    anchor : shapely Point
        The place the direction is taken from (lon/lat).
    sentence, report : sequence of shapely Point
        The resolved towns, camps and the like of the sentence and of the report.
    """
    from . import geometry as G

    def near(points: Sequence[Any]) -> list[float]:
        return sorted(d for d in (G.distance_m(anchor, p) for p in points) if MIN_M < d < MAX_M)

    dists = near(sentence)
    if dists:
        typical = dists[0]
    else:
        dists = near(report)
        if not dists:
            return DEFAULT_M
        mid = len(dists) // 2
        typical = dists[mid] if len(dists) % 2 else (dists[mid - 1] + dists[mid]) / 2
    return min(CEILING_M, max(FLOOR_M, SPREAD * typical))

"""River banks as the writer means them: the stretch of the river the report is about.

A named river is a line hundreds of kilometres long; "hid on the banks of the Nile"
in a report from Malakal means the river at Malakal, and "the east bank of the
Dnipro" in a report about Kherson the left bank near Kherson. The stretch is the
river within :data:`STRETCH_M` of the places of the sentence that lie within
:data:`ON_RIVER_M` of it, else of any such place of the report; with none, the
whole river (in the countries the builder clips it to). "The left bank" is the
side on the left looking downstream (river lines run from source to mouth), along
the stretch the report is about.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import geometry as G

__all__ = ["BANKS_M", "ON_RIVER_M", "SIDE_STRETCH_M", "STRETCH_M", "hand_side", "stretch"]

BANKS_M = 4_000.0          # "the banks of X": this far from the river's line
ON_RIVER_M = 15_000.0      # a place this near the river is on it
STRETCH_M = 10_000.0       # "the banks of X" reach this far along from such a place
SIDE_STRETCH_M = 80_000.0  # "the east bank of X" reaches this far from such a place


def stretch(line: Any, sentence: Sequence[Any], report: Sequence[Any],
            reach_m: float) -> Any | None:
    """Discs of ``reach_m`` about the places on the river (sentence first, else
    report), or None when no place of the report lies on it."""
    import shapely
    import shapely.ops

    for points in (sentence, report):
        on = [p for p in points if G.distance_m(p, shapely.ops.nearest_points(line, p)[0])
              <= ON_RIVER_M]
        if on:
            return shapely.union_all([G.around(p, reach_m) for p in on])
    return None


def hand_side(line: Any, hand: str) -> str:
    """The compass side ("E", "SW"...) of the left or right bank of a river line
    drawn from source to mouth, by its course from its first to its last point
    (pass the stretch the report is about)."""
    import math

    import shapely

    xy = shapely.get_coordinates(line)
    (x0, y0), (x1, y1) = xy[0], xy[-1]
    k = math.cos(math.radians((y0 + y1) / 2))
    flow = math.degrees(math.atan2((x1 - x0) * k, y1 - y0)) % 360
    side = (flow + (-90 if hand.lower() == "left" else 90)) % 360
    points = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
    return points[int((side + 22.5) // 45) % 8]

"""Great-circle distance on the mean Earth sphere, for ranking and grouping.

Geometry that must be exact in metres (zones) uses pyproj's geodesics in
:mod:`geo.spatial.geometry`; this is the cheap distance the resolver and the
event merger compare against thresholds of tens or hundreds of kilometres.
"""
from __future__ import annotations

import math

__all__ = ["haversine_km", "EARTH_RADIUS_KM"]

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance in km between two (lon, lat) points.

    >>> round(haversine_km(38.95382, 36.69648, 38.86228, 36.3855))  # Tel Abyad - Ain Issa
    36
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))

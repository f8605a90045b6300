"""Great-circle distance on the mean Earth sphere, for ranking and grouping.

Geometry that must be exact in metres (zones) uses pyproj's geodesics in
:mod:`geo.spatial.geometry`; this is the cheap distance the resolver and the
event merger compare against thresholds of tens or hundreds of kilometres.
"""
from __future__ import annotations

import math
from typing import Any

__all__ = ["haversine_km", "pairwise_km", "EARTH_RADIUS_KM"]

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


def pairwise_km(lon: Any, lat: Any) -> Any:
    """Distances in km between every pair of (lon, lat) points (degrees), as an n×n array.

    >>> m = pairwise_km([38.95382, 38.86228], [36.69648, 36.3855])
    >>> m.shape, round(float(m[0, 1]))
    ((2, 2), 36)
    """
    import numpy as np

    lam, phi = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    h = (np.sin((phi[:, None] - phi[None, :]) / 2) ** 2
         + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin((lam[:, None] - lam[None, :]) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))

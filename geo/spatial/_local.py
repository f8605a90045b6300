"""Geodesy plumbing for :mod:`geo.spatial.geometry`: the WGS84 ellipsoid and local
azimuthal equidistant frames, from :mod:`gazetteer.geodesy` (the gazetteer widens
country outlines with them at build time)."""
from __future__ import annotations

from gazetteer.geodesy import (
    DENSIFY_DEG,
    DENSIFY_M,
    centre_of,
    frame,
    from_local,
    geod,
    polygonal,
    split_antimeridian,
    to_local,
    unwrap_lon,
)

__all__ = ["DENSIFY_DEG", "DENSIFY_M", "centre_of", "frame", "from_local", "geod", "polygonal",
           "split_antimeridian", "to_local", "unwrap_lon"]

"""Features as a GeoDataFrame, and the layer name of each feature kind."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

__all__ = ["LAYERS", "to_geodataframe"]

#: Layer (GeoPackage) and folder (KML) names of each feature kind.
LAYERS = {"place": "places", "zone": "zones", "event": "events"}


def _flat(value: Any) -> Any:
    """Nested properties (mentions, source, actors, places…) as JSON text."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_geodataframe(features: Iterable[dict[str, Any]], *, columns: Iterable[str] = ()):
    """Features as a GeoDataFrame in EPSG:4326 (nested properties as JSON text).

    Parameters
    ----------
    features : iterable of dict
        Export-contract features.
    columns : iterable of str, optional
        Columns to have even when no feature has them (the property order of
        the features is kept otherwise).
    """
    import geopandas
    import shapely

    rows, geoms = [], []
    for f in features:
        rows.append({k: _flat(v) for k, v in f["properties"].items()})
        geoms.append(shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None)
    gdf = geopandas.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
    for c in columns:
        if c not in gdf.columns:
            gdf[c] = None
    return gdf

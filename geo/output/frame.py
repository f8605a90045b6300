"""Features as GeoDataFrames, and the layer name of each feature kind."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

__all__ = ["LAYERS", "frames", "to_geodataframe"]

#: Layer (GeoPackage) and folder (KML) names of each feature kind.
LAYERS = {"place": "places", "zone": "zones", "event": "events"}


def _flat(value: Any) -> Any:
    """Nested properties (mentions, source, actors, places…) as JSON text."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _frame(props: Sequence[dict[str, Any]], geoms: Sequence[Any], columns: Iterable[str]):
    import geopandas

    rows = [{k: _flat(v) for k, v in p.items()} for p in props]
    gdf = geopandas.GeoDataFrame(rows, geometry=list(geoms), crs="EPSG:4326")
    for c in columns:
        if c not in gdf.columns:
            gdf[c] = None
    return gdf


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
    import shapely

    props, geoms = [], []
    for f in features:
        props.append(f["properties"])
        geoms.append(shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None)
    return _frame(props, geoms, columns)


def frames(spooled, *, columns: Iterable[str] = (), size: int | None = None) -> Iterator[Any]:
    """The features of one :class:`geo.output.spool.Spool` kind as GeoDataFrames of
    at most `size` rows, each with the columns, column order and column types that
    :func:`to_geodataframe` gives the whole (so chunks append to one layer or file).
    """
    import shapely

    from geo.output.spool import CHUNK

    columns = tuple(columns)
    rows = spooled.exemplars()
    whole = _frame(rows, [None] * len(rows), columns)
    order, dtypes = list(whole.columns), whole.dtypes
    for props, geoms in spooled.chunks(size or CHUNK, shapely.geometry.shape):
        gdf = _frame(props, geoms, columns).reindex(columns=order)
        for c in order:
            if c != "geometry" and gdf[c].dtype != dtypes[c]:
                gdf[c] = gdf[c].astype(dtypes[c])
        yield gdf

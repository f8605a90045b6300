"""The offline basemap: country outlines given by the caller, and their name labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from maps._geometry import validate_geometry
from maps.model import MapError

__all__ = ["Basemap", "Label", "parse_basemap"]

_AREAS = frozenset({"Polygon", "MultiPolygon"})


@dataclass(frozen=True, slots=True)
class Label:
    """A country name drawn at (`lat`, `lon`) from zoom level `min_zoom` on."""

    name: str
    lat: float
    lon: float
    min_zoom: int


@dataclass(frozen=True, slots=True)
class Basemap:
    """Outlines reduced to what the page needs (geometry and name) and their labels."""

    outlines: Mapping[str, Any]
    labels: tuple[Label, ...]
    #: Country names by the ISO code of an outline's ``code`` property, where given.
    names: Mapping[str, str]


def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    """Signed shoelace area of a ring in square degrees."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(
        (p[:2] for p in ring), (p[:2] for p in list(ring[1:]) + [ring[0]])
    ):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def _ring_centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float]:
    area = _ring_area(ring)
    if abs(area) < 1e-12:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(
        (p[:2] for p in ring), (p[:2] for p in list(ring[1:]) + [ring[0]])
    ):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


def label_point(polygons: Sequence[Sequence[Sequence[Sequence[float]]]]) -> tuple[float, float]:
    """A point inside the largest polygon's outer ring, as (lon, lat).

    The horizontal line through the ring's centroid is cut by the ring; the
    middle of the widest inside interval is returned, which stays inside
    concave shapes where the centroid itself may fall outside.
    """
    ring = max((poly[0] for poly in polygons), key=lambda r: abs(_ring_area(r)))
    cx, cy = _ring_centroid(ring)
    crossings = []
    points = [p[:2] for p in ring]
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        if (y1 <= cy < y2) or (y2 <= cy < y1):
            crossings.append(x1 + (cy - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    intervals = list(zip(crossings[::2], crossings[1::2]))
    if not intervals:
        return cx, cy
    left, right = max(intervals, key=lambda iv: iv[1] - iv[0])
    return (left + right) / 2.0, cy


def _min_zoom(square_degrees: float) -> int:
    for threshold, zoom in ((50.0, 3), (5.0, 4), (0.5, 5), (0.05, 6)):
        if square_degrees >= threshold:
            return zoom
    return 7


def parse_basemap(basemap: object) -> Basemap:
    """Validate the caller's country outlines and compute label points.

    Parameters
    ----------
    basemap : dict
        FeatureCollection of Polygon/MultiPolygon features with a ``name`` property.

    Returns
    -------
    Basemap
        Outlines keeping only geometry and name, and one label per named country;
        larger countries are labelled from lower zoom levels.

    Raises
    ------
    MapError
        If `basemap` is not a FeatureCollection of polygons.
    """
    if not isinstance(basemap, Mapping) or basemap.get("type") != "FeatureCollection":
        raise MapError("basemap must be a GeoJSON FeatureCollection of country outlines")
    raw_features = basemap.get("features")
    if not isinstance(raw_features, Sequence) or isinstance(raw_features, str):
        raise MapError("basemap.features must be a list")
    outlines, labels, names = [], [], {}
    for index, raw in enumerate(raw_features):
        where = f"basemap feature {index}"
        if not isinstance(raw, Mapping):
            raise MapError(f"{where}: not a GeoJSON Feature object")
        geometry = validate_geometry(where, raw.get("geometry"), _AREAS)
        props = raw.get("properties")
        name = props.get("name") if isinstance(props, Mapping) else None
        name = name if isinstance(name, str) and name.strip() else None
        outlines.append({"type": "Feature", "properties": {"name": name}, "geometry": geometry})
        code = props.get("code") if isinstance(props, Mapping) else None
        if name is not None and isinstance(code, str):
            names[code] = name
        if name is not None:
            polygons = (
                [geometry["coordinates"]]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"]
            )
            lon, lat = label_point(polygons)
            area = sum(abs(_ring_area(poly[0])) for poly in polygons)
            labels.append(Label(name, round(lat, 4), round(lon, 4), _min_zoom(area)))
    return Basemap({"type": "FeatureCollection", "features": outlines}, tuple(labels), names)

"""The offline basemap: what the caller gives to draw under the features.

A FeatureCollection whose features say their ``layer`` in their properties:

- ``country`` (the default): a (Multi)Polygon outline with a ``name`` (and an
  ISO ``code``), labelled from a zoom level that grows as the country shrinks;
- ``admin1``: a province's (Multi)Polygon outline, drawn thinner, labelled closer in;
- ``river``: a (Multi)LineString, drawn in blue, with its ``name`` as a tooltip;
- ``town``: a Point with a ``name`` and a ``population``, a label shown from a
  zoom level set by the population (cities first, villages when zoomed in).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from maps._geometry import validate_geometry
from maps.model import MapError

__all__ = ["LAYERS", "TOWN_ZOOMS", "Basemap", "Label", "parse_basemap", "town_zoom"]

_AREAS = frozenset({"Polygon", "MultiPolygon"})
_LINES = frozenset({"LineString", "MultiLineString"})
_POINTS = frozenset({"Point"})
LAYERS = {"country": _AREAS, "admin1": _AREAS, "river": _LINES, "town": _POINTS}
#: A town's label appears from this zoom level on when its population is at least this.
TOWN_ZOOMS = ((1_000_000, 5), (250_000, 6), (50_000, 7), (15_000, 8), (5_000, 9), (1_000, 10))


@dataclass(frozen=True, slots=True)
class Label:
    """A name drawn at (`lat`, `lon`) from zoom level `min_zoom` on; `layer` says whose."""

    name: str
    lat: float
    lon: float
    min_zoom: int
    layer: str = "country"


@dataclass(frozen=True, slots=True)
class Basemap:
    """Outlines reduced to what the page needs (geometry and name) and their labels."""

    outlines: Mapping[str, Any]
    labels: tuple[Label, ...]
    #: River lines (features with geometry and name).
    rivers: tuple[Mapping[str, Any], ...]
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


def town_zoom(population: object) -> int:
    """The zoom level from which a town of `population` is labelled.

    >>> town_zoom(2_500_000), town_zoom(30_000), town_zoom(None)
    (5, 8, 11)
    """
    if isinstance(population, (int, float)) and not isinstance(population, bool):
        for threshold, zoom in TOWN_ZOOMS:
            if population >= threshold:
                return zoom
    return 11


def parse_basemap(basemap: object) -> Basemap:
    """Validate the caller's basemap (see the module's docstring) and compute its labels.

    Parameters
    ----------
    basemap : dict
        FeatureCollection of country outlines, and optionally province outlines,
        rivers and towns (``properties.layer``).

    Returns
    -------
    Basemap
        Outlines keeping only geometry and name, rivers, and labels: one per named
        outline (larger ones from lower zoom levels) and one per town.

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
    outlines, labels, names, rivers = [], [], {}, []
    for index, raw in enumerate(raw_features):
        where = f"basemap feature {index}"
        if not isinstance(raw, Mapping):
            raise MapError(f"{where}: not a GeoJSON Feature object")
        props = raw.get("properties")
        props = props if isinstance(props, Mapping) else {}
        layer = props.get("layer", "country")
        if layer not in LAYERS:
            raise MapError(f"{where}: properties.layer must be one of {', '.join(LAYERS)}")
        geometry = validate_geometry(where, raw.get("geometry"), LAYERS[layer])
        name = props.get("name")
        name = name if isinstance(name, str) and name.strip() else None
        if layer == "town":
            if name is not None:
                lon, lat = geometry["coordinates"][:2]
                labels.append(Label(name, round(lat, 4), round(lon, 4),
                                    town_zoom(props.get("population")), "town"))
            continue
        if layer == "river":
            rivers.append({"type": "Feature", "properties": {"name": name},
                           "geometry": geometry})
            continue
        outline_props: dict[str, Any] = {"name": name}
        if layer == "admin1":
            outline_props["admin"] = 1
        outlines.append({"type": "Feature", "properties": outline_props, "geometry": geometry})
        code = props.get("code")
        if name is not None and isinstance(code, str) and layer == "country":
            names[code] = name
        if name is not None:
            polygons = (
                [geometry["coordinates"]]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"]
            )
            lon, lat = label_point(polygons)
            area = sum(abs(_ring_area(poly[0])) for poly in polygons)
            zoom = _min_zoom(area) + (3 if layer == "admin1" else 0)
            labels.append(Label(name, round(lat, 4), round(lon, 4), zoom, layer))
    return Basemap({"type": "FeatureCollection", "features": outlines}, tuple(labels),
                   tuple(rivers), names)

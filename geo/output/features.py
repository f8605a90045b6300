"""Results to export-contract features (the contract: docs/architecture.md, "Export contract").

Geometries follow RFC 7946: polygons wound by the right-hand rule, at most six
decimals, no ``crs``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from gazetteer.model import KIND

__all__ = ["document_features", "clean_geometry"]

#: Simplification of country/region outlines in exports, in degrees of the
#: outline's own coordinates (a drawing tolerance, not a distance computation):
#: at least this, and more for big outlines (see :data:`OUTLINE_SCALE`).
OUTLINE_TOLERANCE = 0.04
#: An outline is drawn at the scale of the whole place (a feature of country
#: precision says "somewhere in this country"): it is simplified to a
#: thousandth of its larger extent, about a pixel when the place fills a
#: 1,000-pixel map. Repeated for every report that names the place, a country's
#: outline was 61 % of a GeoJSON export of 500 WikToR documents; this halves it.
#: Zones and events cut from such outlines ("the north of the United States")
#: are simplified the same way.
OUTLINE_SCALE = 1000
#: Grid the simplified country outlines are snapped to.
OUTLINE_GRID = 0.01


def clean_geometry(geom) -> dict[str, Any] | None:
    """A shapely geometry as RFC 7946 GeoJSON: right-hand rule, 6 decimals, and
    lines and polygons that cross ±180° split into Multi* parts (§3.1.9).

    Examples
    --------
    >>> import shapely
    >>> g = clean_geometry(shapely.Polygon([(179, 0), (-179, 0), (-179, 1), (179, 1)]))
    >>> g["type"], len(g["coordinates"])
    ('MultiPolygon', 2)
    """
    import numpy as np
    import shapely

    from gazetteer.antimeridian import split_antimeridian

    if geom is None or geom.is_empty:
        return None
    geom = split_antimeridian(geom)
    geom = shapely.transform(geom, lambda xy: np.round(xy, 6))
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    return shapely.geometry.mapping(geom)


_SHAPED = tuple(k for k, v in KIND.items() if v.shaped)


def to_scale(geom, minimum: float = 0.0):
    """A polygonal geometry simplified to the scale of the whole of it: a
    :data:`OUTLINE_SCALE`-th of its larger extent (at least `minimum` degrees).
    Other geometries are returned as they are.

    >>> import shapely
    >>> circle = shapely.Point(0, 0).buffer(10, quad_segs=256)
    >>> int(shapely.get_num_coordinates(circle)), int(shapely.get_num_coordinates(to_scale(circle)))
    (1025, 65)
    """
    import shapely

    if geom is None or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return geom
    minx, miny, maxx, maxy = geom.bounds
    tolerance = max(minimum, max(maxx - minx, maxy - miny) / OUTLINE_SCALE)
    return shapely.simplify(geom, tolerance, preserve_topology=True)


#: Outlines kept cleaned: the places of the reports seen recently. A country's or
#: region's outline is large (tens of KB as shapely and as GeoJSON); with 4,096 the
#: cache was still filling at 10,000 reports and memory grew with them.
OUTLINES_KEPT = 1024


@lru_cache(maxsize=OUTLINES_KEPT)
def _outline(gaz, place_id: str):
    import shapely

    place = gaz.get(place_id)
    if place is None or place.wkb is None:
        return None
    g = shapely.from_wkb(place.wkb)
    if g.geom_type in ("Polygon", "MultiPolygon"):
        g = to_scale(g, OUTLINE_TOLERANCE)
        g = shapely.set_precision(g, OUTLINE_GRID) if place.kind == "country" else g
    return g


@lru_cache(maxsize=OUTLINES_KEPT)
def _clean_outline(gaz, place_id: str):
    return clean_geometry(_outline(gaz, place_id))


def _quote(pd, mention) -> str:
    s = pd.sentences[mention.sentence] if pd.sentences else None
    return s.text if s else mention.text


def _base(pd, kind: str, name: str, mentions, confidence: float, precision: str):
    d = pd.document
    return {"kind": kind, "doc": d.id, "name": name,
            "mentions": [m.as_dict() for m in mentions],
            "precision": precision, "confidence": round(float(confidence), 3),
            "quote": _quote(pd, mentions[0]) if mentions else "", "source": d.source}


def document_features(pd) -> list[dict[str, Any]]:
    """All features of one parsed document, places first, then zones, events."""
    out = []
    gaz = pd.gazetteer
    for rp in pd.places:
        props = _base(pd, "place", rp.name, rp.mentions, rp.confidence, rp.precision)
        located = rp.located
        geojson = None
        if located is not None:
            props["gazetteer_id"] = rp.place.id if rp.place else None
            props["country_code"] = located.country_code
            props["lat"], props["lon"] = round(located.lat, 6), round(located.lon, 6)
            props["place_kind"] = located.kind
            shaped = (gaz is not None and rp.place is not None and located.kind in _SHAPED
                      and _outline(gaz, located.id) is not None)
            # Outlines repeat from report to report: clean each once (read-only dicts).
            geojson = _clean_outline(gaz, located.id) if shaped else \
                {"type": "Point", "coordinates": [round(located.lon, 6), round(located.lat, 6)]}
        if rp.place is None:
            props["resolved"] = False
            if located is not None and rp.uncertainty_m is not None:
                props["uncertainty_m"] = round(rp.uncertainty_m, 1)
        if rp.reason:
            props["reason"] = rp.reason
        if rp.zones:
            props["in_zones"] = list(rp.zones)
        if rp.alternatives:
            props["alternatives"] = [a.id for a in rp.alternatives]
        out.append({"type": "Feature", "geometry": geojson, "properties": props})
    for z in pd.zones:
        props = _base(pd, "zone", z.name, z.mentions, z.confidence, z.precision)
        pt = z.geometry.representative_point() if z.geometry is not None else None
        props.update({"derivation": z.derivation, "uncertainty_m": round(z.uncertainty_m, 1),
                      "relation": z.relation, "country_code": z.country_code,
                      "places_inside": list(z.places_inside)})
        if pt is not None:
            props["lat"], props["lon"] = round(pt.y, 6), round(pt.x, 6)
        out.append({"type": "Feature", "geometry": clean_geometry(to_scale(z.geometry)),
                    "properties": props})
    for e in pd.events:
        out.append({"type": "Feature", "geometry": clean_geometry(to_scale(e.geometry)),
                    "properties": event_properties(pd, e)})
    return out


def event_properties(pd, e) -> dict[str, Any]:
    """The export properties of one event: the contract's, plus ACLED's fields.

    ``quote`` is the first sentence that tells the event; ``quotes`` every sentence of
    the report that tells it; ``mentions`` the trigger of each and the places named;
    ``sources`` every ``{"doc", "quote"}`` that reports it.
    """
    triggers = e.triggers or (e.trigger,)
    props = _base(pd, "event", e.name or e.trigger.text, (*triggers, *e.place_mentions),
                  e.confidence, e.precision)
    props["quote"] = e.sentence.text
    props.update({"event_type": e.event_type, "sub_event_type": e.sub_event_type,
                  "trigger": e.trigger.text, "count": e.count, "count_text": e.count_text,
                  "fatalities": e.fatalities, "injured": e.injured,
                  "date": e.date.isoformat() if e.date else None,
                  "date_precision": e.date_precision, "time_precision": e.time_precision,
                  "date_text": e.date_text, "dated_by": e.dated_by,
                  "actors": list(e.actors), "actor1": e.actor1, "actor2": e.actor2,
                  "places": list(e.places), "located_by": e.located_by,
                  "country_code": e.country_code, "location": e.location, "admin1": e.admin1,
                  "admin2": e.admin2, "country": e.country, "geo_precision": e.geo_precision,
                  "quotes": [s.text for s in e.quotes] or [e.sentence.text]})
    for key in ("displaced", "abducted", "arrested"):
        if getattr(e, key) is not None:
            props[key] = getattr(e, key)
    if e.unplaced:
        props["unplaced"] = list(e.unplaced)
    if len(e.counts) > 1:
        props["counts"] = list(e.counts)
    if e.sources:
        props["sources"] = [{"doc": d, "quote": q} for d, q in e.sources]
    if e.geometry is not None:
        pt = e.geometry.representative_point()
        props["lat"], props["lon"] = round(pt.y, 6), round(pt.x, 6)
    return props

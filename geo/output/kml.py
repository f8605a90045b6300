"""KML for Google Earth, written by hand.

One ``<Folder>`` per kind (``places``, ``zones``, ``events``); a ``<Placemark>``
per feature with its name, the quoted sentence as description, the main
properties as ``<ExtendedData>``, and its geometry (``Point``, ``LineString``,
``Polygon`` or a ``MultiGeometry`` of them). Text is XML-escaped; coordinates
are ``lon,lat`` with at most six decimals.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["KML_FIELDS", "kml_document", "write_kml"]

#: Properties carried into ``<ExtendedData>``, in order (lists joined by ``;``).
KML_FIELDS = ("kind", "doc", "gazetteer_id", "country_code", "lat", "lon", "precision",
              "confidence", "derivation", "uncertainty_m", "event_type", "sub_event_type",
              "count", "date", "actors", "places", "source_url", "source_path", "title",
              "published")

_STYLES = {"place": ("ff2f6fd6", "402f6fd6"), "zone": ("ff1c8ff5", "401c8ff5"),
           "event": ("ff2828d2", "602828d2")}
_FOLDERS = {"place": "places", "zone": "zones", "event": "events"}
#: Characters XML 1.0 forbids even escaped (C0 controls but tab, LF, CR; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(s: str) -> str:
    """Text content: escaped, characters XML cannot hold dropped."""
    return escape(_NOT_XML.sub("", s))


def _num(v: float) -> str:
    s = f"{float(v):.6f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _coords(ring: Iterable) -> str:
    return " ".join(f"{_num(c[0])},{_num(c[1])}" for c in ring)


def _geometry(g: dict[str, Any] | None) -> str:
    """A GeoJSON geometry as KML (empty string for none)."""
    if not g:
        return ""
    t = g.get("type")
    c: Any = g.get("coordinates")
    if t == "Point":
        return f"<Point><coordinates>{_coords([c])}</coordinates></Point>"
    if t == "LineString":
        return f"<LineString><tessellate>1</tessellate><coordinates>{_coords(c)}" \
               f"</coordinates></LineString>"
    if t == "Polygon":
        outer, *inner = c
        holes = "".join(f"<innerBoundaryIs><LinearRing><coordinates>{_coords(r)}</coordinates>"
                        f"</LinearRing></innerBoundaryIs>" for r in inner)
        return (f"<Polygon><tessellate>1</tessellate><outerBoundaryIs><LinearRing><coordinates>"
                f"{_coords(outer)}</coordinates></LinearRing></outerBoundaryIs>{holes}</Polygon>")
    if t in ("MultiPoint", "MultiLineString", "MultiPolygon"):
        single = t[len("Multi"):]
        parts = "".join(_geometry({"type": single, "coordinates": p}) for p in c)
        return f"<MultiGeometry>{parts}</MultiGeometry>"
    if t == "GeometryCollection":
        parts = "".join(_geometry(p) for p in g.get("geometries") or [])
        return f"<MultiGeometry>{parts}</MultiGeometry>"
    return ""


def _value(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return ";".join(str(x) for x in v) if v else None
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def _extended(p: dict[str, Any]) -> str:
    source = p.get("source") or {}
    values = {**p, "source_url": source.get("url"), "source_path": source.get("path"),
              "title": source.get("title"), "published": source.get("published")}
    out = []
    for k in KML_FIELDS:
        v = _value(values.get(k))
        if v is not None:
            out.append(f"<Data name={quoteattr(k)}><value>{_text(v)}</value></Data>")
    return f"<ExtendedData>{''.join(out)}</ExtendedData>" if out else ""


def _placemark(f: dict[str, Any]) -> str:
    p = f.get("properties") or {}
    kind = p.get("kind", "place")
    return (f"<Placemark><name>{_text(str(p.get('name', '')))}</name>"
            f"<description>{_text(str(p.get('quote', '')))}</description>"
            f"<styleUrl>#{kind if kind in _STYLES else 'place'}</styleUrl>"
            f"{_extended(p)}{_geometry(f.get('geometry'))}</Placemark>\n")


def _styles() -> str:
    return "".join(
        f'<Style id="{k}"><LineStyle><color>{line}</color><width>2</width></LineStyle>'
        f"<PolyStyle><color>{fill}</color></PolyStyle></Style>\n"
        for k, (line, fill) in _STYLES.items())


def kml_document(features: Iterable[dict[str, Any]], *, name: str = "sitrep-geo",
                 folder=None) -> Iterator[str]:
    """The KML document as chunks of text, a folder per kind.

    The features are parked on disk by kind (:class:`geo.output.spool.Spool`, in
    `folder` or the system's temporary folder) and written folder by folder.

    Examples
    --------
    >>> f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [38.95, 36.69]},
    ...      "properties": {"kind": "place", "name": "Tel <Abyad> & co", "quote": "x"}}
    >>> kml = "".join(kml_document([f]))
    >>> "<name>Tel &lt;Abyad&gt; &amp; co</name>" in kml, "38.95,36.69" in kml
    (True, True)
    """
    from geo.output.spool import CHUNK, Spool

    with Spool(features, folder) as spool:
        yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<kml xmlns="http://www.opengis.net/kml/2.2">\n'
               f"<Document><name>{_text(name)}</name>\n{_styles()}")
        order = list(_FOLDERS)
        for kind, spooled in sorted(spool.kinds(), key=lambda kk: order.index(kk[0])
                                    if kk[0] in order else 9):
            yield f"<Folder><name>{_text(_FOLDERS.get(kind, kind))}</name>\n"
            for props, geoms in spooled.chunks(CHUNK, lambda g: g):
                for p, g in zip(props, geoms):
                    yield _placemark({"geometry": g, "properties": p})
            yield "</Folder>\n"
    yield "</Document>\n</kml>\n"


def write_kml(features: Iterable[dict[str, Any]], path: Path | str) -> None:
    """Write a KML file (through :func:`geo.files.atomic_path`)."""
    from geo.files import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
        f.writelines(kml_document(features, folder=tmp.parent))

"""The world as zones see it: country outlines, borders and admin-area outlines from
the gazetteer, cached for one document, and an anchor as a point or an area."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from gazetteer.geodesy import COUNTRY_MARGIN_M, COUNTRY_MARGIN_QUAD_SEGS

from . import geometry as G
from .anchors import POINT_KINDS, kind_of
from .expression import Anchor

__all__ = ["AREA_FALLBACK_M", "MAP_MARGIN_M", "Geo", "SpatialGazetteer", "area_of", "city_radius_m",
           "point_of"]

#: Natural Earth's 1:10m borders are ~1 km off in places (it puts Tel Abyad 400 m
#: inside Turkey): strips along a border keep this much of the far side.
MAP_MARGIN_M = COUNTRY_MARGIN_M
AREA_FALLBACK_M = 60_000.0  # an area known only by its point
_SHAPED_POINTS = ("admin2",)  # point-like anchors that may have an outline

_RADIUS_BY_KIND = {"city": 3_000.0, "camp": 1_000.0, "prison": 500.0, "crossing": 500.0,
                   "landmark": 500.0, "custom": 2_000.0, "admin2": 15_000.0}


class SpatialGazetteer(Protocol):
    """What the builder needs from :mod:`gazetteer` (``gazetteer.open()`` has it)."""

    def country(self, code: str) -> Any:
        """A country's polygon, or None."""

    def get(self, id: str) -> Any:
        """The place with this id, with its shape, or None."""

    def border(self, a: str, b: str) -> Any:
        """The border line two countries share, or None."""

    def demonym(self, word: str) -> str | None:
        """The country code a demonym or adjective refers to, or None."""


def city_radius_m(place: Any) -> float:
    """Rough radius of a town in metres: 3 km × (population / 100,000)^0.4, 1.5–25 km.

    Aleppo (2 M) ~10 km, Bakhmut (73 k) ~2.6 km, Tel Abyad (15 k) 1.5 km; without a
    population, by kind (a city 3 km, a camp 1 km, a prison 500 m).
    """
    pop = getattr(place, "population", 0) or 0
    if pop > 0:
        return min(25_000.0, max(1_500.0, 3_000.0 * (pop / 100_000) ** 0.4))
    return _RADIUS_BY_KIND.get(getattr(place, "kind", ""), 3_000.0)


#: Widened countries by (id of the gazetteer, code), each kept with its gazetteer.
_GROWN: dict[tuple[int, str], tuple[Any, Any]] = {}


class Geo:
    """Country outlines and borders from the gazetteer, cached for one document."""

    def __init__(self, gaz: SpatialGazetteer) -> None:
        self.gaz = gaz
        self._country: dict[str, Any] = {}
        self._border: dict[tuple[str, str], Any] = {}
        self._shapes: dict[str, Any] = {}

    def country(self, code: str | None) -> Any:
        """A country's outline, or None (no code, or no polygon); cached."""
        if not code:
            return None
        if code not in self._country:
            g = self.gaz.country(code)
            self._country[code] = None if g is None or g.is_empty else g
        return self._country[code]

    def grown(self, code: str | None) -> Any:
        """The country widened by :data:`MAP_MARGIN_M`, for towns on its edge.

        A gazetteer that widened its countries at build time gives it (widening
        Russia takes a second); else it is widened here. Kept across documents.
        """
        if not code:
            return None
        key = (id(self.gaz), code)
        hit = _GROWN.get(key)
        if hit is None or hit[0] is not self.gaz:     # (a new gazetteer at a freed id)
            stored = getattr(self.gaz, "grown", None)  # widened at build time
            if callable(stored):
                g = stored(code)
            else:
                c = self.country(code)
                g = None if c is None else G.buffer_m(c, MAP_MARGIN_M,
                                                       quad_segs=COUNTRY_MARGIN_QUAD_SEGS)
            if len(_GROWN) >= 64:
                _GROWN.pop(next(iter(_GROWN)))
            hit = _GROWN[key] = (self.gaz, g)
        return hit[1]

    def shape(self, place: Any) -> Any:
        """A place's own geometry (polygon, river line), fetched when the mention's
        Place came without it; None for a place known only by its point."""
        if place is None:
            return None
        if place.wkb is not None:
            return place.geometry
        if place.kind in POINT_KINDS and place.kind not in _SHAPED_POINTS:
            return None
        if place.id not in self._shapes:
            full = None
            get = getattr(self.gaz, "get", None)
            if callable(get):
                full = get(place.id)
            self._shapes[place.id] = full.geometry if full is not None \
                and full.wkb is not None else None
        return self._shapes[place.id]

    def towns(self, area: Any) -> list[Any]:
        """The gazetteer's towns with people inside an area, as objects with ``lon``,
        ``lat`` and ``population`` (none if the gazetteer cannot say)."""
        peopled = getattr(self.gaz, "peopled_towns", None)
        if callable(peopled):
            return list(peopled(area))
        within = getattr(self.gaz, "within", None)
        return [t for t in within(area, kinds=("city",)) if (t.population or 0) > 0] \
            if callable(within) else []

    def outline(self, place: Any) -> tuple[str, float] | None:
        """How the gazetteer derived a place's outline and its boundary error, or None."""
        get = getattr(self.gaz, "outline", None)
        return get(place.id) if callable(get) and place is not None else None

    def border(self, a: str, b: str) -> Any:
        """The border line between countries ``a`` and ``b`` (from their outlines when the
        gazetteer has no borders), or None; cached."""
        key = (min(a, b), max(a, b))
        if key not in self._border:
            try:
                line = self.gaz.border(a, b)
            except AttributeError:
                ca, cb = self.country(a), self.country(b)
                line = G.shared_border(ca, cb) if ca is not None and cb is not None else None
            self._border[key] = None if line is None or line.is_empty else line
        return self._border[key]

    def first_border(self, code: str, others: Sequence[str]) -> tuple[str, Any] | None:
        """The first of ``others`` that shares a border with ``code``, with that border
        line, or None."""
        for o in others:
            line = self.border(code, o)
            if line is not None:
                return o, line
        return None


def point_of(a: Anchor) -> Any:
    """An anchor's place as a shapely point."""
    import shapely

    return shapely.Point(a.place.lon, a.place.lat)


def area_of(a: Anchor, geo: Geo) -> tuple[Any, float, str]:
    """An anchor as an area: its outline, the uncertainty of its edge, and how the
    outline was had ("" for a source's polygon, the method for a derived one,
    "disc" for a place known only by its point)."""
    import shapely

    place = a.place
    if a.kind == "country" and a.code:
        grown = geo.grown(a.code)
        if grown is not None:
            return grown, MAP_MARGIN_M, ""
    g = geo.shape(place)
    if isinstance(g, (shapely.Polygon, shapely.MultiPolygon)):
        derived = geo.outline(place)
        if derived is not None:
            return g, max(MAP_MARGIN_M, derived[1]), derived[0]
        return g, MAP_MARGIN_M, ""
    r = AREA_FALLBACK_M if kind_of(a.resolution) == "area" else city_radius_m(place)
    return G.around(point_of(a), r), r, "disc"

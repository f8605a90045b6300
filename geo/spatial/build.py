"""Turn the spatial expressions of a document into :class:`geo.model.Zone` objects.

Each written expression becomes one Zone (a referring expression such as "the
safe zone" becomes a Zone that reuses the geometry of the last zone defined with
that noun). Geometry comes from :mod:`geo.spatial.geometry`; country outlines and
borders from the gazetteer.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from gazetteer.model import KIND
from geo.model import Document, Mention, Resolution, Sentence, Zone

from . import _local, banks
from . import geometry as G
from .anaphora import with_referents
from .areas import area_border, beyond, people_part
from .compass import CENTRAL, bearing_of, name_of
from .expression import Anchor, Expression
from .lexicon import vague_range
from .parse import Context, Located, find_expressions, kind_of
from .scale import report_scale_m
from .sides import DEFAULT_SIDE_DEPTH_M, side_of_line
from .shapes import Shape, anchor_ids, km, size_m
from .world import (
    AREA_FALLBACK_M,
    MAP_MARGIN_M,
    Geo,
    SpatialGazetteer,
    area_of,
    city_radius_m,
    point_of,
)

__all__ = ["MAP_MARGIN_M", "SpatialGazetteer", "build_zones", "city_radius_m", "zone_for"]

_MARGIN = f" + {MAP_MARGIN_M / 1000:g} km margin"
NEAR_M = 15_000.0          # "near X" for an area or a river: this far from it
NEAR_TOWN_M = 8_000.0      # "near X" for a town: twice its radius plus this
OUTSKIRTS_M = 2_000.0      # "the outskirts of X": from 0.6 r to 2 r plus this
COUNTRYSIDE_M = 25_000.0   # "X countryside": from r to r plus this
ALONG_M = 20_000.0         # "along the X border"
BORDER_M = 10_000.0        # "the X-Y border"
SECTION_SHARE = 0.25       # "the northern section of the border": this share of its strip
DEEP_M = 100_000.0         # "deep inside X": farther than this from the border
#: "40 km north of X": the sector of bearings ± this (half that for "NNE"-style points)
#: between d ∓ (OFFSET_BAND·d + the town's radius): "east" in reports spans a compass
#: octant, and Ménaka, "260 km east of Gao", lies at 98° and 264 km.
OFFSET_HALF_ANGLE = 22.5
OFFSET_BAND = 0.15
#: Reported distances are often by road, which winds: the place may lie as near as
#: the distance over this (a usual detour index of roads) in a straight line.
ROAD_FACTOR = 1.3
BANK_M = 20_000.0          # "the east bank of the Dnipro"
FAR_PART = 0.15            # "the far north of X": this share of the area
#: "southern X" for a town: part of a disc this many times the town's radius.
TOWN_PART_SCALE = 1.5
#: "a village in southern X": part of X's district, a disc of this radius.
DISTRICT_M = 15_000.0
#: "Kfar X, west of Y" where the gazetteer lacks Kfar X: a village placed by the
#: nearest town it is known by lies within about this of the town's edge.
VILLAGE_M = 15_000.0

def _into(exp: Expression, a: Anchor, geo: Geo) -> Shape | None:
    code = a.code
    country = geo.country(code)
    if code is None or country is None:
        return None
    found = geo.first_border(code, a.others)
    ids: tuple[str, ...] = anchor_ids([a]) if found is None else (found[0], code)
    conf = 0.7 if found is not None else 0.4
    if found is not None:
        line, what = found[1], f"border({found[0]}, {code})"
    else:
        line, what = country.boundary, f"boundary({code})"
    if exp.distance_m:
        d = exp.distance_m
        geom = G.border_strip(country, line, d, margin_m=MAP_MARGIN_M)
        return Shape(geom, f"{code} ∩ buffer({what}, {km(d)}){_MARGIN}",
                      0.1 * d + MAP_MARGIN_M, code, ids, conf)
    import shapely

    geom = _local.polygonal(shapely.difference(country, G.buffer_m(line, DEEP_M)))
    if geom.is_empty:
        geom = country
    return Shape(geom, f"{code} − buffer({what}, {km(DEEP_M)})", 0.25 * DEEP_M, code,
                  ids, conf - 0.1)


def _border(exp: Expression, a: Anchor, geo: Geo) -> Shape | None:
    import shapely

    code = a.code
    found = geo.first_border(code, a.others) if code else None
    if code is None or found is None:
        return None
    other, line = found
    depth = exp.distance_m or (ALONG_M if exp.relation == "along" else BORDER_M)
    unc = 0.1 * depth + MAP_MARGIN_M
    if a.inferred and exp.modifier == "side":   # "the Cameroon side of the border"
        geom = G.border_strip(geo.country(code), line, depth, margin_m=MAP_MARGIN_M)
        what = f"{code} ∩ buffer(border({code}, {other}), {km(depth)}){_MARGIN}"
        return Shape(geom, what, unc, code, (code, other), 0.6)
    if a.inferred:
        side = geo.country(other)
        geom = G.border_strip(side, line, depth, margin_m=MAP_MARGIN_M)
        what = f"{other} ∩ buffer(border({code}, {other}), {km(depth)}){_MARGIN}"
        return Shape(geom, what, unc, other, (code, other), 0.6)
    both = shapely.union_all([g for g in (geo.grown(code), geo.grown(other)) if g is not None])
    geom = _local.polygonal(shapely.intersection(G.buffer_m(line, depth), both))
    return Shape(geom, f"buffer(border({code}, {other}), {km(depth)}) ∩ ({code} ∪ {other})",
                  unc, code, (code, other), 0.7)


def _town(exp: Expression, a: Anchor, geo: Geo,
          points: tuple[Sequence[Any], Sequence[Any]] = ((), ())) -> Shape | None:
    """Relations about one place: offset, part, central, near.

    A broad place that has no outline (a continent) anchors none of them: its point
    stands for nothing a distance or a part could be measured from ("the long way
    around Africa" is no disc in the middle of Africa)."""
    import shapely

    row = KIND.get(a.place.kind) if a.place is not None else None
    if row is not None and row.broad and not row.shaped:
        return None
    kind = kind_of(a.resolution)
    ids, cc, name = anchor_ids([a]), a.code, a.label
    if exp.relation in ("part", "central") and (kind != "point" or exp.relation == "part"):
        area, edge, how = area_of(a, geo)
        town = how == "disc" and kind == "point"
        if town and exp.modifier == "unit":   # "X department", not in the gazetteer
            area, edge, town = G.around(point_of(a), AREA_FALLBACK_M), AREA_FALLBACK_M, False
        elif town and exp.modifier == "district":   # "a village in southern X": X's district
            area, edge = G.around(point_of(a), DISTRICT_M), DISTRICT_M
        elif town:      # a town's part: of the disc its built-up area spills over
            area = G.around(point_of(a), TOWN_PART_SCALE * edge)
        if exp.relation == "part" and not town and exp.modifier != "far":
            geom = people_part(geo, a, area, exp.direction or "N")
        else:
            frac = FAR_PART if exp.modifier == "far" else None
            geom = G.part_of(area, exp.direction or CENTRAL, fraction=frac)
        note = f"; outline: {how}" if how and how != "disc" else ""
        return Shape(geom, f"part({name}, {name_of(exp.direction or CENTRAL)}{note})",
                      0.1 * size_m(geom) + edge, cc, ids)
    if kind == "river" and exp.relation == "near":
        d, line = exp.distance_m or NEAR_M, geo.shape(a.place)
        if line is None:
            return None
        if exp.modifier == "bank" and not exp.distance_m:
            local = banks.stretch(line, *points, banks.STRETCH_M)
            if local is not None:
                d = banks.BANKS_M
                geom = shapely.intersection(G.buffer_m(line, d), local)
                return Shape(_local.polygonal(geom), f"banks({name}, {km(d)}) near the "
                              f"report's places", d, cc, ids, 0.6)
        return Shape(G.buffer_m(line, d), f"buffer({name}, {km(d)})", 0.1 * d, cc, ids, 0.6)
    if kind in ("area", "country") and exp.relation == "near":
        area, edge, _ = area_of(a, geo)
        d = exp.distance_m or NEAR_M
        return Shape(G.buffer_m(area, d), f"buffer({name}, {km(d)})", 0.1 * d + edge, cc, ids,
                      0.6)
    if kind == "area" and exp.relation == "offset" and not exp.distance_m and exp.direction:
        return beyond(exp, a, geo)
    p = point_of(a)
    r = city_radius_m(a.place) if kind == "point" else AREA_FALLBACK_M
    if exp.relation == "central":
        rad = max(1_000.0, 0.5 * r)
        return Shape(G.central(p, rad), f"central({name}, {km(rad)})", rad, cc, ids)
    if exp.relation == "near":
        if exp.distance_m:
            d = exp.distance_m
            return Shape(G.around(p, d), f"around({name}, {km(d)})", 0.1 * d, cc, ids)
        if exp.modifier == "outskirts":
            outer, inner = 2 * r + OUTSKIRTS_M, 0.6 * r
            bearing = bearing_of(exp.direction) if exp.direction else None
            if bearing is not None:        # "the northern outskirts of X"
                return Shape(G.sector(p, bearing, outer, inner_m=inner),
                             f"ring({name}, {name_of(exp.direction or '')}, {km(inner)}–"
                             f"{km(outer)})", r, cc, ids, 0.6)
            return Shape(G.around(p, outer, inner),
                          f"ring({name}, {km(inner)}–{km(outer)})", r, cc, ids, 0.6)
        if exp.modifier == "countryside" and not exp.direction and kind == "point":
            area, edge, how = area_of(a, geo)
            if how != "disc":       # "X countryside", X a district: its outline
                geom = _local.polygonal(shapely.difference(area, G.around(p, r)))
                return Shape(geom, f"countryside({name}; outline: {how or 'source'})",
                              edge, cc, ids, 0.6)
        if exp.modifier == "countryside":
            outer = r + COUNTRYSIDE_M
            bearing = bearing_of(exp.direction) if exp.direction else None
            geom = G.around(p, outer, r) if bearing is None else \
                G.sector(p, bearing, outer, inner_m=r)
            side = f", {name_of(exp.direction)}" if exp.direction else ""
            return Shape(geom, f"countryside({name}{side}, {km(r)}–{km(outer)})",
                          COUNTRYSIDE_M / 2, cc, ids, 0.6)
        d = 2 * r + NEAR_TOWN_M
        return Shape(G.around(p, d), f"around({name}, {km(d)})", d / 2, cc, ids, 0.6)
    if exp.relation != "offset":
        return None
    bearing = bearing_of(exp.direction) if exp.direction else None
    vague = vague_range(exp.distance_text) if exp.distance_text else None
    if exp.distance_m and bearing is not None:
        d = exp.distance_m
        half = OFFSET_HALF_ANGLE / (2 if len(exp.direction or "") == 3 else 1)
        band = (vague[1] - vague[0]) / 2 + r if vague else OFFSET_BAND * d + r
        inner = d - band if vague else min(d - band, d / ROAD_FACTOR - r)
        geom = G.sector(p, bearing, d + band, half_angle_deg=half, inner_m=max(0.0, inner))
        road = "" if inner >= d - band else f", from {km(max(0.0, inner))} (by road)"
        return Shape(geom, f"destination({name}, {km(d)}, {bearing:g}°) ±{half:g}° ±{km(band)}"
                     f"{road}", 0.1 * d + r, cc, ids)
    if vague:                       # "several dozen kilometres from X": the whole range
        lo, hi = vague
        return Shape(G.around(p, hi + r, max(0.0, lo - r)), f"distance({name}, {km(lo)}–{km(hi)})",
                      (hi - lo) / 2, cc, ids, 0.4)
    if exp.distance_m:
        d, unc = exp.distance_m, 0.1 * exp.distance_m + r
        return Shape(G.around(p, d + unc, max(0.0, d - unc)), f"ring({name}, {km(d)})", unc,
                      cc, ids, 0.5)
    if bearing is None or exp.direction is None:
        return None
    reach = r + (VILLAGE_M if exp.modifier == "village" else report_scale_m(p, *points))
    return Shape(G.sector(p, bearing, reach, inner_m=r),
                  f"sector({name}, {name_of(exp.direction)}, {km(reach)})", reach / 2, cc, ids,
                  0.5)


def _side(exp: Expression, a: Anchor, geo: Geo, countries: Sequence[str],
          points: tuple[Sequence[Any], Sequence[Any]] = ((), ())) -> Shape | None:
    import shapely

    line, side = geo.shape(a.place), exp.direction
    if side is None or not isinstance(line, (shapely.LineString, shapely.MultiLineString)):
        return None
    local = banks.stretch(line, *points, banks.SIDE_STRETCH_M) \
        if exp.modifier == "bank" else None
    here = line if local is None else shapely.intersection(line, local)
    if side in ("left", "right"):          # looking downstream, where the report is
        side = banks.hand_side(here if not here.is_empty else line, side)
    clip_code = next((c for c in countries if geo.country(c) is not None
                      and geo.country(c).intersects(here)), None)
    depth = exp.distance_m or (BANK_M if exp.modifier == "bank" else None)
    clip = geo.grown(clip_code) if clip_code else None
    geom = side_of_line(line, side, depth, clip=clip)
    within = " ∩ ".join(x for x in (clip_code, km(depth) if depth else "") if x) or \
        km(DEFAULT_SIDE_DEPTH_M)
    if local is not None:          # the bank where the report is
        geom = _local.polygonal(shapely.intersection(geom, local))
        within += f" ∩ {km(banks.SIDE_STRETCH_M)} of the report's places"
    return Shape(geom, f"side({a.label}, {name_of(side)}, {within})",
                  0.1 * (depth or DEFAULT_SIDE_DEPTH_M), clip_code or a.code,
                  anchor_ids([a]), 0.6)


def zone_for(exp: Expression, geo: Geo, countries: Sequence[str] = (),
             points: tuple[Sequence[Any], Sequence[Any]] = ((), ())) -> Shape | None:
    """The geometry of one (non-referring) expression, or None if it cannot be built.

    ``points`` are the towns (shapely Points) of the sentence and of the report: an
    undistanced "west of X" reaches as far as they lie from X (:mod:`geo.spatial.scale`)."""
    if not exp.anchors:
        return None
    a = exp.anchors[0]
    if exp.relation == "into":
        return _into(exp, a, geo)
    if exp.relation in ("along", "border"):
        if exp.modifier == "areas" and len(exp.anchors) == 2:
            depth = exp.distance_m or (ALONG_M if exp.relation == "along" else BORDER_M)
            return area_border(exp, geo, depth)
        shapes = [sh for sh in (_border(exp, x, geo) for x in exp.anchors) if sh is not None]
        if shapes and exp.direction:      # "the northern section of their border"
            sh = shapes[0]
            part = G.part_of(sh.geometry, exp.direction, fraction=SECTION_SHARE)
            return Shape(part, f"part({sh.derivation}, {name_of(exp.direction)}, "
                         f"{SECTION_SHARE:g})", sh.uncertainty_m, sh.country_code, sh.anchors,
                         sh.confidence)
        if len(shapes) > 1:        # "Burkina Faso's border with Togo and Benin"
            import shapely

            return Shape(shapely.union_all([sh.geometry for sh in shapes]),
                          " ∪ ".join(sh.derivation for sh in shapes),
                          max(sh.uncertainty_m for sh in shapes), shapes[0].country_code,
                          tuple(dict.fromkeys(i for sh in shapes for i in sh.anchors)), 0.6)
        return shapes[0] if shapes else None
    if exp.relation == "between" and len(exp.anchors) == 2:
        p1, p2 = point_of(exp.anchors[0]), point_of(exp.anchors[1])
        length = G.distance_m(p1, p2)
        width = min(40_000.0, max(10_000.0, 0.25 * length))
        names = f"{exp.anchors[0].label}, {exp.anchors[1].label}"
        return Shape(G.corridor(p1, p2, width), f"corridor({names}, {km(width)})", width / 2,
                      a.code, anchor_ids(exp.anchors), 0.6)
    if exp.relation == "side":
        return _side(exp, a, geo, countries, points)
    if a.place is None:
        return None
    return _town(exp, a, geo, points)


def _point_places(resolutions: Sequence[Resolution]) -> tuple[list[str], list[Any]]:
    """Ids and points of the document's point places, each place once, in order of
    first mention (built once per document, not once per zone)."""
    import shapely

    places = {r.place.id: r.place for r in resolutions
              if r.place is not None and kind_of(r) == "point"}
    return list(places), [shapely.Point(p.lon, p.lat) for p in places.values()]


def _inside(geom: Any, points: tuple[list[str], list[Any]]) -> tuple[str, ...]:
    import shapely

    ids, pts = points
    if not pts or geom is None or geom.is_empty:
        return ()
    shapely.prepare(geom)
    hits = shapely.covers(geom, pts)
    return tuple(pid for pid, hit in zip(ids, hits, strict=True) if hit)


def build_zones(document: Document, sentences: Iterable[Sentence],
                resolutions: Iterable[Resolution], gaz: SpatialGazetteer) -> list[Zone]:
    """The zones of a document: one per spatial expression that could be built.

    Parameters
    ----------
    document : Document
        The report (its id goes on every mention).
    sentences : iterable of Sentence
        Its sentences, in order.
    resolutions : iterable of Resolution
        Its resolved mentions.
    gaz : SpatialGazetteer
        ``country(code)``, ``border(a, b)`` and ``demonym(word)``.

    Returns
    -------
    list of Zone
        In text order. ``mentions`` holds the expression's span (type
        ``"expression"``) then its anchors' mentions; ``places_inside`` the ids of
        the document's resolved towns, camps, prisons... that fall inside.
    """
    import shapely

    sentences = list(sentences)
    resolutions = list(resolutions)
    resolutions = with_referents(sentences, resolutions, document.id)
    located = Located(resolutions)  # indexed once: each sentence reads only its own
    points = _point_places(resolutions)
    geo = Geo(gaz)
    demonym = getattr(gaz, "demonym", None)
    zones: list[Zone] = []
    by_head: dict[str, Zone] = {}
    for sentence in sentences:
        for exp in find_expressions(sentence, located, demonym=demonym):
            mention = Mention(exp.start, exp.end, exp.text, "expression", sentence.index,
                              doc=document.id)
            if exp.relation == "refers":
                ref = by_head.get(exp.head or "")
                if ref is None:
                    continue
                zones.append(Zone(
                    name=exp.text, mentions=(mention,), geometry=ref.geometry,
                    derivation=f"ref({exp.head}) = {ref.derivation}",
                    uncertainty_m=ref.uncertainty_m, relation="refers", anchors=ref.anchors,
                    confidence=round(ref.confidence * 0.9, 3), country_code=ref.country_code,
                    places_inside=ref.places_inside))
                continue
            exp = _apposed_village(exp, sentence, located)
            countries = Context(sentence, located, demonym).countries(places_first=True) \
                if exp.relation == "side" else ()
            # an area's point is no place on a river: banks are found by towns alone
            kinds = ("point",) if exp.anchors and exp.anchors[0].kind == "river" \
                else ("point", "area")
            here = [shapely.Point(r.place.lon, r.place.lat)
                    for r in located.within(sentence.start, sentence.end)
                    if r.place is not None and kind_of(r) in kinds]
            try:
                shape = zone_for(exp, geo, countries, (here, points[1]))
            except shapely.errors.ShapelyError:    # degenerate outlines: no zone, not a crash
                shape = None
            if shape is None or shape.geometry is None or shape.geometry.is_empty:
                continue
            extra = tuple(a.resolution.mention for a in exp.anchors if a.resolution is not None)
            zone = Zone(name=exp.text, mentions=(mention, *extra), geometry=shape.geometry,
                        derivation=shape.derivation, uncertainty_m=round(shape.uncertainty_m, 1),
                        relation=exp.relation, anchors=shape.anchors,
                        confidence=shape.confidence, country_code=shape.country_code,
                        places_inside=_inside(shape.geometry, points))
            zones.append(zone)
            if exp.head:
                by_head[exp.head] = zone
    return _one_per_expression(zones)


def _apposed_village(exp: Expression, sentence: Sentence, located: Located) -> Expression:
    """"Al X, west of Y" with Al X a name the gazetteer lacks (a village): the
    undistanced direction reaches :data:`VILLAGE_M`, not the report's scale. Not
    after a list ("A and B, south of Y"): places listed together spread wider."""
    import re
    from dataclasses import replace

    if exp.relation != "offset" or exp.distance_m or not exp.direction or exp.modifier:
        return exp
    text, off = sentence.text, sentence.start
    for r in located.unplaced_within(max(off, exp.start - 200), exp.start):
        gap = exp.start - r.mention.end
        if 0 < gap <= 3 \
                and re.fullmatch(r"\s*,\s*", text[r.mention.end - off:exp.start - off]) \
                and not re.search(r"(?:,|\band|\bor)\s*$",
                                  text[max(0, r.mention.start - off - 20):r.mention.start - off]):
            return replace(exp, modifier="village")
    return exp


def _one_per_expression(zones: list[Zone]) -> list[Zone]:
    """Zones written the same way and built the same way in one report are one zone
    with all their mentions (kept where first written)."""
    from dataclasses import replace

    out: list[Zone] = []
    seen: dict[tuple[str, str], int] = {}
    for z in zones:
        key = (" ".join(z.name.lower().split()), z.derivation)
        if key not in seen:
            seen[key] = len(out)
            out.append(z)
            continue
        first = out[seen[key]]
        extra = tuple(m for m in z.mentions if m not in first.mentions)
        out[seen[key]] = replace(first, mentions=first.mentions + extra)
    return out

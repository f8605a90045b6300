"""Handlers of the rules that read usage (issue 17): river banks, countryside, the
named side of a border, a direction with no place ("the north-west"), "between"
(what it does not mean, and a place the gazetteer lacks). Their regexes are in
:data:`geo.spatial.rules.RULES`."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._window import RuleMatch
from .anchors import cc_of, kind_of, place_anchor, prefer
from .compass import CENTRAL, compass_point
from .expression import Anchor, Expression
from .making import direction as _direction
from .making import make as _make

if TYPE_CHECKING:
    from geo.model import Resolution

    from .parse import Context

__all__ = ["POLITICAL", "banks", "bare_part", "between", "between_unknown", "border",
           "border_section", "border_side", "countryside", "hand_bank", "outskirts_side"]


#: Nouns of a relation between the parties, not of the land between them: "talks
#: between Erbil and Baghdad" is no corridor.
POLITICAL = re.compile(
    r"(?:talks|negotiations|relations|ties|tensions?|dialogue|agreements?|deals?|disputes?|"
    r"meetings?|summit|rivalry|rift|trade|cooperation|co-operation|accord|treaty|truce|"
    r"ceasefire|mediation|contacts?|differences|row|feud)\s*(?:\w+\s+){0,2}$", re.IGNORECASE)


def _river(m: RuleMatch, ctx: Context) -> Resolution | None:
    """The river the rule's place slot names (its river reading preferred), or None."""
    res = ctx.at(m, "p1")
    if res is None:
        return None
    res = prefer(res, ("river",))
    return res if kind_of(res) == "river" else None


def banks(m: RuleMatch, ctx: Context) -> Expression | None:
    """``on the banks of the Nile``: the river near the report's places."""
    res = _river(m, ctx)
    if res is None:
        return None
    return _make(m, ctx, "near", (place_anchor(res),), modifier="bank")


def countryside(m: RuleMatch, ctx: Context) -> Expression | None:
    """``Manbij countryside``, ``the southern countryside of Manbij``, ``X and
    its surrounding areas to the south``: the ring of villages about a town (a
    sector of it with a direction)."""
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) != "point":
        return None
    group = "dir2" if "dir2" in m.re.groupindex and m.group("dir2") else "dir"
    code = _direction(m, ctx, group) if m.group(group) else None
    if m.group(group) and (code is None or code == CENTRAL):
        return None
    return _make(m, ctx, "near", (place_anchor(res),), direction=code, modifier="countryside")


def border_side(m: RuleMatch, ctx: Context) -> Expression | None:
    """``the Cameroon side of the border``, ``on the Syrian side``: the named side."""
    got = ctx.country(m, "c1")
    if got is None:
        return None
    code, res = got
    anchor = Anchor(kind="border", code=code, others=ctx.countries(exclude=[code]),
                    inferred=True, resolution=res, text=m.group("c1"))
    return _make(m, ctx, "border", (anchor,), modifier="side")


def border(m: RuleMatch, ctx: Context) -> Expression | None:
    """``along the Turkish border``, ``the border with Turkey``, ``the Turkey-Syria
    border``; ``the Syrian border town`` (Syria's side); ``Burkina Faso's border with
    Togo and Benin`` (two borders of Burkina Faso; with "its", of the country the
    sentence is about); ``the border between the Gaza
    Strip and Egypt`` (areas that are not both countries: their shared edge)."""
    # "along", "near", "close to" the border: a wider strip than "at the border"
    along = re.sub(r"\s+", " ", (m.group("prep") or "").lower()) in ("along", "near", "close to")
    relation = "along" if along else "border"
    first = ctx.country(m, "c1")
    if first is None or (m.group("c2") and ctx.country(m, "c2") is None):
        return _area_border(m, ctx, relation)
    second = ctx.country(m, "c2") if m.group("c2") else None
    owner = ctx.country(m, "c0") if "c0" in m.re.groupindex and m.group("c0") else None
    with_ = "with" in m.re.groupindex and (m.group("with") or "").lower() == "with"
    if with_ and second is not None and owner is None:   # "its border with Togo and Benin"
        code = next(iter(ctx.countries(exclude=[first[0], second[0]])), None)
        owner = (code, None) if code else None
        if owner is None:
            return None
    if owner is not None and owner[0] != first[0] and with_:
        anchors = tuple(Anchor(kind="border", code=owner[0], others=(c[0],), resolution=owner[1],
                               text=m.group("c0") or "") for c in (first, second)
                        if c is not None and c[0] != owner[0])
        return _make(m, ctx, relation, anchors)
    if second is not None and second[0] == first[0]:
        return None
    others: tuple[str, ...]
    if second is not None:
        others, inferred = (second[0],), False
    else:
        others, inferred = ctx.countries(exclude=[first[0]]), True
    res = first[1] or (second[1] if second else None)
    anchor = Anchor(kind="border", code=first[0], others=others, inferred=inferred,
                    resolution=res, text=m.group("c1"))
    own = inferred and "noun" in m.re.groupindex and m.group("noun")
    return _make(m, ctx, relation, (anchor,), modifier="side" if own else "")


def _area_border(m: RuleMatch, ctx: Context, relation: str) -> Expression | None:
    """The border between two named areas, one of them not a country (not "its
    border with A and B": that is two borders of another area)."""
    if "with" in m.re.groupindex and (m.group("with") or "").lower() == "with":
        return None
    a, b = ctx.at(m, "c1"), ctx.at(m, "c2") if m.group("c2") else None
    if a is None or b is None:
        return None
    a, b = prefer(a, ("region", "admin1")), prefer(b, ("region", "admin1"))
    kinds = {kind_of(a), kind_of(b)}
    if not kinds <= {"area", "country"} or kinds == {"country"}:
        return None
    return _make(m, ctx, relation, (place_anchor(a), place_anchor(b)), modifier="areas")


def hand_bank(m: RuleMatch, ctx: Context) -> Expression | None:
    """``the left bank of the Dnipro``, ``the Dnipro's right bank``: the side that
    lies left or right looking downstream (the builder turns it into a compass side)."""
    res = _river(m, ctx)
    if res is None:
        return None
    return _make(m, ctx, "side", (place_anchor(res),), direction=m.group("hand").lower(),
                 modifier="bank")


def outskirts_side(m: RuleMatch, ctx: Context) -> Expression | None:
    """``the northern outskirts of Khartoum``: that side of the town's outskirts."""
    res = ctx.at(m, "p1")
    code = _direction(m, ctx)
    if res is None or kind_of(res) != "point" or code is None or code == CENTRAL:
        return None
    return _make(m, ctx, "near", (place_anchor(res),), direction=code, modifier="outskirts")


def bare_part(m: RuleMatch, ctx: Context) -> Expression | None:
    """``fighting raged for the north-west, which...``: a part of the area or country
    last named before it in its clause (a town there stands for its country; a
    demonym does not count: "Russian forces pressed in the east"), else, in a
    sentence that names no town, of the report's country. Not "the west" of
    politics ("relations with the west") or of comparisons ("than in the west")."""
    code = compass_point(m.group("dir"))
    lead = ctx.text[max(0, m.start() - 60):m.start()]
    if code is None or POLITICAL.search(lead) or re.search(r"\bthan\s+in\s+$", lead):
        return None
    clause = max(ctx.text.rfind(c, 0, m.start()) for c in ";:—") + 1 + ctx.sentence.start
    start = ctx.sentence.start + m.start()
    named = [r for r in ctx.local if r.mention.type != "adjectival"
             and kind_of(r) in ("point", "area", "country")]
    before = [r for r in named if clause <= r.mention.start and r.mention.end <= start]
    res = before[-1] if before else None
    if res is not None and re.fullmatch(r"\s*,\s*(?:in|to|on|at)?\s*", ctx.text[
            res.mention.end - ctx.sentence.start:m.start()], re.IGNORECASE):
        return None             # "In Euclid, in the northeast,": where Euclid lies, in what
    if res is None and any(kind_of(r) == "point" for r in named):
        return None             # "near the plant in the northwest": of a town, but which
    code_of = cc_of(res) if res is not None and kind_of(res) == "point" else None
    if res is None or code_of:  # the report's country, or the named town's
        want = code_of or next(iter(ctx.countries()), None)
        res = next((r for r in ctx.all if kind_of(r) == "country" and want
                    and cc_of(r) == want), None)
    if res is None:
        return None
    modifier = "far" if m.group("far") else ""
    return _make(m, ctx, "part", (place_anchor(res),), direction=code, modifier=modifier)


def between(m: RuleMatch, ctx: Context) -> Expression | None:
    """``(on the road) between Gao and Ansongo`` (not "talks between Erbil and Baghdad")."""
    if POLITICAL.search(ctx.text[max(0, m.start() - 60):m.start()]):
        return None
    a, b = ctx.at(m, "p1"), ctx.at(m, "p2")
    if a is None or b is None or kind_of(a) not in ("point", "area") \
            or kind_of(b) not in ("point", "area"):
        return None
    return _make(m, ctx, "between", (place_anchor(a), place_anchor(b)))


def between_unknown(m: RuleMatch, ctx: Context) -> Expression | None:
    """``a highway between X and Y`` where the gazetteer lacks the second
    name: a place too small to know lies near the town it is named with."""
    if POLITICAL.search(ctx.text[max(0, m.start() - 60):m.start()]):
        return None
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) != "point" or m.span("unknown") not in ctx.unplaced:
        return None
    return _make(m, ctx, "near", (place_anchor(res),))


def border_section(m: RuleMatch, ctx: Context) -> Expression | None:
    """``the northern section of their border``: that end of the border between the
    two countries the sentence (else the report) is about, on both sides."""
    code = _direction(m, ctx)
    countries = ctx.countries()
    if code is None or code == CENTRAL or len(countries) < 2:
        return None
    anchor = Anchor(kind="border", code=countries[0], others=countries[1:], text=m.group(0))
    return _make(m, ctx, "border", (anchor,), direction=code)

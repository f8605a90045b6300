"""Handlers of the rules that read usage (issue 17): river banks, countryside, the
named side of a border, and what "between" does not mean. Their regexes are in
:data:`geo.spatial.rules.RULES`."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .anchors import kind_of, place_anchor, prefer
from .compass import CENTRAL
from .expression import Anchor, Expression
from .making import direction as _direction
from .making import make as _make

if TYPE_CHECKING:
    from .parse import Context

__all__ = ["POLITICAL", "banks", "border_side", "countryside"]


#: Nouns of a relation between the parties, not of the land between them: "talks
#: between Erbil and Baghdad" is no corridor.
POLITICAL = re.compile(
    r"(?:talks|negotiations|relations|ties|tensions?|dialogue|agreements?|deals?|disputes?|"
    r"meetings?|summit|rivalry|rift|trade|cooperation|co-operation|accord|treaty|truce|"
    r"ceasefire|mediation|contacts?|differences|row|feud)\s*(?:\w+\s+){0,2}$", re.IGNORECASE)


def banks(m: re.Match, ctx: Context) -> Expression | None:
    """``on the banks of the Nile``: the river near the report's places."""
    res = ctx.at(m, "p1")
    if res is None:
        return None
    res = prefer(res, ("river",))
    if kind_of(res) != "river":
        return None
    return _make(m, ctx, "near", (place_anchor(res),), modifier="bank")


def countryside(m: re.Match, ctx: Context) -> Expression | None:
    """``Manbij countryside``, ``the southern countryside of Manbij``: the ring
    of villages about a town (a sector of it with a direction)."""
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) != "point":
        return None
    code = _direction(m, ctx) if m.group("dir") else None
    if m.group("dir") and (code is None or code == CENTRAL):
        return None
    return _make(m, ctx, "near", (place_anchor(res),), direction=code, modifier="countryside")


def border_side(m: re.Match, ctx: Context) -> Expression | None:
    """``the Cameroon side of the border``, ``on the Syrian side``: the named side."""
    got = ctx.country(m, "c1")
    if got is None:
        return None
    code, res = got
    anchor = Anchor(kind="border", code=code, others=ctx.countries(exclude=[code]),
                    inferred=True, resolution=res, text=m.group("c1"))
    return _make(m, ctx, "border", (anchor,), modifier="side")

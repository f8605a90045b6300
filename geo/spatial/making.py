"""What every spatial rule's handler uses: building an Expression from a match."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ._window import RuleMatch
from .compass import compass_point
from .expression import Anchor, Expression
from .lexicon import parse_distance

if TYPE_CHECKING:
    from .parse import Context

__all__ = ["direction", "make"]


def make(m: RuleMatch, ctx: Context, relation: str, anchors: tuple[Anchor, ...], *,
          direction: str | None = None, dist: str | None = None, head: str | None = None,
          modifier: str = "") -> Expression:
    """An Expression for match ``m`` in the sentence of ``ctx``: its span in document offsets, its
    distance words parsed."""
    off = ctx.sentence.start
    parsed = parse_distance(dist) if dist else None
    return Expression(span=(off + m.start(), off + m.end()), text=m.group(0),
                      relation=relation, sentence=ctx.sentence.index, anchors=anchors,
                      distance_m=parsed[0] if parsed else None,
                      distance_text=parsed[1] if parsed else None,
                      direction=direction, head=head, modifier=modifier)


def direction(m: RuleMatch, ctx: Context, group: str = "dir") -> str | None:
    """The compass code a match's direction group names, unless it is part of a
    place name ("North" of "North Kivu")."""
    if ctx.inside_mention(m.start(group)):
        return None
    return compass_point(m.group(group))

"""Recognise spatial expressions in a sentence around its resolved place mentions.

The parser reads one sentence at a time with regexes whose every place slot matches
only the texts of that sentence's resolved mentions (the regexes are compiled once;
see :func:`geo.spatial.rules.matches`), and keeps a match only when each slot falls
exactly on a mention (or, for a country, on a demonym such as "Syrian"). Rules
live in :mod:`geo.spatial.rules`; this module holds the sentence context, overlap
resolution, zone-noun extension ("a *safe zone* 30 km into...") and anaphora ("the
envisaged safe zone area").
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from geo.model import Resolution, Sentence

from . import rules
from ._window import RuleMatch
from .anchors import AREA_KINDS, POINT_KINDS, cc_of, kind_of, place_anchor, prefer
from .expression import Expression
from .lexicon import DIST, HEADS, parse_distance

__all__ = [
    "AREA_KINDS", "POINT_KINDS", "Context", "Located", "describe", "find_expressions", "kind_of",
    "place_anchor", "prefer",
]


Demonym = Callable[[str], "str | None"]

_GENERIC_HEADS = r"strip|belt|band|corridor|zone|area|swathe|swath|pocket"
_LEAD = re.compile(
    rf"(?:(?:a|an|the|its|their|this|that)\s+)?(?:(?P<dist>{DIST})(?:[\s-]+(?:deep|wide|long))?\s+)?"
    rf"[\"“‘']?(?P<head>{HEADS}|{_GENERIC_HEADS})[\"”’']?\s*,?\s*"
    r"(?:(?:that|which)\s+(?:would\s+|will\s+|could\s+|is\s+to\s+)?)?"
    r"(?:(?:stretch|extend|reach|run|go|penetrate)(?:es|ing|s|ed)?\s+|of\s+)?"
    r"(?:(?:in|inside|across|covering|over|along)\s+(?:the\s+)?)?$",
    re.IGNORECASE)
_REFERS = re.compile(
    r"(?<![\w-])(?:the|this|that|its|their)\s+(?:(?:envisaged|planned|proposed|so-called|so\s+called"
    r"|announced|declared|agreed|new|same|intended|self-declared|putative|future|would-be)\s+)?"
    rf"[\"“‘']?(?P<head>{HEADS})[\"”’']?(?:\s+(?:area|region))?(?![\w-])",
    re.IGNORECASE)
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z]+(?![\w])")


def _norm_head(head: str) -> str:
    return re.sub(r"[\s-]+", " ", head.lower()).replace("demilitarized", "demilitarised") \
        .replace("no fly", "no-fly").replace("de escalation", "de-escalation")


class Located:
    """A document's resolved mentions, indexed by offset once for all its sentences.

    Reading a sentence then costs its own mentions rather than the whole
    document's (a 1,000,000-character report has thousands of sentences).

    Parameters
    ----------
    resolutions : iterable of Resolution
        The document's resolutions; unresolved ones are dropped.
    """

    def __init__(self, resolutions: Iterable[Resolution]) -> None:
        given = list(resolutions)
        self.all = [r for r in given if r.place is not None]
        #: Names read as places that the gazetteer lacks (villages, mostly), by start.
        self._unplaced = sorted((r for r in given if r.place is None),
                                key=lambda r: r.mention.start)
        self._unplaced_starts = [r.mention.start for r in self._unplaced]
        self._by_start = sorted(self.all, key=lambda r: r.mention.start)
        self._starts = [r.mention.start for r in self._by_start]

    @functools.cached_property
    def countries(self) -> list[str]:
        """The document's countries, most often mentioned first (counted once, not
        once per sentence that asks: that grew with the square of the document)."""
        return [c for c, _ in Counter(c for c in map(cc_of, self.all) if c).most_common()]

    def unplaced_within(self, start: int, end: int) -> list[Resolution]:
        """Unresolved mentions (names the gazetteer lacks) that start in ``[start, end)``."""
        lo = bisect.bisect_left(self._unplaced_starts, start)
        hi = bisect.bisect_left(self._unplaced_starts, end)
        return self._unplaced[lo:hi]

    def within(self, start: int, end: int) -> list[Resolution]:
        """Resolutions whose mention lies in ``[start, end)``, by start offset."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_right(self._starts, end)
        return [r for r in self._by_start[lo:hi] if r.mention.end <= end]


class Context:
    """One sentence as the rules see it: its text, mentions and countries.

    Parameters
    ----------
    sentence : Sentence
        The sentence; offsets in ``resolutions`` are document offsets.
    resolutions : iterable of Resolution or Located
        The document's resolutions (those outside the sentence give context only);
        pass a :class:`Located` built once to read many sentences of a document.
    demonym : callable, optional
        ``"Syrian" -> "SY"``; None means only resolved adjectival mentions count.
    """

    def __init__(self, sentence: Sentence, resolutions: Iterable[Resolution] | Located,
                 demonym: Demonym | None = None) -> None:
        self.sentence = sentence
        self.text = sentence.text
        index = resolutions if isinstance(resolutions, Located) else Located(resolutions)
        self.all = index.all
        self._index = index
        self.local = index.within(sentence.start, sentence.end)
        self._at = {(r.mention.start - sentence.start, r.mention.end - sentence.start): r
                    for r in self.local}
        self._demonym = demonym
        self._dem_cache: dict[str, str | None] = {}
        #: Spans (sentence offsets) of the names the gazetteer lacks.
        self.unplaced = {(r.mention.start - sentence.start, r.mention.end - sentence.start)
                         for r in index.unplaced_within(sentence.start, sentence.end)}

    # -- slots -------------------------------------------------------------
    def texts(self) -> list[str]:
        """The sentence's mention texts, longest first, each once."""
        return sorted({r.mention.text for r in self.local}, key=len, reverse=True)

    def alternation(self) -> str:
        """The regex alternation of the sentence's mention texts (longest first)."""
        texts = self.texts()
        return "|".join(re.escape(t) for t in texts) if texts else r"(?!x)x"

    def at(self, m: RuleMatch, group: str) -> Resolution | None:
        """The resolution whose mention is exactly what ``group`` matched, or None."""
        if m.group(group) is None:
            return None
        return self._at.get(m.span(group))

    def inside_mention(self, pos: int) -> bool:
        """Whether a sentence offset falls within a mention ("North" of "North Kivu")."""
        return any(s <= pos < e for s, e in self._at)

    def demonym(self, word: str) -> str | None:
        """Country code of a demonym, via the callable; cached."""
        if self._demonym is None or not word:
            return None
        if word not in self._dem_cache:
            self._dem_cache[word] = self._demonym(word)
        return self._dem_cache[word]

    def country(self, m: RuleMatch, group: str) -> tuple[str, Resolution | None] | None:
        """A country slot: a mention resolved to a country, or a demonym."""
        if m.group(group) is None:
            return None
        res = self.at(m, group)
        if res is not None:
            code = cc_of(res)
            return (code, res) if kind_of(res) == "country" and code else None
        code = self.demonym(m.group(group))
        return (code, None) if code else None

    # -- context -----------------------------------------------------------
    def countries(self, exclude: Iterable[str] = (), *,
                  places_first: bool = False) -> tuple[str, ...]:
        """Countries the sentence, then the document, is about: best first.

        The sentence's countries come in the order written (country mentions,
        demonyms, the countries of its towns); then the document's, most often
        mentioned first. With ``places_first`` the sentence's named places come
        before its demonyms: where "Russian forces on the east bank of the Dnipro
        shelled Kherson" happened is told by Kherson, not by "Russian".
        """
        found: list[tuple[int, int, str]] = []
        for r in self.local:
            cc = cc_of(r)
            if cc:
                late = places_first and r.mention.type == "adjectival"
                found.append((int(late), r.mention.start, cc))
        if self._demonym is not None:
            for w in _CAPITALISED.finditer(self.text):
                if (w.start(), w.end()) in self._at:
                    continue
                code = self.demonym(w.group(0))
                if code:
                    found.append((int(places_first), self.sentence.start + w.start(), code))
        ranked = [c for *_, c in sorted(found)]
        ranked += self._index.countries
        out: list[str] = []
        skip = set(exclude)
        for c in ranked:
            if c not in skip and c not in out:
                out.append(c)
        return tuple(out)


def _select(cands: list[Expression]) -> list[Expression]:
    """Longest non-overlapping candidates, earliest first on ties."""
    chosen: list[Expression] = []
    for c in sorted(cands, key=lambda e: (-(e.end - e.start), e.start)):
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda e: e.start)


def _extend(exp: Expression, ctx: Context, floor: int) -> Expression:
    """Take in a zone noun (and a distance) written just before the expression."""
    off = ctx.sentence.start
    lo = max(floor - off, exp.start - off - 160, 0)
    m = _LEAD.search(ctx.text[lo:exp.start - off])
    if not m or m.start() == m.end():
        return exp
    head = m.group("head")
    generic = re.fullmatch(_GENERIC_HEADS, head, re.IGNORECASE) is not None
    if generic and not (m.group("dist") or exp.distance_m):
        return exp
    start = off + lo + m.start()
    dist = exp.distance_m, exp.distance_text
    if exp.distance_m is None and m.group("dist"):
        parsed = parse_distance(m.group("dist"))
        if parsed:
            dist = parsed
    return replace(exp, span=(start, exp.end), text=ctx.text[start - off:exp.end - off],
                   head=None if generic else _norm_head(head),
                   distance_m=dist[0], distance_text=dist[1])


def find_expressions(sentence: Sentence, resolutions: Iterable[Resolution] | Located, *,
                     demonym: Demonym | None = None) -> list[Expression]:
    """Spatial expressions of one sentence, in text order.

    Parameters
    ----------
    sentence : Sentence
        The sentence to read.
    resolutions : iterable of Resolution or Located
        Resolved mentions; pass the whole document's (a :class:`Located`): those inside the sentence
        are the anchors the rules can use, all of them tell which countries the
        document is about (the other side of "into Syrian territory").
    demonym : callable, optional
        Maps a demonym to a country code (``gazetteer.demonym``); without it only
        demonyms the resolver resolved count.

    Returns
    -------
    list of Expression
        Non-overlapping, longest first on conflict; a zone noun just before an
        expression is part of it ("a safe zone 30 km into..."); "the safe zone"
        with no expression of its own is an expression with relation ``"refers"``.
    """
    ctx = Context(sentence, resolutions, demonym)
    cands: list[Expression] = []
    for m, handler in rules.matches(ctx.text, ctx.texts()):
        exp = handler(m, ctx)
        if exp is not None:
            cands.append(exp)
    chosen = _select(cands)
    out: list[Expression] = []
    floor = sentence.start
    for exp in chosen:
        exp = _extend(exp, ctx, floor)
        out.append(exp)
        floor = exp.end
    for m in _REFERS.finditer(ctx.text):
        s, e = sentence.start + m.start(), sentence.start + m.end()
        if any(s < o.end and o.start < e for o in out):
            continue
        out.append(Expression(span=(s, e), text=m.group(0), relation="refers",
                              sentence=sentence.index, head=_norm_head(m.group("head"))))
    return sorted(out, key=lambda x: x.start)


def describe(exp: Expression) -> dict[str, Any]:
    """A plain summary of an expression, for logs and debugging."""
    return {"text": exp.text, "relation": exp.relation, "distance_m": exp.distance_m,
            "direction": exp.direction, "head": exp.head, "modifier": exp.modifier,
            "anchors": [a.label for a in exp.anchors]}

"""Cue phrases of conflict reporting: wordings that make a name a place
whether or not the gazetteer knows it.

* "the village of X", "the villages of X and Y", "a resident of X" (a place
  noun, "of", then names);
* "X village", "X and Y villages", "X area" (the name alone is the place);
* "X state", "X district", "X Township", "X camp", "X mountains", "X
  monastery" (the name with its word is an area, a camp, a natural feature or
  a building, and its candidates must be of that kind: "Donetsk region" is
  the oblast, not the city);
* "rebel-held X", "nearby X", "a location known as X", "the road leading to
  X", "at X, near Y", "X, home to ...";
* datelines ("SULAIMANI –", "OUAGADOUGOU -", "BAMAKO:") and lists of names.

This module finds the phrases; :mod:`geo.recognition.cued` turns them into
spans with candidates. The vocabularies are package data
(``data/place_nouns.txt``, ``admin1_words.txt`` and the like).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.recognition import nonplaces, vocab
from geo.recognition.tokens import (
    ARTICLES,
    OPENERS,
    PARTICLES,
    capitalised,
    ends_sentence,
    gap_ok,
    sentence_start,
)

__all__ = ["ADMIN1", "ADMIN2", "CAMP", "DIRECTIONS", "LANDMARK", "NATURE", "Cued", "cued_names",
           "datelines", "lists"]

ADMIN1 = ("admin1", "region")
ADMIN2 = ("admin2", "admin1")
CAMP = ("camp",)
NATURE = ("region", "river", "landmark")
LANDMARK = ("landmark", "prison", "custom")

#: Direction words that may open a name ("Northeast Georgia").
DIRECTIONS = OPENERS | {"northeast", "northwest", "southeast", "southwest", "northeastern",
                        "northwestern", "southeastern", "southwestern"}

#: Longest name a cue takes, in words.
MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class Cued:
    """A place named by a cue phrase: the mention's offsets, the name to look up
    (the mention without its area word), and the kinds its candidates must have
    (None: any kind; the name alone is the place)."""

    start: int
    end: int
    name: str
    kinds: tuple[str, ...] | None
    alone: bool = False  # no area word: a settlement, or an item of "X and Y villages"
    word: str = ""  # the area word, singular ("district")


@lru_cache(maxsize=50_000)  # a working set of words: bounded memory over long streams
def singular(word: str) -> str:
    w = word.lower().rstrip(".")
    if w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


@lru_cache(maxsize=50_000)
def _suffix_kinds(word: str):
    """(kinds, name alone?) for an area word after a name, or False."""
    w = singular(word)
    if w in vocab.words("settlement_words"):
        return None, True
    for name, kinds in (("admin1_words", ADMIN1), ("admin2_words", ADMIN2),
                        ("camp_words", CAMP), ("nature_words", NATURE)):
        if w in vocab.words(name) or word.lower() in vocab.words(name):
            return kinds, False
    if word.rstrip(".") in vocab.words("landmark_words") and word.islower():
        return LANDMARK, False
    return False


def _plural(word: str) -> bool:
    return singular(word) != word.lower().rstrip(".")


def _stop(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in nonplaces.STOP_WORDS and w not in OPENERS


def _particle(word: str) -> bool:
    """A particle inside an unknown name ("Wad al Noura"), but not an English
    word ("ARB as an Historic District", "Anthony Gillen of Kansas")."""
    w = word.lower()
    return (w in PARTICLES or w in ARTICLES) and w not in nonplaces.STOP_WORDS


def _forward(text, toks, i):
    """A name starting at token i: (first, last) token indices, or None."""
    if i >= len(toks):
        return None
    j = i
    _, e, w = toks[i]
    if w.lower() in ARTICLES and text[e:e + 1] == "-" and i + 1 < len(toks) \
            and toks[i + 1][0] == e + 1:
        j = i + 1
    if not capitalised(toks[j][2]) or _stop(toks[j][2]):
        return None
    last = j
    k = j + 1
    while k < len(toks) and k - i < MAX_WORDS and not ends_sentence(toks[k - 1][2]) \
            and gap_ok(text, toks[k - 1][1], toks[k][0]):
        w = toks[k][2]
        if capitalised(w):
            if _stop(w):
                return None  # a longer name with a stop word in it: "X Party"
            last = k
        elif not _particle(w):
            break
        k += 1
    if k < len(toks) and k - i >= MAX_WORDS and capitalised(toks[k][2]) \
            and gap_ok(text, toks[k - 1][1], toks[k][0]):
        return None
    return i, last


def _backward(text, toks, j):
    """A name ending at token j - 1 (before an area word at j): (first, last) or None."""
    first = None
    k = j - 1
    while k >= 0 and j - k <= MAX_WORDS and gap_ok(text, toks[k][1], toks[k + 1][0]) \
            and not ends_sentence(toks[k][2]):
        _, e, w = toks[k]
        if w.endswith(".") and len(w) > 3:
            break  # "began CPR. Gwinnett County"
        if capitalised(w):
            if _stop(w) or w.lower() == "the":
                break
            first = k
        elif w.lower() in ARTICLES and text[e:e + 1] == "-" and first == k + 1:
            first = k  # "al-Dahab"; a capitalised word before it is the name's too
        elif not _particle(w) or first is None:
            break
        k -= 1
    if first is None:
        return None
    before = toks[k][2] if k >= 0 else ""
    if capitalised(before) and gap_ok(text, toks[k][1], toks[k + 1][0]) \
            and not ends_sentence(before) and before.lower() != "the" \
            and not (before.lower() in nonplaces.STOP_WORDS and sentence_start(text, toks[k][0])):
        return None  # part of a longer name: "Islamic State West Africa Province"
    return first, j - 1


def _span(text, toks, first, last):
    s, e = toks[first][0], toks[last][1]
    if text[s:e].endswith(".") and ends_sentence(toks[last][2]):
        e -= 1
    return s, e


_LIST = re.compile(r"(?:,\s+and|,\s+or|,|\s+and|\s+or)\s+")
_LIST_BEFORE = re.compile(r"(?:,\s+and|,\s+or|,|\s+and|\s+or)\s+$")


def _token_at(toks, pos, lo=0):
    """Index of the token that starts at ``pos`` (searching from ``lo``), or None."""
    return next((n for n in range(lo, min(lo + 4, len(toks))) if toks[n][0] == pos), None)


def _after_noun(text, toks, i, out, k=None):
    """The "the village(s) of X (and Y)" cue: names after the noun at token i (from
    token k when words stand between)."""
    plural = _plural(toks[i][2])
    k = i + 2 if k is None else k
    for _ in range(6 if plural else 1):
        run = _forward(text, toks, k)
        if run is None:
            return
        s, e = _span(text, toks, *run)
        out.append(Cued(s, e, text[s:e], None, True))
        m = _LIST.match(text, e)
        if not plural or not m:
            return
        k = _token_at(toks, m.end(), run[1] + 1)
        if k is None:
            return


def _before_word(text, toks, j, kinds, alone, out):
    """The "X district" and "X and Y villages" cues: names before the area word at token j."""
    word = toks[j][2]
    if text[toks[j - 1][1]:toks[j][0]] != " ":
        return  # "Tri-State": one word
    nxt = toks[j + 1][2] if j + 1 < len(toks) and gap_ok(text, toks[j][1], toks[j + 1][0]) \
        and not ends_sentence(word) else ""
    if capitalised(nxt) or nxt[:1].isdigit() or (capitalised(word) and nxt == "of"):
        return  # "Kharkiv Regional State Administration", "Ohio Department of Health"
    if alone and capitalised(word):
        return  # "Kansas City", "Falls Village": the word is part of the name
    plural = _plural(word) and kinds is not NATURE
    end = j
    if plural:  # "the Mugunga and Lac Vert displacement camps"
        while end > 0 and toks[end - 1][2] in vocab.words("camp_modifiers") and j - end < 2:
            end -= 1
    for n in range(6 if plural else 1):
        run = _backward(text, toks, end)
        if run is None or _suffix_kinds(toks[run[1]][2]) is not False:
            return  # "the West Region department": the inner "West Region" is the place
        s, e = _span(text, toks, *run)
        if all(t[2].lower() in OPENERS for t in toks[run[0]:run[1] + 1]) \
                and not capitalised(word):
            return  # "the Central district": a direction, not a name
        if plural or alone:
            if not plural and re.search(r"\b(?:an?|one)\s+$", text[max(0, s - 4):s], re.IGNORECASE):
                return  # "a Dogon village": a people's or country's adjective
            out.append(Cued(s, e, text[s:e], kinds, True, singular(word)))
        else:
            we = toks[j][1] - (1 if ends_sentence(word) else 0)
            if word.islower() and singular(word) in vocab.words("designators"):
                we = e  # "Hebei province": the name is Hebei
            out.append(Cued(s, we, text[s:e], kinds, False, singular(word)))
        m = _LIST_BEFORE.search(text, max(0, s - 8), s)
        if not plural or not m:
            return
        k = run[0] - 1
        while k >= 0 and toks[k][1] > m.start():
            k -= 1
        if k < 0 or toks[k][1] != m.start():
            return
        end = k + 1


#: Words right before a name that make it a place in conflict reporting:
#: "rebel-held X", "nearby X", "a location known as X", "the road leading to X",
#: "the highway from X to Y" (lowercase: "Mitchell Bridge Road from X" is a
#: street's name).
_BEFORE = re.compile(
    r"(?:-(?:held|controlled|occupied|besieged|administered)|(?<!the )\bnearby|"
    r"\b(?:location|area|place|village|town|locality|spot|settlement)\s+"
    r"(?:known\s+as|called|named)|\b(?:roads?|highways?|"
    r"routes?|motorway)\s+(?:(?:leading|heading|going|linking\s+\S+)\s+)?(?:to|towards|from)|"
    r"\b(?:roads?|highways?|routes?)\s+from\s+\S+(?:\s\S+)?\s+to)\s+(?:the\s+)?$")
#: Words right after a name that make it a place: "X, home to the ...", "at X,
#: near Y", "in X, north of Y", "X, just across the river".
_AFTER = re.compile(
    r",?\s+(?:home\s+to\b|on\s+the\s+\S+\s+side\s+of\b|"
    r"(?:just\s+|some\s+\S+\s+\S+\s+)?(?:near|outside|close\s+to|across|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of)\s+"
    r"(?:the\s+(?:border|river|frontier)\b|[A-Z]))")
#: Words between a place noun and its names: "the village head of X", "the
#: district council of X", "the affected communities are X and Y".
_NOUN_THEN = re.compile(
    r"\s+(?:(?:head|chief|chiefs|elders?|leaders?|council|chairman|administrator|governor|"
    r"commissioner)\s+of|(?:are|were|include|included|including|such\s+as))\s+")
_LOCATIVE = re.compile(r"\b(?:in|at|near|from|into|to|towards|on)\s+$", re.IGNORECASE)


def _context(text, toks, i, out):
    """Names a cue before (``_BEFORE``) or, after a locative, a cue after
    (``_AFTER``) makes a place."""
    s = toks[i][0]
    before = _BEFORE.search(text, max(0, s - 40), s)
    run = _forward(text, toks, i) if before or _LOCATIVE.search(text, max(0, s - 8), s) \
        else None
    if run is None:
        return
    a, b = _span(text, toks, *run)
    if re.match(r"\s+\d", text[b:b + 3]):
        return  # "Exit 12", "Pct. 4"
    if before or _AFTER.match(text, b):
        out.append(Cued(a, b, text[a:b], None, True))


def cued_names(text: str, toks) -> list[Cued]:
    """Every name a cue phrase marks as a place, in text order."""
    out: list[Cued] = []
    nouns = vocab.words("place_nouns")
    for i, (s, e, w) in enumerate(toks):
        if i + 1 < len(toks) and toks[i + 1][2] == "of" and singular(w) in nouns \
                and not capitalised(w):
            _after_noun(text, toks, i, out)
        elif singular(w) in nouns and not capitalised(w):
            m = _NOUN_THEN.match(text, e)  # "the village head of X", "communities are X"
            k = _token_at(toks, m.end(), i + 1) if m else None
            if k is not None:
                _after_noun(text, toks, i, out, k)
        if capitalised(w) and (i == 0 or not capitalised(toks[i - 1][2])):
            _context(text, toks, i, out)
        if i == 0:
            continue
        found = _suffix_kinds(w)
        if found is False:
            continue
        kinds, alone = found
        _before_word(text, toks, i, kinds, alone, out)
    out.sort(key=lambda c: c.start)
    return out


def lists(text: str, toks) -> list[list[tuple[int, int]]]:
    """Runs of names joined by commas and "and"/"or" ("Pervomaiske, Vodiane and
    Nevelske"): their ``(start, end)`` offsets, two or more a list."""
    out = []
    i = 0
    while i < len(toks):
        inside = i > 0 and capitalised(toks[i - 1][2]) and gap_ok(text, toks[i - 1][1], toks[i][0])
        run = _forward(text, toks, i) if capitalised(toks[i][2]) and not inside else None
        if run is None:
            i += 1
            continue
        items = []
        while run is not None:
            a, b = _span(text, toks, *run)
            items.append((a, b))
            i = run[1] + 1
            m = _LIST.match(text, b)
            k = _token_at(toks, m.end(), i) if m else None
            run = _forward(text, toks, k) if k is not None else None
        if len(items) > 1:
            out.append(items)
    return out


_DATELINE = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z’'\-]{3,}(?:[ \-][A-Z][A-Z’'\-]+){0,2})(?=\s*(?:,|–|—|-{1,2}|:)\s)")


def datelines(text: str) -> list[tuple[int, int]]:
    """"SULAIMANI – A drone ...", "OUAGADOUGOU -", "TEHRAN, Iran": a name in
    capitals opening one of the first lines of a story, before a comma, a dash
    or a colon. One at most: a transcript's "HARVEY:" lines are speakers."""
    head = "\n".join(text.split("\n")[:8])
    m = _DATELINE.search(head)
    return [(m.start(1), m.end(1))] if m else []

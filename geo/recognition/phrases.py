"""Cue phrases of conflict reporting: wordings that make a name a place
whether or not the gazetteer knows it.

* "the village of X", "the villages of X and Y", "a resident of X" (a place
  noun, "of", then names);
* "X village", "X and Y villages", "X area" (the name alone is the place);
* "X state", "X district", "X Township", "X camp", "X mountains" (the name with
  its word is an area, a camp or a natural feature, and its candidates must be
  of that kind: "Donetsk region" is the oblast, not the city);
* datelines: "SULAIMANI –", "OUAGADOUGOU -", "BAMAKO:".

The vocabularies are package data (``data/place_nouns.txt``,
``admin1_words.txt`` and the like).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from geo.recognition import nonplaces, vocab
from geo.recognition.tokens import (ARTICLES, OPENERS, PARTICLES, capitalised, ends_sentence,
                                    gap_ok, sentence_start)

__all__ = ["Cued", "cue_spans", "cued_names", "datelines", "lists", "unknown_in_lists"]

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


def _singular(word: str) -> str:
    w = word.lower().rstrip(".")
    if w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _suffix_kinds(word: str):
    """(kinds, name alone?) for an area word after a name, or False."""
    w = _singular(word)
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
    return _singular(word) != word.lower().rstrip(".")


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
    s, e, w = toks[i]
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
        s, e, w = toks[k]
        if capitalised(w):
            if _stop(w) or w.lower() == "the":
                break
            first = k
        elif w.lower() in ARTICLES and text[e:e + 1] == "-" and first == k + 1:
            first = k
            k -= 1
            break
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


def _after_noun(text, toks, i, out):
    """ "the village(s) of X (and Y)": names after the noun at token i."""
    plural = _plural(toks[i][2])
    k = i + 2
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
    """ "X district", "X and Y villages": names before the area word at token j."""
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
            if not plural and re.search(r"\b(?:an?|one)\s+$", text[max(0, s - 4):s], re.I):
                return  # "a Dogon village": a people's or country's adjective
            out.append(Cued(s, e, text[s:e], kinds, True, _singular(word)))
        else:
            we = toks[j][1] - (1 if ends_sentence(word) else 0)
            out.append(Cued(s, we, text[s:e], kinds, False, _singular(word)))
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
#: "the highway from X to Y".
_BEFORE = re.compile(
    r"(?:-(?:held|controlled|occupied|besieged|administered)|(?<!the )\bnearby|\b(?:location|area|place|"
    r"village|town|locality|spot|settlement)\s+(?:known\s+as|called|named)|\b(?:roads?|highways?|"
    r"routes?|motorway)\s+(?:(?:leading|heading|going|linking\s+\S+)\s+)?(?:to|towards|from)|"
    r"\b(?:roads?|highways?|routes?)\s+from\s+\S+(?:\s\S+)?\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE)
#: Words right after a name that make it a place: "X, home to the ...", "at X,
#: near Y", "in X, north of Y", "X, just across the river".
_AFTER = re.compile(
    r",?\s+(?:home\s+to\b|(?:just\s+|some\s+\S+\s+\S+\s+)?(?:near|outside|close\s+to|across|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of)\s+"
    r"(?:the\s+(?:border|river|frontier)\b|[A-Z]))")
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
        low = w.lower()
        if i + 1 < len(toks) and toks[i + 1][2] == "of" and _singular(w) in nouns \
                and not capitalised(w):
            _after_noun(text, toks, i, out)
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
    r"(?m)^[ \t]*([A-Z][A-Z’'\-]+(?:[ \-][A-Z][A-Z’'\-]+){0,2})(?=\s*(?:,|–|—|-{1,2}|:)\s)")


def datelines(text: str) -> list[tuple[int, int]]:
    """"SULAIMANI – A drone ...", "OUAGADOUGOU -", "TEHRAN, Iran": a name in
    capitals opening a line, before a comma, a dash or a colon."""
    return [(m.start(1), m.end(1)) for m in _DATELINE.finditer(text)]


def _candidates(c: Cued, text: str, lookup):
    """The gazetteer's candidates for a cued name, of the kinds its cue allows: the
    name with its word first ("Jonglei state"), else the name's areas ("Donetsk
    region" is the oblast). Towns of the exact name come too when no area fits
    (rivers and townships are mostly named after a town on them) or when the
    areas are far smaller than the town (a parish called Charlotte beside the
    city); a camp gets no town (it may lie far from its namesake), nor does a
    common word ("the Deep State channel")."""
    from geo.recognition.words import is_common_word

    if c.kinds is None:
        return tuple(lookup(c.name))
    if not c.alone:
        full = tuple(lookup(text[c.start:c.end]))
        known = tuple(x for x in full if x.place.kind in c.kinds) or tuple(
            x for x in full if x.reason == "exact")  # "Clinton Township" is a town
        if known:
            return known
    cands = [x for x in lookup(c.name) if _same_word(x.place.name, c.word)]
    kind = [x for x in cands if x.place.kind in c.kinds]
    if is_common_word(c.name) or c.kinds in (CAMP, LANDMARK):
        return tuple(kind)
    towns = [x for x in cands if x.reason in ("exact", "normalised") and x.place.kind == "city"]
    if c.word == "township":
        return tuple(towns + kind)
    big = max((x.place.population for x in kind), default=0)
    if not kind or any(x.place.population > 10 * big for x in towns):
        return tuple(kind + (towns or [x for x in cands if x.reason in ("exact", "normalised")
                                       and x.place.kind in ("admin1", "admin2")]))
    return tuple(kind)


def _word_class(word: str) -> str:
    """Area words that mean the same level: "region" is "oblast", "district" is
    "county"; a township or a municipality is a level of its own."""
    if word in ("township", "municipality", "commune"):
        return word
    return next((f for f in ("admin1_words", "admin2_words", "camp_words", "nature_words")
                 if word in vocab.words(f)), "")


def _same_word(place_name: str, word: str) -> bool:
    """"Jackson Township" is not Jackson County, "Donetsk region" may be Donetska
    oblast: a place whose own name ends in an area word of another level is
    another place."""
    last = _singular(place_name.split()[-1]) if place_name.split() else ""
    have = _word_class(last)
    return not have or not word or have == _word_class(word)


def _shorter(c: Cued, text: str, lookup):
    """"Armenias Tavush region": when a name of several words has no candidate,
    the longest tail of it that has one, with the area word."""
    words = c.name.split()
    for n in range(1, len(words)):
        if c.alone and words[n - 1].lower() not in DIRECTIONS:
            break  # "Northeast Georgia area" is Georgia; "Akobo West" is not West
        tail = " ".join(words[n:])
        if all(w.lower() in OPENERS for w in words[n:]):
            break  # "Ulang Central County" is not "Central County"
        short = Cued(c.start + c.name.index(tail, len(" ".join(words[:n]))), c.end, tail,
                     c.kinds, c.alone, c.word)
        cands = _candidates(short, text, lookup)
        if cands:
            return short, cands
    return c, ()


def _proper(name: str) -> bool:
    """Could this unknown name be a place's? Not when a word of it is a common
    English word ("Deep State", "Public Utilities", "Senior Olympics"); direction
    words and particles do not count."""
    from geo.recognition.words import is_common_word

    words = [w for w in re.split(r"[ -]", name)
             if w and w.lower() not in OPENERS and w.lower() not in PARTICLES]
    return bool(words) and not any(is_common_word(w) for w in words)


def cue_spans(text: str, toks, lookup, demonyms, speakers):
    """``(start, end, name, candidates)`` for every place a cue phrase or a
    dateline names, longest first where they overlap; ``name`` is what later
    mentions of the same place are written as."""
    from gazetteer.names import key

    def plausible(name, area=False):
        low = name.lower()
        one = " " not in name and "-" not in name
        stop = low in nonplaces.STOP_WORDS and not (area and low in OPENERS)
        return key(name) not in demonyms and low not in nonplaces.INSTITUTIONS \
            and not (one and (stop or low in speakers))

    out = []
    for c in cued_names(text, toks):
        if not plausible(c.name, not c.alone) or c.kinds == LANDMARK and any(
                x.reason in ("exact", "normalised") for x in lookup(c.name)):
            continue  # "the Gainesville hospital": the town is the mention
        cands = _candidates(c, text, lookup)
        if not cands and " " in c.name:
            c, cands = _shorter(c, text, lookup)
        if not cands and (not _proper(c.name) or c.name.isupper()):
            continue  # "the Deep State channel", "the Public Utilities department", "TIF"
        out.append((c.start, c.end, c.name, cands))
    for s, e in datelines(text):
        name = text[s:e]
        if len(name) > 3 and plausible(name) and _proper(name):
            out.append((s, e, name, tuple(lookup(name))))
    out.sort(key=lambda x: (x[0], x[0] - x[1]))
    return out


def unknown_in_lists(text: str, toks, is_place, speakers):
    """``(start, end)`` of names the gazetteer lacks listed with found places
    ("Khan Younis, Rafah and al-Mawasi"): ``is_place(s, e)`` tells which items
    were found, at least half of them, and "and" or "or" joins the last. The
    others must look like names of places: no person's given name first, no
    initials or acronyms, no common words; and a list of "X, Y and Z high
    schools" names schools."""
    from geo.recognition.words import is_given_name

    out = []
    for items in lists(text, toks):
        places = sum(is_place(a, b) for a, b in items)
        joined = re.search(r"\b(?:and|or)\s+$", text[items[-2][1]:items[-1][0]])
        things = re.match(r"\s+(?:[a-z-]+\s+)?[a-z]+s\b", text[items[-1][1]:items[-1][1] + 40])
        if not places or 2 * places < len(items) or not joined or things:
            continue
        for a, b in items:
            name = text[a:b]
            words = name.replace("-", " ").split()
            if is_place(a, b) or not _proper(name) or "." in name \
                    or any(w.isupper() and len(w) > 1 for w in words) \
                    or is_given_name(words[0]) or name.lower() in speakers:
                continue
            out.append((a, b))
    return out

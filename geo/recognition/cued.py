"""From cue phrases to spans: which gazetteer candidates a cued name takes (an
area word asks for areas of that name, a camp is not its namesake town), and
whether a name the gazetteer lacks can be a place's at all (no common words,
no people, no acronyms).
"""
from __future__ import annotations

import re

from geo.recognition import nonplaces, vocab
from geo.recognition.phrases import (
    CAMP,
    DIRECTIONS,
    LANDMARK,
    NATURE,
    Cued,
    cued_names,
    datelines,
    lists,
    singular,
)
from geo.recognition.tokens import OPENERS, PARTICLES

__all__ = ["cue_spans", "unknown_in_lists"]


def _candidates(c: Cued, text: str, lookup):
    """The gazetteer's candidates for a cued name, of the kinds its cue allows: the
    name with its word first ("Jonglei state"), else the name's areas ("Donetsk
    region" is the oblast). Towns of the exact name come too when no area fits
    (a township is mostly named after its town) or when the areas are far
    smaller than the town (a parish called Charlotte beside the city), and for
    mountains, plateaus and valleys (they rise over their namesake, or name its
    area: the Bekaa Valley); a camp, a building, a river or a forest gets no
    town (it may lie far from its namesake: the Meuse is not the Meuse
    département), nor does a common word ("the Deep State channel")."""
    from geo.recognition.words import is_common_word

    if c.kinds is None:
        return _close(c.name, lookup(c.name))
    if not c.alone:
        written = text[c.start:c.end]
        full = tuple(lookup(written if len(written) > len(c.name) else f"{c.name} {c.word}"))
        if any(x.reason != "loose" for x in lookup(c.name)):
            full = tuple(x for x in full if x.reason != "loose")  # "Somme region"
        known = tuple(x for x in full if x.place.kind in c.kinds) or tuple(
            x for x in full if x.reason == "exact")  # "Clinton Township" is a town
        if known:
            return known
    cands = [x for x in lookup(c.name) if _same_word(x.place.name, c.word)]
    if any(x.reason != "loose" for x in cands):  # "Somme region": not Simiyu
        cands = [x for x in cands if x.reason != "loose"]
    kind = [x for x in cands if x.place.kind in c.kinds]
    towns = [x for x in cands if x.reason in ("exact", "normalised") and x.place.kind == "city"]
    if c.kinds == NATURE and c.word in ("mountain", "plateau", "valley"):
        areas = [x for x in cands if x.reason in ("exact", "normalised")
                 and x.place.kind in ("admin1", "admin2")]
        return tuple(kind or towns or areas)  # "the Sinjar mountains" rise over Sinjar
    if is_common_word(c.name) or c.kinds in (CAMP, LANDMARK, NATURE):
        return tuple(kind)
    if c.word == "township":
        return tuple(towns + kind)
    big = max((x.place.population for x in kind), default=0)
    if not kind or any(x.place.population > 10 * big for x in towns):
        areas = [x for x in cands if x.reason != "loose" and x.place.kind in ("admin1", "admin2")
                 and x not in kind]  # "Baalbek region", "Somme region": a second-level area
        return tuple(kind + areas + towns)
    return tuple(kind)


#: An Arabic article before a name's key ("el hodeidah", "al qaim").
_ARTICLE = re.compile(r"^(?:a[lnrsdtz]|e[lnrsdtz]|ash|ath|adh) ")


def _close(name: str, cands) -> tuple:
    """A name a cue made a place keeps its loose (transliteration) matches only
    when they are spelt closely: "Loango" is not Lanzhou however big it is."""
    from rapidfuzz import fuzz

    from gazetteer.names import key

    k = key(name)

    def spelt_closely(x) -> bool:  # "Hodeidah" is "El-Hodeidah" without its article
        other = _ARTICLE.sub("", key(x.matched or x.place.name))
        return fuzz.ratio(k, other) >= 85

    return tuple(x for x in cands if x.reason != "loose" or spelt_closely(x))


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
    last = singular(place_name.split()[-1]) if place_name.split() else ""
    have = _word_class(last)
    return not have or not word or have == _word_class(word)


def _shorter(c: Cued, text: str, lookup):
    """When a name of several words has no candidate, the longest tail of it that
    has one, with the area word, if what it drops is a direction ("Northeast
    Georgia area"), a country's possessive written without its apostrophe
    ("Armenias Tavush region") or the first of two names joined by a hyphen
    ("Greenbrier-Pocahontas County"); "Door Baba district" is not "Baba
    district"."""
    words = c.name.split()
    if not c.alone and "-" in words[0]:  # "Greenbrier-Pocahontas County": two names
        words = words[0].split("-", 1) + words[1:]
    for n in range(1, len(words)):
        head = words[n - 1]
        possessive = head.endswith("s") and any(
            x.place.kind == "country" and x.reason != "loose" for x in lookup(head[:-1]))
        joined = n == 1 and not c.alone and c.name[len(head):len(head) + 1] == "-" and any(
            x.reason != "loose" for x in lookup(head))  # both halves known places
        if head.lower() not in DIRECTIONS and not possessive and not joined:
            break
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
    English word ("Deep State", "Public Utilities", "Senior Olympics"), nor when
    it is one word that is English at all ("Jungle") or shaped like an
    adjective ("Tasmanian"); direction words and particles do not count."""
    from geo.recognition.words import is_common_word, is_english_word

    words = [w for w in re.split(r"[ -]", name)
             if w and w.lower() not in OPENERS and w.lower() not in PARTICLES]
    if len(words) == 1 and (re.search(r"(?:ian|ean|ese|ish)$", words[0])
                            or is_english_word(words[0])):
        return False  # "Tasmanian": an adjective of a place; "the Jungle"
    return bool(words) and not any(is_common_word(w) for w in words)


def cue_spans(text: str, toks, lookup, demonyms, speakers):
    """``(start, end, name, candidates, sense)`` for every place a cue phrase or
    a dateline names, longest first where they overlap; ``name`` is what later
    mentions of the same place are written as; ``sense`` is the name with the
    area word the mention leaves out ("Hebei province" for the mention "Hebei"),
    else empty."""
    from gazetteer.names import key

    def plausible(name, area=False):
        low = name.lower()
        one = " " not in name and "-" not in name
        stop = low in nonplaces.STOP_WORDS and not (area and low in OPENERS)
        return key(name) not in demonyms and low not in nonplaces.INSTITUTIONS \
            and not (one and (stop or low in speakers))

    out = []
    for c in cued_names(text, toks):
        head = c.name.split()[0]
        if " " in c.name and key(head) in demonyms and not any(
                x.reason in ("exact", "normalised") for x in lookup(c.name)):
            # "the Sudanese Warab state" (but "Saudi Arabia" is a name of its own)
            rest = c.name[len(head):].lstrip()
            c = Cued(c.start + len(c.name) - len(rest), c.end, rest, c.kinds, c.alone, c.word)
        if not plausible(c.name, not c.alone) or c.kinds == LANDMARK and any(
                x.reason in ("exact", "normalised") for x in lookup(c.name)):
            continue  # "the Gainesville hospital": the town is the mention
        cands = _candidates(c, text, lookup)
        if not cands and (" " in c.name or "-" in c.name):
            c, cands = _shorter(c, text, lookup)
        if not cands and c.kinds == NATURE:
            continue  # a river or range the gazetteer lacks: left to the scan ("Sacramento")
        if not cands and (not _proper(c.name) or c.name.isupper()):
            continue  # "the Deep State channel", "the Public Utilities department", "TIF"
        short = c.word and not c.alone and c.end == c.start + len(c.name)  # "Hebei province"
        sense = f"{c.name} {c.word}" if short else ""
        out.append((c.start, c.end, c.name, cands, sense))
    for s, e in datelines(text):
        name = text[s:e]
        if len(name) > 3 and plausible(name) and _proper(name):
            out.append((s, e, name, tuple(lookup(name)), ""))
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

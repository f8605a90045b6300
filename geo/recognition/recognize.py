"""Recognition: find the spans of a document that name places.

Three voices are fused:

* a gazetteer scan: every capitalised run of up to six words is looked up (exact
  and press-transliteration keys), longest match first;
* spaCy's statistical NER (GPE, LOC, FAC, NORP, and PERSON/ORG as vetoes);
* patterns: "in/at/near/outside X", "X, <state or country>", demonyms.

A scan match is kept when it is a strong place (a country, a first-level area, a
continent, a large city), or when NER or a pattern backs it; NER's people and
organisations veto weak matches inside them ("Baghdadi" is not Baghdad; "The Sun"
is a newspaper).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from gazetteer.model import Candidate
from geo.recognition import nonplaces
from geo.recognition.words import is_common_word, is_given_name

__all__ = ["Span", "recognise"]

_WORD = re.compile(r"[^\W\d_](?:[\w’'\.]*\w)?\.?|\d+", re.UNICODE)
_POSSESSIVE = re.compile(r"[’']s?$")
_ABBREV_STATES = re.compile(r"^(?:[A-Z]\.){2,}$")

_CUES_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|from|into|towards?|across|around|throughout|inside|"
    r"within|via|between|reached|entered|visited|(?:north|south|east|west|northeast|"
    r"northwest|southeast|southwest|city|town|village|outskirts|province|county|state|"
    r"region|suburbs?|districts?) of|north|south|east|west|northern|southern|eastern|"
    r"western|central|downtown|greater|\d+,\s+of|between\s+[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?\s+and|(?:moved|returned|went|came|travell?ed|"
    r"traveling|trip|flew|drove|headed|deployed|transferred|relocated|welcome) to)"
    r"\s+(?:the\s+)?)$",
    re.IGNORECASE)
_CUES_AFTER = re.compile(
    r"^(?:-based|-area|\s+(?:man|woman|men|women|boy|girl|resident|residents|native|natives|"
    r"police|officials?|area|metro|mayor|council|community|neighborhood|neighbourhood|"
    r"county|township|village|town|city|province|governorate|district|region|"
    r"residents|home|homes|schools?|campus|outskirts|border|airport|port|harbou?r|hospital|"
    r"restaurant|businesse?s?|company|store|church|family|couple|teens?|teenagers?|students?|"
    r"dealership|firefighters?)\b)",
    re.IGNORECASE)


#: Lowercase words inside names: articles and particles ("Deir al-Balah", "Stratford upon Avon").
_PARTICLES = frozenset("al el ar as ad ash at an az ez es ed de del da do dos la le les of upon "
                       "sur on am bin ibn abu um umm ain bani beni y".split())

#: Candidates kept per name (there are some 30 Washington Counties).
LIMIT = 40

#: Lowercase words that end facility names ("Zaporizhzhia nuclear power plant").
FACILITIES = frozenset("nuclear power plant camp prison dam bridge crossing airport refugee "
                       "steelworks hospital air base border".split())


_DEFINED = re.compile(
    r"^(?:\s*\([^)]{0,80}\))?,?\s+(?:is|was)\s+(?:a|an|the|one)\s+(?:[\w-]+\s+){0,4}"
    r"(?:city|town|village|hamlet|community|settlement|municipality|county|district|suburb|"
    r"neighbou?rhood|place|capital|port|commune|parish|borough|township|locality|region|"
    r"province|state|country|island)s?\b")


@dataclass(frozen=True, slots=True)
class Span:
    """A recognised name: offsets, text, its type and gazetteer candidates."""

    start: int
    end: int
    text: str
    type: str  # "toponym" or "adjectival"
    candidates: tuple[Candidate, ...]
    source: str  # "gazetteer", "ner", "pattern", "demonym"
    country: str | None = None  # for adjectival mentions


def _tokens(text: str):
    """Word tokens with offsets; a possessive "'s" is not part of a name."""
    out = []
    for m in _WORD.finditer(text):
        w, end = m.group(), m.end()
        p = _POSSESSIVE.search(w)
        if p and len(w) - len(p.group()) >= 2:
            w, end = w[:p.start()], m.start() + p.start()
        out.append((m.start(), end, w))
    return out


def _strong(c: Candidate, name: str) -> bool:
    """A match strong enough to stand without NER or a cue: a country, a big area
    or a big town called by its own name. A name that is also a common word or a
    given name ("Man", "Chad") needs a bigger place."""
    from gazetteer.names import key

    p = c.place
    if c.reason not in ("exact", "normalised"):
        return False
    common = single_word(name) and (is_common_word(name) or is_given_name(name))
    big = p.population >= 1_000_000
    if p.kind in ("country", "continent"):
        return not common or big or p.kind == "continent"
    if p.kind == "region":
        return not common
    if p.kind == "admin1":
        return p.population >= 100_000 and (not common or big)
    if p.kind in ("camp", "prison", "crossing", "landmark", "river", "custom"):
        return not common
    own_name = key(c.matched or name) == key(p.name)
    return p.kind == "city" and p.population >= 150_000 and own_name and (not common or big)


def _gap_ok(text: str, a_end: int, b_start: int) -> bool:
    """Words of one name are separated by one space or a hyphen, nothing else."""
    gap = text[a_end:b_start]
    return gap in (" ", "-", "- ", " -")


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _name_token(word: str, first: bool) -> bool:
    """May this token be part of a place name?"""
    if _capitalised(word):
        return True
    w = word.lower().rstrip(".")
    return not first and (w in _PARTICLES or w in FACILITIES)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" \"'“‘(")
    return pos == 0 or before == "" or before[-1:] in ".!?\n:\"“”"


def scan(text: str, lookup, max_words: int = 6, toks=None):
    """Gazetteer scan: longest capitalised runs that name something.

    Yields ``(start, end, candidates)``; ``lookup(name)`` returns candidates.
    """
    toks = _tokens(text) if toks is None else toks
    i = 0
    while i < len(toks):
        s, e, w = toks[i]
        stop = w.lower().strip(".") in nonplaces.STOP_WORDS and len(w) > 1
        if not _name_token(w, True) or stop and not _followed_by_name(toks, i, text):
            i += 1
            continue
        best = None
        j = i
        while j < len(toks) and j - i < max_words:
            if j > i and (not _gap_ok(text, toks[j - 1][1], toks[j][0])
                          or not _name_token(toks[j][2], False)
                          or _ends_sentence(toks[j - 1][2])):
                break
            end = toks[j][1]
            # "Syria." at a sentence end: drop the final dot unless an abbreviation
            name = text[s:end]
            if name.endswith(".") and not _ABBREV_STATES.match(name.split()[-1]):
                name, end = name[:-1], end - 1
            if _capitalised(toks[j][2]) or toks[j][2].lower().rstrip(".") in FACILITIES:
                cands = lookup(name)
                if cands:
                    best = (s, end, cands, j)
            j += 1
        if best is not None:
            yield best[0], best[1], best[2]
            i = best[3] + 1
        else:
            i += 1


def _ends_sentence(word: str) -> bool:
    """A word with a full stop ends the name ("Hodeidah. An ..."), unless it is
    an abbreviation ("St. Louis", "Mt. Pleasant", "D.C.")."""
    return word.endswith(".") and len(word) > 4 and not _ABBREV_STATES.match(word)


def _followed_by_name(toks, i, text) -> bool:
    """"New", "North", "St." start names: keep them when a capitalised word follows."""
    w = toks[i][2].lower().strip(".")
    if w not in ("new", "north", "south", "east", "west", "northern", "southern", "eastern",
                 "western", "central", "upper", "lower", "great", "st", "the", "old", "saint",
                 "lake", "mount", "river", "fort", "port", "san", "santa", "la", "el", "al",
                 "king", "queen", "prince", "union", "sun", "independence"):
        return False
    return i + 1 < len(toks) and _capitalised(toks[i + 1][2]) and \
        _gap_ok(text, toks[i][1], toks[i + 1][0])


def recognise(text: str, gaz, *, ner_spans=None) -> list[Span]:
    """Find place mentions in ``text``.

    Parameters
    ----------
    text : str
        The document text.
    gaz : gazetteer.store.Gazetteer
        The open gazetteer.
    ner_spans : list of (start, end, label), optional
        Entities from a statistical NER model; without them only strong matches
        and pattern-backed matches are kept.
    """
    def lookup(name):
        return _lookup(gaz, name)

    demonyms = gaz.demonyms()
    ner_spans = ner_spans or []
    places_ner = [(s, e) for s, e, lab in ner_spans if lab in ("GPE", "LOC", "FAC")]
    vetoes = [(s, e, lab) for s, e, lab in ner_spans if lab in ("PERSON", "ORG", "WORK_OF_ART",
                                                                 "PRODUCT", "EVENT", "LAW")]
    out: list[Span] = []
    # Characters already given to a span (1) or free (0): the overlap test is then
    # linear in the span's length, not in the number of spans found so far.
    taken = bytearray(len(text))
    persons = nonplaces.person_words(text, ner_spans)
    speakers = persons | nonplaces.acting_words(text)
    accepted: set[str] = set()
    pending: list = []

    def free(s, e):
        return taken.find(1, s, e) < 0

    def take(s, e):
        taken[s:e] = b"\x01" * (e - s)

    toks = _tokens(text)
    for m in nonplaces.PEOPLES.finditer(text):
        take(m.start(), m.end())
    # Two-word demonyms ("North Korean") before the scan takes their last word.
    for a, b in zip(toks, toks[1:]):
        name = text[a[0]:b[1]]
        dem = demonyms.get(_fold(name)) if _capitalised(a[2]) and _gap_ok(text, a[1], b[0]) \
            else None
        if dem is not None and free(a[0], b[1]) and not any(
                c.place.kind == "country" and c.reason != "loose" for c in lookup(name)):
            out.append(Span(a[0], b[1], name, "adjectival", (), "demonym", dem[0]))
            take(a[0], b[1])
    for s, e, cands in scan(text, lookup, toks=toks):
        if not free(s, e):
            continue
        name = text[s:e]
        k = name.lower()
        dem = demonyms.get(_fold(name))
        if dem is not None and not any(c.place.kind == "country" and c.reason != "loose"
                                       for c in cands):
            out.append(Span(s, e, name, "adjectival", (), "demonym", dem[0]))
            take(s, e)
            continue
        strong = any(_strong(c, name) for c in cands[:3])
        one_word = single_word(name)
        backed = any(a <= s and e <= b for a, b in places_ner) or \
            any(s <= a and b <= e for a, b in places_ner)
        cue = bool(_CUES_BEFORE.search(text[max(0, s - 30):s])) or _comma_pair(text, e, lookup) \
            or bool(_CUES_AFTER.match(text[e:e + 20])) or _dateline(text, s, e)
        defined = bool(_DEFINED.match(text[e:e + 160]))  # "Warren is a city in ..."
        cue = cue or defined
        if not backed and one_word and k in persons and not cue:
            continue  # "Abraham Lincoln ... Lincoln's profile": a person all along
        if not backed and not strong and single_word(name):
            if single_word_person(text, s, e) or (k in speakers and not defined) \
                    or _compound(text, s, e) or nonplaces.firm(text, s, e):
                continue
            if name.isupper() and len(name) > 2 and not _dateline(text, s, e):
                continue  # an acronym or a shouted word, not a town
            if (is_given_name(name) or is_common_word(name)) and not cue:
                continue
        veto = next((lab for a, b, lab in vetoes if a <= s and e <= b), None)
        if veto and not backed and not strong and (veto == "PERSON" or _whole(vetoes, s, e)) \
                and (one_word or is_given_name(name.split()[0])):
            continue
        if (k.strip(".") in nonplaces.STOP_WORDS or k in nonplaces.INSTITUTIONS
                or nonplaces.named_after(text, s, e, name)) and not backed:
            continue
        start_of_sentence = _sentence_start(text, s)
        keep = backed or strong or defined or (cue and not (one_word and start_of_sentence))
        if not keep and not ner_spans:
            keep = cue or (not one_word and any(c.reason in ("exact", "normalised")
                                                  for c in cands[:1]))
        if keep and free(s, e):
            out.append(Span(s, e, name, "toponym", tuple(cands), "gazetteer"))
            take(s, e)
            accepted.add(_fold(name))
        elif not keep:
            pending.append((s, e, name, cands))
    # Demonyms and adjectives ("Turkish", "South Sudanese") the gazetteer scan
    # does not see, since they name no place of their own.
    for i, (s, e, w) in enumerate(toks):
        if not _capitalised(w):
            continue
        for n in (2, 1):
            if i + n > len(toks):
                continue
            end = toks[i + n - 1][1]
            if n == 2 and not _gap_ok(text, e, toks[i + 1][0]):
                continue
            dem = demonyms.get(_fold(text[s:end]))
            if dem is not None and free(s, end):
                out.append(Span(s, end, text[s:end], "adjectival", (), "demonym", dem[0]))
                take(s, end)
                break
    # One sense per discourse: a name accepted once is a place everywhere in the
    # document ("in downtown Decatur" ... "Decatur to discuss plan").
    # A list of places ("Tampa, Orlando, Pensacola and Gainesville"): a name
    # beside a place in it is a place too.
    listed = True
    while listed:
        listed = False
        for s, e, name, cands in pending:
            if free(s, e) and (_fold(name) in accepted or _in_list(text, s, e, taken)):
                out.append(Span(s, e, name, "toponym", tuple(cands), "gazetteer"))
                take(s, e)
                accepted.add(_fold(name))
                listed = True
    # NER places the scan missed: report them, resolved or not.
    for a, b in places_ner:
        if not free(a, b):
            continue
        name = text[a:b]
        if name.lower().startswith("the "):
            a, name = a + 4, name[4:]
        if not name or not name[0].isupper():
            continue
        dem = demonyms.get(_fold(name))
        if dem is not None:
            out.append(Span(a, b, name, "adjectival", (), "demonym", dem[0]))
            take(a, b)
            continue
        cands = tuple(c for c in gaz.lookup(name, fuzzy=False) if c.reason != "loose")
        if single_word(name) and (is_common_word(name) or not cands):
            continue
        if name.split()[-1].lower() in ("street", "st", "road", "rd", "drive", "avenue", "ave",
                                        "way", "lane", "boulevard", "blvd", "highway", "route"):
            continue
        out.append(Span(a, b, name, "toponym", cands, "ner"))
        take(a, b)
    # Demonyms that NER tagged NORP but the scan did not see.
    for s, e, lab in ner_spans:
        if lab == "NORP" and free(s, e):
            dem = demonyms.get(_fold(text[s:e]))
            if dem is not None:
                out.append(Span(s, e, text[s:e], "adjectival", (), "demonym", dem[0]))
                take(s, e)
    out.sort(key=lambda sp: sp.start)
    return out


def single_word_person(text: str, s: int, e: int) -> bool:
    """"Michael Smith", "George Washington": a capitalised word right before or
    after a one-word name makes it part of a person's or organisation's name."""
    if " " in text[s:e]:
        return False
    after = re.match(r" ([A-Z][a-z]+)\b", text[e:e + 30])
    before = re.search(r"\b([A-Z][a-z]+) $", text[max(0, s - 30):s])
    if after and after.group(1).lower() not in nonplaces.STOP_WORDS:
        return True
    return bool(before and before.group(1).lower() not in nonplaces.STOP_WORDS
                and not _sentence_start(text, s - len(before.group(0))))


@lru_cache(maxsize=20_000)  # a working set: bounded memory over long streams
def _lookup(gaz, name: str):
    """Candidates the scan may use for a name (cached per gazetteer and name)."""
    return _credible(name, gaz.lookup(name, fuzzy=False, limit=LIMIT))


def _credible(name: str, cands):
    """Keep loose (transliteration) matches of one word only when they are close
    or the place is big: "Hodeidah" finds Al Ḩudaydah, "Health" does not find Holt."""
    from rapidfuzz import fuzz

    from gazetteer.names import key

    if not single_word(name):
        return cands
    k = key(name)
    common = is_common_word(name) or is_given_name(name)
    out = []
    for c in cands:
        if c.reason == "loose":
            close = fuzz.ratio(k, key(c.matched).split()[-1]) >= 85
            big = c.place.population >= 100_000 or c.place.kind in ("country", "admin1")
            if common or not (close or big):
                continue
        out.append(c)
    return tuple(out)


_LIST_BEFORE = re.compile(r"(?:,|,? and|,? or)\s$")
_LIST_AFTER = re.compile(r"(?:,|,? and|,? or)\s")


def _in_list(text: str, s: int, e: int, taken: bytearray) -> bool:
    """Is [s, e) an item of a list whose neighbouring item is a found place?"""
    before = _LIST_BEFORE.search(text, max(0, s - 6), s)
    if before and before.start() > 0 and taken[before.start() - 1]:
        return True
    after = _LIST_AFTER.match(text, e)
    return bool(after and after.end() < len(taken) and taken[after.end()])


def _compound(text: str, s: int, e: int) -> bool:
    """"Wal-Mart", "Coca-Cola": part of a hyphenated word is not a place
    ("Gainesville-area" and "Tulsa-based" are)."""
    if _CUES_AFTER.match(text[e:e + 8]):
        return False
    return (text[e:e + 1] == "-" and text[e + 1:e + 2].isalpha()) or \
        (s > 1 and text[s - 1] == "-" and text[s - 2].isalpha())


def single_word(name: str) -> bool:
    return " " not in name and "-" not in name


def _dateline(text: str, s: int, e: int) -> bool:
    """"CHARLESTON, W.Va. --": a capitalised place opening a line or a story."""
    line_start = s == 0 or text[max(0, s - 2):s].strip(" ") in ("", ".") or text[s - 1] == "\n"
    return line_start and text[s:e].isupper() and text[e:e + 1] == ","


def _whole(vetoes, s, e) -> bool:
    """Is [s, e) the whole of an ORG/PERSON span (then it is that, not a place)?"""
    return any(a == s and b == e for a, b, _ in vetoes)


def _comma_pair(text: str, end: int, lookup) -> bool:
    """"Bangor, Maine": a name followed by a comma and a state or country."""
    m = re.match(r",\s+((?:[A-Z][\w.]*\.?)(?:\s[A-Z][\w.]*){0,2})", text[end:end + 40])
    if not m:
        return False
    return any(c.place.kind in ("admin1", "country") for c in lookup(m.group(1).rstrip("."))[:3])


def _fold(name: str) -> str:
    from gazetteer.names import key

    return key(name)

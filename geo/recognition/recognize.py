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
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.model import Candidate
from gazetteer.names import key
from geo.places import Candidates
from geo.recognition import cued, cues, nonplaces, tokens
from geo.recognition.words import is_common_word, is_english_word, is_given_name

__all__ = ["Span", "recognise"]

#: Candidates kept per name (there are some 30 Washington Counties).
LIMIT = 40


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
    #: What the name means when its words alone do not say ("Kharkiv" written as
    #: "Kharkiv region" is the oblast, not the city): resolution groups by it.
    sense: str = ""


def _strong(c: Candidate, name: str) -> bool:
    """A match strong enough to stand without NER or a cue: a country, a big area
    or a big town called by its own name. A name that is also a common word or a
    given name ("Man", "Chad") needs a bigger place."""
    p = c.place
    if c.reason not in ("exact", "normalised"):
        return False
    common = tokens.single_word(name) and (is_common_word(name) or is_given_name(name))
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


def recognise(text: str, gaz: Candidates, *, ner_spans=None) -> list[Span]:
    """Find place mentions in ``text``.

    Parameters
    ----------
    text : str
        The document text.
    gaz : geo.places.Candidates
        Ranked candidates (the pipeline passes the gazetteer seen through
        :class:`geo.resolution.policy.Ranked`).
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

    toks = tokens.tokens(text)
    for m in nonplaces.PEOPLES.finditer(text):
        take(m.start(), m.end())
    for m in nonplaces.ORGANISATIONS.finditer(text):
        take(m.start(), m.end())
    groups = nonplaces.group_names(text)  # "the Dogon ethnic group": never a place
    actors = nonplaces.actor_names(text)  # "the Houthi movement": no unknown place Houthi
    # Two-word demonyms ("North Korean") before the scan takes their last word.
    for a, b in zip(toks, toks[1:]):
        if not (tokens.capitalised(a[2]) and tokens.gap_ok(text, a[1], b[0])):
            continue
        name = text[a[0]:b[1]]
        dem = demonyms.get(_fold(name))
        if dem is not None and free(a[0], b[1]) and not any(
                c.place.kind == "country" and c.reason != "loose" for c in lookup(name)):
            out.append(Span(a[0], b[1], name, "adjectival", (), "demonym", dem[0]))
            take(a[0], b[1])
    # Cue phrases ("the village of X", "X district", datelines) name places
    # whether or not the gazetteer knows them.
    unknown: set[str] = set()
    for s, e, name, cands, sense in cued.cue_spans(text, toks, lookup, demonyms, speakers):
        if free(s, e) and name.lower() not in groups and (cands or name.lower() not in actors):
            out.append(Span(s, e, text[s:e], "toponym", cands, "pattern", sense=sense))
            take(s, e)
            accepted.add(_fold(name))
            if not cands:
                unknown.add(text[s:e])  # "Kon Hser", "Sardasht camp" (not "Sardasht")
    for s, e, cands in tokens.scan(text, lookup, toks=toks):
        if not free(s, e):
            continue
        name = text[s:e]
        k = name.lower()
        if k in groups:
            continue
        if _tail(text, s, name):
            continue  # "Serengeti National Park" is not National Park, New Jersey
        if _ADJECTIVE.search(name) and tokens.single_word(name) and all(
                c.reason in ("loose", "fuzzy") for c in cands):
            cands = []  # "Ossetian" is a people's adjective, not Austin spelt otherwise
        rivers = [c for c in cands if c.place.kind == "river"]
        if rivers and cues.river(text, s, e):
            cands = rivers  # "across the Dnipro": the river, not the city
        dem = demonyms.get(_fold(name))
        if dem is not None and not any(c.place.kind == "country" and c.reason != "loose"
                                       for c in cands):
            out.append(Span(s, e, name, "adjectival", (), "demonym", dem[0]))
            take(s, e)
            continue
        strong = any(_strong(c, name) for c in cands[:3])
        one_word = tokens.single_word(name)
        backed = any(a <= s and e <= b for a, b in places_ner) or \
            any(s <= a and b <= e for a, b in places_ner)
        cue = bool(cues.CUES_BEFORE.search(text[max(0, s - 30):s])) \
            or cues.comma_pair(text, e, lookup) \
            or cues.after(text, s, e) or cues.dateline(text, s, e)
        defined = bool(cues.DEFINED.match(text[e:e + 160]))  # "Warren is a city in ..."
        cue = cue or defined
        if not backed and one_word and k in persons and not cue:
            continue  # "Abraham Lincoln ... Lincoln's profile": a person all along
        if not backed and not strong and tokens.single_word(name):
            if cues.single_word_person(text, s, e) or (k in speakers and not defined) \
                    or cues.compound(text, s, e) or nonplaces.firm(text, s, e):
                continue
            if name.isupper() and len(name) > 2 and not cues.dateline(text, s, e):
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
        start_of_sentence = tokens.sentence_start(text, s)
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
        if not tokens.capitalised(w):
            continue
        for n in (2, 1):
            if i + n > len(toks):
                continue
            end = toks[i + n - 1][1]
            if n == 2 and not tokens.gap_ok(text, e, toks[i + 1][0]):
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
            if free(s, e) and (_fold(name) in accepted or cues.in_list(text, s, e, taken)):
                out.append(Span(s, e, name, "toponym", tuple(cands), "gazetteer"))
                take(s, e)
                accepted.add(_fold(name))
                listed = True
    # Names the gazetteer lacks, listed with places ("Rafah and al-Mawasi").
    toponyms = bytearray(len(text))
    for sp in out:
        if sp.type == "toponym":
            toponyms[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    for s, e in cued.unknown_in_lists(text, toks, lambda a, b: toponyms.find(0, a, b) < 0,
                                         speakers):
        if free(s, e) and text[s:e].lower() not in groups | actors:
            out.append(Span(s, e, text[s:e], "toponym", tuple(lookup(text[s:e])), "pattern"))
            take(s, e)
            unknown.add(text[s:e])
    # A name a cue made a place is a place wherever else the report writes it.
    for name in unknown:
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if free(m.start(), m.end()):
                out.append(Span(m.start(), m.end(), name, "toponym", (), "pattern"))
                take(m.start(), m.end())
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
        if tokens.single_word(name) and (is_common_word(name) or not cands):
            continue
        if name.split()[-1].lower() in tokens.STREETS:
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


@lru_cache(maxsize=20_000)  # a working set: bounded memory over long streams
def _lookup(gaz, name: str):
    """Candidates the scan may use for a name (cached per gazetteer and name).

    A capitalised name the gazetteer lacks is looked for as the gazetteer writes it
    with other spaces and hyphens (:func:`_joined`)."""
    found = gaz.credible(name, gaz.lookup(name, fuzzy=False, limit=LIMIT),
                         one_word=tokens.single_word(name),
                         common=is_common_word(name) or is_given_name(name))
    return found or _joined(gaz, name)


def _joined(gaz, name: str) -> tuple:
    """The places whose name is ``name`` but for its spaces and hyphens: the press
    writes "Port-Louis" for Port Louis, "Xbangou" for X Bangou. Only for a
    one-word or hyphenated name of capitalised parts none of which is an English
    word ("Tri-State", "Cannot" are no such names) or shorter than four letters
    ("the Bon-Aire's marquee" is a motel, not Bonaire); a one-word name only for places
    whose name has no English word ("Grandest" is not Grand Est, "Pinelake" not
    surely Pine Lake: English compounds are written both ways)."""
    parts = name.split("-")
    if len(name) < 6 or not all(p[:1].isupper() and p[1:].islower() and not is_common_word(p)
                                and (len(parts) == 1 or len(p) >= 4) for p in parts):
        return ()
    want = key(name).replace(" ", "")
    found = [c for c in gaz.lookup("".join(parts), limit=LIMIT)
             if key(c.matched or c.place.name).replace(" ", "") == want]
    if len(parts) == 1:
        found = [c for c in found if not any(is_english_word(w)
                                             for w in key(c.matched or c.place.name).split())]
    return tuple(found)


#: The shape of a people's or a place's adjective ("Ossetian", "Sudanese").
_ADJECTIVE = re.compile(r"(?:ian|ean|ese|ish)$")
_BEFORE_TAIL = re.compile(r"(?<![.!?:;,])\b([A-Z][\w'’-]*) $")


def _tail(text: str, s: int, name: str) -> bool:
    """Is this match the generic tail of a longer name ("Serengeti National
    Park", "the Mekong Delta"): only generic words, right after a capitalised
    word that is not a stop word?"""
    from geo.recognition import vocab

    if not all(w in vocab.words("generic_words") for w in name.lower().split()):
        return False
    m = _BEFORE_TAIL.search(text, max(0, s - 40), s)
    return m is not None and m.group(1).lower() not in nonplaces.STOP_WORDS


def _whole(vetoes, s, e) -> bool:
    """Is [s, e) the whole of an ORG/PERSON span (then it is that, not a place)?"""
    return any(a == s and b == e for a, b, _ in vetoes)


def _fold(name: str) -> str:
    return key(name)

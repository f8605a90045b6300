"""Evidence that a capitalised name is not a place here: stop words, people
(the report's persons, by their names, titles, ages and what they do),
peoples ("North American"), institutions, firms, contractions, currencies and
things named after a place ("West Nile virus", "New York Times").

Pure functions of the text; :mod:`geo.recognition.recognize` weighs them.
"""
from __future__ import annotations

import re

__all__ = ["INSTITUTIONS", "PEOPLES", "STOP_WORDS", "acting_words", "firm", "named_after",
           "person_words"]

#: Capitalised words that are (almost) never places on their own in news text.
STOP_WORDS = frozenset("""
a an the this that these those he she it we they i you his her its our their my your
mr mrs ms dr gen col lt sgt capt prof sen rep gov pres president minister king queen prince
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december today yesterday tomorrow
north south east west northern southern eastern western central new old great upper lower
street st road avenue ave square park river lake county city state province district
police army court news times post sun star mail daily herald tribune journal press
party council office department ministry government university college school hospital church
center centre club company group house senate congress parliament union league association
in on at of for from by with to and or but if as when while after before since during
is was are were be been has have had do does did not no yes also just
god jesus christ allah islam islamic state isis daesh hamas hezbollah hizbollah fatah taliban
shia shiite sunni passover christmas easter ramadan thanksgiving halloween hanukkah metro
ebola zika lassa nipah hendra latin communist hindu mandarin farsi hindi urdu negro
american english french german spanish italian russian chinese arab african european
western eastern many some all one two three first second last next more most other
""".split())

_TITLES = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Judge|Officer|Deputy|"
    r"President|Minister|Chief|Coach|Sheriff|Mayor|Detective|Trooper|Attorney)\.?\s+$")


#: Compounds that name a people, not the country of their last word ("North
#: American", "African-American", "Latin Americans"): taken, never reported.
PEOPLES = re.compile(
    r"\b(?:North|South|Central|Latin|Native|Pan|Anglo|Afro|Arab|[A-Z][a-z]+(?:an|ic|ish|ese|i))"
    r"[ -]Americans?\b")


#: Places whose name the press uses for an institution ("the White House said").
INSTITUTIONS = frozenset({"white house"})
_CONTRACTION = re.compile(r"^(?:I|We|You|They|He|She|It)[’'](?:ll|ve|re|d|m)$")


#: What follows a place's name in the name of something else: a disease ("West
#: Nile virus"), a newspaper or news agency ("New York Times", "Agence
#: France-Presse"). (Agencies and schools named after a place, "Ohio Department
#: of Health", are left alone: annotators count their place.)
_NAMED_AFTER = re.compile(
    r"(?:\s+(?:virus|fever|disease|strain)\b|[ -](?:Times|Post|Herald|Tribune|Journal|Gazette"
    r"|Chronicle|Daily|Presse?|Red\s+Cross)\b)")


def named_after(text: str, s: int, e: int, name: str) -> bool:
    """Not a place: a contraction ("I'll" is not Ill.), a title ("Miss
    Cordiner" is not Miss.), a currency ("US$5"), or the first words of
    something named after the place ("West Nile virus", "New York Times")."""
    return bool(_CONTRACTION.match(name)) or (name == "Miss" and text[e:e + 1] != ".") \
        or text[e:e + 1] == "$" or text[s - 1:s] == "$" \
        or bool(_NAMED_AFTER.match(text, e))


def firm(text: str, s: int, e: int) -> bool:
    """"Stevens & Wilkinson": a small town's name joined by an ampersand is a firm's."""
    return bool(re.match(r"\s*&\s*[A-Z]", text[e:e + 4])
                or re.search(r"[A-Z]\w*\s*&\s*$", text[max(0, s - 20):s]))


#: Two or three capitalised words (the middle one may be an initial), found
#: overlapping: "Democrat Jim Webb" yields "Democrat Jim Webb" and "Jim Webb".
_NAME_RUN = re.compile(r"\b(?=([A-Z][a-z]+)\s+(?:[A-Z]\.\s+|([A-Z][a-z]+)\s+)?([A-Z][a-z]+)\b)")


def person_words(text: str, ner_spans) -> set[str]:
    """Surnames of the document's people ("Maria Flores" -> "flores", "Sen. Soule"
    -> "soule"): one sense per discourse, so later lone mentions are people too."""
    from geo.recognition.words import is_given_name

    out = set()
    for m in _NAME_RUN.finditer(text):
        first, middle, last = m.groups()
        if is_given_name(first) and not is_given_name(last) and first.lower() not in STOP_WORDS \
                and (middle is None or is_given_name(middle)):  # "John Steven Carter"
            out.add(last.lower())
    for m in re.finditer(r"\b([A-Z][a-z]+),\s+(?:1[0-1]\d|[1-9]?\d),", text):  # "Carter, 56,"
        out.add(m.group(1).lower())
    for m in re.finditer(r"\b[A-Z][a-z]+\s+[A-Z]\.\s+([A-Z][a-z]+)\b", text):  # "Tyrise M. Bell"
        out.add(m.group(1).lower())
    for m in re.finditer(_TITLES.pattern.rstrip("$") + r"([A-Z][a-z]+)", text):
        out.add(m.group(1).lower())
    for s, e, lab in ner_spans:
        if lab == "PERSON" and " " in text[s:e]:
            out.add(text[s:e].split()[-1].lower())
    return out


_ACTING = re.compile(
    r"\b(?=[A-Z])(?<!\bof )(?<!\bin )(?<!\bat )(?<!\bfrom )(?<!\bnear )(?<!\bto )(?<!, )"
    r"([A-Z][a-z]+)(?:\s+(?:said|told|added"
    r"|explained|testified|pleaded|admitted)\b|\s+and\s+(?:his|her)\b|,\s+who\b)"
    r"|\bsaid\s+([A-Z][a-z]+)(?=[,.])")


def acting_words(text: str) -> set[str]:
    """Words that act like people ("Welch and his mother", "Bell said", "said
    Garland"): a small town of that name is not meant anywhere in the report."""
    return {(m.group(1) or m.group(2)).lower() for m in _ACTING.finditer(text)}

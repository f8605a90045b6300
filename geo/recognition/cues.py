"""Context that says a name is a place: the words before and after it ("in
X", "X-based", "X residents"), a definition ("X is a town in ..."), a dateline,
an "X, <state or country>" pair, a list of places, and what says it is part of
something else (a hyphenated compound, a person's name).
"""
from __future__ import annotations

import re

from geo.recognition import nonplaces
from geo.recognition.tokens import sentence_start

__all__ = ["CUES_AFTER", "CUES_BEFORE", "DEFINED", "after", "comma_pair", "compound",
           "dateline", "in_list", "river", "single_word_person"]

CUES_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|from|into|towards?|across|around|throughout|inside|"
    r"within|via|between|reached|entered|visited|(?:north|south|east|west|northeast|"
    r"northwest|southeast|southwest|city|town|village|outskirts|province|county|state|"
    r"region|suburbs?|districts?) of|north|south|east|west|northern|southern|eastern|"
    r"western|central|downtown|greater|\d+,\s+of|"
    r"between\s+[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?\s+and|(?:moved|returned|went|came|travell?ed|"
    r"traveling|trip|flew|drove|headed|deployed|transferred|relocated|welcome) to)"
    r"\s+(?:the\s+)?)$",
    re.IGNORECASE)
CUES_AFTER = re.compile(
    r"^(?:-based|-area|\s+(?:man|woman|men|women|boy|girl|resident|residents|native|natives|"
    r"police|officials?|area|metro|mayor|council|community|neighborhood|neighbourhood|"
    r"county|township|village|town|city|province|governorate|district|region|"
    r"residents|home|homes|schools?|campus|outskirts|border|airport|port|harbou?r|hospital|"
    r"restaurant|businesse?s?|company|store|church|family|couple|teens?|teenagers?|students?|"
    r"dealership|firefighters?)\b)",
    re.IGNORECASE)


DEFINED = re.compile(
    r"^(?:\s*\([^)]{0,80}\))?,?\s+(?:is|was)\s+(?:a|an|the|one)\s+(?:[\w-]+\s+){0,4}"
    r"(?:city|town|village|hamlet|community|settlement|municipality|county|district|suburb|"
    r"neighbou?rhood|place|capital|port|commune|parish|borough|township|locality|region|"
    r"province|state|country|island)s?\b")


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
                and not sentence_start(text, s - len(before.group(0))))


_LIST_BEFORE = re.compile(r"(?:,|,? and|,? or)\s$")
_LIST_AFTER = re.compile(r"(?:,|,? and|,? or)\s")


def in_list(text: str, s: int, e: int, taken: bytearray) -> bool:
    """Is [s, e) an item of a list whose neighbouring item is a found place?"""
    before = _LIST_BEFORE.search(text, max(0, s - 6), s)
    if before and before.start() > 0 and taken[before.start() - 1]:
        return True
    after = _LIST_AFTER.match(text, e)
    return bool(after and after.end() < len(taken) and taken[after.end()])


def compound(text: str, s: int, e: int) -> bool:
    """"Wal-Mart", "Coca-Cola": part of a hyphenated word is not a place
    ("Gainesville-area" and "Tulsa-based" are)."""
    if CUES_AFTER.match(text[e:e + 8]):
        return False
    return (text[e:e + 1] == "-" and text[e + 1:e + 2].isalpha()) or \
        (s > 1 and text[s - 1] == "-" and text[s - 2].isalpha())


def dateline(text: str, s: int, e: int) -> bool:
    """"CHARLESTON, W.Va. --": a capitalised place opening a line or a story."""
    line_start = s == 0 or text[max(0, s - 2):s].strip(" ") in ("", ".") or text[s - 1] == "\n"
    return line_start and text[s:e].isupper() and text[e:e + 1] == ","


def comma_pair(text: str, end: int, lookup) -> bool:
    """"Bangor, Maine": a name followed by a comma and a state or country."""
    m = re.match(r",\s+((?:[A-Z][\w.]*\.?)(?:\s[A-Z][\w.]*){0,2})", text[end:end + 40])
    if not m:
        return False
    return any(c.place.kind in ("admin1", "country") for c in lookup(m.group(1).rstrip("."))[:3])


_A_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
_SETTLEMENT_AFTER = re.compile(r"\s+(?:village|town|city|hamlet|community|settlement)\b")


def after(text: str, s: int, e: int) -> bool:
    """Do the words after [s, e) say it is a place ("X residents", "X-based")?
    Not in "a Dogon village": after "a", the name is a people's or a
    country's adjective."""
    if not CUES_AFTER.match(text[e:e + 20]):
        return False
    return not (_A_BEFORE.search(text, max(0, s - 4), s) and _SETTLEMENT_AFTER.match(text, e))


_RIVER_BEFORE = re.compile(
    r"\b(?:across|along|crossed|crossing|cross|banks?\s+of|side\s+of|up|down|over)\s+the\s+$",
    re.IGNORECASE)
_RIVER_AFTER = re.compile(
    r"(?:[’']s\s+(?:left|right|east|west|eastern|western|northern|southern|opposite)\s+bank"
    r"|\s+(?:river|riverbank|delta|estuary)\b)", re.IGNORECASE)


def river(text: str, s: int, e: int) -> bool:
    """Does the text say [s, e) is a river: "across the Dnipro", "the Dnipro's
    left bank", "the Dnipro river"?"""
    return bool(_RIVER_BEFORE.search(text, max(0, s - 20), s) or _RIVER_AFTER.match(text, e))

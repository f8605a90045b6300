"""Evidence that a capitalised name is not a place here: stop words, people
(the report's persons, by their names, titles, ages and what they do),
peoples ("North American"), institutions, firms, contractions, currencies and
things named after a place ("West Nile virus", "New York Times").

Pure functions of the text; :mod:`geo.recognition.recognize` weighs them.
"""
from __future__ import annotations

import re

from geo.recognition import vocab

__all__ = ["INSTITUTIONS", "ORGANISATIONS", "PEOPLES", "STOP_WORDS", "acting_words", "actor_names",
           "firm", "group_names", "named_after", "person_words"]

#: Capitalised words that are (almost) never places on their own in news text.
STOP_WORDS = vocab.words("stop_words")

#: A title right before a capitalised word ("Sen. Soule"): that word is a surname.
_TITLES = re.compile(r"\b" + vocab.pattern("titles") + r"\.?\s+$")



#: Compounds that name a people, not the country of their last word ("North
#: American", "African-American", "Latin Americans"): taken, never reported.
PEOPLES = re.compile(
    r"\b(?:North|South|Central|Latin|Native|Pan|Anglo|Afro|Arab|[A-Z][a-z]+(?:an|ic|ish|ese|i))"
    r"[ -]Americans?\b")


#: Armed groups and news outlets named after places, or named like them
#: ("Liwa al-Quds", "Fano", "Xinhua", "Radio Dabanga"): taken, never reported.
ORGANISATIONS = re.compile(r"(?<![\w-])(?:" + vocab.pattern("armed_groups") + "|"
                           + vocab.pattern("news_agencies") + r")(?![\w-])")

_GROUP = re.compile(
    r"\b((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"((?:(?:,\s+|,?\s+and\s+)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)*)\s+"
    r"(?:" + vocab.pattern("group_words") + r")\b|\bthe\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"\s+people\b")


def group_names(text: str) -> set[str]:
    """Names the report gives a people, a clan or an armed group ("the Bambara
    and Dogon ethnic groups", "the Murle people", "Lou Nuer tribesmen"),
    lowercased: not places anywhere in the report."""
    out = set()
    for m in _GROUP.finditer(text):
        first, more, people = m.groups()
        for name in [first or "", people or ""] + re.split(r",\s+|,?\s+and\s+", more or ""):
            name = re.sub(r"^the\s+", "", name.strip())
            if name:
                out.add(name.lower())
    return out


#: Places whose name the press uses for an institution ("the White House said").
INSTITUTIONS = vocab.phrases("institutions")
_CONTRACTION = re.compile(r"^(?:I|We|You|They|He|She|It)[’'](?:ll|ve|re|d|m)$")


#: What follows a place's name in the name of something else: a disease ("West
#: Nile virus"), a newspaper or news agency ("New York Times", "Agence
#: France-Presse"). (Agencies and schools named after a place, "Ohio Department
#: of Health", are left alone: annotators count their place.)
_NAMED_AFTER = re.compile(
    r"(?:\s+" + vocab.pattern("disease_words") + r"\b|[ -](?:" + vocab.pattern("outlet_words")
    + "|" + vocab.pattern("organisation_words") + r")\b"
    r"|\s+(?:state\s+|official\s+)?news\s+agency\b)")  # "the Fars news agency"


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


_ACTOR = re.compile(r"\b([A-Z][\w'’-]+)\s+(?:" + vocab.pattern("actor_nouns") + r")\b"
                    r"|\b[Tt]he\s+([A-Z][\w'’-]+?)s\b(?!['’])")


def actor_names(text: str) -> set[str]:
    """Names the report gives an armed movement or its people ("the Houthi
    movement", "the Houthis"), lowercased: a name the gazetteer lacks is not a
    place when it is one of these ("a Houthi checkpoint")."""
    return {(m.group(1) or m.group(2)).lower() for m in _ACTOR.finditer(text)}

"""How reports word where something happened: the words around a place mention that
say it is the place of an event ("in", "near", "the town of"), or not (a speech's place,
a country standing for its government, a dateline, a container named before its town).
"""
from __future__ import annotations

import re

from geo.model import Resolution

__all__ = [
    "NEAR", "LOCATIVE", "MODIFIERS", "SPEECH_FRAME", "METONYMY", "SPEAKER_AFTER",
    "FORCES_AFTER", "AREA_WORDS", "AREA_BEFORE", "AREA_AFTER", "CONTAINER_OF", "DATELINE_AFTER",
    "DEIXIS", "DIRECTION_OF", "IN_PHRASE", "ORIGIN", "ROUTE", "TITLE_AFTER", "TOWN_AFTER", "TOWN_BEFORE",
    "WHERE_IT_HAPPENED", "country_support", "is_locative", "is_object",
]

NEAR = re.compile(r"\b(?:near|nearby|outside|outskirts of|around|close to|vicinity of"
                  r"|(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from)|between"
                  r"|countryside of|suburbs? of|edge of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
                  re.IGNORECASE)

LOCATIVE = frozenset("""at in near from outside inside into around across on to through
    within throughout along over towards toward between""".split())
MODIFIERS = frozenset("""the a an of northern southern eastern western northeastern
    northwestern southeastern southwestern north-eastern north-western south-eastern
    south-western central rural town city village province district region outskirts
    border part parts suburb suburbs area countryside governorate downtown camp north south
    east west northeast northwest southeast southwest""".split())
SPEECH_FRAME = re.compile(
    r"\b(?:speaking|spoke|told|telling|addressing|briefing|conference|interview|visit(?:ing|ed)?"
    r"|said|says|tweeted|statement|remarks|summit)\b([^.;:,]{0,25}?)\b(?:in|at|from)\s+"
    r"(?:the\s+)?$", re.IGNORECASE)
METONYMY = re.compile(
    r"(?:['’]s\b|\s+(?:is|are|was|were|has|have|had|says|said|will|would|can|could|did|does"
    r"|also|announced|claimed|denied|dismissed|pledged|wants|accused|insisted|warned|rejected"
    r"|demanded|called|sent|launched|decided|responded|retaliated|condemned|agreed|signed|urged"
    r"|plans|planned|threatened|backed|supports|supported|mounted|began|started|ordered)\b)",
    re.IGNORECASE)
SPEAKER_AFTER = re.compile(r"\s*,?\s*(?:said|says|announced|reported|stated|claimed|told"
                           r"|tweeted)\b", re.IGNORECASE)
#: "the X acting governor", "the X police chief": a title, the speaker's
#: jurisdiction, not where something happened.
TITLE_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:acting|regional|provincial|district|deputy|local|state|county|city"
    r"|police|military|health|security)\s+)*(?:governor|mayor|police chief|chief of police"
    r"|spokes(?:man|woman|person)|commissioner|administrator|prefect|commander|governorate"
    r"\s+council|council|health (?:ministry|department|office))\b", re.IGNORECASE)
#: "clashes in <country>'s troubled X state have killed": the place is in a
#: prepositional phrase, not the subject of the verb after it.
IN_PHRASE = re.compile(r"\b(?:in|at|near|across|throughout|inside|within)\s+(?:the\s+)?"
                       r"(?:[\w'’-]+(?:\s+[\w'’-]+)?['’]s\s+)?(?:[\w-]+\s+){0,2}$",
                       re.IGNORECASE)
FORCES_AFTER = re.compile(
    r"\s+(?:(?:-led|-backed|led|backed)\s+)?(?:troops|forces|army|military|soldiers|warplanes"
    r"|jets|aircraft|drones?|navy|air force|officials|government|authorities|police|militias?"
    r"|backs|pulls|pulled|withdr[ae]w|withdraws|struck|strikes|bombed|bombs|shelled|shells"
    r"|fired|fires|pounded|pounds|hits?|invaded|invades|targeted|targets|deployed|deploys)\b",
    re.IGNORECASE)
#: A town's name standing for the province named after it ("the province of Idlib",
#: "Idlib province"): the event is somewhere in the province (geo_precision 3).
AREA_WORDS = r"(?:province|governorate|region|oblast|state|county|prefecture|(?-i:department))"
AREA_BEFORE = re.compile(rf"\b{AREA_WORDS}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
AREA_AFTER = re.compile(rf"\s+{AREA_WORDS}\b", re.IGNORECASE)
CONTAINER_OF = re.compile(
    r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|port|camp|neighbou?rhood|suburb)"
    r"\s+of\s+(?-i:[A-Z])", re.IGNORECASE)
DATELINE_AFTER = re.compile(r"[ \t]*(?:[:,(\u2013\u2014]|-\s|\s+\()")
#: A place named as the end of a journey ("a bus travelling on the highway from X
#: to the border") is not where something on the way happened.
ROUTE = re.compile(r"\b(?:road|highway|route|way|journey|travel(?:l?ing|l?ed|s)?|heading|bound"
                   r"|driving|convoy)\b[^.;:]{0,40}?\b(?:from|to|towards?)\s+(?:the\s+)?"
                   r"(?:(?:city|town|village|port)\s+of\s+)?$", re.IGNORECASE)
#: Where people come from is not where something happened to them ("abducted nine
#: labourers from X province", "fighters from Chad").
ORIGIN = re.compile(r"\b(?:labou?rers|workers|pilgrims|migrants|people|residents|villagers"
                    r"|passengers|travell?ers|students|civilians|farmers|traders|herders"
                    r"|fishermen|refugees|families|natives?|men|women|children|soldiers|troops"
                    r"|fighters|militants|recruits|volunteers|mercenaries|tourists|nationals"
                    r"|citizens)\s+from\s+(?:the\s+)?(?:[\w'’-]+\s+)?$",
                    re.IGNORECASE)
DEIXIS = re.compile(r"\b(?:there|the (?:town|city|village|area|region|camp|prison|base"
                    r"|district)|locally)\b", re.IGNORECASE)


#: "east of", "north-west of": the place is a reference point, not an actor.
DIRECTION_OF = re.compile(r"\b(?:north|south|east|west|(?:north|south)-?(?:east|west))\s+of\s+"
                           r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
#: "X, where the clashes occurred": the report states where its incident happened (an
#: area word may follow the mention: "X province, where ...").
WHERE_IT_HAPPENED = re.compile(
    rf"(?:\s+{AREA_WORDS}\b)?\s*,?\s+where\s+(?:the|this|that|these|those)\s+(?:[\w'’-]+\s+)?(?P<noun>[\w'’-]+)\s+"
    r"(?:had\s+|have\s+)?(?:occurred|took place|happened|broke out|erupted|began|started)\b",
    re.IGNORECASE)
#: "the town of X", "X city": the text asks for a settlement, not an area of that name.
TOWN_BEFORE = re.compile(r"\b(?:town|city|village)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
TOWN_AFTER = re.compile(r"\s+(?:town|city|village)\b(?!\s+of\b)", re.IGNORECASE)


def country_support(resolutions: list[Resolution]) -> dict[str | None, int]:
    """How many different places of each country the report names (adjectives count as
    the country): a place alone in its country in a report about another is more likely
    a wrong reading ("Dogon" as Yangon in a report on Mali)."""
    places: dict[str | None, set[str]] = {}
    for r in resolutions:
        if r.place is not None:
            places.setdefault(r.place.country_code, set()).add(r.place.id)
    return {cc: len(v) for cc, v in places.items()}


def is_locative(before: str) -> bool:
    """Whether the words before a mention end in a locative preposition (+ modifiers)."""
    words = re.findall(r"[\w'’-]+", before.lower())[-6:]
    for w in reversed(words):
        if w in LOCATIVE:
            return True
        if w not in MODIFIERS:
            return False
    return False


def is_object(between: str) -> bool:
    """Whether only determiners and modifiers separate a trigger from a place
    ("captured the village of Urozhaine", "shelled Kharkiv")."""
    words = re.findall(r"[\w'’-]+", between.lower())
    return len(words) <= 5 and all(w in MODIFIERS or w in ("control", "of") for w in words)

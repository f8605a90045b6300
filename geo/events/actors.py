"""Named armed actors and groups, normalised to canonical names.

Each :class:`Actor` has aliases (regular expressions) and a ``kind``: ``"state"``
(national forces, police, and forces fighting for a state), ``"non-state"`` (rebels,
militias, jihadist groups, cartels), ``"protesters"`` or ``"civilians"``. Bare country
and capital names ("Turkey", "Moscow") are *weak* aliases: they name an actor only in
subject position or after "by"/"against".

Examples
--------
>>> [(a.name, a.kind) for a in find_actors("the prison emptied by the YPG near Turkish troops")]
[('YPG', 'non-state'), ('Turkish forces', 'state')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Actor", "ActorMention", "ACTORS", "find_actors", "weak_ok"]


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: ``name``, ``kind``, strong and weak alias patterns."""

    name: str
    kind: str
    pattern: str
    weak: str = ""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a text: canonical ``name``, ``kind``, offsets, weak alias or not."""

    name: str
    kind: str
    start: int
    end: int
    text: str
    weak: bool = False


_FORCES = (r"(?:forces|troops|army|soldiers|military|armed forces|units|jets|warplanes|aircraft"
           r"|drones?|artillery|tanks|navy|air force|marines|special forces|gendarmerie|militia"
           r"|air ?strikes?|airstrikes?|drone strikes?|missiles?|shelling|strikes?)")
_A = Actor
#: The actor table; longer, more specific aliases win over overlapping shorter ones.
ACTORS: tuple[Actor, ...] = (
    _A("YPG", "non-state", r"(?-i:YPG|YPJ)|People['’]s Protection Units"),
    _A("SDF", "non-state", r"(?-i:SDF)|Syrian Democratic Forces"),
    _A("Syrian National Army", "non-state", r"Syrian National Army|Turkish-backed (?:Syrian )?"
       r"(?:rebels|fighters|forces|militias?|factions|groups)|(?-i:TFSA)"),
    _A("ISWAP", "non-state", r"(?-i:ISWAP|ISGS)|Islamic State (?:West Africa|in the Greater "
       r"Sahara|Sahel)(?: Province)?"),
    _A("ISIS", "non-state", r"(?-i:ISIS|ISIL|IS(?=\b|-)|Daesh|DAESH)|Islamic State|Da['’]esh"),
    _A("PKK", "non-state", r"(?-i:PKK)|Kurdistan Workers['’]? Party"),
    _A("Kurdish forces", "non-state", r"Kurdish(?:-led)? (?:forces|fighters|militias?|troops"
       r"|units|militants|guards)|Peshmerga|(?-i:the Kurds|Kurds)"),
    _A("Turkish forces", "state", rf"Turkish {_FORCES}|(?-i:TSK)", r"Turkey|Ankara"),
    _A("US forces", "state", rf"(?:US|U\.S\.|American|United States) {_FORCES}|Pentagon",
       r"(?-i:the US|the U\.S\.|US|U\.S\.|United States|America|Washington)"),
    _A("Syrian government forces", "state", r"(?-i:SAA)|Syrian Arab Army|Syrian (?:government "
       rf"|regime )?{_FORCES}|regime forces|pro-government forces|Assad['’]s forces",
       r"Damascus"),
    _A("Russian forces", "state", rf"Russian {_FORCES}|Russian (?:missiles|strikes?)",
       r"Russia|Moscow|the Kremlin"),
    _A("Ukrainian forces", "state", rf"Ukrainian {_FORCES}|Ukrainian defenders|(?-i:AFU)",
       r"Ukraine|Kyiv|Kiev"),
    _A("RSF", "non-state", r"(?-i:RSF)|Rapid Support Forces?|Janjaweed"),
    _A("SAF", "state", r"(?-i:SAF)|Sudanese (?:Armed Forces|army|military|soldiers|troops)"
       r"|Sudan['’]s (?:army|military)"),
    _A("Houthis", "non-state", r"Houthis?|Huthis?|Ansar ?Allah"),
    _A("Hamas", "non-state", r"Hamas|(?:al-)?Qassam Brigades"),
    _A("Palestinian Islamic Jihad", "non-state",
       r"(?:Palestinian )?Islamic Jihad|Al-Quds Brigades"),
    _A("Hezbollah", "non-state", r"Hezbollah|Hizbollah|Hizballah"),
    _A("IDF", "state", rf"(?-i:IDF)|Israel Defen[cs]e Forces|Israeli {_FORCES}"
       r"|Israeli (?:strikes?|settlers)", r"Israel"),
    _A("al-Shabaab", "non-state", r"(?:al[- ])?Shabaa?b"),
    _A("Somali forces", "state", rf"Somali (?:government )?{_FORCES}|AMISOM|ATMIS"),
    _A("JNIM", "non-state", r"(?-i:JNIM|GSIM)|Jama['’]?at Nus?rat al-Islam wal-Muslimin"),
    _A("Boko Haram", "non-state", r"Boko Haram"),
    _A("Wagner", "state", r"Wagner(?: Group)?(?: mercenaries| fighters)?|Africa Corps"),
    _A("Malian forces", "state", rf"Malian {_FORCES}|(?-i:FAMa)"),
    _A("Burkinabe forces", "state", rf"Burkin(?:abe|a Faso['’]s) {_FORCES}|(?-i:VDP)"),
    _A("M23", "non-state", r"(?-i:M23)|March 23 Movement"),
    _A("FARDC", "state", rf"(?-i:FARDC)|Congolese {_FORCES}"),
    _A("ADF", "non-state", r"(?-i:ADF)|Allied Democratic Forces"),
    _A("Myanmar military", "state", rf"Myanmar(?:['’]s)? (?:junta|{_FORCES})|Tatmadaw"
       r"|(?:the |military )junta"),
    _A("PDF", "non-state", r"People['’]s Defen[cs]e Forces?|(?-i:PDFs?)"),
    _A("Arakan Army", "non-state", r"Arakan Army"),
    _A("Taliban", "non-state", r"Taliban"),
    _A("Mexican forces", "state", rf"Mexican {_FORCES}|National Guard"),
    _A("Cartel gunmen", "non-state", r"(?:Sinaloa|Jalisco(?: New Generation)?|Gulf) [Cc]artel"
       r"|(?-i:CJNG)|cartel (?:gunmen|members|hitmen)|cartels?"),
    _A("Government forces", "state", rf"government {_FORCES}|security forces|army"),
    _A("Police", "state", r"(?:riot )?police(?:men| officers| forces)?|gendarmes"),
    _A("Gunmen", "non-state", r"(?:unidentified |unknown |masked )?gunmen|armed men"),
    _A("Protesters", "protesters", r"protesters|protestors|demonstrators"),
    _A("Rioters", "protesters", r"rioters|(?:an angry )?mobs?"),
    _A("Civilians", "civilians", r"civilians|villagers|residents"),
)

_SUBJECT_BLOCK = re.compile(r"(?:\b(?:in|at|from|to|into|of|near|across|with|inside|outside"
                            r"|along|towards?|for|about|on|over)\s+(?:the\s+)?)$", re.IGNORECASE)
_AGENT = re.compile(r"\b(?:by|against)\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _regex() -> re.Pattern[str]:
    parts = []
    for i, a in enumerate(ACTORS):
        parts.append(f"(?P<s{i}>{a.pattern})")
        if a.weak:
            parts.append(f"(?P<w{i}>{a.weak})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w])", re.IGNORECASE)


def find_actors(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Actors named in ``text[start:end]``, in order, longest alias first on overlap.

    Parameters
    ----------
    text : str
        A sentence.
    start, end : int
        The span to search (offsets stay relative to ``text``).

    Returns
    -------
    list of ActorMention
    """
    end = len(text) if end is None else end
    out: list[ActorMention] = []
    for m in _regex().finditer(text, start, end):
        g = m.lastgroup or ""
        a = ACTORS[int(g[1:])]
        am = ActorMention(a.name, a.kind, m.start(), m.end(), m.group(), g[0] == "w")
        # Drop this actor if it falls inside a longer one already kept ("Kurdish YPG fighters").
        if out and am.start < out[-1].end:
            continue
        out.append(am)
    return out


def weak_ok(text: str, mention: ActorMention, trigger_start: int) -> bool:
    """Whether a weak alias (a country, a capital) names an actor at its place in ``text``.

    It does as the subject before the trigger (not after a preposition), or as the
    agent/target after it ("by Turkey", "against Russia").
    """
    before = text[max(0, mention.start - 20):mention.start]
    if mention.end <= trigger_start:
        return _SUBJECT_BLOCK.search(before) is None
    return _AGENT.search(before) is not None

"""Event triggers and the ACLED types they signal.

Each :class:`Trigger` is a regular expression over the inflections of a verb or noun
("shell|shelled|shelling|shells") with the ACLED event type and sub-event type it
signals by default; :mod:`geo.events.detect` refines some of them from context
(who was killed, who captured what, whether protesters met force).

Decisions
---------
* "emptied a jail/prison" -> Strategic developments / **Change to group/activity**:
  the group holding the detainees moved them (a deliberate act by an armed group
  that changes what it holds and where), not an escape by the detainees.
* "escaped a camp", "prison break", "breakout" -> Strategic developments / **Other**.
* "launched an offensive/operation/assault/invasion" -> Battles / Armed clash when
  aimed at someone ("against the YPG"), else Strategic developments / Other; the
  bare noun without a launching verb ("Turkey's offensive would…") is no event.
* "jailed", "detained", "arrested" -> Strategic developments / Arrests.
* "withdrew", "pull out/back" -> Strategic developments / Non-violent transfer of
  territory.
* "fled", "displaced" -> Strategic developments / Other.
* "reinforcements arrived", "deployed reinforcements", "issued evacuation orders for X"
  -> Strategic developments / Other (movements and orders that change the situation
  without violence).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Trigger", "TRIGGERS", "TAXONOMY", "BATTLES", "EXPLOSIONS", "VAC", "PROTESTS",
    "RIOTS", "STRATEGIC", "trigger_regex", "trigger_by_key", "HEADS", "head_regex",
]

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

#: ACLED event types and their sub-event types.
TAXONOMY: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory",
              "Non-state actor overtakes territory"),
    EXPLOSIONS: ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                 "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                 "Grenade"),
    VAC: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention",
               "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                "Headquarters or base established", "Looting/property destruction",
                "Non-violent transfer of territory", "Other"),
}


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexicon entry.

    Parameters
    ----------
    key : str
        Identifier (a valid regex group name).
    pattern : str
        Regular expression (case-insensitive unless it says ``(?-i:…)``).
    event_type, sub_event_type : str
        Default ACLED classification.
    weak : bool
        Generic wording ("killed", "attacked", "explosion"): dropped when a specific
        violent trigger is in the same sentence.
    light_verb : bool
        A noun that is an event only with a launching verb before it ("launched an
        offensive", "plans the operation").
    head : str or None
        Noun class acted on by default (for coreference), e.g. ``"prison"``.
    refine : str or None
        Name of a context rule in :mod:`geo.events.detect`.
    confidence : float
        Prior that a match reports an event of this type.
    """

    key: str
    pattern: str
    event_type: str
    sub_event_type: str
    weak: bool = False
    light_verb: bool = False
    head: str | None = None
    refine: str | None = None
    confidence: float = 0.7


_T = Trigger
_SOME = r"(?:[\w'’-]+ ){0,3}?"  # up to three words in between, lazily

#: The lexicon, most specific first (at one position the first entry that matches wins).
TRIGGERS: tuple[Trigger, ...] = (
    # Explosions/Remote violence
    _T("suicide", r"suicide[- ](?:car[- ]|truck[- ]|vehicle[- ])?(?:bomb(?:ings?|ers?|s)?|attacks?"
       r"|blasts?|vests?|explosions?)|blew (?:himself|herself|themselves) up",
       EXPLOSIONS, "Suicide bomb", confidence=0.85),
    _T("ied", r"(?:car|truck|vehicle|roadside|motorcycle|motorbike|remote[- ]controlled|parcel"
       r"|magnetic|sticky)[- ]bomb(?:ings?|s)?|(?-i:V?B?IEDs?)|improvised explosive devices?"
       r"|(?:land|anti-personnel|anti-tank)[- ]?mines?|explosive devices?|booby[- ]trap(?:ped|s)?",
       EXPLOSIONS, "Remote explosive/landmine/IED", confidence=0.85),
    _T("grenade", r"(?:hand[- ])?grenades?(?: attacks?)?", EXPLOSIONS, "Grenade", confidence=0.8),
    _T("air_strike", r"air[- ]?strikes?|air[- ]?raids?|air attacks?|aerial (?:bombardments?"
       r"|attacks?|bombings?|strikes?)|drone (?:strikes?|attacks?)|(?:war ?planes|(?:fighter )?jets"
       r"|aircraft|helicopters?|gunships?|drones?) (?:bombed|struck|hit|attacked|targeted"
       r"|pounded"
       r"|raided)|(?:struck|hit|pounded) (?:[\w'’-]+ ){0,4}?(?:targets|military sites)"
       r"|bombing raids?|(?:barrel|cluster)[- ]bombs?|kamikaze drones?",
       EXPLOSIONS, "Air/drone strike", confidence=0.85),
    _T("shelling", r"shell(?:ed|ing|s)?|artillery (?:fire|strikes?|barrages?|shells?|shelling"
       r"|attacks?)|artillery(?= (?:hit|struck|pounded|targeted|fired)\b)"
       r"|mortar(?:s|ed)?(?: fire| shells?| rounds| attacks?)?|(?:Grad |Katyusha )?"
       r"rocket(?:s|ed)?(?: attacks?| fire)?|missiles?(?: strikes?| attacks?"
       r"|(?! (?:sites?|systems?|defen[cs]es?|launchers?|programm?es?|bases?|tests?)\b))"
       r"|bombard(?:ed|ing|ments?)|pound(?:ed|ing)",
       EXPLOSIONS, "Shelling/artillery/missile attack", confidence=0.75),
    _T("strike_on", r"strikes?(?= (?:on|against|targeting|hit)\b)", EXPLOSIONS, "Air/drone strike",
       confidence=0.6),
    _T("bombing", r"bomb(?:ings?|ed|s)?|explosions?|blasts?|exploded|detonat(?:ed|ions?)",
       EXPLOSIONS, "Remote explosive/landmine/IED", weak=True, confidence=0.6),
    # Strategic developments that must win over generic verbs ("seized weapons")
    _T("disrupted", r"defus(?:ed|ing)|intercept(?:ed|s|ing)(?= " + _SOME + r"(?:missiles?"
       r"|drones?|rockets?|projectiles?|shells?|weapons|arms|shipments?|ammunition)\b)"
       r"|shot down|downed|foiled|thwarted"
       r"|seiz(?:ed|ing) " + _SOME + r"(?:weapons|arms|ammunition|explosives|caches?|rifles)"
       r"|(?:weapons?|arms) caches?|dismantl(?:ed|ing) (?:an? )?(?:IED|bomb|explosive)",
       STRATEGIC, "Disrupted weapons use", confidence=0.7),
    _T("agreement", r"(?:agreed|signed|reached|brokered|declared|announced|struck) "
       r"(?:to |on |upon )?"
       + _SOME + r"(?:cease-?fires?|truces?|peace deals?|peace agreements?|deals?|agreements?"
       r"|accords?)|prisoner (?:exchanges?|swaps?)|exchanged " + _SOME + r"prisoners",
       STRATEGIC, "Agreement", confidence=0.7),
    _T("arrest", r"arrest(?:ed|s|ing)?(?! warrants?)|detain(?:ed|s|ing)|detentions?(?! (?:camps?"
       r"|cent(?:re|er)s?|facilit(?:y|ies)|conditions))|jailed|imprisoned|locked up|rounded up"
       r"|(?:taken|took) " + _SOME + r"into custody|apprehended",
       STRATEGIC, "Arrests", confidence=0.75),
    # Battles
    _T("clash", r"clash(?:es|ed|ing)?|gun ?battles?|fire ?fights?|skirmish(?:es|ed)?"
       r"|exchang(?:ed|es|ing) (?:of )?(?:gun)?fire|exchanges? of (?:gun)?fire"
       r"|(?:heavy |fierce |intense )?fighting|fought(?! for\b)|battl(?:ed|ing)|battles?",
       BATTLES, "Armed clash", refine="clash", confidence=0.75),
    _T("ambush", r"ambush(?:ed|es|ing)?", BATTLES, "Armed clash", confidence=0.8),
    _T("advance", r"advance[ds](?= (?:to|toward|towards|into|on|near|in|across)\b)", BATTLES,
       "Armed clash", confidence=0.6),
    _T("repel", r"repel(?:led|s|ling)?|repulsed|fought off|beat back", BATTLES, "Armed clash",
       confidence=0.7),
    _T("offensive", r"counter-?offensives?|offensives?|operations?|assaults?|invasions?"
       r"|incursions?", BATTLES, "Armed clash", light_verb=True, refine="offensive",
       confidence=0.65),
    _T("capture", r"recaptur(?:ed|es|ing|e)|captur(?:ed|es|ing)|seiz(?:ed|es|ing) control(?: of)?"
       r"|seiz(?:ed|es|ing|e)|(?:took|taken|tak(?:es|ing)) (?:full |back )?control(?: of)?"
       r"|took over|take over|overr(?:an|un|unning)|retook|retaken|regain(?:ed|s|ing)? control(?: of)?"
       r"|liberat(?:ed|es|ing)",
       BATTLES, "Armed clash", refine="capture", confidence=0.7),
    # Violence against civilians
    _T("abduction", r"abduct(?:ed|s|ing|ions?)|kidnap(?:ped|pings?|s)?|(?:taken|took|held|seized) "
       + _SOME + r"hostages?|hostage-taking|forcibly disappeared|enforced disappearances?",
       VAC, "Abduction/forced disappearance", confidence=0.85),
    _T("sexual", r"gang-rap(?:ed|e)|rap(?:ed|es|e|ing)|sexual (?:violence|assaults?|abuse)"
       r"|sexually (?:assaulted|abused)", VAC, "Sexual violence", confidence=0.8),
    _T("massacre", r"massacr(?:ed|es|e)|execut(?:ed|ions?)|summarily killed|beheaded|tortur(?:ed|e)"
       r"|burned alive|(?:shot|hacked|stabbed|beaten) to death", VAC, "Attack", confidence=0.8),
    _T("bodies", r"(?:found|discovered|recovered|unearthed|saw) " + _SOME
       + r"(?:bodies|corpses)|(?:bodies|corpses) (?:were |have been |had been )?(?:found"
       r"|discovered|recovered|dumped|strewn)|mass graves?", VAC, "Attack", weak=True,
       confidence=0.6),
    # Demonstrations
    _T("riot", r"riot(?:s|ed|ing|ers)?(?! (?:police|gear|squad|control|shields?|officers))"
       r"|violent (?:protests?|demonstrations?)|rampag(?:ed|es|e|ing)", RIOTS,
       "Violent demonstration", confidence=0.8),
    _T("mob", r"mobs?|lynch(?:ed|ing|ings)?|vigilantes?", RIOTS, "Mob violence", confidence=0.7),
    _T("protest", r"protest(?:s|ed|ing|ers|ors)?|demonstrat(?:ions?|ors)|demonstrat(?:ed|ing)"
       r"(?= (?:against|in|outside|on|for|near|at)\b)|rall(?:y|ies)|marched|sit-ins?"
       r"|took to the streets|marches", PROTESTS, "Peaceful protest", refine="protest",
       confidence=0.75),
    # Strategic developments
    _T("empty", r"empti(?:ed|es)|emptying|evacuated (?:the |a )?(?:prison|jail)", STRATEGIC,
       "Change to group/activity", head="prison", confidence=0.7),
    _T("group_change", r"defect(?:ed|ions?)|disband(?:ed|ing)|merg(?:ed|ing) (?:with|into)"
       r"|pledged allegiance|recruitment drives?", STRATEGIC, "Change to group/activity",
       confidence=0.6),
    _T("base", r"(?:set|setting|sets) up " + _SOME + r"(?:bases?|outposts?|headquarters"
       r"|checkpoints?"
       r"|posts?|positions)|(?:establish(?:ed|es|ing)|opened|built|erected|install(?:ed|ing)) "
       + _SOME + r"(?:bases?|outposts?|headquarters|checkpoints?|military posts?)",
       STRATEGIC, "Headquarters or base established", head="base", confidence=0.7),
    _T("looting", r"loot(?:ed|ing|s)?|plunder(?:ed|ing)?|ransack(?:ed|ing)|pillag(?:ed|ing|e)"
       r"|torch(?:ed|ing)|set fire to|set " + _SOME + r"(?:on fire|ablaze)|burn(?:ed|t) down|razed"
       r"|demolish(?:ed|ing)|destroyed " + _SOME + r"(?:homes|houses|villages?|shops|property"
       r"|buildings|crops|markets?)", STRATEGIC, "Looting/property destruction", confidence=0.7),
    _T("withdrawal", r"withdr(?:ew|awn|awing|aws|awals?|aw)|pull(?:ed|s|ing)? (?:[\w'’-]+ ){0,2}?"
       r"(?:out|back)|back(?:ed|s|ing)? out of|retreat(?:ed|s|ing)?|handed over "
       r"(?:control|positions?|bases?|the (?:town|city|area))|abandon(?:ed|s|ing) "
       r"(?:[\w'’-]+ ){0,2}?(?:positions|bases?|posts?)",
       STRATEGIC, "Non-violent transfer of territory", confidence=0.7),
    _T("prison_break", r"prison[- ]?breaks?|jail[- ]?breaks?|mass (?:escapes?|breakouts?)"
       r"|break-?outs?", STRATEGIC, "Other", head="prison", confidence=0.75),
    _T("escape", r"escap(?:ed|ing)(?=\s+(?:from|a|an|the|their|its|his|her|to|into|across|over"
       r"|after|during|when|on|at|in|custody|prison|jail|detention|camps?|and)\b"
       r"|\s*[.,;:!?\"”’)–—]|\s*$)|escapes? (?=(?:from|of)\b)", STRATEGIC, "Other",
       confidence=0.7),
    _T("release", r"(?:freed|freeing|releas(?:ed|ing)|set free) (?:[\w'’-]+ ){0,4}?(?:prisoners"
       r"|detainees|inmates|hostages|captives|militants|fighters|jihadis)",
       STRATEGIC, "Other", confidence=0.65),
    _T("deployment", r"reinforcements (?:had |have |has )?(?:arrived|reached|been (?:sent"
       r"|deployed|dispatched))|reinforcements were (?:sent|deployed|dispatched)"
       r"|(?:sent|deployed|dispatched|rushed) (?:[\w'’-]+ ){0,3}?reinforcements",
       STRATEGIC, "Other", confidence=0.55),
    _T("evacuation_order", r"(?:issued|gave|ordered|announced) (?:[\w'’-]+ ){0,3}?evacuation"
       r" (?:orders?|warnings?|notices?)|evacuation (?:orders?|warnings?|notices?)(?= "
       + _SOME + r"(?:for|of|covering|to)\b)|ordered (?:[\w'’-]+ ){0,5}?to evacuate",
       STRATEGIC, "Other", confidence=0.55),
    _T("displacement", r"displac(?:ed|ing)(?! (?:people|persons|civilians|families|residents"
       r"|population|Syrians|Sudanese|Palestinians)\b)|fled|flee(?:ing|s)?|uprooted",
       STRATEGIC, "Other", confidence=0.55),
    _T("coup", r"(?:military )?coups?(?: d['’][ée]tat)?|seized power|toppled|ousted", STRATEGIC,
       "Other", confidence=0.6),
    # Generic violence: weak, refined from context
    _T("attack", r"attack(?:ed|s|ing)?|opened fire|open fire|raid(?:ed|s|ing)?|storm(?:ed|ing)"
       r"|(?<=to )storm|assault(?:ed|ing)",
       BATTLES, "Armed clash", weak=True, refine="attack", confidence=0.55),
    _T("killing", r"kill(?:ed|s|ing)|shot dead|gunned down|murder(?:ed|s)?|slaughtered|died"
       r"|(?:dead|wounded|injured)(?! (?:people|civilians|persons|soldiers|fighters|men|women"
       r"|children|patients)\b)|injuries|casualties|lost their lives",
       VAC, "Attack", weak=True, refine="victims", confidence=0.55),
)

#: Noun classes for coreference between sentences ("a jail" … "the prison").
HEADS: dict[str, str] = {
    "prison": r"prisons?|jails?|gaols?|detention (?:cent(?:re|er)s?|facilit(?:y|ies))"
              r"|penitentiar(?:y|ies)",
    "camp": r"camps?",
    "base": r"(?:air ?)?bases?|outposts?|barracks|garrisons?",
    "checkpoint": r"checkpoints?|crossings?",
    "hospital": r"hospitals?|clinics?",
    "market": r"markets?|marketplaces?|bazaars?",
    "school": r"schools?",
    "mosque": r"mosques?|churches|church|temples?|monaster(?:y|ies)",
    "airport": r"airports?|airfields?",
    "village": r"villages?",
    "town": r"towns?|city|cities",
}


def trigger_by_key(key: str) -> Trigger:
    """The lexicon entry named ``key``."""
    return _by_key()[key]


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Trigger]:
    return {t.key: t for t in TRIGGERS}


@lru_cache(maxsize=1)
def trigger_regex() -> re.Pattern[str]:
    """One compiled alternation of all triggers; ``m.lastgroup`` names the entry."""
    body = "|".join(f"(?P<{t.key}>{t.pattern})" for t in TRIGGERS)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=1)
def head_regex() -> re.Pattern[str]:
    """Alternation of head nouns; ``m.lastgroup`` names the class."""
    body = "|".join(f"(?P<{k}>{v})" for k, v in HEADS.items())
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)

"""The ACLED type of an event from its trigger, actors and target (:func:`refine`).

A trigger gives a default type (:mod:`geo.events.lexicon`); context refines it:

* a generic trigger ("killed", "attack") takes the means its clause or the next two name,
  or the clause before when its own tells the result ("targeted the area with heavy
  weapons, resulting in four injuries"): aircraft or drones -> Air/drone strike; shells, artillery, rockets, missiles, heavy
  weapons -> Shelling/artillery/missile attack; mines, IEDs -> Remote explosive;
* who was killed decides between an attack on civilians and an armed clash
  (civilians, villagers -> Violence against civilians / Attack; soldiers, fighters
  -> Battles); the subject of an active "killed" ("members of the militia killed five
  people") is the killer, not a victim; protesters met with force -> Excessive force against protesters;
* an attack on a village, market, vehicle or people going about their lives, with no
  military target in its clause, is an attack on civilians; else a clash;
* a capture by a state actor is Government regains territory, by anyone else Non-state
  actor overtakes territory; people captured are arrests (by the state), abductions
  (civilians) or a clash; weapons seized are Disrupted weapons use;
* a protest met with violence by the protesters is a riot, with force an excessive
  force or intervention.
"""
from __future__ import annotations

import re

from geo.events.actors import ActorMention
from geo.events.counts import CountMatch
from geo.events.lexicon import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC, Trigger
from geo.events.modality import clause_span

__all__ = ["refine"]

_COMBATANTS = re.compile(r"\b(?:soldiers?|troops|fighters?|militants?|rebels?|police(?:men)?"
                         r"|officers?|insurgents?|gunmen|servicem[ae]n|combatants|jihadis?"
                         r"|militiam[ae]n|guards?|members of)\b", re.IGNORECASE)
_CIVILIANS = re.compile(r"\b(?:civilians?|people|villagers?|children|women|residents?|worshippers"
                        r"|students?|farmers?|herders?|journalists?|aid workers?|passengers|youths?"
                        r"|patients|families|refugees|displaced|villages?|hospitals?|schools?|markets?"
                        r"|mosque|church|homes?|camp for|IDPs?)\b", re.IGNORECASE)
#: The means a sentence names, for a generic trigger ("killed", "attack"), first wins.
_MEANS = (
    (re.compile(r"\b(?:air ?strikes?|air ?raids?|air attacks?|war ?planes?|fighter jets"
                r"|aircraft|drones?|helicopters?|bombers?)\b", re.I), "Air/drone strike"),
    (re.compile(r"\b(?:shell(?:s|ed|ing)?|artillery|mortars?|rockets?|missiles?|heavy weapons)\b",
                re.I),
     "Shelling/artillery/missile attack"),
    (re.compile(r"\b(?:IEDs?|(?:land|anti-personnel|anti-tank)[- ]?mines?|roadside bombs?"
                r"|car bombs?|explosive devices?)\b"), "Remote explosive/landmine/IED"),
)
#: A clause that tells the result of the one before it: that clause's means are its own.
_RESULT = re.compile(r"\W*(?:resulting in|result(?:ed|s)? in|leaving|left|killing|wounding"
                     r"|injuring|causing|caused)\b", re.IGNORECASE)
#: A passive before the trigger ("were killed"): who comes before it is the victim.
_PASSIVE = re.compile(r"\b(?:was|were|been|be|being|is|are|got|get)\s+(?:[\w-]+\s+)?$",
                      re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_MILITARY_TARGET = re.compile(r"\b(?:soldiers?|troops|forces|army|military|police|base|checkpoint"
                              r"|convoy|patrol|barracks|positions?|outposts?|fighters|militants"
                              r"|rebels|guards?)\b", re.IGNORECASE)
#: A vehicle attacked with no armed force named in the clause carries civilians
#: ("a vehicle was attacked on the road", "gunmen attacked a bus"); "an army vehicle"
#: or "a military truck" is a military target.
_VEHICLE = re.compile(r"\b(?<!military )(?<!army )(?<!armored )(?<!armoured )(?<!police )"
                      r"(?<!patrol )(?:vehicles?|cars?|bus(?:es)?|minibus(?:es)?|trucks?|lorr(?:y|ies)"
                      r"|taxis?|boats?)\b", re.IGNORECASE)
_VEHICLE_PASSIVE = re.compile(r"\b(?:vehicles?|cars?|bus(?:es)?|minibus(?:es)?|trucks?|taxis?"
                              r"|boats?)\s+(?:\w+\s+)?(?:was|were|had been|has been|have been)"
                              r"\s+$", re.IGNORECASE)
_PROTESTERS = re.compile(r"\b(?:protesters|protestors|demonstrators|rioters|mobs?)\b", re.I)
_EXCESSIVE = re.compile(r"\b(?:killed|killing|shot dead|live (?:ammunition|fire|rounds)"
                        r"|opened fire|fired on|gunned down|died)\b", re.IGNORECASE)
_INTERVENTION = re.compile(r"\b(?:tear ?gas|dispersed|water cannons?|rubber bullets|arrest(?:ed|s)"
                           r"|detain(?:ed|s)|batons?|beat(?:en)?|stun grenades|broke up"
                           r"|crack(?:ed)? down|crackdown)\b", re.IGNORECASE)
_VIOLENT_DEMO = re.compile(r"\b(?:riot(?:ed|ing)|threw (?:stones|rocks|petrol bombs|molotov)"
                           r"|torched|set fire|looted|clashed|stormed|vandali[sz]ed|burned)\b",
                           re.IGNORECASE)
_PEOPLE_OBJECT = re.compile(r"^\s+(?:(?:at least|more than|some|about|\d[\d,]*|[\w-]+)\s+){0,3}?"
                            r"(?:fighters|soldiers|militants|prisoners|people|civilians|members"
                            r"|commanders?|leaders?|troops|rebels|officers|suspects)\b", re.I)
_TARGETED = re.compile(r"\W*(?:[\w'’-]+\W+){0,4}?(?:against|on|targeting|into)\b", re.I)


def _vehicle_hit(text: str, s: int, e: int) -> bool:
    """Whether a vehicle is what the trigger acted on: its object ("attacked a bus") or
    the subject of its passive ("a vehicle was attacked"), not a means of transport
    ("raided the camp in private cars")."""
    v = _VEHICLE.search(text, e, min(len(text), e + 40))
    if v is not None and re.fullmatch(r"\s+(?:(?:an?|the|its|their|two|three|several|\d+)\s+)?"
                                      r"(?:[\w-]+\s+)?", text[e:v.start()]):
        return True
    return _VEHICLE_PASSIVE.search(text[max(0, s - 40):s]) is not None


def _agent(text: str, s: int, e: int, who: tuple[ActorMention, ...]) -> ActorMention | None:
    """Who did it: the agent after "by", else the nearest actor before the trigger."""
    for a in who:
        if a.start >= e and re.search(r"\bby\s+(?:the\s+)?$", text[max(0, a.start - 8):a.start]):
            return a
    before = [a for a in who if a.end <= s]
    return before[-1] if before else (who[0] if who else None)


def refine(trig: Trigger, text: str, s: int, e: int, who: tuple[ActorMention, ...],
            killed: CountMatch | None) -> tuple[str, str]:
    """The type of a trigger in context: a generic "killed" or "attack" takes the means
    the sentence names (air strike, shelling, mine); who was killed decides between an
    attack on civilians and a clash; who captured decides whose territory it became."""
    etype, sub = trig.event_type, trig.sub_event_type
    rule = trig.refine
    window = text[max(0, s - 60):min(len(text), e + 60)]
    armed = [a for a in who if a.kind in ("state", "non-state")]
    c0, c1 = clause_span(text, s, e)
    end = c1
    for _ in range(2):  # its clause and the next two: "killed when … hit", "while people…"
        nxt = min(len(text), end + 9)  # past the boundary word ("while", "when", ",")
        end = max(end, clause_span(text, nxt, nxt)[1])
    start = c0
    if _RESULT.match(text, c0) and c0 > 1:  # "… with heavy weapons, resulting in injuries"
        start = clause_span(text, c0 - 2, c0 - 2)[0]
    scope = text[start:end]
    if rule in ("victims", "attack") and not _PROTESTERS.search(window):
        for means, means_sub in _MEANS:
            if means.search(scope):
                return EXPLOSIONS, means_sub
    if rule == "victims":
        if _PROTESTERS.search(window):
            return PROTESTS, "Excessive force against protesters"
        if killed is not None and killed.noun and _CIVILIANS.fullmatch(killed.noun):
            return VAC, "Attack"
        if killed is not None and killed.noun and _COMBATANTS.fullmatch(killed.noun):
            return BATTLES, "Armed clash"
        w0 = max(0, s - 60)
        active = trig.key == "killing" and text[s:e].lower().endswith("ed") \
            and not _PASSIVE.search(text, max(0, s - 30), s)
        fighters = [c for c in _COMBATANTS.finditer(window)
                    if not _BY.search(window, 0, c.start())  # "by gunmen": the killers
                    and not (active and w0 + c.start() < s)]  # "the gunmen killed": too
        if fighters and not _CIVILIANS.search(text[e:e + 40]):
            return BATTLES, "Armed clash"
        if not _CIVILIANS.search(window) and len(armed) >= 2:
            return BATTLES, "Armed clash"
        return VAC, "Attack"
    if rule == "attack":
        after = text[e:e + 50]
        if _PROTESTERS.search(after):
            return PROTESTS, "Excessive force against protesters"
        if _CIVILIANS.search(after) or ((_CIVILIANS.search(scope) or _vehicle_hit(text, s, e))
                                         and not _MILITARY_TARGET.search(scope)):
            return VAC, "Attack"
        return BATTLES, "Armed clash"
    if rule == "clash" and _PROTESTERS.search(text):
        return RIOTS, "Violent demonstration"
    if rule == "offensive":
        if _TARGETED.match(text, e) or len(armed) >= 2:
            return BATTLES, "Armed clash"
        return STRATEGIC, "Other"
    if rule == "capture":
        agent = _agent(text, s, e, who)
        if re.match(r"^\s+(?:weapons|arms|ammunition)\b", text[e:], re.I):
            return STRATEGIC, "Disrupted weapons use"
        if _PEOPLE_OBJECT.match(text[e:]):
            if agent is not None and agent.kind == "state":
                return STRATEGIC, "Arrests"
            return (VAC, "Abduction/forced disappearance") if _CIVILIANS.search(
                text[e:e + 40]) else (BATTLES, "Armed clash")
        if agent is None:
            return BATTLES, "Armed clash"
        if agent.kind == "state":
            return BATTLES, "Government regains territory"
        return BATTLES, "Non-state actor overtakes territory"
    if rule == "protest":
        if _VIOLENT_DEMO.search(text):
            return RIOTS, "Violent demonstration"
        if _EXCESSIVE.search(text):
            return PROTESTS, "Excessive force against protesters"
        if _INTERVENTION.search(text):
            return PROTESTS, "Protest with intervention"
    return etype, sub



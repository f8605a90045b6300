"""Find event triggers in one sentence and describe them (:class:`EventMatch`).

Pure regular expressions: the lexicon (:mod:`geo.events.lexicon`) finds triggers,
then context decides whether each is an event and of which sub-type:

* a noun for a campaign ("offensive", "operation", "invasion") needs a launching or
  planning verb before it ("launched a cross-border operation");
* a definite noun ("the fighting", "the withdrawal") refers back to an event told
  elsewhere and is skipped unless a predicate follows ("the clashes killed 5") or it
  adds a place or victims ("the attack in Rann", "the killing of four youths");
* :func:`geo.events.modality.modality` says whether it happened;
* weak triggers ("killed", "attacked", "explosion") give way to a specific violent
  trigger in the same sentence unless "after", "before"… set them apart; a protest
  absorbs the arrests, killings and clashes that tell how it was met;
* a generic trigger takes the means its clause names ("killed when warplanes hit":
  an air strike); who was killed decides between an attack on civilians and a clash;
* the count is ACLED's fatalities for violence (0 when none are told), the people
  abducted, arrested, displaced or taking part otherwise; the injured, displaced,
  abducted and arrested are kept apart.

``detect`` returns all matches, with their modality; only those with
``is_real`` (asserted or reported) are events to map.
"""
from __future__ import annotations

import datetime as dt
import re

from geo.events.actors import ActorMention, find_actors, weak_ok
from geo.events.classify import refine
from geo.events.counts import ROLES, CountMatch, count_near, find_counts, tally
from geo.events.dates import DateMatch, find_dates
from geo.events.lexicon import (
    BATTLES,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    VAC,
    Trigger,
    head_regex,
    trigger_by_key,
    trigger_regex,
)
from geo.events.match import EventMatch
from geo.events.modality import clause_span, is_past_form, modality
from geo.model import Sentence

__all__ = ["detect", "frame_date"]

_VIOLENT = frozenset({BATTLES, EXPLOSIONS, VAC, RIOTS, PROTESTS})
_LIGHT = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|beg(?:an|un|in|ins|inning)|start(?:ed|s|ing)?|mount(?:ed|s|ing)?"
    r"|wag(?:e|ed|es|ing)|conduct(?:ed|s|ing)?|carr(?:ied|y|ies|ying) out|step(?:ped|s)? up"
    r"|expand(?:ed|s|ing)?|resum(?:e|ed|es|ing)|continu(?:e|ed|es|ing)|intensif(?:y|ied|ies|ying)"
    r"|renew(?:ed|s|ing)?|kick(?:ed|s)? off|press(?:ed|es)? (?:on|ahead) with|plan(?:s|ned|ning)?"
    r"|prepar(?:e|es|ed|ing)(?: for)?|threaten(?:s|ed|ing)?|announc(?:e|ed|es|ing)|order(?:ed|s)?"
    r"|undert(?:ook|ake|aken|aking)|led|leading|spearhead(?:ed|ing)?)\b"
    r"(?:\s+[\w'’-]+){0,4}\s*$",
    re.IGNORECASE,
)
_NOT_MILITARY = re.compile(r"\b(?:rescue|search|relief|humanitarian|evacuation|recovery|clean-?up"
                           r"|business|charm|sting|undercover|police)\s*$", re.IGNORECASE)
_PEOPLE_BEFORE = frozenset("people civilians families persons those residents villagers".split())
_DETERMINER = frozenset("the this that these those such its their his her our".split())
_PREDICATE = re.compile(
    r"\W*(?:[\w'’-]+\W+){0,5}?(?:kill(?:ed|ing|s)?|hit|struck|targeted|destroyed|damaged|left"
    r"|wounded|injured|claimed|erupted|broke out|took place|happened|occurred|began|started"
    r"|raged|continued|intensified|displaced|forced|(?:were|was|are|is) ongoing)\b",
    re.IGNORECASE)
#: Words that put two violent acts of a sentence at different times (two events).
_ANOTHER_TIME = re.compile(r"\b(?:after|before|since|following|prompting|in response to"
                           r"|in retaliation for)\b", re.IGNORECASE)
#: "the prison emptied by …": a participle after its noun, told as known; a date
#: before it belongs to the sentence's own verb ("Later on Monday, TV showed …").
_THE_NOUN = re.compile(r"\b(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+\s+$",
                       re.IGNORECASE)
_DATELINE = re.compile(r"\s*(?-i:[A-Z][A-Z .'’-]+),\s*$")
#: A dateline's date at the head of the text: "August 9, 2025 (<TOWN>) –".
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[\u2013\u2014-]\s")
#: "said in a statement that RSF fighters on Thursday attacked": the date is the deed's.
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
_BACKGROUND = re.compile(r"\b(?:since|until)\W*$", re.IGNORECASE)
_NEW_INFO = re.compile(
    r"\s+(?:of|in|at|on|near|against|targeting)\s+(?:the\s+)?(?:(?-i:[A-Z])"
    r"|\d|(?:at least|more than|some|about|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|dozens|scores|hundreds)\b)"
    r"|\s+(?:this|last)\s+(?:week|weekend|month)\s+(?:for|on|in|against)\b", re.IGNORECASE)
_SPEECH = re.compile(r"\b(?:said|says|say|told|tell|tweeted|posted|wrote|statement|announced"
                     r"|revealed|reported|speaking|spoke|dismissed|added|stated|declared"
                     r"|confirmed|denied|briefing|conference|interview|published)\b", re.IGNORECASE)
_DEATH = re.compile(r"\b(?:killed|killing|dead|died|wounded|wounding|injured|injuring)\b", re.I)
_DISPLACED = re.compile(r"displac|fled|flee|uproot", re.IGNORECASE)
_NO_COUNT = frozenset({"Disrupted weapons use", "Agreement", "Headquarters or base established"})
_SOURCE = re.compile(r"\s*,?\s*(?:said|say|says|told|tell|reported|claimed|added|stated"
                     r"|announced|according)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|where)\b", re.IGNORECASE)
_ABSORBED_BY_PROTEST = frozenset({"arrest", "killing", "clash", "looting", "attack", "riot", "mob"})


def detect(sentence: Sentence, *, published: dt.date | None = None) -> list[EventMatch]:
    """Event triggers in ``sentence``, classified, with count, date, actors, modality.

    Parameters
    ----------
    sentence : Sentence
        One sentence; offsets in the result are document offsets
        (``sentence.start`` + offset in ``sentence.text``).
    published : datetime.date or None
        The report's date, to resolve "on Monday", "last week"…

    Returns
    -------
    list of EventMatch
        In text order. Non-events (planned, hypothetical, negated, generic) are
        included with their modality; keep ``m.is_real`` ones for the map.
    """
    text = sentence.text
    found: list[tuple[Trigger, re.Match[str]]] = []
    for m in trigger_regex().finditer(text):
        trig = trigger_by_key(m.lastgroup or "")
        if _is_candidate(text, trig, m):
            found.append((trig, m))
    if not found:
        return []
    dates = find_dates(text, published)
    actors = find_actors(text)
    counts = find_counts(text)
    keys = {t.key for t, _ in found}
    strong = [m for t, m in found if not t.weak and t.event_type in _VIOLENT]
    protest = "protest" in keys
    out: list[EventMatch] = []
    for trig, m in found:
        if trig.weak and any(not _ANOTHER_TIME.search(text, min(m.end(), x.end()),
                                                    max(m.start(), x.start())) for x in strong):
            continue  # "killed … when warplanes hit": one event; but "strikes after … assaulted"
        if protest and trig.key in _ABSORBED_BY_PROTEST:
            continue
        out.append(_describe(sentence, trig, m, dates, actors, counts))
    return _dedupe(out)


def _is_candidate(text: str, trig: Trigger, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 80):m.start()]
    if trig.light_verb:
        if _NOT_MILITARY.search(before):
            return False
        c0, _ = clause_span(text, m.start(), m.end())
        return _LIGHT.search(text, c0, m.start()) is not None
    first = m.group().split()[0]
    if is_past_form(first) and trig.key not in ("bombing",):
        return True
    if any(is_past_form(w) for w in m.group().split()[1:]):
        return True  # a subject and its verb: "the warplanes hit", "a drone struck"
    prev = before.split()[-3:]
    while prev and ("-" in prev[-1] or _adjective(prev[-1])):
        if prev[-1].lower() in _DETERMINER:
            break
        prev.pop()
    if len(prev) >= 2 and prev[-1].lower() == "that" and _SPEECH.fullmatch(prev[-2]):
        prev = []  # "reported that battles were ongoing": a clause, not "that battle"
    if prev and (prev[-1].lower() in _DETERMINER or prev[-1].lower().endswith(("'s", "’s"))):
        if _NEW_INFO.match(text, m.end()):
            return True  # "The attack in Rann", "the killing of four youths": told here
        return not trig.weak and _PREDICATE.match(text, m.end()) is not None
    if trig.key == "arrest" and re.search(r"\b(?:in|into|under)\s+(?:[\w'’-]+\s+)?$", before):
        return False  # "12,000 of them are in Kurdish detention": a state, not an arrest
    if trig.key == "displacement" and prev and prev[-1].lower() in _PEOPLE_BEFORE \
            and re.match(r"\s+by\b", text[m.end():]):
        return False  # "people displaced by earlier violence": a state, not an event
    return True


def _adjective(word: str) -> bool:
    """Whether ``word`` looks like an adjective before a noun ("Turkish", "fierce")."""
    w = word.lower()
    return (w.endswith(("ern", "ish", "ese", "ian", "ive", "ary", "an", "ful", "al"))
            or (word[:1].isupper() and w.endswith("i"))
            or w in ("heavy", "fierce", "intense", "renewed", "deadly", "new", "latest"))


def _describe(sentence: Sentence, trig: Trigger, m: re.Match[str], dates: list[DateMatch],
              actors: list[ActorMention], counts: list[CountMatch]) -> EventMatch:
    text = sentence.text
    s, e = m.start(), m.end()
    mod = modality(text, s, e)
    who = _actors_for(text, s, e, actors)
    figures = {role: _figure(text, s, e, counts, role) for role in ROLES}
    etype, sub = refine(trig, text, s, e, who, figures["killed"])
    if mod == "planned" and trig.key in ("capture", "attack") and _attempt_made(text, s):
        mod = "asserted"  # "tried to storm the base", "an attempt to take over X was made"
        if trig.key == "capture":
            etype, sub = BATTLES, "Armed clash"  # a failed seizure is a clash
    count = None if sub in _NO_COUNT else _count_for(text, s, e, counts, etype, sub, figures)
    reduced = (is_past_form(text[s:e].split()[0]) and _THE_NOUN.search(text, 0, s)
               and re.match(r"\s+by\b", text[e:]))
    date = _date_for(text, s, e, [d for d in dates if not (reduced and d.end <= s)])
    head = _head_for(text, s, e, trig)
    number = {role: (c.figure if c else None) for role, c in figures.items()}
    conf = trig.confidence + 0.05 * sum(x is not None and x != () for x in (count, date, who))
    if mod == "reported":
        conf *= 0.8
    elif mod != "asserted":
        conf *= 0.3
    return EventMatch(
        start=sentence.start + s, end=sentence.start + e, text=m.group(), event_type=etype,
        sub_event_type=sub, sentence=sentence.index,
        count=(count.figure if count else 0 if _violent(etype, sub) and sub not in _VICTIMS
               else None),
        count_text=count.text if count else None,
        count_approx=count.approx if count else False,
        count_min=count.lower_bound if count else None,
        actors=tuple(a.name for a in who), date=date.date if date else None,
        date_text=date.text if date else None, date_precision=date.precision if date else None,
        modality=mod, confidence=round(min(conf, 0.95), 3), head=head, trigger_id=trig.key,
        fatalities=number["killed"], injured=number["injured"], displaced=number["displaced"],
        abducted=number["abducted"], arrested=number["arrested"],
    )


#: An attempt told as made: "tried to storm", "in an attempt to seize", "an attempt to
#: take over the base was made", "foiled an attempt to".
_ATTEMPTED = re.compile(r"\b(?:attempted|tried|(?:in|during|after) an? (?:[\w-]+ )?attempt"
                        r"|(?:failed|foiled|thwarted|repelled|repulsed) (?:an? |their )?"
                        r"(?:[\w-]+ )?(?:attempts?|bids?))\s+to\s+(?:[\w'’-]+\s+){0,2}$",
                        re.IGNORECASE)
_ATTEMPT_MADE = re.compile(r"\battempts?\s+(?:by\s+[^.;:]{0,40}?)?to\b[^.;:]{0,120}?\b(?:was|were)\s+(?:made|foiled"
                           r"|repelled|thwarted|repulsed)\b", re.IGNORECASE)


def _attempt_made(text: str, s: int) -> bool:
    """Whether the trigger at ``s`` is what an attempt that was made aimed at."""
    c0 = max(0, text.rfind("attempt", 0, s) - 60, text.rfind("tried", 0, s) - 60)
    return bool(_ATTEMPTED.search(text, c0, s) or (
        re.search(r"\battempts?\s+(?:by\s+(?:[\w'’-]+\s+){1,3})?to\s+(?:[\w'’-]+\s+){0,2}$",
                  text[max(0, s - 80):s])
        and _ATTEMPT_MADE.search(text)))


def _violent(etype: str, sub: str) -> bool:
    """Whether ACLED counts the event's fatalities (political violence)."""
    return etype in (BATTLES, EXPLOSIONS, VAC, RIOTS) or sub.startswith("Excessive force")


def _figure(text: str, s: int, e: int, counts: list[CountMatch], role: str) -> CountMatch | None:
    """The people ``role`` (killed, injured…) in the trigger's clause, else in the
    sentence; counts joined by "and" add up."""
    c0, c1 = clause_span(text, s, e)
    inside = [c for c in counts if c.start >= c0 and c.end <= max(c1, e + 60)]
    return tally(inside, role) or tally(counts, role)


#: Violent sub-types whose count is their victims, not their fatalities.
_VICTIMS = frozenset({"Abduction/forced disappearance", "Sexual violence"})
_SUB_ROLE = {"Arrests": "arrested", "Abduction/forced disappearance": "abducted"}


def _count_for(text: str, s: int, e: int, counts: list[CountMatch], etype: str, sub: str,
               figures: dict[str, CountMatch | None]) -> CountMatch | None:
    """The event's count: the killed for violent events (attackers, the injured or the
    displaced are not fatalities); the arrested, abducted or displaced for those
    events; else the people count in the trigger's clause, or one tied to a death or
    injury elsewhere in the sentence."""
    if _violent(etype, sub) and sub not in _VICTIMS:
        return figures["killed"]
    role = _SUB_ROLE.get(sub) or ("displaced" if _DISPLACED.search(text, s, e) else None)
    if role and figures.get(role):
        return figures[role]
    c0, c1 = clause_span(text, s, e)
    c1 = c1 if c1 - e > 15 else min(len(text), e + 60)
    count = count_near(text, s, e, lo=c0, hi=c1, counts=counts)
    if count is None:
        for c in counts:
            k0, k1 = clause_span(text, c.start, c.end)
            if _DEATH.search(text, k0, k1):
                return c
    return count


def _actors_for(text: str, s: int, e: int, actors: list[ActorMention]) -> tuple[ActorMention, ...]:
    """Actors in the trigger's clause, agents after "by", else the sentence's subject."""
    c0, c1 = clause_span(text, s, e)

    def ok(a: ActorMention) -> bool:
        if _SOURCE.match(text, a.end):
            return False  # "residents said", "the army said": a source, not a party
        inside_trigger = a.start >= s and a.end <= e and a.kind != "protesters"
        return not inside_trigger and (not a.weak or weak_ok(text, a, s))

    inside = [a for a in actors if a.start >= c0 and a.end <= c1 and ok(a)]
    inside += [a for a in actors if c1 <= a.start < e + 60 and ok(a)
               and re.search(r"\bby\s+(?:the\s+)?$", text[max(0, a.start - 8):a.start])]
    verb = is_past_form(text[s:e].split()[0]) or not text[s:e].lower().endswith(("s", "ing"))
    if verb and not any(a.end <= s + 1 for a in inside):
        before = [a for a in actors if a.end <= c0 and ok(a)
                  and a.kind not in ("civilians", "protesters")]
        subject = [a for a in before if a.start < 40]
        inside = (subject[:1] or before[-1:]) + inside
    seen: dict[str, ActorMention] = {}
    for a in sorted(inside, key=lambda a: a.start):
        seen.setdefault(a.name, a)
    return tuple(seen.values())[:4]


def _date_for(text: str, s: int, e: int, dates: list[DateMatch]) -> DateMatch | None:
    """The date nearest the trigger, skipping dates of speech ("said on Monday")."""
    best: tuple[int, DateMatch] | None = None
    for d in _told_dates(text, dates, s):
        if d.start >= e and _RELATIVE.search(text, e, d.start):
            continue  # "… families whose homes were flooded last week"
        dist = s - d.end if d.end <= s else d.start - e
        if best is None or abs(dist) < best[0]:
            best = (abs(dist), d)
    return best[1] if best else None


def frame_date(sentence: Sentence, published: dt.date | None) -> DateMatch | None:
    """The first date a sentence gives for what it tells (not for when it was said):
    the report's time frame for the events of nearby sentences that give none."""
    dates = _told_dates(sentence.text, find_dates(sentence.text, published), -1)
    return dates[0] if dates else None


def _told_dates(text: str, dates: list[DateMatch], s: int) -> list[DateMatch]:
    """``dates`` without the dates of speech ("said on Monday", "said on Wednesday
    (May 22)"; a date after "said … that" is the reported deed's) unless the
    trigger at ``s`` lies between the speech verb and the date,
    nor those of a background clause ("since …", "until …") the trigger is not in, nor
    a dateline's ("TEHRAN, Feb. 12 (MNA) –")."""
    out, skipped_end = [], -1
    for d in dates:
        if _DATELINE.match(text[:d.start]) or (
                not text[:d.start].strip() and _DATELINE_AFTER.match(text, d.end)):
            continue  # "TEHRAN, Feb. 12 (MNA) –", "August 9, 2025 (<TOWN>) –": filed
        if skipped_end >= 0 and re.fullmatch(r"\s*[(,]?\s*", text[skipped_end:d.start]):
            skipped_end = d.end
            continue  # "(May 22)" glossing a date of speech
        lead = text[max(0, d.start - 45):d.start]
        sp = None
        for sp in _SPEECH.finditer(lead):
            pass
        if sp is not None:
            speech_at = max(0, d.start - 45) + sp.start()
            c0, _ = clause_span(text, d.start, d.end)
            if speech_at >= c0 - 1 and not (speech_at < s < d.start) \
                    and not _THAT.search(text, speech_at, d.start):
                skipped_end = d.end
                continue
        c0, c1 = clause_span(text, d.start, d.end)
        if not c0 <= s < c1 and _BACKGROUND.search(text, max(0, c0 - 12), c0 + 1):
            continue  # "… held by the TPLF since it was recaptured in June"
        out.append(d)
    return out


def _head_for(text: str, s: int, e: int, trig: Trigger) -> str | None:
    """The noun class acted on: a head noun in the trigger's clause (in the sentence if
    the trigger ends it, "… had escaped."), else the entry's default."""
    c0, c1 = clause_span(text, s, e)
    spans = [(max(c0, s - 60), min(c1, e + 60))]
    if is_past_form(text[s:e].split()[0]) and re.match(r"\s*(?:[.!?;,\"”]|$)", text[e:]):
        spans.append((0, len(text)))
    best: tuple[int, str] | None = None
    for lo, hi in spans:
        for m in head_regex().finditer(text, lo, hi):
            dist = m.start() - e if m.start() >= e else s - m.end() + 10
            if best is None or dist < best[0]:
                best = (dist, m.lastgroup or "")
        if best is not None:
            break
    if trig.head and (best is None or best[1] not in ("prison", "camp", "base")):
        return trig.head
    return best[1] if best else trig.head


def _dedupe(matches: list[EventMatch]) -> list[EventMatch]:
    """One match per (type, sub-type, modality) in a sentence: the first."""
    seen: set[tuple[str, str, bool]] = set()
    out = []
    for m in matches:
        key = (m.event_type, m.sub_event_type, m.is_real)
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out

"""Counts of people in a sentence: "785 IS-affiliated foreigners", "around 100 people".

Only quantities of people count (prisoners, fighters, civilians, troops…), or numbers
tied to a death verb ("killing 12", "12 were killed"); years, distances, dates,
percentages and money do not.

Examples
--------
>>> c = find_counts("More than 15,000 ISIS fanatics are jailed")[0]
>>> (c.value, c.approx, c.lower_bound, c.noun)
(15000, True, 15000, 'fanatics')
>>> parse_number("twenty-five")
25
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["CountMatch", "find_counts", "count_near", "parse_number", "tally", "ROLES"]

#: What can happen to the people a report counts.
ROLES = ("killed", "injured", "displaced", "abducted", "arrested")

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "dozen": 12,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "m": 1_000_000, "k": 1000, "bn": 1_000_000_000}
#: Vague quantities: (phrase, floor used as a lower bound).
_VAGUE = {
    "tens of thousands": 10_000, "hundreds of thousands": 100_000, "millions": 1_000_000,
    "thousands": 1000, "hundreds": 100, "scores": 20, "dozens": 12, "several": 3,
    "a handful": 3, "a few": 2,
}
_APPROX = (r"more than|over|at least|upwards of|some|around|about|nearly|almost|approximately"
           r"|roughly|an estimated|estimated|up to|as many as|close to|fewer than|less than"
           r"|under|just over|just under|well over")
_LOWER = frozenset({"more than", "over", "at least", "upwards of", "just over", "well over"})

_WORDNUM = (r"(?:(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two"
            r"|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven"
            r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
            r"|eighteen|nineteen|a dozen|dozen)(?:\s+hundred)?(?:\s+(?:thousand|million))?"
            r"|(?:a\s+)?hundred)")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?:(?P<q>{_APPROX})\s+)?(?:(?P<vague>tens of thousands|hundreds of thousands|millions"
    rf"|thousands|hundreds|scores|dozens)(?:\s+of|(?=\s+(?:more|others?|people)?\s*(?:were\s+)?"
    rf"(?:killed|dead|died|wounded|injured|hurt|displaced|arrested|detained)\b))"
    rf"|(?P<vague2>several|a handful of|a few)"
    rf"|(?P<num>(?<![\w$£€.,-])(?:{_DIGITS})(?:\s*(?:million|thousand|m|k|bn)\b)?"
    rf"(?![\d,]*(?:st|nd|rd|th|%|\.\d))|\b{_WORDNUM}\b))",
    re.IGNORECASE,
)
_PEOPLE = (r"people|persons?|individuals?|others|deaths|fatalities|civilians?|fighters?"
           r"|militants?|jihadis?|jihadists?"
           r"|extremists?|terrorists?|insurgents?|rebels?|combatants?|gunmen|attackers?"
           r"|assailants?|prisoners?|inmates?|detainees?|hostages?|captives?|convicts?"
           r"|foreigners?|nationals?|soldiers?|troops|servicem[ae]n|personnel|officers?"
           r"|police(?:m[ae]n|officers)?|guards?|militiam[ae]n|members?|recruits?|fanatics?"
           r"|refugees?|migrants?|IDPs|displaced|residents?|villagers?|farmers?|herders?"
           r"|students?|children|child|kids?|women|woman|men|man|boys?|girls?|famil(?:y|ies)"
           r"|protesters?|protestors?|demonstrators?|rioters?|mourners?|worshippers?|pilgrims?"
           r"|journalists?|workers?|doctors?|medics?|patients?|passengers?|miners?|fishermen"
           r"|staff|employees|suspects?|hostages?|commanders?|leaders?|officials?"
           r"|crew(?: members)?"
           r"|supporters?"
           r"|activists?|opponents?|citizens?|youths?|bodies|victims?|casualties|dead|wounded"
           r"|injured|marines|sailors|pilots?|mercenaries|volunteers?|partisans?|cadets?"
           r"|peacekeepers?|Kurds|Arabs|Rohingya|Yazidis")
_PEOPLE_RE = re.compile(rf"(?:{_PEOPLE})\b", re.IGNORECASE)
_DEATH_AFTER = re.compile(r"\s+(?:(?:were|have been|had been|are|was|been|reportedly|people)\s+)*"
                          r"(?:killed|dead|died|wounded|injured|hurt|missing|arrested|detained)\b",
                          re.IGNORECASE)
_DEATH_BEFORE = re.compile(r"(?:kill(?:ed|ing|s)?|left|leaving|toll (?:rose |climbed |stood )?"
                           r"(?:to|at|of)|claimed|wounded|injured|wounding|injuring|detaining"
                           r"|arresting)\s*$",
                           re.IGNORECASE)
_STOP = frozenset("""of in at on the a an and or were was are is had have has to from by with
    for into than who which that as more less km kilometres kilometers miles metres meters
    years days hours weeks months percent per dollars pounds euros""".split())
_DETS = frozenset("the their its his her our those these".split())
_MONTH_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$",
                           re.IGNORECASE)
_TOKEN = re.compile(r"[\w'’-]+")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_DEFINITE = re.compile(r"(?:\bof\s+|^\s*)(?:the|these|those)\s+$", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:-|–|to|or|and)\s*(?:\d{1,3}(?:,\d{3})+|\d+)\b(?![,.]?\d)")
_AND = re.compile(r"\s*,?\s*(?:and|as well as)\s+(?:another\s+)?", re.IGNORECASE)
_ONE = re.compile(rf"\b(?:an?|one)\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>(?:{_PEOPLE}))\b",
                  re.IGNORECASE)
#: (role, word beginnings that tell it), first match wins.
_ROLES = (
    ("killed", ("kill", "dead", "die", "death", "slain", "slaughter", "massacre", "murder",
                "execut", "behead", "martyr", "fatalit", "bodies", "lost their lives",
                "shot dead", "shooting dead", "shot and killed", "gunned down", "gunning down",
                "butcher", "perish")),
    ("injured", ("wound", "injur", "hurt", "maim")),
    ("displaced", ("displac", "fled", "flee", "uproot", "homeless", "evacuat")),
    ("abducted", ("abduct", "kidnap", "hostage", "taken hostage", "captive")),
    ("arrested", ("arrest", "detain", "apprehend", "rounded up")),
)
_ROLE_AFTER = re.compile(
    r"\s*(?:(?:were|was|have|has|had|are|is|been|being|reportedly|also|later|allegedly|all"
    r"|seriously|critically|fatally|badly|severely|slightly|lightly|shot|left|people|others?"
    r"|more|in total|so far|confirmed|sustain(?:ed|ing)?|suffer(?:ed|ing)?|serious|severe"
    r"|minor|critical|with)\s+)*[\"“']?(?P<w>lost their lives|[\w-]+)", re.IGNORECASE)
_ROLE_LATER = re.compile(
    r"[^,;:.]{0,90}?\b(?:were|was|have been|has been|had been)\s+(?:\w+ly\s+)?[\"“']?"
    r"(?:\w+ed\s+and\s+)?"
    r"(?P<w>killed|shot dead|slain|massacred|slaughtered|executed|wounded|injured|abducted"
    r"|kidnapped|arrested|detained|displaced)\b", re.IGNORECASE)
_ROLE_BEFORE = re.compile(
    r"\b(?P<w>kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es)?|detain(?:ed|ing|s)?"
    r"|arrest(?:ed|ing|s)?|abduct(?:ed|ing|s)?|kidnapp?(?:ed|ing|s)?|displac(?:ed|ing|es)?"
    r"|massacr(?:ed|ing)|murder(?:ed|ing|s)?|execut(?:ed|ing)|martyrdom of|deaths? of"
    r"|killing of|murder of|toll (?:\w+ )?(?:to|at|of)|slaughter(?:ed|ing)|behead(?:ed|ing)"
    r"|shot dead|shooting dead|gunned down|gunning down|shot and killed|butcher(?:ed|ing)"
    r")\s+(?:the\s+|all\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CountMatch:
    """A quantity in a text.

    Parameters
    ----------
    value : int or None
        The number; None for vague quantities ("thousands of").
    text : str
        As written, from the qualifier to the noun.
    start, end : int
        Offsets in the text searched.
    approx : bool
        Qualified ("around", "more than") or vague.
    lower_bound : int or None
        The least the text allows: the value after "more than"/"at least", a floor
        for vague quantities, else the value.
    noun : str
        The noun counted ("" when tied to a death verb instead).
    is_people : bool
        Whether it counts people.
    role : str
        What happened to them: ``"killed"``, ``"injured"``, ``"displaced"``,
        ``"abducted"``, ``"arrested"``, or ``""`` when the text does not say.
    joined : bool
        Joined by "and" to the count before it under the same role ("two men and
        three children were injured": 5 injured).
    """

    value: int | None
    text: str
    start: int
    end: int
    approx: bool = False
    lower_bound: int | None = None
    noun: str = ""
    is_people: bool = True
    role: str = ""
    joined: bool = False

    @property
    def figure(self) -> int | None:
        """The number to use: the value, else the lower bound ("dozens" -> 12)."""
        return self.value if self.value is not None else self.lower_bound


def parse_number(text: str) -> int | None:
    """An integer from digits or English number words, or None.

    >>> parse_number("15,000"), parse_number("1.5 million"), parse_number("two hundred")
    (15000, 1500000, 200)
    """
    s = text.strip().lower().replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(million|thousand|m|k|bn)?", s)
    if m:
        value = float(m.group(1)) * _SCALES.get(m.group(2) or "", 1)
        return int(round(value))
    total, current = 0, 0
    words = re.findall(r"a dozen|[a-z]+", re.sub(r"^a\s+(?=hundred)", "", s))
    if not words:
        return None
    for w in words:
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in ("thousand", "million"):
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
    return total + current


def find_counts(text: str, *, people_only: bool = True) -> list[CountMatch]:
    """Quantities in ``text``, in order.

    Parameters
    ----------
    text : str
        A sentence.
    people_only : bool
        Keep only counts of people (default); else also "two posts", "30 km"…

    Returns
    -------
    list of CountMatch
    """
    out: list[CountMatch] = []
    skip_to = -1
    for m in _NUMBER.finditer(text):
        if m.start() < skip_to or not (m.group("num") or m.group("vague") or m.group("vague2")):
            continue
        if m.group("num") and _MONTH_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            continue  # a date: "October 12"
        if _DEFINITE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Of the 60 killed": a total told before, not a new count
        low, high_end = None, m.end()
        rng = _RANGE.match(text, m.end()) if m.group("num") else None
        if rng and "and" in rng.group() and not _BETWEEN.search(text, 0, m.start()):
            rng = None
        if rng:  # "10 to 15 people", "10-15 people": the lowest figure
            low, high_end = parse_number(m.group("num")), rng.end()
            skip_to = high_end
        noun, noun_end = _noun_after(text, high_end)
        people = bool(noun and _PEOPLE_RE.fullmatch(noun))
        end = noun_end if noun else high_end
        if not people and m.group("num"):
            if _DEATH_AFTER.match(text, high_end) or _DEATH_BEFORE.search(
                    text, max(0, m.start() - 30), m.start()):
                people, noun, end = True, "", high_end
        if people_only and not people:
            continue
        q = (m.group("q") or "").lower()
        if m.group("num"):
            value = low if low is not None else parse_number(m.group("num"))
            if value is None or (noun == "" and 1900 <= value <= 2100 and people is False):
                continue
            lower = value if (q in _LOWER or not q or low is not None) else None
        else:
            vague = (m.group("vague") or m.group("vague2")).lower().removesuffix(" of")
            value, lower = None, _VAGUE.get(vague)
        out.append(CountMatch(value, text[m.start():end], m.start(), end,
                              approx=bool(q) or value is None or low is not None,
                              lower_bound=lower, noun=noun, is_people=people,
                              role=_role(text, m.start(), end, noun)))
    for m in _ONE.finditer(text):  # "a civilian was killed", "killing an officer"
        if any(c.start <= m.start() < c.end for c in out):
            continue
        role = _role(text, m.start(), m.end(), m.group("noun"), later=False)
        if role:
            out.append(CountMatch(1, m.group(), m.start(), m.end(), noun=m.group("noun"),
                                  role=role))
    return _join(text, sorted(out, key=lambda c: c.start))


def tally(counts: list[CountMatch], role: str) -> CountMatch | None:
    """The first count with ``role``, summed with the counts joined to it by "and"."""
    for i, c in enumerate(counts):
        if c.role != role or c.figure is None:
            continue
        total, end = c.figure, c.end
        for d in counts[i + 1:]:
            if not d.joined or d.role != role or d.figure is None:
                break
            total, end = total + d.figure, d.end
        if end == c.end:
            return c
        return CountMatch(total, c.text, c.start, end, approx=c.approx, lower_bound=total,
                          noun=c.noun, role=role)
    return None


def _role(text: str, start: int, end: int, noun: str, *, later: bool = True) -> str:
    """What happened to the people counted at ``text[start:end]``: said right after or
    right before it, or (``later``) by the verb of its clause further on."""
    m = _ROLE_AFTER.match(text, end)
    if m and _role_of(m.group("w")):
        return _role_of(m.group("w"))
    m = _ROLE_BEFORE.search(text, max(0, start - 40), start)
    if m:
        return _role_of(m.group("w"))
    m = _ROLE_LATER.match(text, end) if later else None
    if m and _role_of(m.group("w")):
        return _role_of(m.group("w"))  # "Hundred people in a village … were killed"
    return _role_of(noun)


def _role_of(word: str) -> str:
    w = word.lower()
    for role, stems in _ROLES:
        if w.startswith(stems):
            return role
    return ""


def _join(text: str, counts: list[CountMatch]) -> list[CountMatch]:
    """Mark counts joined by "and" and give a role-less one its partner's role
    ("killing an officer and three soldiers", "two men and three children were
    injured")."""
    out = list(counts)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if not _AND.fullmatch(text, a.end, b.start) or (a.role and b.role and a.role != b.role):
            continue
        out[i - 1] = replace(a, role=a.role or b.role)
        out[i] = replace(b, role=a.role or b.role, joined=True)
    for i in range(len(out) - 1, 0, -1):  # a role given after the last conjunct
        if out[i].joined and out[i].role and not out[i - 1].role:
            out[i - 1] = replace(out[i - 1], role=out[i].role)
    return out


def count_near(text: str, start: int, end: int, *, lo: int = 0, hi: int | None = None,
               counts: list[CountMatch] | None = None) -> CountMatch | None:
    """The count of people nearest to the span ``text[start:end]`` (a trigger).

    Parameters
    ----------
    text : str
        The sentence.
    start, end : int
        The trigger's offsets in ``text``.
    lo, hi : int
        Ignore counts that start before ``lo`` or end after ``hi`` (the clause).
    counts : list of CountMatch, optional
        ``find_counts(text)`` if already computed.

    Returns
    -------
    CountMatch or None
        Exact counts are preferred to vague ones at similar distance.
    """
    best: tuple[float, CountMatch] | None = None
    hi = len(text) if hi is None else hi
    for c in find_counts(text) if counts is None else counts:
        if c.start < lo or c.end > hi:
            continue
        dist = start - c.end if c.end <= start else max(0, c.start - end)
        score = dist + (40 if c.value is None else 0)
        if best is None or score < best[0]:
            best = (score, c)
    return best[1] if best else None


def _noun_after(text: str, pos: int) -> tuple[str, int]:
    """The noun a number counts: a people noun within four words, else the next word."""
    first = ""
    first_end = prev_end = pos
    for i, t in enumerate(_TOKEN.finditer(text, pos, min(len(text), pos + 80))):
        if i >= 5:
            break
        gap = text[prev_end:t.start()]
        if any(ch in gap for ch in ",;:()\"“”") or (i and gap.strip()):
            break
        word = t.group()
        low = word.lower()
        if i == 0:
            first, first_end = word, t.end()
        if i == 0 and low == "of" or i == 1 and first.lower() == "of" and low in _DETS:
            prev_end = t.end()
            continue  # "five of their fighters", "15,000 of the prisoners"
        if low in ("more", "other", "additional", "further") and i == 0:
            first, first_end, prev_end = "", pos, t.end()
            continue  # "two more civilians", "three other soldiers"
        if low in _STOP or word[0].isdigit():
            break
        if _PEOPLE_RE.fullmatch(word):
            return word, t.end()
        prev_end = t.end()
    return first, first_end

"""Words of spatial expressions: numbers, units, directions, zone nouns, as regexes.

The fragments are plain strings (no capture groups) for :mod:`geo.spatial.parse`
to compose; the ``parse_*`` helpers read what they matched.

>>> parse_distance("30 km (20 miles)")
(30000.0, '30 km')
>>> parse_distance("twenty-five miles")[0]
40233.6
>>> to_metres(20, "miles")
32186.88
"""
from __future__ import annotations

import re

__all__ = [
    "DIR",
    "DIST",
    "HEADS",
    "HEAD_NOUNS",
    "NUM",
    "NUMBER_WORDS",
    "UNIT",
    "UNITS",
    "VAGUE_COUNTS",
    "parse_distance",
    "parse_number",
    "to_metres",
    "vague_range",
]

#: Metres per unit, by normalised unit word.
UNITS = {"km": 1000.0, "kilometre": 1000.0, "kilometer": 1000.0, "mile": 1609.344,
         "mi": 1609.344, "nautical mile": 1852.0, "nm": 1852.0, "m": 1.0,
         "metre": 1.0, "meter": 1.0}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "hundred": 100,
}

#: Nouns of named zones that later sentences refer back to ("the safe zone").
HEAD_NOUNS = ("safe zone", "buffer zone", "exclusion zone", "no-fly zone", "no fly zone",
              "demilitarised zone", "demilitarized zone", "security zone",
              "de-escalation zone", "deescalation zone", "humanitarian zone",
              "security belt", "safe area", "humanitarian corridor", "green zone",
              "red zone", "military zone", "closed military zone", "kill zone")

_NUMWORD = "|".join(sorted((w for w in NUMBER_WORDS if w != "a"), key=len, reverse=True))
#: A number: digits (``1,200``, ``2.5``) or words (``twenty-five``, ``a hundred``).
NUM = (r"(?:(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
       rf"|(?:a\s+)?(?:{_NUMWORD})(?:[\s-](?:{_NUMWORD}))*(?![\w]))")
_NUMRANGE = rf"{NUM}(?:\s*(?:-|–|to)\s*{NUM})?"
#: A unit of length.
UNIT = (r"(?:nautical\s+miles?|kilomet(?:re|er)s?|kms?|miles?|mi|nm|met(?:re|er)s?|m)"
        r"(?![\w²])")
_QUALIFIER = (r"(?:up\s+to|some|about|around|roughly|approximately|nearly|almost|at\s+least"
              r"|more\s+than|less\s+than|over|under|just|only|barely|a\s+further|another)")
#: How many a vague count stands for, lowest to highest ("several" is more than two
#: but not many; "dozens of" two dozen up to nine, "a dozen" ten to fourteen).
VAGUE_COUNTS = {"a few": (2, 5), "several": (3, 7), "some": (2, 7), "many": (5, 12),
                "dozens of": (24, 108), "tens of": (20, 90), "a dozen": (10, 14),
                "a few dozen": (24, 60), "several dozen": (36, 84), "some dozen": (24, 84)}
_VAGUE = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in VAGUE_COUNTS),
                         key=len, reverse=True))
#: A distance: qualifier, number (or a vague count: "several dozen"), unit, optional
#: parenthesised conversion.
DIST = (rf"(?:{_QUALIFIER}\s+)?(?:{_NUMRANGE}|(?:{_VAGUE})(?=\s+\w))(?:\s*|-){UNIT}"
        rf"(?:\s*\(\s*(?:{_QUALIFIER}\s+)?{_NUMRANGE}(?:\s*|-){UNIT}\s*\))?")
_POINT = r"(?:north|south|east|west)"
#: A compass direction written out (validated later by ``compass_point``) or abbreviated.
DIR = (rf"(?:{_POINT}(?:[\s-]?{_POINT}){{0,2}}(?:ern|erly)?"
       r"|(?-i:(?:N|S)(?:NE|NW|SE|SW)|(?:E|W)(?:NE|SE|NW|SW)|NE|NW|SE|SW))(?![\w])")
#: The zone head nouns as one alternation.
HEADS = "|".join(re.escape(h).replace(r"\ ", r"[\s-]").replace(r"\-", r"[\s-]")
                 for h in sorted(HEAD_NOUNS, key=len, reverse=True))


def to_metres(value: float, unit: str) -> float:
    """A length in metres: ``to_metres(20, "miles") == 32186.88``.

    Raises
    ------
    ValueError
        If the unit is not one of :data:`UNITS` (plurals and spellings allowed).
    """
    u = re.sub(r"\s+", " ", unit.strip().lower())
    if u not in UNITS:
        u = re.sub(r"s$", "", u)
    if u == "kms":
        u = "km"
    if u not in UNITS:
        raise ValueError(f"unknown unit: {unit!r}")
    return float(value) * UNITS[u]


def parse_number(text: str) -> float | None:
    """A number written in digits or English words, or None.

    >>> parse_number("1,200"), parse_number("twenty-five"), parse_number("a hundred")
    (1200.0, 25.0, 100.0)
    """
    t = text.strip().lower()
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", t):
        if w == "and" or not w:
            continue
        if w not in NUMBER_WORDS:
            return None
        n = NUMBER_WORDS[w]
        seen = seen or w != "a"
        if n == 100:
            current = (current or 1) * 100
        else:
            current += n
    total += current
    return total if seen else None


_FIRST = re.compile(rf"(?P<num>{_NUMRANGE})(?:\s*|-)(?P<unit>{UNIT})", re.IGNORECASE)
_NUM_ONLY = re.compile(NUM, re.IGNORECASE)


_VAGUE_FIRST = re.compile(rf"(?P<num>{_VAGUE})\s+(?P<unit>{UNIT})", re.IGNORECASE)


def vague_range(text: str) -> tuple[float, float] | None:
    """The least and most metres a vague distance stands for, or None if ``text``
    gives a number.

    >>> vague_range("several dozen kilometres")
    (36000.0, 84000.0)
    """
    if _FIRST.search(text):
        return None
    m = _VAGUE_FIRST.search(text)
    if not m:
        return None
    lo, hi = VAGUE_COUNTS[re.sub(r"\s+", " ", m.group("num").lower())]
    return to_metres(lo, m.group("unit")), to_metres(hi, m.group("unit"))


def parse_distance(text: str) -> tuple[float, str] | None:
    """The first distance written in ``text``, in metres, with the words that gave it.

    "30 km (20 miles)" counts once, the first unit given; a range ("20-30 km")
    gives its upper end; a vague count ("several dozen km") the middle of its
    :func:`vague_range`.
    """
    m = _FIRST.search(text)
    if not m:
        v, w = vague_range(text), _VAGUE_FIRST.search(text)
        return ((v[0] + v[1]) / 2, w.group(0)) if v and w else None
    parsed = [parse_number(n.group(0)) for n in _NUM_ONLY.finditer(m.group("num"))]
    numbers = [n for n in parsed if n is not None]
    if not numbers:
        return None
    return to_metres(max(numbers), m.group("unit")), m.group(0)

"""Compass points: the 16 directions as written in reports, and their bearings.

>>> compass_point("north-eastern"), compass_point("NNW"), compass_point("centre")
('NE', 'NNW', 'C')
>>> bearing_of("south-west")
225.0
"""
from __future__ import annotations

import re

__all__ = ["BEARINGS", "CENTRAL", "NAMES", "POINTS", "bearing_of", "compass_point", "name_of"]

#: The 16 compass points, clockwise from north.
POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
          "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
#: Bearing in degrees clockwise from north, per point.
BEARINGS = {p: i * 22.5 for i, p in enumerate(POINTS)}
#: The code used for "central" / "centre" / "heart".
CENTRAL = "C"

_WORD = {"N": "north", "E": "east", "S": "south", "W": "west"}
#: Readable name per code: ``"NE" -> "northeast"``, ``"NNE" -> "north-northeast"``.
NAMES = {p: (_WORD[p[0]] + "-" + "".join(_WORD[c] for c in p[1:]) if len(p) == 3
             else "".join(_WORD[c] for c in p)) for p in POINTS}
NAMES[CENTRAL] = "central"

_BY_WORDS = {NAMES[p].replace("-", ""): p for p in POINTS}
_CENTRAL_WORDS = {"central", "centre", "center", "middle", "heart", "centrally"}


def compass_point(word: str) -> str | None:
    """The compass code of a written direction, or None.

    Accepts codes (``"NE"``, case as written: ``"ne"`` is refused), nouns and
    adjectives with any hyphenation or spacing (``"north-east"``, ``"north east"``,
    ``"northeastern"``, ``"North-Eastern"``, ``"northerly"``), and the words for the
    centre (``"central"``, ``"centre"``, ``"center"``, ``"heart"``, ``"middle"``).
    """
    w = word.strip()
    if w in BEARINGS or w == CENTRAL:
        return w
    low = w.lower()
    if low in _CENTRAL_WORDS:
        return CENTRAL
    low = re.sub(r"[\s\-‐–]+", "", low)
    low = re.sub(r"(ern|erly|ward|wards)$", "", low)
    return _BY_WORDS.get(low)


def bearing_of(direction: str) -> float | None:
    """Bearing in degrees of a written direction; None for central or unknown."""
    code = compass_point(direction)
    return BEARINGS.get(code) if code else None


def name_of(direction: str) -> str:
    """Readable name of a direction code or word (``"NE" -> "northeast"``)."""
    code = compass_point(direction)
    return NAMES.get(code, direction) if code else direction

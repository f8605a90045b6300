"""Reading a long sentence window by window (:func:`geo.spatial.rules.matches`).

A sentence longer than two windows is read window by window, each with the window
that follows it and only the mention texts found there, so the lookahead that
checks a rule's slot scans a window, not the whole sentence: time stays linear in
the sentence. A match belongs to the window it starts in; none is longer than one.
"""
from __future__ import annotations

import re
from typing import TypeAlias

__all__ = ["RuleMatch", "Shifted", "windows"]

#: Characters of a window (a match starting in it may run into the next one).
_WINDOW = 500


def windows(text: str, names: list[str], end: str, sep: str) -> list[tuple[int, str, int, int]]:
    """``(offset, subject, start, stop)`` per window: matches starting in
    ``subject[start:stop]`` are the window's; ``offset`` is where ``subject`` starts
    in ``text``. A short sentence is one window, the whole sentence."""
    if len(text) <= 2 * _WINDOW:
        return [(0, text + end + sep + sep.join(names) + sep, 0, len(text))]
    out = []
    for lo in range(0, len(text), _WINDOW):
        offset = max(0, lo - 1)  # one character before: the rules' lookbehind
        piece = text[offset:lo + 2 * _WINDOW]
        low = piece.lower()
        found = [n for n in names if n.lower() in low]
        subject = piece + end + sep + sep.join(found) + sep
        out.append((offset, subject, lo - offset, lo - offset + _WINDOW))
    return out


class Shifted:
    """A match in a window, with spans counted from the start of the sentence."""

    __slots__ = ("_m", "_offset")

    def __init__(self, m: re.Match, offset: int):
        self._m, self._offset = m, offset

    @property
    def re(self) -> re.Pattern:
        """The pattern that matched (handlers ask it which groups it has)."""
        return self._m.re

    def group(self, *names):
        """As :meth:`re.Match.group`."""
        return self._m.group(*names)

    def __getitem__(self, name):
        return self._m[name]

    def groupdict(self, default=None):
        return self._m.groupdict(default)

    def start(self, name=0) -> int:
        at = self._m.start(name)
        return at + self._offset if at >= 0 else at

    def end(self, name=0) -> int:
        at = self._m.end(name)
        return at + self._offset if at >= 0 else at

    def span(self, name=0) -> tuple[int, int]:
        return self.start(name), self.end(name)


#: What a rule's handler is given: a match, or one found in a window of a long sentence.
RuleMatch: TypeAlias = "re.Match[str] | Shifted"

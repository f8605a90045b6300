"""The cheap tests a sentence passes before a rule of :mod:`geo.spatial.rules` is tried.

A rule ``needs`` a regex that every match of it contains, or a test of the sentence
(:func:`distance_or_deep`). :func:`test` makes one callable per distinct ``needs``,
so rules that need the same words share it and :func:`geo.spatial.rules.matches`
tests a sentence once for all of them.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable

from .lexicon import NUMBER_WORDS, UNIT

__all__ = ["distance_or_deep", "test"]

_DEEP_IN = re.compile(r"(?:deep|far|well)\s+in", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_UNIT = re.compile(UNIT, re.IGNORECASE)
_NUMBER_WORDS = tuple(w for w in NUMBER_WORDS if w != "a")
#: The non-ASCII characters that an ASCII letter matches case-insensitively.
_ODD_LETTERS = frozenset("İıſ\u212a")


def distance_or_deep(text: str) -> bool:
    """Whether ``text`` may hold "30 km into" or "deep inside": ``_into``'s ``needs``.

    A :data:`~geo.spatial.lexicon.DIST` has a digit or a number word, and a unit.
    (Searching for DIST itself costs more than trying the rule.)
    """
    if _DEEP_IN.search(text):
        return True
    if _DIGIT.search(text) is None and _ODD_LETTERS.isdisjoint(text):
        low = text.lower()
        if not any(w in low for w in _NUMBER_WORDS):
            return False
    return _UNIT.search(text) is not None


@functools.cache  # the same callable for the same ``needs``
def test(needs: str | Callable[[str], bool]) -> Callable[[str], bool]:
    """``needs`` as a test of a sentence: the callable itself, or whether the
    regex is found in it (case-insensitively)."""
    if callable(needs):
        return needs
    search = re.compile(needs, re.IGNORECASE).search
    return lambda text: search(text) is not None

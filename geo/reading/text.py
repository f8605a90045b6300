"""Sentence splitting with exact character offsets.

The splitter is pure regular expressions and string tests (no model), linear in the
length of the text. It knows about news prose: abbreviations and titles ("U.S.",
"Mr.", "Lt. Col.", "No. 5"), initials ("J. Smith"), decimals, quotes closing a
sentence (``.”``, ``?"``), ellipses, headlines (a line without final punctuation)
and datelines ("BEIRUT (Reuters) -").

Examples
--------
>>> [s.text for s in split_sentences('Mr. Smith left. He said "No."  Then...')]
['Mr. Smith left.', 'He said "No."', 'Then...']
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from geo.model import Sentence

__all__ = ["split_sentences", "sentence_at", "MAX_SENTENCE"]

#: Longest sentence, in characters. A longer run of words with no sentence end (text
#: whose punctuation and line breaks were lost) is cut at a space near this length, so
#: the sentence-level stages (spatial rules, events) stay linear in the text's length.
#: A single word is never cut. The longest sentence of the evaluation corpora has
#: 1,864 characters.
MAX_SENTENCE = 3000

# A run of line breaks, with the horizontal white space around them.
_NEWLINES = re.compile(r"[ \t\r\f\v\u00a0]*\n(?:[ \t\r\f\v\u00a0]*\n)*[ \t\r\f\v\u00a0]*")
# Terminal punctuation, closing quotes/brackets, then white space.
_TERMINAL = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s)")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_OPENERS = "\"'“‘«([¿¡"
_LINE_JOINERS = ",;:-–—(/&+"
_WORD = re.compile(r"[\"'“‘(]*([A-Za-z]+)")
_SPACE = re.compile(r"[ \t]")

#: Titles and abbreviations that never end a sentence.
_TITLES = frozenset(
    """mr mrs ms mx dr prof gen lt col maj capt cpt sgt cpl pvt adm brig cmdr cdr
    rep sen gov pres rev hon st mt ft messrs mme mlle sr jr sheikh esp fr gens
    lieut supt insp det cmdt""".split()
)
#: Abbreviations that do not end a sentence when a number follows ("No. 5", "Oct. 12").
_BEFORE_NUMBER = frozenset(
    """no nos vol vols fig figs art p pp ch sec para jan feb mar apr jun jul aug
    sep sept oct nov dec ca approx op tel ext""".split()
)
#: Abbreviations that may end a sentence: they do so only before a likely sentence opener.
_AMBIGUOUS = frozenset("inc ltd co corp bros etc vs al dept univ assn est".split())
#: Words that usually open a sentence (used after ambiguous abbreviations).
_STARTERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those
    but and however meanwhile in on at after before when while there some many
    officials police witnesses according""".split()
)
#: Lowercase words that leave a line unfinished (hard-wrapped text).
_OPEN_ENDINGS = frozenset(
    """the a an of in on at to and or by for with from that which who as into
    than but near""".split()
)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with exact offsets.

    Parameters
    ----------
    text : str
        Any text; line breaks are meaningful (blank lines end paragraphs, a line
        without final punctuation is a headline).

    Returns
    -------
    list of Sentence
        In order, indexed from 0, each stripped of surrounding white space and with
        ``text[s.start:s.end] == s.text``.
    """
    spans: list[tuple[int, int]] = []
    for b0, b1 in _blocks(text):
        for s0, s1 in _split_block(text, b0, b1):
            spans.extend(_capped(text, s0, s1))
    out: list[Sentence] = []
    for s0, s1 in spans:
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        while s1 > s0 and text[s1 - 1].isspace():
            s1 -= 1
        if s1 > s0:
            out.append(Sentence(len(out), s0, s1, text[s0:s1]))
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence holding character ``offset``, or None (binary search).

    Parameters
    ----------
    sentences : list of Sentence
        As :func:`split_sentences` returns them (sorted by offset).
    offset : int
        A character index into the document text.

    Returns
    -------
    Sentence or None
    """
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= offset < sentences[lo].end:
        return sentences[lo]
    return None


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans between hard breaks: blank lines, and line ends that close a line."""
    start = 0
    for m in _NEWLINES.finditer(text):
        if m.group().count("\n") > 1 or not _joins(text, start, m.start(), m.end()):
            yield start, m.start()
            start = m.end()
    yield start, len(text)


def _joins(text: str, line_start: int, line_end: int, next_start: int) -> bool:
    """Whether a single line break continues the sentence (wrapped text, datelines)."""
    if line_end <= line_start or next_start >= len(text):
        return False
    last = text[line_end - 1]
    if last in _LINE_JOINERS:
        return True
    nxt = text[next_start]
    if nxt.islower():
        return True
    if last.isalpha():
        tail = text[max(line_start, line_end - 12):line_end].rsplit(None, 1)[-1]
        return tail in _OPEN_ENDINGS
    return False


def _capped(text: str, s0: int, s1: int) -> Iterator[tuple[int, int]]:
    """``text[s0:s1]`` in pieces of about :data:`MAX_SENTENCE` characters, each cut
    after its last space or tab (after the first one past the limit in a very long
    word; never inside a word)."""
    while s1 - s0 > MAX_SENTENCE:
        limit = s0 + MAX_SENTENCE
        cut = max(text.rfind(" ", s0 + MAX_SENTENCE // 2, limit),
                  text.rfind("\t", s0 + MAX_SENTENCE // 2, limit))
        if cut < 0:
            m = _SPACE.search(text, limit, s1)
            if m is None:
                break
            cut = m.start()
        yield s0, cut + 1
        s0 = cut + 1
    yield s0, s1


def _split_block(text: str, b0: int, b1: int) -> Iterator[tuple[int, int]]:
    start = b0
    for m in _TERMINAL.finditer(text, b0, b1):
        if _is_boundary(text, m.start(), m.end(), b1):
            yield start, m.end()
            start = m.end()
    yield start, b1


def _is_boundary(text: str, p0: int, p1: int, limit: int) -> bool:
    """Whether the punctuation run ``text[p0:p1]`` ends a sentence."""
    punct = text[p0:p1].rstrip("\"'”’»)]")
    if len(punct) > 1 and set(punct) == {"."}:
        return False  # an ellipsis "..."
    n = p1
    while n < limit and text[n].isspace():
        n += 1
    if n >= limit:
        return True
    nxt = text[n]
    if nxt.islower() or nxt in ",;:-–—":
        return False
    if nxt in _OPENERS and n + 1 < limit and text[n + 1].islower():
        return False
    if punct != "." or p1 - p0 != 1:
        return True
    # A single period right after a word: abbreviations, initials, acronyms.
    lo = max(0, p0 - 40)
    w0 = max(text.rfind(" ", lo, p0), text.rfind("\n", lo, p0), text.rfind("\t", lo, p0),
             text.rfind("\u00a0", lo, p0))
    word = text[(w0 + 1 if w0 >= 0 else lo):p0].lstrip(_OPENERS)
    if not word:
        return True
    low = word.lower()
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith"
    if low in _TITLES:
        return False
    if low in _BEFORE_NUMBER and nxt.isdigit():
        return False
    if _DOTTED.match(word) or low in _AMBIGUOUS:
        return _next_word(text, n, limit).lower() in _STARTERS
    return True


def _next_word(text: str, n: int, limit: int) -> str:
    m = _WORD.match(text, n, min(limit, n + 40))
    return m.group(1) if m else ""

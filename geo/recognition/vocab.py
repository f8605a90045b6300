"""Vocabularies recognition reads from package data files (``data/*.txt``).

Each file holds one entry a line (an entry may be several words); ``#`` starts
a comment, blank lines are skipped. Every file opens with a header comment that
says what its words are for. Files are read once, on first use.
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = ["entries", "pattern", "phrases", "words"]


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>.txt`` as written, in file order."""
    text = resources.files("geo.recognition").joinpath("data", name + ".txt") \
        .read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(" ".join(line.split()))
    return tuple(out)


@cache
def words(name: str) -> frozenset[str]:
    """Every word of ``data/<name>.txt``, lowercased, as a set (for files of
    single words, which may stand several to a line)."""
    return frozenset(w.lower() for e in entries(name) for w in e.split())


@cache
def phrases(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` (one name a line), lowercased, as a set."""
    return frozenset(e.lower() for e in entries(name))


def pattern(name: str) -> str:
    """A regex alternation of the file's entries, longest first; a space inside an
    entry matches any run of white space ("Red Cross" matches "Red\\nCross")."""
    alts = sorted(entries(name), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in alts) + ")"

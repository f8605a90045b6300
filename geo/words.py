"""Word lists recognition leans on, read from installed packages on first use.

* common English words (``wordfreq``): a weak place match that is also a common
  word ("Man", "Both", "Hill") needs more evidence;
* given names (``gender-guesser``'s name dictionary): "Michael", "Mary" are
  people far more often than the hamlets named so.
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["is_common_word", "is_given_name"]

#: Zipf frequency (log10 per billion words) above which a word counts as common.
COMMON_ZIPF = 4.6


def is_common_word(word: str) -> bool:
    """Is the lowercase form of ``word`` a frequent English word?"""
    return _zipf(word.lower()) >= COMMON_ZIPF


@lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    from importlib import resources

    path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    lines = path.read_text(encoding="iso-8859-1").splitlines()
    names = set()
    for line in lines:
        if line.startswith("#") or len(line) < 30:
            continue
        name = line[3:29].strip()
        # Columns after the name give its frequency per country; keep names
        # frequent somewhere (a digit >= 3 in some column).
        freq = line[30:].replace(" ", "")
        if name and " " not in name and "+" not in name and any(c in "3456789" for c in freq[:55]):
            names.add(name.lower())
    return frozenset(names)


def is_given_name(word: str) -> bool:
    """Is ``word`` a common given name?"""
    return word.lower() in _given_names()

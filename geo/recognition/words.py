"""Word lists recognition leans on, read from installed packages on first use.

* common English words (``wordfreq``): a weak place match that is also a common
  word ("Man", "Both", "Hill") needs more evidence, and a name the gazetteer
  lacks that is an English word at all ("Jungle") is no place on a cue alone;
* given names (``gender-guesser``'s name dictionary): "Michael", "Mary" are
  people far more often than the hamlets named so.
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["is_common_word", "is_english_word", "is_given_name"]

#: Zipf frequency (log10 per billion words) above which a word counts as common.
COMMON_ZIPF = 4.6
#: Zipf frequency above which a word counts as English at all (for names the
#: gazetteer lacks: "Jungle" is a word, "Pibor" a village).
ENGLISH_ZIPF = 3.0


def is_common_word(word: str) -> bool:
    """Is the lowercase form of ``word`` a frequent English word?"""
    return word.lower() in _common_words()


def is_english_word(word: str) -> bool:
    """Is the lowercase form of ``word`` an English word of some currency (Zipf
    >= ENGLISH_ZIPF: "jungle", "resort")? Names of villages the gazetteer lacks
    are not ("Pibor", "Ogossagou", "Tymofiivka")."""
    return word.lower() in _common_words(ENGLISH_ZIPF)


@lru_cache(maxsize=2)
def _common_words(zipf: float = COMMON_ZIPF) -> frozenset[str]:
    """English words of Zipf frequency >= ``zipf`` (about 2,500 at 4.6), computed
    once from wordfreq and kept in the user cache: loading wordfreq's whole
    table costs a second at every start."""
    from importlib import metadata

    name = f"common-words-{metadata.version('wordfreq')}-{zipf}.txt"
    path = _cache_dir() / name
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except OSError:
        pass
    from wordfreq import iter_wordlist, zipf_frequency

    words = []
    for w in iter_wordlist("en"):
        if zipf_frequency(w, "en") < zipf:
            break
        words.append(w)
    _write_atomic(path, "\n".join(words))
    return frozenset(words)


def _cache_dir():
    import os
    from pathlib import Path

    from platformdirs import user_cache_dir

    return Path(os.environ.get("GEO_CACHE_DIR") or user_cache_dir("sitrep-geo"))


def _write_atomic(path, text: str) -> None:
    """Best effort: a cache that cannot be written is simply recomputed next time."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".words-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        pass


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Given names frequent in some country, from gender-guesser's dictionary
    (parsed once and kept in the user cache)."""
    from importlib import metadata, resources

    path = _cache_dir() / f"given-names-{metadata.version('gender-guesser')}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except OSError:
        pass
    source = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    names = set()
    for line in source.read_text(encoding="iso-8859-1").splitlines():
        if line.startswith("#") or len(line) < 30:
            continue
        name = line[3:29].strip()
        # Columns after the name give its frequency per country; keep names
        # frequent somewhere (a digit >= 3 in some column).
        freq = line[30:].replace(" ", "")
        if name and " " not in name and "+" not in name and any(c in "3456789" for c in freq[:55]):
            names.add(name.lower())
    _write_atomic(path, "\n".join(sorted(names)))
    return frozenset(names)


def is_given_name(word: str) -> bool:
    """Is ``word`` a common given name?"""
    return word.lower() in _given_names()

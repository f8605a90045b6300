"""Words and names: the tokeniser and the gazetteer scan recognition runs on.

A name is a run of capitalised words (with particles such as "al" or "de"
inside, and facility words such as "camp" at its end) joined by one space or a
hyphen; :func:`scan` yields the longest such runs the gazetteer knows.
"""
from __future__ import annotations

import re

from geo.recognition import nonplaces, vocab

__all__ = ["ARTICLES", "FACILITIES", "PARTICLES", "STREETS", "article", "capitalised", "gap_ok",
           "name_token", "scan", "sentence_start", "single_word", "tokens"]

WORD = re.compile(r"[^\W\d_](?:[\w’'\.]*\w)?\.?|\d+", re.UNICODE)
POSSESSIVE = re.compile(r"[’']s?$")
ABBREV_STATES = re.compile(r"^(?:[A-Z]\.){2,}$")

#: Lowercase words inside names: articles and particles ("Deir al-Balah", "Stratford upon Avon").
PARTICLES = vocab.words("particles")

#: Lowercase Arabic articles that open a name with a hyphen ("al-Mawasi").
ARTICLES = vocab.words("articles")

#: Lowercase words that end facility names ("Zaporizhzhia nuclear power plant").
FACILITIES = vocab.words("facilities")

#: Last words of street and road names ("Main Street"): addresses, not settlements.
STREETS = vocab.words("street_words")

#: Words that open place names ("New York", "Lake Chad") but are stop words alone.
OPENERS = vocab.words("name_openers")


def tokens(text: str):
    """Word tokens with offsets; a possessive "'s" is not part of a name."""
    out = []
    for m in WORD.finditer(text):
        w, end = m.group(), m.end()
        p = POSSESSIVE.search(w) if "'" in w or "’" in w else None
        if p and len(w) - len(p.group()) >= 2:
            w, end = w[:p.start()], m.start() + p.start()
        out.append((m.start(), end, w))
    return out


def gap_ok(text: str, a_end: int, b_start: int) -> bool:
    """Words of one name are separated by one space or a hyphen, nothing else."""
    gap = text[a_end:b_start]
    return gap in (" ", "-", "- ", " -")


def capitalised(word: str) -> bool:
    """Whether a word starts with a capital letter."""
    return word[:1].isupper()


def name_token(word: str, first: bool) -> bool:
    """May this token be part of a place name?"""
    if capitalised(word):
        return True
    w = word.lower().rstrip(".")
    return not first and (w in PARTICLES or w in FACILITIES)


def sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence (after a full stop, a line break or a quote)."""
    before = text[max(0, pos - 3):pos].rstrip(" \"'“‘(")
    return pos == 0 or before == "" or before[-1:] in ".!?\n:\"“”"


def scan(text: str, lookup, max_words: int = 6, toks=None):
    """Gazetteer scan: longest capitalised runs that name something.

    Yields ``(start, end, candidates)``; ``lookup(name)`` returns candidates.
    """
    toks = tokens(text) if toks is None else toks
    i = 0
    while i < len(toks):
        s, e, w = toks[i]
        if not w[:1].isupper() and w not in ARTICLES:
            i += 1  # (the common case, decided early: no name starts here)
            continue
        stop = w.lower().strip(".") in nonplaces.STOP_WORDS and len(w) > 1
        if article(toks, i, text):
            stop = False  # "al-Mawasi", "el-Fasher": the article opens the name
        elif not name_token(w, True) or stop and not followed_by_name(toks, i, text):
            i += 1
            continue
        best = None
        j = i
        while j < len(toks) and j - i < max_words:
            if j > i and (not gap_ok(text, toks[j - 1][1], toks[j][0])
                          or not name_token(toks[j][2], False)
                          or ends_sentence(toks[j - 1][2])):
                break
            end = toks[j][1]
            # "Syria." at a sentence end: drop the final dot unless an abbreviation
            name = text[s:end]
            if name.endswith(".") and not ABBREV_STATES.match(name.split()[-1]):
                name, end = name[:-1], end - 1
            if capitalised(toks[j][2]) or toks[j][2].lower().rstrip(".") in FACILITIES:
                cands = lookup(name)
                if cands and not (stop_in(toks[i:j + 1]) and all(
                        c.reason in ("loose", "fuzzy") for c in cands)):
                    best = (s, end, cands, j)  # not "The Quito" as Te Kuiti, "US. And" as Anand
            j += 1
        if best is not None:
            yield best[0], best[1], best[2]
            i = best[3] + 1
        else:
            i += 1


def stop_in(run) -> bool:
    """Does a run of several tokens hold a stop word ("The Quito", "US. And")?"""
    return len(run) > 1 and any(len(w) > 1 and w.lower().strip(".,") in nonplaces.STOP_WORDS
                                for _, _, w in run)


def article(toks, i, text) -> bool:
    """Is token i a lowercase Arabic article joined by a hyphen to a capitalised
    word ("al-Mawasi", "ad-Dali", "as-Suwayda")?"""
    s, e, w = toks[i]
    return w in ARTICLES and text[e:e + 1] == "-" and i + 1 < len(toks) \
        and toks[i + 1][0] == e + 1 and capitalised(toks[i + 1][2])


def ends_sentence(word: str) -> bool:
    """A word with a full stop ends the name ("Hodeidah. An ..."), unless it is
    an abbreviation ("St. Louis", "Mt. Pleasant", "D.C.")."""
    return word.endswith(".") and len(word) > 4 and not ABBREV_STATES.match(word)


def followed_by_name(toks, i, text) -> bool:
    """"New", "North", "St." start names: keep them when a capitalised word follows."""
    w = toks[i][2].lower().strip(".")
    if w not in OPENERS:
        return False
    return i + 1 < len(toks) and capitalised(toks[i + 1][2]) and \
        gap_ok(text, toks[i][1], toks[i + 1][0])


def single_word(name: str) -> bool:
    """One word, an article aside: "Aleppo", "al-Baghdadi" (not "Tel Abyad")."""
    head, _, rest = name.partition("-")
    if rest and head in ARTICLES:
        name = rest
    return " " not in name and "-" not in name

"""Places a report names again by a common noun: "south of the city", "the east of
the country", "in the south of the enclave".

Spatial expressions hang on such nouns as often as on names. Each "the city" (town,
capital), "the country" and "the enclave" (strip, province, state, region) that is
not itself followed by "of" or a name ("the capital Kabul") becomes a resolution of the place of that sort the
report has named most often before it (a name read as another sort counts through
its alternatives: "Gaza" the city is also the Strip), the first named on a tie (for
"the country", the country it names most), so that the spatial rules can anchor on it. These resolutions serve the zones only; they are not
reported as places; a mention inside one ("Strip" of "the Strip") gives way to it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from geo.model import Mention, Place, Resolution, Sentence

__all__ = ["NOUNS", "referents", "with_referents"]

#: Noun -> the place kinds it can refer back to.
NOUNS = {
    "city": ("city",), "town": ("city",), "capital": ("city",),
    "country": ("country",),
    "enclave": ("region", "admin1"), "strip": ("region", "admin1"),
    "province": ("admin1",), "state": ("admin1",), "region": ("region", "admin1"),
}
_NOUN = re.compile(r"(?<![\w-])(?:the|this)\s+(?:state\s+|provincial\s+)?(?P<noun>"
                   + "|".join(NOUNS) + r")(?![\w-])(?!\s+(?:of|'s|’s)\b)(?!,?\s*(?-i:[A-Z]))", re.IGNORECASE)


def _reading(res: Resolution, kinds: tuple[str, ...]) -> Place | None:
    """The mention's place if of one of ``kinds``, else its first such alternative
    in the same country ("Gaza" the city, for "the enclave" the Gaza Strip)."""
    place = res.place
    assert place is not None  # callers pass resolved mentions only
    if place.kind in kinds:
        return place
    for kind in kinds:
        for alt in res.alternatives:
            if alt.kind == kind and alt.country_code == place.country_code:
                return alt
    return None


def referents(sentences: Iterable[Sentence], resolutions: Sequence[Resolution],
              doc: str = "") -> list[Resolution]:
    """Resolutions for the common nouns that name a place again, in text order."""
    named = sorted((r for r in resolutions if r.place is not None),
                   key=lambda r: r.mention.start)
    places = [p for r in named if (p := r.place) is not None]  # all of them, in text order
    countries = Counter(p.id for p in places if p.kind == "country")
    main = next((p for p in places if countries
                 and p.id == countries.most_common(1)[0][0]), None)
    out: list[Resolution] = []
    for s in sentences:
        for m in _NOUN.finditer(s.text):
            kinds = NOUNS[m.group("noun").lower()]
            start = s.start + m.start()
            if kinds == ("country",):
                place = main
            else:
                before = [p for p in (_reading(r, kinds) for r in named
                                      if r.mention.end <= start) if p is not None]
                seen = Counter(p.id for p in before)
                place = max(before, key=lambda p: seen[p.id], default=None)
            if place is None:
                continue
            mention = Mention(start, s.start + m.end(), m.group(0), "toponym", s.index, doc)
            out.append(Resolution(mention, place, 0.5, "anaphora", reason="refers back"))
    return out


def with_referents(sentences: Sequence[Sentence], resolutions: Sequence[Resolution],
                   doc: str = "") -> list[Resolution]:
    """The resolutions plus :func:`referents`, without the mentions those cover."""
    refs = referents(sentences, resolutions, doc)
    spans = [(r.mention.start, r.mention.end) for r in refs]
    kept = [r for r in resolutions
            if not any(s <= r.mention.start and r.mention.end <= e for s, e in spans)]
    return kept + refs

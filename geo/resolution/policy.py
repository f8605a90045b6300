"""How names are ranked: every weight and threshold of resolution, in one place.

The gazetteer returns facts (:class:`gazetteer.model.Match`: the place's kind,
population and admin codes, and how its name matched); this module turns them
into ranked :class:`gazetteer.model.Candidate` objects (:func:`candidates`), and
holds the numbers the rest of the resolution stage weighs them with:

* the **prior** of a match: its match tier times the importance of the place
  (its kind, else its population), see :func:`prior_score`;
* the **document weights** :mod:`geo.resolution.resolve` adds to it (country
  and admin-1 evidence, votes, nearness, stated containment);
* the **confidences** set on what resolution returns (a softmax over the
  scores, reduced for weak matches; demonyms; places located by a container
  or by the report's country).

Recognition asks for ranked candidates through :class:`Ranked` (passed in by
the pipeline), so it ranks exactly as resolution does without importing it.
"""
from __future__ import annotations

import math
from functools import lru_cache

from gazetteer.model import KIND, Candidate, Match, Place
from gazetteer.names import key
from geo.places import PlaceIndex

__all__ = ["Ranked", "candidates", "credible", "importance", "prior_score", "precision_of"]

# -- priors: what a match is worth before the report is read -----------------------------

#: How much a kind of place weighs as a prior, before population.
KIND_WEIGHT = {
    "continent": 0.95, "country": 1.0, "region": 0.8, "admin1": 0.75, "admin2": 0.45,
    "city": 0.0, "camp": 0.7, "prison": 0.7, "crossing": 0.65, "landmark": 0.6,
    "river": 0.6, "custom": 0.7,
}
#: Weight of a kind not listed above.
OTHER_KIND_WEIGHT = 0.3
#: How much each way of matching (``Match.how``) is worth.
TIER = {"exact": 1.0, "normalised": 0.97, "loose": 0.7, "fuzzy": 0.45}
#: A place called by an alternate name, not its own (countries excepted).
ALIAS_FACTOR = 0.92
#: Transliterations are tried only when no same-key match has a prior this high.
LOOSE_BELOW_PRIOR = 0.55
#: A transliteration ranks below the places spelt exactly so (at most this
#: share of the best one's prior): a report must support it to be taken.
LOOSE_UNDER_SAME = 0.95
#: Fuzzy spellings are tried only for names of this many letters or more.
FUZZY_MIN_LEN = 6
#: An area named like a town of the same country that holds this share of its
#: people (or, when the area is called by an alternate name, the smaller share)
#: is demoted by ``SEAT_FACTOR``: "Kunduz", "Mopti", "Raqqa" mean the town.
SEAT_SHARE, SEAT_ALIAS_SHARE, SEAT_FACTOR = 0.1, 0.05, 0.85
#: An area or town named after a water body the name also matches ("Red Sea"
#: state) is demoted by this factor below the water.
WATER_FACTOR = 0.5
#: Candidates ranked before the seat rule, beyond the ones asked for.
SEAT_POOL = 15


def importance(kind: str, population: int) -> float:
    """A place's importance in 0..1: its kind's weight or its population
    (log-scaled, 10 million is 1), whichever is more; among countries the more
    populous is meant more often."""
    pop = math.log10(population + 1) / 7.0 if population else 0.0
    if kind == "country":
        return 0.9 + 0.1 * min(1.0, pop / 1.3)
    return max(KIND_WEIGHT.get(kind, OTHER_KIND_WEIGHT), min(1.0, pop))


def prior_score(m: Match) -> float:
    """A match's prior in 0..1: its tier times its place's importance."""
    p = m.place
    score = TIER[m.how] * (0.4 + 0.6 * importance(p.kind, p.population))
    if p.kind not in ("country", "continent") and key(m.matched) != key(p.name):
        score *= ALIAS_FACTOR
    return round(score, 4)


def candidates(index: PlaceIndex, name: str, country: str | None = None, limit: int = 10,
               fuzzy: bool = True) -> tuple[Candidate, ...]:
    """The places a name may refer to, best prior first (at most ``limit``).

    Same-key matches first; transliterations when those are all minor; fuzzy
    spellings when nothing matched at all.
    """
    found: dict[str, tuple[float, Match, float]] = {}  # place id -> (score, match, importance)

    def add(matches):
        for m in matches:
            s = prior_score(m)
            old = found.get(m.place.id)
            if old is None or old[0] < s:
                found[m.place.id] = (s, m, importance(m.place.kind, m.place.population))

    add(index.matches(name, country, "key"))
    if not found or max(t[2] for t in found.values()) < LOOSE_BELOW_PRIOR:
        same = max((t[0] for t in found.values()), default=None)
        add(index.matches(name, country, "loose"))
        if same is not None:  # "Loango" is the village so spelt before it is Luoyang
            for i, (s, m, imp) in list(found.items()):
                if m.how == "loose":
                    found[i] = (min(s, round(same * LOOSE_UNDER_SAME, 4)), m, imp)
    if not found and fuzzy and len(key(name)) >= FUZZY_MIN_LEN:
        add(index.matches(name, country, "fuzzy"))
    if len(name) <= 3 and name.isupper() and any(t[1].matched == name for t in found.values()):
        # "US" is the abbreviation written so, not the French village Us
        found = {i: t for i, t in found.items() if t[1].matched == name}
    best = sorted(found.values(), key=lambda t: (-t[0], -t[1].place.population))
    cands = [Candidate(m.place, s, m.how, m.matched) for s, m, _ in best[:limit + SEAT_POOL]]
    ranked = sorted(_prefer_water(name, _prefer_seats(cands)),
                    key=lambda c: (-c.score, -c.place.population, c.place.id))
    return tuple(ranked[:limit])


def _prefer_water(name: str, cands: list[Candidate]) -> list[Candidate]:
    """A name that says it is water ("the Red Sea", "Lake Chad") means the water
    body: when one is among the candidates (a region of no country called so),
    the areas and towns named after it are demoted by ``WATER_FACTOR``."""
    from geo.recognition import vocab

    if not set(key(name).split()) & vocab.words("water_words") or not any(
            c.place.kind == "region" and not c.place.country_code
            and c.reason in ("exact", "normalised") for c in cands):
        return cands
    return [Candidate(c.place, round(c.score * WATER_FACTOR, 4), c.reason, c.matched)
            if c.place.kind in ("admin1", "admin2", "city") else c for c in cands]


def _prefer_seats(cands: list[Candidate]) -> list[Candidate]:
    """An area named like its main town usually means the town: demote the area
    below a town of the same name in the same country that holds a good share
    of the area's people."""
    towns = [c for c in cands if c.place.kind == "city" and c.reason in ("exact", "normalised")]
    out = []
    for c in cands:
        p = c.place
        alias = key(c.matched) != key(p.name)
        if p.kind in ("admin1", "admin2") and any(
                t.place.country_code == p.country_code
                and (key(t.place.name) == key(p.name)
                     and t.place.population >= SEAT_SHARE * p.population
                     or alias and t.place.population >= SEAT_ALIAS_SHARE * p.population)
                for t in towns):
            c = Candidate(p, round(c.score * SEAT_FACTOR, 4), c.reason, c.matched)
        out.append(c)
    return out


# -- recognition's guard on transliterations ------------------------------------------------

#: A one-word transliteration match is credible when its last word is this alike
#: (rapidfuzz ratio) or the place this big (or a country or admin-1).
CREDIBLE_RATIO, CREDIBLE_POPULATION = 85, 100_000


def credible(name: str, cands, *, one_word: bool, common: bool) -> tuple[Candidate, ...]:
    """Keep loose (transliteration) matches of one word only when they are close
    or the place is big, and never for a common word or given name: "Hodeidah"
    finds Al Ḩudaydah, "Health" does not find Holt."""
    if not one_word:
        return cands
    from rapidfuzz import fuzz

    k = key(name)
    out = []
    for c in cands:
        if c.reason == "loose":
            close = fuzz.ratio(k, key(c.matched).split()[-1]) >= CREDIBLE_RATIO
            big = c.place.population >= CREDIBLE_POPULATION or c.place.kind in ("country",
                                                                                 "admin1")
            if common or not (close or big):
                continue
        out.append(c)
    return tuple(out)


class Ranked:
    """A gazetteer seen through this policy: what recognition and resolution ask.

    Satisfies :class:`geo.places.Candidates`; everything else (demonyms, country
    places, geometry) is the wrapped gazetteer's.
    """

    def __init__(self, index: PlaceIndex):
        self.index = index
        self.lookup = lru_cache(maxsize=20_000)(self._lookup)  # a working set

    def _lookup(self, name: str, country: str | None = None, limit: int = 10,
                fuzzy: bool = True) -> tuple[Candidate, ...]:
        return candidates(self.index, name, country, limit, fuzzy)

    def credible(self, name: str, cands, *, one_word: bool, common: bool):
        """``cands`` without transliterations too weak to stand for ``name`` (:func:`credible`)."""
        return credible(name, cands, one_word=one_word, common=common)

    def demonyms(self):
        """The wrapped gazetteer's demonyms."""
        return self.index.demonyms()

    def country_place(self, code: str) -> Place | None:
        """The wrapped gazetteer's country with this ISO code."""
        return self.index.country_place(code)

    def __getstate__(self):
        return {"index": self.index}

    def __setstate__(self, state):
        self.__init__(state["index"])


# -- document context: weights added to the prior (see Resolver.score) ---------------------

#: The prior's weight.
W_PRIOR = 3.0
#: The share of the report's unambiguous names in the candidate's country (a
#: country itself gets ``W_SHARE_COUNTRY``) and admin-1.
W_SHARE, W_SHARE_COUNTRY, W_ADMIN = 1.0, 0.6, 0.5
#: The other names' soft votes for the candidate's country and admin-1.
W_VOTE_COUNTRY, W_VOTE_ADMIN = 0.5, 3.0
#: Support from other names' likely candidates nearby (geo.resolution.coherence).
W_NEAR = 3.0
#: A country the user named with ``--country``.
W_BIAS = 0.8
#: Inside a container the text states: a country, an admin-1.
W_IN_COUNTRY, W_IN_ADMIN1 = 1.5, 2.0
#: Closeness to the points of confidently resolved places, falling off over
#: ``POINTS_SCALE_KM``.
W_POINTS, POINTS_SCALE_KM = 0.5, 300.0
#: A town with no known population (often a hamlet or a duplicate entry).
UNPEOPLED_TOWN = 0.1
#: A user's ``--country`` counts as this many names of that country.
BIAS_NAMES = 3.0

# Evidence from a name's best candidate (Resolver.context): its weight is
# min(1, EVIDENCE_BASE + EVIDENCE_SLOPE * margin over the runner-up); a town
# counts for its admin-1 above ``TOWN_ADMIN_MARGIN`` (half weight), and lends
# its point above ``POINT_MARGIN``.
EVIDENCE_BASE, EVIDENCE_SLOPE, TOWN_ADMIN_MARGIN, POINT_MARGIN = 0.3, 2.0, 0.15, 0.2
TOWN_ADMIN_WEIGHT = 0.5
#: Votes (Resolver.Votes): a candidate's vote is its prior to this power; the
#: other names' share is damped by others / (others + VOTE_DAMP).
VOTE_POWER, VOTE_DAMP = 3, 2.0

# -- spatial coherence (geo.resolution.coherence) ------------------------------------------

#: Candidates of each name that take part; distance at which support falls to 1/e.
COHERENCE_PER_NAME, COHERENCE_SCALE_KM = 15, 50.0

# -- stated containment (geo.resolution.containment) ---------------------------------------

#: "X, Y" and "X is a town in Y": at most this many characters between the names.
CONTAINER_MAX_GAP = 160
#: A place is inside an admin-2 it shares an admin-1 with within this distance,
#: inside a town, camp or landmark within the other.
IN_ADMIN2_KM, IN_TOWN_KM = 120.0, 40.0

# -- the report's frame (geo.resolution.frame) --------------------------------------------

#: A name's best candidate makes its country part of the frame when it is big
#: (``FRAME_ABROAD_POPULATION``) or its prior leads every candidate in another
#: country by this much.
FRAME_MARGIN = 0.1
#: Outside the frame only countries, first-level areas, regions and towns of
#: this many people called by their own name are taken.
FRAME_ABROAD_POPULATION = 100_000
#: A weak match this close to a frame country (km from its outline) is taken.
FRAME_NEAR_KM = 50.0

# -- confidence --------------------------------------------------------------------------

#: Softmax sharpness over candidates' scores.
SOFTMAX = 4.0
#: A loose or fuzzy best match is less sure.
LOOSE_CONFIDENCE, FUZZY_CONFIDENCE = 0.85, 0.6
#: A place confident enough to lend its point to the second pass.
POINT_CONFIDENCE = 0.6
#: A demonym ("Syrian") stands for its country with this confidence.
DEMONYM_CONFIDENCE = 0.9
#: A place located by a container the text states in words (it must have been
#: resolved this surely), and the confidence of that location.
CONTAINER_MIN_CONFIDENCE, CONTAINER_CONFIDENCE = 0.5, 0.3
#: A name an online geocoder answered for (geo.resolution.geocode).
GEOCODER_CONFIDENCE = 0.5
#: Kinds of container that may locate a name they hold; a name the gazetteer
#: has candidates for (none inside) is located only by the finer ones.
LOCATING_KINDS = ("admin1", "admin2", "city", "country")
FINE_LOCATING_KINDS = ("admin1", "admin2", "city")
#: A name located only by the report's main area or country.
FALLBACK_CONFIDENCE = 0.2
#: The report's main first-level area locates its unresolved names when at least
#: this many of its resolved places in the main country lie in that area...
AREA_FALLBACK_MIN = 2
#: ... and at least this share of them.
AREA_FALLBACK_SHARE = 0.6

# -- where an unresolved name is located ----------------------------------------------------

#: The radius (metres) within which a name located by its container lies, by
#: the container's kind, when its outline is not known; with an outline, the
#: radius of a circle of the same area.
CONTAINER_UNCERTAINTY_M = {"admin1": 150_000.0, "admin2": 40_000.0, "city": 10_000.0,
                           "country": 500_000.0}
OTHER_UNCERTAINTY_M = 25_000.0


def uncertainty_m(place: Place, outline=None) -> float:
    """How far from ``place``'s point a name located by it may lie (metres)."""
    if outline is not None and not outline.is_empty and outline.area > 0:
        lat = math.radians(outline.centroid.y)
        km2 = outline.area * 111.32 ** 2 * max(0.05, math.cos(lat))
        return round(1000 * math.sqrt(km2 / math.pi), -2)
    return CONTAINER_UNCERTAINTY_M.get(place.kind, OTHER_UNCERTAINTY_M)


# -- precision ---------------------------------------------------------------------------

_PRECISION = {k: v.precision for k, v in KIND.items()}


def precision_of(place: Place | None) -> str:
    """Export ``precision`` for a place's kind."""
    return _PRECISION.get(place.kind, "town") if place else "country"

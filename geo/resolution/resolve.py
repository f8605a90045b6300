"""Resolution: pick, for every recognised name, the place the report means.

A careful reader weighs: how big and what kind of place each candidate is (the
gazetteer's prior), which countries and first-level areas the report is about
(evidence from unambiguous mentions, demonyms and a user's ``--country`` bias),
"X, Y" containment ("Bangor, Maine"), closeness to the report's other places,
and one sense per name per document. Scores are turned into a confidence by a
softmax over the candidates. Every weight and threshold is in
:mod:`geo.resolution.policy`.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from gazetteer.model import Candidate, Place
from geo.distance import haversine_km
from geo.resolution import policy as P
from geo.resolution.coherence import support
from geo.resolution.containment import containers, following_spans, inside
from geo.resolution.frame import Frame
from geo.resolution.policy import precision_of

__all__ = ["Resolver", "Resolved", "Context", "precision_of"]

#: A first-level area: ``(country code, admin-1 code)``.
AdminKey = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class Context:
    """What a document says about where it is: country and admin-1 weights, the
    points of places already resolved, and a user's bias."""

    countries: dict[str, float]
    admins: dict[AdminKey, float]
    points: tuple[tuple[float, float], ...] = ()
    bias: tuple[str, ...] = ()
    votes: "Votes | None" = None
    near: dict[str, float] | None = None


@dataclass(frozen=True, slots=True)
class Votes:
    """Soft evidence: every name shares one vote among the countries and admin-1
    areas of all its candidates, weighted by their priors. Summed over the
    document, the area that explains most names stands out (the local paper's
    county or state), even when each name alone is ambiguous."""

    countries: dict[str, float]
    admins: dict[AdminKey, float]
    names: int

    @staticmethod
    def of(cands) -> tuple[dict, dict]:
        cc: dict[str, float] = {}
        a1: dict[AdminKey, float] = {}
        wide = 0.0  # the weight of its countries, continents, regions: in no admin-1
        for c in cands:
            w = c.score ** P.VOTE_POWER
            p = c.place
            if p.kind in ("country", "continent", "region"):
                wide = max(wide, w)
            if p.country_code:
                cc[p.country_code] = max(cc.get(p.country_code, 0.0), w)
            if p.admin1 and p.kind != "country":
                k = (p.country_code, p.admin1)
                a1[k] = max(a1.get(k, 0.0), w)
        # A name that most likely means a country ("Turkey") lends the states of
        # its namesake towns (New Providence, NJ, once called Turkey) little.
        tc = sum(cc.values()) or 1.0
        ta = sum(a1.values()) + wide or 1.0
        return {k: v / tc for k, v in cc.items()}, {k: v / ta for k, v in a1.items()}

    @classmethod
    def total(cls, groups) -> "Votes":
        cc: Counter = Counter()
        a1: Counter = Counter()
        n = 0
        for cands in groups:
            if cands:
                vc, va = cls.of(cands)
                cc.update(vc)
                a1.update(va)
                n += 1
        return cls(dict(cc), dict(a1), n)

    def share(self, c: Candidate, own: tuple[dict, dict]) -> tuple[float, float]:
        """The other names' support for this candidate's country and admin-1."""
        others = max(1, self.names - 1)
        damp = others / (others + P.VOTE_DAMP)  # one or two other names are thin evidence
        p = c.place
        cc = p.country_code or ""  # (no vote has an empty code)
        sc = (self.countries.get(cc, 0.0) - own[0].get(cc, 0.0)) / others
        sa = 0.0
        if p.admin1:
            k = (p.country_code, p.admin1)
            sa = (self.admins.get(k, 0.0) - own[1].get(k, 0.0)) / others
        return sc * damp, sa * damp


class Resolver:
    """Rank gazetteer candidates for names in a document context.

    Parameters
    ----------
    gazetteer : geo.places.PlaceIndex, optional
        The gazetteer (:func:`gazetteer.open` on first use when not given).
    country : str or sequence of str, optional
        ISO codes the user knows the reports are about (a bias, not a filter).

    Examples
    --------
    >>> from geo import Resolver
    >>> r = Resolver()
    >>> r.resolve("Tel Abyad").place.name
    'Tall Abyaḑ'
    >>> r.resolve("Aleppo", context=["Syria"]).place.country_code
    'SY'
    """

    def __init__(self, gazetteer=None, *, country=None):
        self._gaz = gazetteer
        self._ranked: P.Ranked | None = None
        if isinstance(country, str):
            country = [c.strip().upper() for c in country.split(",") if c.strip()]
        if country is not None and (not isinstance(country, (list, tuple, set, frozenset))
                                    or not all(isinstance(c, str) for c in country)):
            raise TypeError(f"country must be ISO codes ('SY' or 'SY,TR' or a list of them), "
                            f"not {country!r:.60}")
        self.bias = tuple(c.upper() for c in (country or ()))

    @property
    def gazetteer(self):
        """The gazetteer, opened on first use when none was given."""
        if self._gaz is None:
            import gazetteer

            self._gaz = gazetteer.open()
        return self._gaz

    @property
    def places(self) -> P.Ranked:
        """The gazetteer seen through the ranking policy."""
        if self._ranked is None or self._ranked.index is not self.gazetteer:
            self._ranked = P.Ranked(self.gazetteer)
        return self._ranked

    # -- the one-name API ---------------------------------------------------
    def resolve(self, name: str, *, context=(), country: str | None = None):
        """Resolve one name, optionally in the context of other names.

        ``context`` is an iterable of other place names (or country codes) the
        text mentions; they vote for their countries.
        """
        from geo.model import Mention, Resolution

        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {type(name).__name__}")
        if not name.strip():
            raise ValueError("name must not be empty")
        if isinstance(context, (str, bytes)) or not isinstance(context, Iterable):
            raise TypeError(f"context must be a list of place names, not {type(context).__name__}")
        context = list(context)
        if not all(isinstance(c, str) for c in context):
            raise TypeError("context must be a list of place names (str)")
        if country is not None and not isinstance(country, str):
            raise TypeError(f"country must be an ISO code str or None, not {type(country).__name__}")
        names = [name, *context]
        groups = {n: _unshadowed(self.places.lookup(n, country=country if n == name else None))
                  for n in names}
        ctx = self.context(groups.values())
        mention = Mention(0, len(name), name, "toponym", 0)
        place, conf, alts = self.choose(groups[name], ctx)
        return Resolution(mention, place, conf, precision_of(place),
                          "" if place else "no gazetteer entry", alts)

    # -- document-level -----------------------------------------------------
    def context(self, candidate_groups, extra_countries=()) -> Context:
        """Country/admin evidence from groups of candidates (one group per name)."""
        countries: defaultdict[str, float] = defaultdict(float)
        admins: defaultdict[AdminKey, float] = defaultdict(float)
        points = []
        for cands in candidate_groups:
            cands = list(cands)
            if not cands:
                continue
            top = cands[0]
            margin = top.score - (cands[1].score if len(cands) > 1 else 0.0)
            weight = 1.0 if top.place.kind in ("country",) else \
                min(1.0, P.EVIDENCE_BASE + P.EVIDENCE_SLOPE * margin)
            if top.place.country_code:
                countries[top.place.country_code] += weight
            if top.place.kind in ("admin1",):
                admins[(top.place.country_code, top.place.admin1)] += weight
            elif top.place.admin1 and top.place.kind == "city" and margin > P.TOWN_ADMIN_MARGIN:
                admins[(top.place.country_code, top.place.admin1)] += P.TOWN_ADMIN_WEIGHT * weight
            if margin > P.POINT_MARGIN and top.place.kind not in ("country", "continent", "region"):
                points.append((top.place.lon, top.place.lat))
        for cc in extra_countries:
            countries[cc] += 1.0
        for cc in self.bias:
            countries[cc] += P.BIAS_NAMES
        total = sum(countries.values()) or 1.0
        atotal = sum(admins.values()) or 1.0
        return Context({k: v / total for k, v in countries.items()},
                       {k: v / atotal for k, v in admins.items()}, tuple(points), self.bias)

    def score(self, c: Candidate, ctx: Context, *, within: Place | None = None,
              own=None) -> float:
        """A candidate's score in context (higher is better)."""
        p = c.place
        s: float = P.W_PRIOR * c.score
        if ctx.votes is not None and own is not None and ctx.votes.names > 1:
            vc, va = ctx.votes.share(c, own)
            s += P.W_VOTE_COUNTRY * vc + P.W_VOTE_ADMIN * va
        share = ctx.countries.get(p.country_code or "", 0.0)
        s += P.W_SHARE * share if p.kind != "country" else P.W_SHARE_COUNTRY * share
        if p.country_code in ctx.bias:
            s += P.W_BIAS
        if p.admin1:
            s += P.W_ADMIN * ctx.admins.get((p.country_code, p.admin1), 0.0)
        if within is not None:
            if within.kind == "country" and p.country_code == within.country_code:
                s += P.W_IN_COUNTRY
            elif within.kind == "admin1" and p.country_code == within.country_code \
                    and p.admin1 == within.admin1:
                s += P.W_IN_ADMIN1
        if ctx.points and p.kind not in ("country", "continent", "region"):
            d = min(haversine_km(p.lon, p.lat, lon, lat) for lon, lat in ctx.points)
            s += P.W_POINTS * math.exp(-d / P.POINTS_SCALE_KM)
        if ctx.near:
            s += P.W_NEAR * ctx.near.get(p.id, 0.0)
        if p.kind == "city" and p.population == 0:
            s -= P.UNPEOPLED_TOWN
        return s

    def ranked(self, cands, ctx: Context, *, within: Place | None = None):
        """``(probability, candidate)`` pairs in context, most probable first
        (a softmax over the candidates' scores)."""
        own = Votes.of(cands) if ctx.votes is not None else None
        scored = sorted(((self.score(c, ctx, within=within, own=own), c) for c in cands),
                        key=lambda t: -t[0])
        top = scored[0][0]
        weights = [math.exp(P.SOFTMAX * (s - top)) for s, _ in scored]
        z = sum(weights)
        return [(w / z, c) for w, (_, c) in zip(weights, scored)]

    def choose(self, cands, ctx: Context, *, within: Place | None = None):
        """Best place, its confidence and the runners-up."""
        cands = list(cands)
        if not cands:
            return None, 0.0, ()
        ranked = self.ranked(cands, ctx, within=within)
        conf, best = ranked[0]
        # A weak match (loose spelling, nothing else for it) is less sure.
        if best.reason == "loose":
            conf *= P.LOOSE_CONFIDENCE
        elif best.reason == "fuzzy":
            conf *= P.FUZZY_CONFIDENCE
        return best.place, round(conf, 3), tuple(c.place for _, c in ranked[1:4])

    def resolve_spans(self, spans, text: str, *, extra_countries=()) -> list[Resolved]:
        """Resolve recognised spans of one document (one sense per name).

        Returns one :class:`Resolved` per span, in order. A demonym ("Syrian")
        stands for its country. Candidates outside the report's frame
        (:class:`geo.resolution.frame.Frame`) are not taken; a name left without
        a place is located by the container the text puts it in, if any.
        """
        by_name: dict[str, list] = defaultdict(list)
        for sp in spans:
            if sp.type == "toponym":
                by_name[_sense(sp)].append(sp)
        found = {n: _unshadowed(sps[0].candidates) for n, sps in by_name.items()}
        frame = Frame.of(found.values(), extra_countries, self.bias,
                         getattr(self.gazetteer, "country", None))
        groups = {n: frame.bound(cands) for n, cands in found.items()}
        # The evidence is weighed over all candidates, as the text offers them;
        # the frame only bounds what may be chosen.
        ctx = self.context(found.values(), extra_countries)
        ctx = Context(ctx.countries, ctx.admins, ctx.points, ctx.bias,
                      Votes.total(found.values()))
        # Coherence: every name's candidates, weighed by how likely each is so
        # far, support the other names' candidates that lie near them.
        likely = [[(c, p) for p, c in self.ranked(cands, ctx)] for cands in found.values()
                  if cands]
        ctx = replace(ctx, near=support(likely))
        chosen: dict[str, tuple] = {}
        # First pass without containment; second pass uses "X, Y" pairs and
        # the points of confident places.
        for n, cands in groups.items():
            chosen[n] = self.choose(cands, ctx)
        pts = tuple((p.lon, p.lat) for p, conf, _ in chosen.values()
                    if p is not None and conf > P.POINT_CONFIDENCE
                    and p.kind not in ("country", "continent"))
        ctx = Context(ctx.countries, ctx.admins, pts, ctx.bias, ctx.votes, ctx.near)
        out = []
        for sp, following in following_spans(spans):
            if sp.type == "adjectival":
                place = self.places.country_place(sp.country)
                out.append(Resolved(sp, place, P.DEMONYM_CONFIDENCE if place else 0.0))
                continue
            if sp.type != "toponym":
                out.append(Resolved(sp, None, 0.0))
                continue
            n = _sense(sp)
            place, conf, alts = chosen.get(n) or self.choose(groups[n], ctx)
            reason = "" if place else ("not in the gazetteer" if not sp.candidates else
                                       "no candidate fitted" if groups[n] else
                                       "no candidate in the report's countries")
            conts = containers(sp, following(), chosen, text, _sense)
            if conts:
                fits = [c for c in groups[n] if all(inside(c.place, k.place) for k in conts)]
                if fits:
                    place, conf, alts = self.choose(fits, ctx, within=conts[0].place)
                elif _locates(conts[0], P.FINE_LOCATING_KINDS):
                    box = conts[0].place
                    out.append(self._located(sp, box, f"no candidate inside {box.name}",
                                             tuple(c.place for c in groups[n][:3])))
                    continue
            if place is None:
                conts = containers(sp, following(), chosen, text, _sense, plain_in=True)
                k = next((k for k in conts if _locates(k, P.LOCATING_KINDS)), None)
                if k is not None:  # the most specific container that can locate it
                    out.append(self._located(sp, k.place, reason, ()))
                    continue
            out.append(Resolved(sp, place, conf, alts, "" if place else reason))
        return out

    def _located(self, sp, container: Place, reason: str, alts) -> Resolved:
        """A name the gazetteer cannot place, located by its stated container."""
        outline = None
        if container.kind == "country" and hasattr(self.gazetteer, "country"):
            outline = self.gazetteer.country(container.country_code)
        return Resolved(sp, None, P.CONTAINER_CONFIDENCE, alts,
                        f"{reason}; located by its container, {container.name}",
                        container, P.uncertainty_m(container, outline))


def _locates(k, kinds) -> bool:
    """May a stated container of one of these kinds locate a name it holds?"""
    return k.stated and k.confidence >= P.CONTAINER_MIN_CONFIDENCE and k.place.kind in kinds


@dataclass(frozen=True, slots=True)
class Resolved:
    """What resolution says of one recognised span: its place (or None, with a
    reason), confidence, runners-up, and for an unresolved name the container
    that locates it, with how far from its point the place may lie."""

    span: object
    place: Place | None
    confidence: float
    alternatives: tuple[Place, ...] = ()
    reason: str = ""
    located: Place | None = None
    uncertainty_m: float | None = None

    @property
    def precision(self) -> str:
        """The export ``precision`` of the place (or of its container)."""
        return precision_of(self.place or self.located)


def _norm(name: str) -> str:
    from gazetteer.names import key

    return key(name)


def _sense(sp) -> str:
    """The key a span is resolved under: its sense when recognition gave one
    ("Kharkiv" written as "Kharkiv region"), else its text."""
    return _norm(getattr(sp, "sense", "") or sp.text)


def _unshadowed(cands) -> list[Candidate]:
    """A country called by its own name ("Mexico") is that country, not one of
    its towns or provinces also known by that name (Mexico City, the State of
    México): those are dropped. Namesakes abroad (Mexico, Missouri) stay."""
    from gazetteer.names import key

    cands = list(cands)
    own = {c.place.country_code for c in cands if c.place.kind == "country"
           and c.reason in ("exact", "normalised") and key(c.matched or "") == key(c.place.name)}
    if not own:
        return cands
    return [c for c in cands if c.place.kind == "country" or c.place.country_code not in own]

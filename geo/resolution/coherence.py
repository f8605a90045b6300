"""Spatial coherence: the places of one report lie near each other.

A county named alone ("Henry County", 10 in the US) and another named alone
("Washington County", 30) are, together, almost surely the two that border
each other. For every local candidate of every name, the support is how close
the nearest plausible candidate of each *other* name lies, averaged over those
names: ``mean over names B of max over b in B (rel(b) * exp(-d / scale))``,
where ``rel(b)`` is b's weight (its probability so far) relative to the best
of B's candidates: "Turkey" (the country) lends Turkey, North Carolina little.

Vectorised over all candidates of a document (numpy); only the best few
candidates of each name take part.
"""
from __future__ import annotations

from collections.abc import Sequence

from gazetteer.model import KIND, Candidate
from geo.distance import pairwise_km
from geo.resolution.policy import COHERENCE_PER_NAME as PER_NAME
from geo.resolution.policy import COHERENCE_SCALE_KM as SCALE_KM

__all__ = ["LOCAL_KINDS", "support"]

#: Kinds located by a meaningful point (an area's or country's point says little).
LOCAL_KINDS = frozenset(k for k, v in KIND.items() if v.local)


def support(groups: Sequence[Sequence[tuple[Candidate, float]]]) -> dict[str, float]:
    """Place id -> support in 0..1 from the other names' candidates nearby.

    ``groups`` holds, per name, its candidates with a weight (a prior or a
    probability): the heavier a candidate, the more it supports its neighbours.

    >>> support([[], []])
    {}
    """
    rows = []  # (group, place id, lon, lat, relative weight)
    for g, cands in enumerate(groups):
        best = sorted(cands, key=lambda t: -t[1])[:PER_NAME]
        local = [(c, w) for c, w in best if c.place.kind in LOCAL_KINDS]
        if not local:
            continue
        top = best[0][1] or 1.0
        rows += [(g, c.place.id, c.place.lon, c.place.lat, w / top) for c, w in local]
    names = sorted({r[0] for r in rows})
    if len(names) < 2:
        return {}
    import numpy as np

    group = np.array([r[0] for r in rows])
    ids = [r[1] for r in rows]
    rel = np.array([r[4] for r in rows])
    km = pairwise_km([r[2] for r in rows], [r[3] for r in rows])
    near = rel[None, :] * np.exp(-km / SCALE_KM)
    same = np.array(ids, dtype=object)
    near[same[:, None] == same[None, :]] = 0.0  # a place does not support itself
    total = np.zeros(len(rows))
    for g in names:
        cols = group == g
        best = near[:, cols].max(axis=1)
        best[group == g] = 0.0
        total += best
    total /= len(names) - 1
    out: dict[str, float] = {}
    for pid, v in zip(ids, total.tolist()):
        out[pid] = max(out.get(pid, 0.0), v)
    return out

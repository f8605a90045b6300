"""Event detection: ACLED-style events from the sentences of conflict reports.

``find_events(document, sentences, resolutions, zones)`` runs :func:`detect` on each
sentence (dates resolved against ``document.published``, else a dateline near the top
of the text), dates the events their sentence does not date by the report's time frame,
places them with :class:`Locator`, and merges the sentences of the report that tell one
incident (:func:`merge_in_report`); :func:`merge` joins the same event across reports.

Only events the text reports as having happened (modality ``"asserted"`` or
``"reported"``) become :class:`~geo.model.Event` objects unless asked otherwise;
plans, warnings, conditionals, questions, negations and states stay
:class:`EventMatch` objects with their ``modality``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from geo.events.detect import detect, frame_date
from geo.events.lexicon import EXPLOSIONS
from geo.events.locate import Locator, locate
from geo.events.match import MODALITIES, REAL_MODALITIES, EventMatch
from geo.events.merge import merge, merge_in_report
from geo.events.modality import is_past_form
from geo.model import Sentence

if TYPE_CHECKING:
    from geo.model import Document, Event, Resolution, Zone

__all__ = ["detect", "locate", "merge", "merge_in_report", "find_events", "EventMatch",
           "MODALITIES", "REAL_MODALITIES"]


def find_events(document: Document, sentences: list[Sentence], resolutions: list[Resolution],
                zones: list[Zone], *, include_unasserted: bool = False,
                gazetteer=None) -> list[Event]:
    """Detect and locate the events of one document.

    Parameters
    ----------
    document : Document
        ``published`` resolves relative dates; without it a date on a line of its
        own near the top ("14th October 2019") is used.
    sentences : list of Sentence
        From :func:`geo.reading.text.split_sentences`.
    resolutions : list of Resolution
        The document's resolved mentions.
    zones : list of Zone
        The document's spatial expressions.
    include_unasserted : bool
        Also return planned/hypothetical/negated/generic events (``modality`` says).
    gazetteer : gazetteer store, optional
        Names each event's country and admin area.

    Returns
    -------
    list of Event
        In text order, the sentences that tell one incident merged
        (:func:`merge_in_report`); events that no place fits are left out.
    """
    from geo.events.dates import dateline

    published = document.published or dateline(document.text)
    loc: Locator | None = None  # (made at the first event: many reports tell none)
    frames: _Frames | None = None
    out = []
    means: dict[str, EventMatch] = {}
    for s in sentences:
        for m in detect(s, published=published):
            if not (m.is_real or include_unasserted):
                continue
            m = _same_means(m, means)
            if loc is None or frames is None:
                loc = Locator(document, sentences, resolutions, zones, gazetteer)
                frames = _Frames(sentences, published)
            ev = loc.event(frames.dated(m, s), s)
            if ev is not None:
                out.append(ev)
    return merge_in_report(out)


def _same_means(m: EventMatch, means: dict[str, EventMatch]) -> EventMatch:
    """A bare "raid" or "attack" after "air raids" or "drone attacks" in the report is one
    of them: it takes their type (and remembers the means the report names)."""
    words = m.text.lower().split()
    head = re.sub(r"(?:s|ed|ing)$", "", words[-1])
    if m.event_type == EXPLOSIONS and len(words) > 1:
        means[head] = m
    elif m.trigger_id == "attack" and len(words) == 1 and head in means \
            and not is_past_form(words[0]) and not words[0].endswith("ing"):
        told = means[head]
        return replace(m, event_type=told.event_type, sub_event_type=told.sub_event_type)
    return m


_WEEK = dt.timedelta(days=7)


class _Frames:
    """The report's time frame: what date an event that gives none is told under.

    The nearest date before it in the report (not a date of speech, "said on
    Monday"), unless that is more than a week before the report's first date (then
    it told background and the first date is the frame); else one in the next two
    sentences (a lead often gives the day only in its second sentence); else the
    publication date, a week's precision.
    """

    def __init__(self, sentences: list[Sentence], published: dt.date | None) -> None:
        self.order = sorted(sentences, key=lambda s: s.start)
        self.pos = {s.index: k for k, s in enumerate(self.order)}
        self.dates = [frame_date(s, published) for s in self.order]
        self.published = published

    def dated(self, m: EventMatch, s: Sentence) -> EventMatch:
        if m.date is not None:
            return replace(m, dated_by="sentence")
        k = self.pos.get(s.index, 0)
        before = [(j, d) for j, d in enumerate(self.dates[:k]) if d is not None]
        after = [(j, d) for j, d in enumerate(self.dates[k + 1:k + 3], k + 1) if d is not None]
        pick = before[-1] if before else after[0] if after else None
        lead = next(((j, d) for j, d in enumerate(self.dates) if d is not None), None)
        if pick is not None and lead is not None and pick[1].date < lead[1].date - _WEEK:
            pick = lead  # a background date ("violence that began on February 29")
        if pick is not None:
            j, d = pick
            return replace(m, date=d.date, date_text=d.text, date_precision=d.precision,
                           dated_by=f"report frame (sentence {self.order[j].index})")
        if self.published is not None:
            return replace(m, date=self.published, date_precision="week",
                           dated_by="published")
        return m

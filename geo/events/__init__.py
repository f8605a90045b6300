"""Event detection: ACLED-style events from the sentences of conflict reports.

``find_events(document, sentences, resolutions, zones)`` runs :func:`detect` on each
sentence (dates resolved against ``document.published``, else a dateline near the top
of the text), dates the events their sentence does not date by the report's time frame,
places them with :class:`Locator`, and merges the sentences of the report that tell one
incident (:func:`merge_in_report`); :func:`merge` joins the same event across reports.
A series told one by one ("The first raid occurred … The second took place …") gives
one event per incident, the noun left out after the first included.

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
from geo.events.lexicon import BATTLES, EXPLOSIONS, VAC
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
    out: list[Event] = []
    means: dict[str, EventMatch] = {}
    first: EventMatch | None = None
    for s in sentences:
        found = detect(s, published=published)
        if not found and first is not None:
            found = _next_of_series(first, s)
        for m in found:
            if not (m.is_real or include_unasserted):
                continue
            m = _same_means(m, means, s)
            if ORDINAL_BEFORE.search(s.text, 0, m.start - s.start):
                first = m
            if any(e.sentence.index == s.index and (e.event_type, e.sub_event_type)
                   == (m.event_type, m.sub_event_type) for e in out):
                continue  # two attacks of a sentence that both took the report's means
            if loc is None or frames is None:
                loc = Locator(document, sentences, resolutions, zones, gazetteer)
                frames = _Frames(sentences, published)
            ev = loc.event(frames.dated(m, s), s)
            if ev is not None:
                out.append(ev)
    return merge_in_report(out)


def _same_means(m: EventMatch, means: dict[str, EventMatch], s: Sentence) -> EventMatch:
    """A bare "raid" or "attack" after "air raids" or "drone attacks" in the report is one
    of them: it takes their type (and remembers the means the report names). So does an
    attack that points back to the report's last strike or shelling ("the attack on the
    village" after "shelled a village", "another Israeli attack" after "an Israeli drone
    strike"), and a killing its sentence ties to such an attack ("as a result of the attack,
    two were killed"), unless two different actors are named or other violence (a clash,
    gunmen attacking) was told since."""
    words = m.text.lower().split()
    head = re.sub(r"(?:s|ed|ing)$", "", words[-1])
    if m.event_type == EXPLOSIONS:
        if len(words) > 1:
            means[head] = m
        means[""] = m
        return m
    told = None
    if m.trigger_id == "attack" and len(words) == 1 and not is_past_form(words[0]) \
            and not words[0].endswith("ing"):
        told = means.get(head)
    if told is None and m.trigger_id in ("attack", "killing") \
            and _POINTS_BACK.search(s.text):
        told = means.get("")
        if told is not None and m.actors and told.actors and not set(m.actors) & set(told.actors):
            told = None
    if told is None:
        if m.event_type in (BATTLES, VAC):
            means.pop("", None)  # "clashes broke out … The attack was halted": not the strike
        return m
    return replace(m, event_type=told.event_type, sub_event_type=told.sub_event_type)


#: "The first raid …": the first of a series of incidents the report tells one by one.
ORDINAL_BEFORE = re.compile(r"\bthe first\s+(?:(?!time\b)[\w'’-]+\s+)?$", re.IGNORECASE)
#: "The second took place around midday": the next incident of the series, its noun left out.
_NEXT_OF_SERIES = re.compile(r"^\W*the (?P<n>second|third|fourth|fifth|next|last|other|latter)"
                             r"(?: one)?\s+(?:took place|occurred|happened|came|hit|struck"
                             r"|targeted|was (?:reported|carried out))\b", re.IGNORECASE)


def _next_of_series(first: EventMatch, s: Sentence) -> list[EventMatch]:
    """The next incident of a series ("The first raid … The second took place …"): one
    of the same type, told in this sentence (its date and place are its own)."""
    m = _NEXT_OF_SERIES.match(s.text)
    if m is None:
        return []
    return [replace(first, start=s.start + m.start("n"), end=s.start + m.end("n"),
                    text=m.group("n"), sentence=s.index, date=None, date_text=None,
                    date_precision=None, dated_by="", count=None, count_text=None,
                    count_approx=False, count_min=None, fatalities=None, injured=None,
                    displaced=None, abducted=None, arrested=None)]


#: An attack told as one already told ("the attack on the village", "another attack").
_POINTS_BACK = re.compile(r"\b(?:the|this|that|these|another|a (?:second|new|further|fresh"
                          r"|similar|third))\s+(?:[\w'’-]+\s+){0,2}?(?:attacks?|raids?"
                          r"|assaults?)\b(?!\s+(?:by|of)\b)", re.IGNORECASE)


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

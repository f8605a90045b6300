"""Event detection: ACLED-style events from the sentences of conflict reports.

``find_events(document, sentences, resolutions, zones)`` runs :func:`detect` on each
sentence (dates resolved against ``document.published``, else a dateline near the top
of the text) and :func:`locate` on what it finds; :func:`merge` joins the same event
across reports.

Only events the text reports as having happened (modality ``"asserted"`` or
``"reported"``) become :class:`~geo.model.Event` objects unless asked otherwise;
plans, warnings, conditionals, questions and negations stay :class:`EventMatch`
objects with their ``modality``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from geo.events.detect import detect
from geo.events.locate import Locator, locate
from geo.events.match import MODALITIES, REAL_MODALITIES, EventMatch
from geo.events.merge import merge

if TYPE_CHECKING:
    from geo.model import Document, Event, Resolution, Sentence, Zone

__all__ = ["detect", "locate", "merge", "find_events", "EventMatch", "MODALITIES",
           "REAL_MODALITIES"]


def find_events(document: Document, sentences: list[Sentence], resolutions: list[Resolution],
                zones: list[Zone], *, include_unasserted: bool = False) -> list[Event]:
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

    Returns
    -------
    list of Event
        In text order; events that no place fits are left out.
    """
    from geo.events.dates import dateline

    published = document.published or dateline(document.text)
    loc = Locator(document, sentences, resolutions, zones)
    out = []
    for s in sentences:
        for m in detect(s, published=published):
            if not (m.is_real or include_unasserted):
                continue
            ev = loc.event(m, s)
            if ev is not None:
                out.append(ev)
    return out

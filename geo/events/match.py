"""The value object :class:`EventMatch`: one event trigger found in one sentence."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["EventMatch", "MODALITIES", "REAL_MODALITIES"]

#: What a sentence says about its event.
#:
#: ``asserted``
#:     reported as having happened ("Turkish forces shelled Ras al-Ain").
#: ``reported``
#:     hedged hearsay ("reportedly", "was said to have", "reports claim"); kept.
#: ``planned``
#:     intended, threatened, called for or future ("Turkey plans the operation").
#: ``hypothetical``
#:     conditional, feared, possible, or asked ("may allow ISIS to attempt…", "if…").
#: ``negated``
#:     denied or not done ("has not attacked", "were yet to facilitate a breakout").
#: ``generic``
#:     habitual or over long periods ("have fought alongside … for years").
MODALITIES = ("asserted", "reported", "planned", "hypothetical", "negated", "generic")

#: Modalities of events that happened: only these are located, mapped and exported.
REAL_MODALITIES = frozenset({"asserted", "reported"})


@dataclass(frozen=True, slots=True)
class EventMatch:
    """An event trigger in a sentence, classified in ACLED's taxonomy.

    Parameters
    ----------
    start, end : int
        Document offsets of the trigger.
    text : str
        The trigger as written (``"emptied"``, ``"air strike"``).
    event_type, sub_event_type : str
        ACLED event type and sub-event type.
    sentence : int
        Index of the sentence the trigger is in.
    count : int or None
        ACLED's fatalities for a violent event (0 when the sentence tells of none);
        for others the number of people the event is about (detainees, escapees, the
        displaced); "dozens" counts 12, "at least 5" and "5 to 8" count 5.
    count_text : str or None
        The count as written (``"More than 15,000 ISIS fanatics"``).
    count_approx : bool
        The count is qualified ("around", "more than", "at least").
    count_min : int or None
        A lower bound: the count itself after "more than"/"at least", or a floor
        for vague quantities ("thousands of" -> 2000).
    actors : tuple of str
        Canonical names of the armed groups, forces, protesters… taking part.
    date : datetime.date or None
        When it happened; for week/weekend/month/year precision the first day.
    date_text : str or None
        The date expression as written (``"at the weekend"``).
    date_precision : str or None
        ``"day"``, ``"week"``, ``"weekend"``, ``"month"`` or ``"year"``.
    modality : str
        One of :data:`MODALITIES`.
    confidence : float
        0..1.
    head : str or None
        The noun class of the thing acted on, for coreference (``"prison"``,
        ``"camp"``, ``"base"``, ``"town"``…).
    trigger_id : str
        Key of the lexicon entry that matched.
    fatalities, injured, displaced, abducted, arrested : int or None
        The sentence's figures for each, kept apart ("40,000 killed and 12 million
        displaced"); None when the sentence gives none.
    dated_by : str
        ``"sentence"``, ``"report frame (sentence j)"`` or ``"published"``.
    """

    start: int
    end: int
    text: str
    event_type: str
    sub_event_type: str
    sentence: int = -1
    count: int | None = None
    count_text: str | None = None
    count_approx: bool = False
    count_min: int | None = None
    actors: tuple[str, ...] = ()
    date: dt.date | None = None
    date_text: str | None = None
    date_precision: str | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    head: str | None = None
    trigger_id: str = ""
    fatalities: int | None = None
    injured: int | None = None
    displaced: int | None = None
    abducted: int | None = None
    arrested: int | None = None
    dated_by: str = ""

    @property
    def is_real(self) -> bool:
        """Whether the sentence reports the event as having happened."""
        return self.modality in REAL_MODALITIES

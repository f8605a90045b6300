"""Value objects of the geoparser. Frozen, slotted, coordinates as (lon, lat)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from gazetteer.model import Place

__all__ = [
    "Sentence", "Document", "Mention", "Resolution", "Zone", "Event", "PRECISIONS",
]

#: Export ``precision`` values, coarse to fine.
PRECISIONS = ("region", "country", "admin", "zone", "town", "exact")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: ``text == document.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A report as read: its text and where it came from.

    Offsets everywhere are ``str`` indices into :attr:`text`.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    published: dt.date | None = None

    @property
    def source(self) -> dict[str, Any]:
        """The export contract's ``source`` object."""
        out: dict[str, Any] = {}
        if self.url:
            out["url"] = self.url
        if self.path:
            out["path"] = self.path
        if self.title:
            out["title"] = self.title
        if self.published:
            out["published"] = self.published.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names a place or is part of a spatial expression.

    ``type`` is ``"toponym"``, ``"adjectival"`` or ``"expression"``.
    """

    start: int
    end: int
    text: str
    type: str
    sentence: int
    doc: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The mention as the export contract writes it."""
        return {"start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "sentence": self.sentence}


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention resolved (or not) to a gazetteer place.

    ``place`` is None when nothing fitted; ``reason`` then says why, and
    ``located`` is where the name was located instead (the container the text
    puts it in), with ``precision`` the container's and ``uncertainty_m`` how
    far from that point the place may lie.
    """

    mention: Mention
    place: Place | None
    confidence: float
    precision: str
    reason: str = ""
    alternatives: tuple[Place, ...] = ()
    located: Place | None = None
    uncertainty_m: float | None = None


@dataclass(frozen=True, slots=True)
class Zone:
    """A spatial expression made geometry.

    ``geometry`` is a shapely geometry in lon/lat; ``derivation`` says how it was
    built, e.g. ``"SY ∩ buffer(border(TR, SY), 30 km)"``.
    """

    name: str
    mentions: tuple[Mention, ...]
    geometry: Any
    derivation: str
    uncertainty_m: float
    precision: str = "zone"
    relation: str = ""
    anchors: tuple[str, ...] = ()
    confidence: float = 0.7
    country_code: str | None = None
    places_inside: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, as one report tells it.

    ``event_type``/``sub_event_type`` follow ACLED's taxonomy. ``geometry`` is
    where it happened; ``located_by`` says how that was decided, ``dated_by`` how
    the date was. ``sentence`` and ``trigger`` are the first telling; ``quotes`` and
    ``triggers`` every sentence of the report that tells the same incident (the first
    included), ``sources`` every ``(document id, sentence text)`` that tells it.

    ``count`` is ACLED's fatalities for violent events (0 when the sentences tell of
    none); for others (arrests, escapes, displacement) the number of people the event
    is about. ``fatalities``, ``injured``, ``displaced``, ``abducted`` and ``arrested``
    are kept apart; ``count_text`` is the phrase as written ("at least 12 people").

    ``location``, ``admin1``, ``admin2``, ``country`` name where it happened;
    ``geo_precision`` is ACLED's (1 the place itself, 2 near it or part of a region,
    3 an admin area or country), :attr:`time_precision` ACLED's (1 day, 2 week,
    3 month or longer).
    """

    sentence: Sentence
    trigger: Mention
    event_type: str
    sub_event_type: str
    geometry: Any = None
    places: tuple[str, ...] = ()
    place_mentions: tuple[Mention, ...] = ()
    count: int | None = None
    count_text: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_precision: str | None = None
    actors: tuple[str, ...] = ()
    precision: str = "town"
    confidence: float = 0.5
    located_by: str = ""
    country_code: str | None = None
    name: str = ""
    sources: tuple[tuple[str, str], ...] = field(default=())
    #: ``"asserted"`` or ``"reported"`` for events that happened; see
    #: :data:`geo.events.match.MODALITIES` (others only with ``include_unasserted``).
    modality: str = "asserted"
    quotes: tuple[Sentence, ...] = ()
    triggers: tuple[Mention, ...] = ()
    fatalities: int | None = None
    injured: int | None = None
    displaced: int | None = None
    abducted: int | None = None
    arrested: int | None = None
    counts: tuple[int, ...] = ()
    dated_by: str = ""
    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    geo_precision: int | None = None
    #: Places the sentences name that no gazetteer entry fits ("the village of X").
    unplaced: tuple[str, ...] = ()

    @property
    def time_precision(self) -> int | None:
        """ACLED's time precision: 1 a day, 2 a week or weekend, 3 a month or longer."""
        if self.date_precision is None:
            return None
        return {"day": 1, "weekend": 2, "week": 2}.get(self.date_precision, 3)

    @property
    def actor1(self) -> str | None:
        """ACLED's first actor (who acted, when the text says)."""
        return self.actors[0] if self.actors else None

    @property
    def actor2(self) -> str | None:
        """ACLED's second actor."""
        return self.actors[1] if len(self.actors) > 1 else None

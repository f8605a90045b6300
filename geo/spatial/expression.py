"""Value objects of spatial expressions: what was written and what it hangs on."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.model import Resolution

__all__ = ["ANCHOR_KINDS", "RELATIONS", "Anchor", "Expression"]

#: Relations an expression can state between its zone and its anchors.
RELATIONS = ("offset", "into", "along", "border", "part", "central", "near", "between",
             "side", "refers")
#: What an anchor can be.
ANCHOR_KINDS = ("place", "country", "river", "border")


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a spatial expression is anchored to.

    Parameters
    ----------
    kind : str
        ``"place"`` (a town or region, via ``resolution``), ``"country"``,
        ``"river"`` or ``"border"``.
    code : str or None
        ISO country code: the country itself, or for a border the country the
        zone lies in (``"SY"`` for "into Syrian territory") or the one named first.
    others : tuple of str
        For a border, the other country: candidates best first, for the builder to
        keep the first that shares a border with ``code``.
    inferred : bool
        True when ``others`` come from the sentence or document, not the
        expression ("the Turkish border", in a report about Syria).
    resolution : Resolution or None
        The resolved mention the anchor was read from, if any (not for a demonym
        the resolver left alone).
    text : str
        The words that named it: ``"Syrian"``, ``"Kherson"``.
    """

    kind: str
    code: str | None = None
    others: tuple[str, ...] = ()
    inferred: bool = False
    resolution: Resolution | None = None
    text: str = ""

    @property
    def place(self) -> Any:
        """The gazetteer :class:`~gazetteer.model.Place`, or None."""
        return self.resolution.place if self.resolution is not None else None

    @property
    def label(self) -> str:
        """Short readable name for derivations: a place's name or a country code."""
        if self.kind == "border":
            return f"border({', '.join([*self.others[:1], self.code or '?'])})"
        if self.kind == "country" and self.code:
            return self.code
        place = self.place
        return place.name if place is not None else (self.code or self.text)


@dataclass(frozen=True, slots=True)
class Expression:
    """A spatial expression found in a sentence.

    Parameters
    ----------
    span : (int, int)
        Document offsets of the whole expression, ``"a safe zone 30 km (20 miles)
        into Syrian territory"`` included.
    text : str
        The expression as written.
    relation : str
        One of :data:`RELATIONS`.
    sentence : int
        Index of its sentence.
    anchors : tuple of Anchor
        What it hangs on, in the order written.
    distance_m : float or None
        The distance, in metres (the first unit given: "30 km (20 miles)" is 30 km).
    distance_text : str or None
        The words of the distance.
    direction : str or None
        A compass code (``"NE"``) or ``"C"`` for central.
    head : str or None
        The zone noun it defines or refers to (``"safe zone"``).
    modifier : str
        Nuance the builder uses: ``"outskirts"``, ``"deep"``, ``"bank"``, ``"far"``.
    """

    span: tuple[int, int]
    text: str
    relation: str
    sentence: int = 0
    anchors: tuple[Anchor, ...] = ()
    distance_m: float | None = None
    distance_text: str | None = None
    direction: str | None = None
    head: str | None = None
    modifier: str = ""

    @property
    def start(self) -> int:
        """Offset where the expression starts in the document."""
        return self.span[0]

    @property
    def end(self) -> int:
        """Offset where the expression ends in the document."""
        return self.span[1]

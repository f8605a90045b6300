"""Public value objects of the ``maps`` package: :class:`Report` and :class:`MapError`.

This module only uses the standard library so that ``import maps`` stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MapError", "Report"]


class MapError(Exception):
    """Root of every error raised by :mod:`maps`.

    Raised with one clear message when the input cannot be drawn (an invalid
    FeatureCollection, a malformed :class:`Report`, an output folder that does
    not exist, ...).
    """


def _optional_text(name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise MapError(f"Report.{name} must be a str or None, got {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class Report:
    """One source document shown in the map's side panel.

    Parameters
    ----------
    id : str
        Document id; matches ``properties.doc`` of the exported features.
    text : str
        Full text of the report, as it was geoparsed.
    title : str or None
        Headline shown above the text and in the report switcher.
    url : str or None
        Address of the report. Only ``http``/``https`` addresses become links.
    published : str or None
        Publication date (ISO 8601).
    sentences : tuple of (int, int)
        ``(start, end)`` character offsets of each sentence into `text`, in
        document order; index *i* is the ``sentence`` number used by mentions.

    Raises
    ------
    MapError
        If a field has the wrong type or a sentence offset falls outside `text`.

    Examples
    --------
    >>> r = Report(id="d1", text="Fighting in Afrin. Calm in Idlib.",
    ...            sentences=((0, 18), (19, 33)))
    >>> r.text[slice(*r.sentences[1])]
    'Calm in Idlib.'
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    sentences: tuple[tuple[int, int], ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise MapError("Report.id must be a non-empty str")
        if not isinstance(self.text, str):
            raise MapError(f"Report {self.id!r}: text must be a str")
        for name in ("title", "url", "published"):
            _optional_text(name, getattr(self, name))
        try:
            spans = tuple((int(s), int(e)) for s, e in self.sentences)
        except (TypeError, ValueError):
            raise MapError(
                f"Report {self.id!r}: sentences must be a sequence of (start, end) int pairs"
            ) from None
        for number, (start, end) in enumerate(spans):
            if not 0 <= start <= end <= len(self.text):
                raise MapError(
                    f"Report {self.id!r}: sentence {number} ({start}, {end}) "
                    f"is outside the text (length {len(self.text)})"
                )
        object.__setattr__(self, "sentences", spans)

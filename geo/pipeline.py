"""The flow from text to places, zones and events.

``text -> Document -> sentences -> mentions -> resolutions -> zones -> events``
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from geo.model import Document, Mention, Resolution
from geo.resolution.resolve import Resolver

if TYPE_CHECKING:
    from geo.resolution.geocode import Geocoder

__all__ = ["Parser", "parse", "parse_many"]


@dataclass
class Parser:
    """A configured geoparser; reuse one for many documents.

    Parameters
    ----------
    gazetteer : gazetteer.store.Gazetteer, optional
        Opened (and built if needed) on first use when not given.
    country : str or list of str, optional
        Bias toward these ISO country codes.
    ner : bool
        Fuse in spaCy's statistical NER as a vote (default False: measured
        on LGL it lowered recognition F1 and took seven times as long; the
        gazetteer scan with context cues does better on news).
    zones, events : bool
        Build spatial expressions and events (default True).
    coordinates : bool
        Read coordinates written in the text ("36°41′N 38°57′E") as places of
        precision ``exact`` (default True; see :mod:`geo.recognition.coords`).
    geocoder : geo.resolution.geocode.Geocoder or str, optional
        An online geocoder for toponyms the gazetteer lacks: an object of the
        :class:`~geo.resolution.geocode.Geocoder` protocol, or ``"nominatim"``,
        ``"photon"`` (public servers). None (the default): never online.
    """

    gazetteer: object = None
    country: object = None
    ner: bool = False
    zones: bool = True
    events: bool = True
    coordinates: bool = True
    geocoder: Geocoder | str | None = None

    def __post_init__(self):
        if isinstance(self.geocoder, str):
            from geo.resolution.geocode import make_geocoder

            self.geocoder = make_geocoder(self.geocoder)
        if self.gazetteer is None:
            import gazetteer

            self.gazetteer = gazetteer.open()
        self.resolver = Resolver(self.gazetteer, country=self.country)

    def parse(self, doc: Document | str, **meta):
        """Geoparse one document (or a string).

        Raises ``TypeError`` or ``ValueError`` naming the argument that is wrong
        (``text``, ``published``...)."""
        return next(iter(self.parse_many([_checked(doc) if isinstance(doc, Document) else
                                          _document(doc, **meta)])))

    def parse_many(self, docs: Iterable[Document | str], *, batch_size: int = 32) -> Iterator:
        """Geoparse documents lazily, in batches (for the NER model's sake)."""
        if isinstance(docs, (str, bytes)) or not isinstance(docs, Iterable):
            raise TypeError(f"docs must be an iterable of str or geo.Document, not "
                            f"{type(docs).__name__}; for one text use parse()")
        batch: list[Document] = []
        for i, d in enumerate(docs):
            batch.append(_checked(d) if isinstance(d, Document) else _document(d, id=str(i)))
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Document]):
        from geo.recognition import nlp

        ents = nlp.entities([d.text for d in docs]) if self.ner else [[] for _ in docs]
        for doc, spans in zip(docs, ents):
            yield self._one(doc, spans)

    def _one(self, doc: Document, ner_spans):
        from geo.recognition.normal import recognise_composed
        from geo.result import ParsedDocument
        from geo.reading.text import split_sentences

        sentences = split_sentences(doc.text)
        spans = recognise_composed(doc.text, self.resolver.places, ner_spans=ner_spans)
        starts = [s.start for s in sentences]
        written = []
        if self.coordinates:
            from geo.recognition.coords import coordinate_resolutions, without_overlaps

            written = coordinate_resolutions(doc.text, starts, doc.id, self.gazetteer)
            spans = without_overlaps(spans, [r.mention for r in written])
        adjectival = [sp.country for sp in spans if sp.type == "adjectival" and sp.country]
        resolved = self.resolver.resolve_spans(spans, doc.text, extra_countries=adjectival)
        resolutions = [Resolution(Mention(r.span.start, r.span.end, r.span.text, r.span.type,
                                          _sentence_of(starts, r.span.start), doc.id),
                                  r.place, r.confidence, r.precision, r.reason,
                                  r.alternatives, r.located, r.uncertainty_m)
                       for r in resolved]
        if self.geocoder is not None:
            from geo.resolution.geocode import geocode_unresolved

            # (a name was made a geocoder in __post_init__)
            resolutions = geocode_unresolved(resolutions, cast("Geocoder", self.geocoder),
                                             country=(self.resolver.bias or (None,))[0])
        if written:
            resolutions = sorted([*resolutions, *written], key=lambda r: r.mention.start)
        zones = []
        if self.zones:
            from geo.spatial import build_zones

            zones = build_zones(doc, sentences, resolutions, self.gazetteer)
        events = []
        if self.events:
            from geo.events import find_events

            events = find_events(doc, sentences, resolutions, zones, gazetteer=self.gazetteer)
        return ParsedDocument(doc, tuple(sentences), tuple(resolutions), tuple(zones),
                              tuple(events), self.gazetteer)


def _sentence_of(starts: list[int], pos: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, pos) - 1)


def _document(text: str, *, id: str = "doc", title=None, url=None, path=None, published=None):
    """A Document from a text and its metadata, each argument checked (TypeError or
    ValueError naming it, never an error from deep inside the pipeline)."""
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("text must be a str, not bytes; decode it first, e.g. "
                        "data.decode('utf-8')")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str or geo.Document, not {type(text).__name__}")
    for name, value in (("id", id), ("title", title), ("url", url), ("path", path)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")
    if isinstance(published, dt.datetime):
        published = published.date()
    elif isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError:
            raise ValueError(f"published must be an ISO date (YYYY-MM-DD), not {published!r}"
                             ) from None
    elif published is not None and not isinstance(published, dt.date):
        raise TypeError(f"published must be an ISO date str or a datetime.date, not "
                        f"{type(published).__name__}")
    return Document(id=id, text=text, title=title, url=url, path=path, published=published)


def _checked(doc: Document) -> Document:
    """A Document made by hand, its fields checked as :func:`_document` checks them."""
    return _document(doc.text, id=doc.id, title=doc.title, url=doc.url, path=doc.path,
                     published=doc.published)


_DEFAULT: dict = {}


def _default_parser(**options) -> Parser:
    key = tuple(sorted((k, str(v)) for k, v in options.items()))
    if key not in _DEFAULT:
        _DEFAULT[key] = Parser(**options)
    return _DEFAULT[key]


def parse(text: str | Document, *, country=None, ner: bool = False, **meta):
    """Geoparse one text.

    Parameters
    ----------
    text : str or Document
        The report.
    country : str, optional
        Bias toward these ISO country codes (``"SY"`` or ``"SY,TR"``).
    ner : bool
        Use the statistical NER model.
    **meta
        ``id``, ``title``, ``url``, ``published`` (ISO date) of the document.

    Returns
    -------
    ParsedDocument
        Its ``places``, ``zones`` and ``events``; ``to_geojson()``,
        ``to_geodataframe()``.

    Examples
    --------
    >>> import geo
    >>> doc = geo.parse("Fighting was reported in Tel Abyad, near the Turkish border.")
    >>> [p.name for p in doc.places]
    ['Tall Abyaḑ', 'Turkey']
    """
    return _default_parser(country=country, ner=ner).parse(text, **meta)


def parse_many(texts: Iterable[str | Document], *, country=None, ner: bool = False):
    """Geoparse many texts lazily (a generator of ParsedDocument)."""
    return _default_parser(country=country, ner=ner).parse_many(texts)

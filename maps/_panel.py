"""Build the side panel: each document's text with the sentences that located something.

Sentences are keyed by strings: ``"3"`` is sentence 3 of the document (the
``sentence`` number of the contract), ``"q0"``, ``"q1"``... are quotes that could
not be placed in a known sentence. Offsets are Python code points, so the text is
cut here and the page receives ready-made pieces (JavaScript counts UTF-16 units).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from maps._contract import Feature, Source, safe_url
from maps.model import MapError, Report

__all__ = ["DocView", "Mark", "Panel", "Sentence", "build_panel"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted mention inside a sentence; `unlocated` if its feature has no geometry."""

    text: str
    type: str | None
    unlocated: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or quote) that located features; `pieces` are text and marks."""

    key: str
    pieces: tuple[str | Mark, ...]
    features: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DocView:
    """One document in the panel.

    ``mode`` is ``"text"`` when the full report is known, ``"quotes"`` otherwise.
    ``parts`` is the full text (plain strings and linked sentences); ``quotes``
    holds linked sentences shown on their own (quotes mode, or quotes not found
    in the report text).
    """

    id: str
    title: str | None
    url: str | None
    path: str | None
    published: str | None
    mode: str
    parts: tuple[str | Sentence, ...]
    quotes: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Panel:
    """Documents of the panel and, per feature, its ``(doc index, sentence key)`` quotes."""

    docs: tuple[DocView, ...]
    refs: tuple[tuple[tuple[int, str], ...], ...]


#: A mention to mark: (start, end, mention type, feature not located).
_Span = tuple[int, int, "str | None", bool]


def _pieces(text: str, spans: Sequence[_Span]) -> tuple[str | Mark, ...]:
    """Cut `text` into plain strings and marks; `spans` are relative, overlaps dropped.

    Of two marks on the same words, a located feature's comes first and wins.
    """
    out: list[str | Mark] = []
    cursor = 0
    for start, end, kind, unlocated in sorted(spans, key=lambda s: (s[0], s[1], s[3])):
        if start < cursor or end <= start or end > len(text):
            continue
        if start > cursor:
            out.append(text[cursor:start])
        out.append(Mark(text[start:end], kind, unlocated))
        cursor = end
    if cursor < len(text):
        out.append(text[cursor:])
    return tuple(out)


def _find_marks(quote: str, feature: Feature, sentence: int | None) -> list[_Span]:
    """Locate mention texts inside a quote (quotes mode has no offsets into it)."""
    spans: list[_Span] = []
    unlocated = feature.geometry is None
    for mention in feature.mentions:
        if not mention.text or (sentence is not None and mention.sentence != sentence):
            continue
        at = quote.find(mention.text)
        if at >= 0:
            spans.append((at, at + len(mention.text), mention.type, unlocated))
    return spans


class _Doc:
    """Mutable collector for one document while features are linked to it."""

    def __init__(self, doc_id: str, report: Report | None) -> None:
        self.id = doc_id
        self.report = report
        self.source: Source | None = None
        self.links: dict[str, list[int]] = {}
        self.marks: dict[str, list[_Span]] = {}
        self.quotes: dict[str, str] = {}
        self._starts = [start for start, _ in report.sentences] if report else []

    def link(self, key: str, feature: int) -> None:
        members = self.links.setdefault(key, [])
        if feature not in members:
            members.append(feature)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the report sentence that contains character `offset`."""
        assert self.report is not None
        number = bisect_right(self._starts, offset) - 1
        if number >= 0:
            start, end = self.report.sentences[number]
            if start <= offset < end:
                return number
        return None

    def quote_key(self, quote: str, sentence: int | None = None) -> str:
        """Key of a quote: its sentence if located, else a ``q`` key shared by equal quotes."""
        if self.report is not None:
            at = self.report.text.find(quote) if quote else -1
            located = self.sentence_at(at) if at >= 0 else None
            if located is not None:
                return str(located)
        elif sentence is not None:
            key = str(sentence)
            self.quotes.setdefault(key, quote)
            return key
        for key, text in self.quotes.items():
            if text == quote:
                return key
        key = f"q{sum(1 for k in self.quotes if k.startswith('q'))}"
        self.quotes[key] = quote
        return key

    def add_feature(self, feature: Feature) -> None:
        """Link a feature of this document to its sentences (and mark its mentions)."""
        if self.source is None:
            self.source = feature.source
        if self.report is None:
            sentence = next((m.sentence for m in feature.mentions if m.sentence is not None), None)
            if feature.quote:
                key = self.quote_key(feature.quote, sentence)
                self.link(key, feature.index)
                self.marks.setdefault(key, []).extend(
                    _find_marks(self.quotes[key], feature, sentence)
                )
            return
        report, keys = self.report, []
        for mention in feature.mentions:
            number, start, end = mention.sentence, mention.start, mention.end
            if number is None or not 0 <= number < len(report.sentences):
                inside = start is not None and 0 <= start < len(report.text)
                number = self.sentence_at(start) if start is not None and inside else None
            if number is None:
                continue
            keys.append(str(number))
            s_start, s_end = report.sentences[number]
            if (
                start is not None
                and end is not None
                and s_start <= start < end <= s_end
                and (not mention.text or report.text[start:end] == mention.text)
            ):
                self.marks.setdefault(str(number), []).append(
                    (start, end, mention.type, feature.geometry is None)
                )
        if not keys and feature.quote:
            keys.append(self.quote_key(feature.quote))
        for key in keys:
            self.link(key, feature.index)

    def view(self) -> DocView:
        """Freeze the collected links into a :class:`DocView`."""
        report, source = self.report, self.source or Source()
        parts: list[str | Sentence] = []
        if report is not None:
            cursor = 0
            numbered = sorted(
                (int(k) for k in self.links if not k.startswith("q")),
                key=lambda n: report.sentences[n],
            )
            for number in numbered:
                start, end = report.sentences[number]
                if start < cursor:
                    continue  # overlapping sentence offsets: keep the first one
                if start > cursor:
                    parts.append(report.text[cursor:start])
                spans = [
                    (s - start, e - start, t, u) for s, e, t, u in self.marks.get(str(number), [])
                ]
                key = str(number)
                parts.append(
                    Sentence(key, _pieces(report.text[start:end], spans), tuple(self.links[key]))
                )
                cursor = end
            if cursor < len(report.text):
                parts.append(report.text[cursor:])
        quote_keys = sorted(
            (k for k in self.quotes if k in self.links),
            key=lambda k: (k.startswith("q"), int(k.lstrip("q"))),
        )
        quotes = tuple(
            Sentence(k, _pieces(self.quotes[k], self.marks.get(k, [])), tuple(self.links[k]))
            for k in quote_keys
        )
        return DocView(
            id=self.id,
            title=report.title if report and report.title else source.title,
            url=safe_url(report.url) if report and report.url else source.url,
            path=source.path,
            published=report.published if report and report.published else source.published,
            mode="text" if report is not None else "quotes",
            parts=tuple(parts),
            quotes=quotes,
        )


def _place_key(feature: Feature) -> tuple[object, ...] | None:
    """Identity of a place across documents (gazetteer id, else name and point)."""
    if feature.kind != "place":
        return None
    if feature.gazetteer_id:
        return ("gid", feature.gazetteer_id)
    if feature.name and feature.geometry is not None and feature.geometry["type"] == "Point":
        lon, lat = feature.geometry["coordinates"][:2]
        return ("pt", feature.name.casefold(), round(lat, 3), round(lon, 3))
    return None


def build_panel(features: Sequence[Feature], reports: Sequence[Report] | None) -> Panel:
    """Link features to the sentences of their documents.

    Parameters
    ----------
    features : sequence of Feature
        Validated features.
    reports : sequence of Report or None
        Full reports; documents without a report are shown as quotes.

    Returns
    -------
    Panel
        Documents in order (reports first) and each feature's quote references;
        a place reported in several documents gets the quotes of all of them.

    Raises
    ------
    MapError
        If two reports share an id or a report is not a :class:`Report`.
    """
    docs: dict[str, _Doc] = {}
    for report in reports or ():
        if not isinstance(report, Report):
            raise MapError(f"reports must contain maps.Report objects, got {type(report).__name__}")
        if report.id in docs:
            raise MapError(f"two reports share the id {report.id!r}")
        docs[report.id] = _Doc(report.id, report)

    def doc(doc_id: str) -> _Doc:
        if doc_id not in docs:
            docs[doc_id] = _Doc(doc_id, None)
        return docs[doc_id]

    for feature in features:
        doc(feature.doc).add_feature(feature)
    for feature in features:
        for doc_id, quote in feature.sources:
            if doc_id != feature.doc and quote:
                target = doc(doc_id)
                target.link(target.quote_key(quote), feature.index)

    views = tuple(d.view() for d in docs.values())
    own: list[list[tuple[int, str]]] = [[] for _ in features]
    for number, view in enumerate(views):
        for sentence in [p for p in view.parts if isinstance(p, Sentence)] + list(view.quotes):
            for index in sentence.features:
                own[index].append((number, sentence.key))
    groups: dict[tuple[object, ...], list[int]] = {}
    for feature in features:
        key = _place_key(feature)
        if key is not None:
            groups.setdefault(key, []).append(feature.index)
    refs: list[tuple[tuple[int, str], ...]] = []
    for feature in features:
        merged = list(own[feature.index])
        key = _place_key(feature)
        for other in groups.get(key, []) if key is not None else []:
            merged.extend(ref for ref in own[other] if ref not in merged)
        refs.append(tuple(merged))
    return Panel(docs=views, refs=tuple(refs))

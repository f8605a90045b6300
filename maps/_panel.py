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

__all__ = ["DocView", "Mark", "Panel", "Ref", "Sentence", "build_panel"]


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


#: A quote reference: (doc index, sentence key).
Ref = tuple[int, str]


@dataclass(frozen=True, slots=True)
class Panel:
    """Documents of the panel and, per feature, its ``(doc index, sentence key)`` quotes.

    A place reported in several documents gets the quotes of all of them; to stay
    linear in the number of features, each feature keeps its ``own`` quotes and the
    number of its place's group (``group_of``, -1 for none), and each group keeps
    the quotes of all its features once (``groups``). :attr:`refs` gives the
    merged quotes of a feature: its own first, then the group's others.
    """

    docs: tuple[DocView, ...]
    own: tuple[tuple[Ref, ...], ...]
    group_of: tuple[int, ...] = ()
    groups: tuple[tuple[Ref, ...], ...] = ()

    @property
    def refs(self) -> _Refs:
        """Per feature, all its quotes (computed on access)."""
        return _Refs(self)


class _Refs(Sequence):
    """The merged quotes of each feature of a :class:`Panel`, made when asked for."""

    def __init__(self, panel: Panel) -> None:
        self._panel = panel

    def __len__(self) -> int:
        return len(self._panel.own)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        panel = self._panel
        own = panel.own[index]
        group = panel.group_of[index] if panel.group_of else -1
        if group < 0:
            return own
        mine = set(own)
        return own + tuple(ref for ref in panel.groups[group] if ref not in mine)


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
        self.links: dict[str, dict[int, None]] = {}  # key -> features, in order, once each
        self.marks: dict[str, list[_Span]] = {}
        self.quotes: dict[str, str] = {}
        self._quote_keys: dict[str, str] = {}  # quote text -> its first key
        self._q = 0  # "q" keys given so far
        self._starts = [start for start, _ in report.sentences] if report else []

    def link(self, key: str, feature: int) -> None:
        self.links.setdefault(key, {})[feature] = None

    def _keep_quote(self, key: str, quote: str) -> None:
        if key not in self.quotes:
            self.quotes[key] = quote
            self._quote_keys.setdefault(quote, key)

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
            self._keep_quote(key, quote)
            return key
        if quote in self._quote_keys:
            return self._quote_keys[quote]
        key = f"q{self._q}"
        self._q += 1
        self._keep_quote(key, quote)
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
    own: list[list[Ref]] = [[] for _ in features]
    for number, view in enumerate(views):
        for sentence in [p for p in view.parts if isinstance(p, Sentence)] + list(view.quotes):
            for index in sentence.features:
                own[index].append((number, sentence.key))
    members: dict[tuple[object, ...], list[int]] = {}
    for feature in features:
        key = _place_key(feature)
        if key is not None:
            members.setdefault(key, []).append(feature.index)
    group_of = [-1] * len(features)
    groups: list[tuple[Ref, ...]] = []
    for indices in members.values():
        if len(indices) < 2:
            continue
        merged: dict[Ref, None] = {}
        for index in indices:
            merged.update(dict.fromkeys(own[index]))
        for index in indices:
            group_of[index] = len(groups)
        groups.append(tuple(merged))
    return Panel(docs=views, own=tuple(tuple(refs) for refs in own),
                 group_of=tuple(group_of), groups=tuple(groups))

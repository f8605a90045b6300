"""Resolution: which place does each mention mean?

In: mentions with their gazetteer candidates. Out: one
:class:`geo.model.Resolution` per mention (a place or None, a confidence, a
precision and alternatives). :mod:`geo.resolution.resolve` weighs each
candidate's prior with the report's countries and admin areas, spatial
coherence between names (:mod:`geo.resolution.coherence`) and containment the
text states (:mod:`geo.resolution.containment`), choosing only among the
candidates the report's frame admits (:mod:`geo.resolution.frame`); a name
left unresolved is located by its stated container or the report's country
(:mod:`geo.resolution.unresolved`). Every weight, threshold and confidence is
in :mod:`geo.resolution.policy`, which also ranks the gazetteer's matches. An
optional online geocoder you run answers for names the gazetteer lacks
(:mod:`geo.resolution.geocode`, off by default).
"""

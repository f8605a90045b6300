"""Geoparse conflict and crisis reports: places, zones and events, with the
sentence that reported each.

>>> import geo
>>> doc = geo.parse("785 foreigners escaped a camp at Ain Issa at the weekend.")
>>> doc.places[0].name
'‘Ayn ‘Īsá'

Heavy libraries (spaCy, geopandas, folium) are imported only when needed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["parse", "parse_many", "Parser", "Resolver", "ParsedDocument", "ReportedPlace",
           "Document", "Sentence", "Mention", "Resolution", "Zone", "Event",
           "GeoError", "InputError", "OutputError", "FormatError", "__version__"]

__version__ = "0.1.0"

_WHERE = {
    "parse": "geo.pipeline", "parse_many": "geo.pipeline", "Parser": "geo.pipeline",
    "Resolver": "geo.resolution.resolve", "ParsedDocument": "geo.result", "ReportedPlace": "geo.result",
    "Document": "geo.model", "Sentence": "geo.model", "Mention": "geo.model",
    "Resolution": "geo.model", "Zone": "geo.model", "Event": "geo.model",
    "GeoError": "geo.errors", "InputError": "geo.errors", "OutputError": "geo.errors",
    "FormatError": "geo.errors",
}

if TYPE_CHECKING:  # pragma: no cover
    from geo.errors import FormatError, GeoError, InputError, OutputError
    from geo.model import Document, Event, Mention, Resolution, Sentence, Zone
    from geo.pipeline import Parser, parse, parse_many
    from geo.resolution.resolve import Resolver
    from geo.result import ParsedDocument, ReportedPlace


def __getattr__(name: str):
    import importlib

    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)

"""Validate the exported FeatureCollection and turn it into value objects.

The export contract is binding: a feature that breaks it stops the rendering
with one :class:`~maps.model.MapError` that names the feature and the field.

Geometries are checked by :mod:`maps._geometry`; ``"geometry": null`` is a
feature that could not be located (listed in the panel, not drawn).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from maps._geometry import feature_geometry
from maps.model import MapError

__all__ = [
    "KINDS",
    "PRECISIONS",
    "Feature",
    "Mention",
    "Source",
    "parse_features",
    "safe_url",
]

KINDS = frozenset({"place", "zone", "event"})
PRECISIONS = frozenset({"exact", "town", "admin", "country", "region", "zone"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a feature in its document (offsets into the document text)."""

    start: int | None
    end: int | None
    text: str
    type: str | None
    sentence: int | None


@dataclass(frozen=True, slots=True)
class Source:
    """Metadata of the document a feature comes from (``properties.source``)."""

    title: str | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Feature:
    """A validated feature of the export contract; ``index`` is its position."""

    index: int
    kind: str
    doc: str
    geometry: Mapping[str, Any] | None
    name: str | None
    gazetteer_id: str | None
    country_code: str | None
    precision: str | None
    confidence: float | None
    quote: str | None
    mentions: tuple[Mention, ...]
    source: Source | None
    derivation: str | None
    uncertainty_m: float | None
    event_type: str | None
    sub_event_type: str | None
    trigger: str | None
    count: float | None
    date: str | None
    actors: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]
    #: All the feature's properties as given (read-only), for fields read defensively
    #: (see :mod:`maps._words`).
    props: Mapping[str, Any]


def safe_url(value: object) -> str | None:
    """Return `value` if it is an absolute ``http``/``https`` URL, else None.

    Examples
    --------
    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)")
    ('https://example.org/a', None)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return None


class _Fields:
    """Typed access to one feature's properties; errors name the feature."""

    def __init__(self, where: str, props: Mapping[str, Any]) -> None:
        self.where = where
        self.props = props

    def fail(self, message: str) -> MapError:
        return MapError(f"{self.where}: {message}")

    def text(self, key: str) -> str | None:
        value = self.props.get(key)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise self.fail(f"properties.{key} must be a string, got {type(value).__name__}")

    def number(self, key: str, low: float | None = None, high: float | None = None) -> float | None:
        value = self.props.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"properties.{key} must be a number, got {type(value).__name__}")
        if (
            not math.isfinite(value)
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            raise self.fail(f"properties.{key} is out of range: {value!r}")
        return float(value)

    def choice(self, key: str, allowed: frozenset[str], required: bool = False) -> str | None:
        value = self.props.get(key)
        if value is None and not required:
            return None
        if value not in allowed:
            expected = ", ".join(sorted(allowed))
            raise self.fail(f"properties.{key} must be one of {expected}; got {value!r}")
        return str(value)

    def iso_date(self, key: str) -> str | None:
        value = self.props.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10]).isoformat()
            except ValueError:
                try:
                    return datetime.fromisoformat(value).date().isoformat()
                except ValueError:
                    pass
        raise self.fail(f"properties.{key} must be an ISO date or null; got {value!r}")

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.props.get(key)
        if value is None:
            return ()
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise self.fail(f"properties.{key} must be a list")
        return tuple(str(item) for item in value if item is not None)


def _mentions(fields: _Fields) -> tuple[Mention, ...]:
    raw = fields.props.get("mentions")
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise fields.fail("properties.mentions must be a list")
    found = []
    for number, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise fields.fail(f"properties.mentions[{number}] must be an object")
        values = {}
        for key in ("start", "end", "sentence"):
            value = item.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise fields.fail(f"properties.mentions[{number}].{key} must be an int")
            values[key] = value
        text = item.get("text")
        kind = item.get("type")
        found.append(
            Mention(
                start=values["start"],
                end=values["end"],
                text=text if isinstance(text, str) else "",
                type=kind if isinstance(kind, str) else None,
                sentence=values["sentence"],
            )
        )
    return tuple(found)


def _source(fields: _Fields) -> Source | None:
    raw = fields.props.get("source")
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise fields.fail("properties.source must be an object")
    sub = _Fields(fields.where + " (source)", raw)
    return Source(
        title=sub.text("title"),
        url=safe_url(raw.get("url")),
        path=sub.text("path"),
        published=sub.text("published"),
    )


def _merged_sources(fields: _Fields) -> tuple[tuple[str, str], ...]:
    raw = fields.props.get("sources")
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise fields.fail("properties.sources must be a list")
    pairs = []
    for item in raw:
        if isinstance(item, Mapping) and isinstance(item.get("doc"), str):
            quote = item.get("quote")
            pairs.append((item["doc"], quote if isinstance(quote, str) else ""))
    return tuple(pairs)


def _feature(
    index: int, raw: object, seen: dict[int, tuple[object, Any]] | None = None
) -> Feature:
    """One validated feature; `seen` remembers geometries already checked, by identity
    (a country's outline is one dict shared by every report that names it)."""
    where = f"feature {index}"
    if not isinstance(raw, Mapping) or raw.get("type") != "Feature":
        raise MapError(f"{where}: not a GeoJSON Feature object")
    props = raw.get("properties")
    if not isinstance(props, Mapping):
        raise MapError(f"{where}: properties must be an object")
    fields = _Fields(where, props)
    kind = fields.choice("kind", KINDS, required=True)
    doc = props.get("doc")
    if not isinstance(doc, str) or not doc:
        raise fields.fail("properties.doc must be a non-empty string (the document id)")
    if "geometry" not in raw:
        raise MapError(f"{where}: geometry is missing (use null for a place not located)")
    raw_geometry = raw["geometry"]
    hit = seen.get(id(raw_geometry)) if seen is not None else None
    if hit is not None and hit[0] is raw_geometry:
        geometry = hit[1]
    else:
        geometry = feature_geometry(where, raw_geometry)
        if seen is not None and raw_geometry is not None:
            seen[id(raw_geometry)] = (raw_geometry, geometry)
    return Feature(
        index=index,
        kind=str(kind),
        doc=doc,
        geometry=geometry,
        name=fields.text("name"),
        gazetteer_id=fields.text("gazetteer_id"),
        country_code=fields.text("country_code"),
        precision=fields.choice("precision", PRECISIONS),
        confidence=fields.number("confidence", 0.0, 1.0),
        quote=fields.text("quote"),
        mentions=_mentions(fields),
        source=_source(fields),
        derivation=fields.text("derivation"),
        uncertainty_m=fields.number("uncertainty_m", 0.0),
        event_type=fields.text("event_type"),
        sub_event_type=fields.text("sub_event_type"),
        trigger=fields.text("trigger"),
        count=fields.number("count", 0.0),
        date=fields.iso_date("date"),
        actors=fields.strings("actors"),
        sources=_merged_sources(fields),
        props=props,
    )


def parse_features(collection: object) -> tuple[Feature, ...]:
    """Validate an exported FeatureCollection and return its features.

    Parameters
    ----------
    collection : dict
        GeoJSON FeatureCollection following the export contract.

    Returns
    -------
    tuple of Feature
        One value object per feature, in input order.

    Raises
    ------
    MapError
        On the first feature or field that breaks the contract.
    """
    if not isinstance(collection, Mapping) or collection.get("type") != "FeatureCollection":
        raise MapError(
            "expected a GeoJSON FeatureCollection (a dict with type 'FeatureCollection')"
        )
    features = collection.get("features")
    if not isinstance(features, Sequence) or isinstance(features, str):
        raise MapError("FeatureCollection.features must be a list")
    seen: dict[int, tuple[object, Any]] = {}
    return tuple(_feature(index, raw, seen) for index, raw in enumerate(features))

"""What parsing one document gives: its places, zones and events."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from gazetteer.model import Place
from geo.model import Document, Event, Mention, Resolution, Sentence, Zone

__all__ = ["ReportedPlace", "ParsedDocument"]


@dataclass(frozen=True, slots=True)
class ReportedPlace:
    """One distinct place of a document with all its mentions.

    ``place`` is None for a name the gazetteer could not resolve; ``reason``
    then says why, and ``fallback`` is where it was located instead (the
    container the text puts it in, else the report's country) if anywhere,
    ``uncertainty_m`` how far from that point it may lie.
    """

    name: str
    place: Place | None
    mentions: tuple[Mention, ...]
    confidence: float
    precision: str | None
    reason: str = ""
    alternatives: tuple[Place, ...] = ()
    fallback: Place | None = None
    zones: tuple[str, ...] = ()
    uncertainty_m: float | None = None

    @property
    def located(self) -> Place | None:
        """Where the place was put: its own place, else its fallback (None if neither)."""
        return self.place or self.fallback

    @property
    def country_code(self) -> str | None:
        """ISO code of the country where it was located (None when not located)."""
        return self.located.country_code if self.located else None

    @property
    def lon(self) -> float | None:
        """Longitude of where it was located (None when not located)."""
        return self.located.lon if self.located else None

    @property
    def lat(self) -> float | None:
        """Latitude of where it was located (None when not located)."""
        return self.located.lat if self.located else None


@dataclass(frozen=True)
class ParsedDocument:
    """A geoparsed report.

    Attributes
    ----------
    document : Document
    sentences : tuple of Sentence
    resolutions : tuple of Resolution
        One per mention, in text order.
    zones : tuple of Zone
    events : tuple of Event
    """

    document: Document
    sentences: tuple[Sentence, ...]
    resolutions: tuple[Resolution, ...]
    zones: tuple[Zone, ...]
    events: tuple[Event, ...]
    gazetteer: Any = field(default=None, repr=False, compare=False)

    @property
    def places(self) -> list[ReportedPlace]:
        """Distinct places in order of first mention (unresolved names included)."""
        groups: dict[str, list[Resolution]] = defaultdict(list)
        for r in self.resolutions:
            k = r.place.id if r.place else "unresolved:" + r.mention.text.lower()
            groups[k].append(r)
        from geo.resolution.unresolved import main_area_fallback

        fb = main_area_fallback(self.resolutions, self.gazetteer)
        out = []
        for k, rs in groups.items():
            first = rs[0]
            mentions = tuple(r.mention for r in rs)
            inside = tuple(z.name for z in self.zones
                           if first.place and first.place.id in z.places_inside)
            if first.place is not None:
                out.append(ReportedPlace(first.place.name, first.place, mentions,
                                         max(r.confidence for r in rs), first.precision,
                                         first.reason, first.alternatives, zones=inside))
            elif any(r.located for r in rs):
                r = next(r for r in rs if r.located)
                out.append(ReportedPlace(first.mention.text, None, mentions, r.confidence,
                                         r.precision, r.reason, r.alternatives, r.located,
                                         uncertainty_m=r.uncertainty_m))
            else:
                out.append(ReportedPlace(first.mention.text, None, mentions,
                                         fb.confidence if fb else 0.0,
                                         fb.precision if fb else None,
                                         first.reason + (fb.reason if fb else ""), (),
                                         fb.place if fb else None,
                                         uncertainty_m=fb.uncertainty_m if fb else None))
        return out

    # -- exports ------------------------------------------------------------
    def features(self) -> list[dict[str, Any]]:
        """Export-contract features (places, zones, events)."""
        from geo.output.features import document_features

        return document_features(self)

    def to_geojson(self) -> dict[str, Any]:
        """An RFC 7946 FeatureCollection following the export contract."""
        return {"type": "FeatureCollection", "features": self.features()}

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return self.to_geojson()

    def to_geodataframe(self):
        """The features as a GeoDataFrame (EPSG:4326)."""
        from geo.output.frame import to_geodataframe

        return to_geodataframe(self.features())

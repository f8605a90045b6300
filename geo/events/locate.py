"""Where an event happened: a place or zone of its sentence, of a coreferent sentence,
or of the document.

For each match the first of these that gives a place wins (``located_by`` says which):

1. ``"sentence"`` — a town, camp or finer place (or a district) in the sentence; among
   several, the one introduced by "at/in/near/from…" and nearest the trigger; a town
   given only as a direction's reference ("east of Aleppo") gives way to a town the
   report names in that sector (``"report: finer place (sentence j)"``, as in 3);
2. ``"coreference: <head> (sentence j)"`` — the sentence only names a country or a
   zone (or nothing), and the nearest other sentence that mentions the same head noun
   ("a jail" … "the prison … in central Tel Abyad") names a town or finer place;
3. ``"report: where it happened (sentence j)"`` — the sentence names no more than a
   country, and the report states where its incident of that type happened ("the
   governor of X region, where the clashes occurred");
   ``"sentence"`` — the best zone, region or country of the sentence (a zone such as
   "northeastern Syria" outranks a country); but never a country's or province's
   centroid when the report states a town in it: where the last event happened, or a
   town of the next two sentences (``"report: finer place (sentence j)"``);
4. ``"coreference: there (sentence j)"`` — the sentence points back ("there", "the
   town") and one of the two sentences before names a place;
5. ``"coreference: <head> (sentence j)"`` — as 2, any place;
6. ``"report frame (sentence j)"`` — where the last event before it happened (the
   report goes on telling the same scene: "At least 58 others were wounded"), or
   before any, the best place of the report's first sentence that names one;
7. ``"document"`` — the document's main place (its most mentioned one);
8. ``"dateline"`` — the report's dateline ("BEIRUT:"), only when nothing else is said.

Mentions that do not tell where something happened are left out: adjectives
("Turkish soldiers"), the place of a speech ("Speaking to reporters in Ankara"), a
country or capital standing for its government or forces ("where Ankara is
mounting…", "Turkey's offensive", "the US backs out", "US troops"), where people come
from ("labourers from X province"), a town whose name a part of its province borrows ("in
eastern Deir ez-Zor"), a dateline, and a place that is the only mention of its country
in a report about another (most often a wrong reading of a name). A name the text
calls a town ("the town of X") is the gazetteer's town even if read as the area
of that name; one it calls an area ("the X department") is the area.

Each location carries ACLED's ``geo_precision``: 1 a town or finer place named as
where it happened, 2 near it ("near", "outskirts of", "X km from"), a district or a
zone of under 30 km uncertainty, 3 a province, country, region or larger zone.
"""
from __future__ import annotations

import re
from dataclasses import replace

from geo.events.lexicon import head_regex, trigger_by_key, trigger_regex
from geo.events.match import EventMatch
from geo.events.modality import clause_span
from geo.events.spots import (
    ANCHORED, AREA_KINDS, FINE, NEAR_M, PARTS, POINT_KINDS, PRECISION, RANK, ZONE_RANK, Spot,
    area_named, point, town_named,
)
from geo.events.wording import (
    AREA_AFTER, AREA_BEFORE, CONTAINER_OF, DATELINE_AFTER, DEIXIS, DIRECTION_OF, FORCES_AFTER,
    IN_PHRASE, METONYMY, NEAR, ORIGIN, ROUTE, SPEAKER_AFTER, SPEECH_FRAME, TITLE_AFTER,
    TOWN_AFTER, TOWN_BEFORE, WHERE_IT_HAPPENED, country_support, is_locative, is_object,
)
from geo.model import Document, Event, Mention, Resolution, Sentence, Zone

__all__ = ["locate", "Locator"]

_FACTOR = {"sentence": 1.0, "coreference": 0.85, "there": 0.8, "document": 0.6}


class Locator:
    """Locations of a document's sentences, computed once for all its events.

    Parameters
    ----------
    document : Document
    sentences : list of Sentence
    resolutions : list of Resolution
    zones : list of Zone
    gazetteer : gazetteer store, optional
        Names the admin area and country of each location.
    """

    def __init__(self, document: Document, sentences: list[Sentence],
                 resolutions: list[Resolution], zones: list[Zone], gazetteer=None) -> None:
        self.document = document
        self.gazetteer = gazetteer
        self.sentences = sorted(sentences, key=lambda s: s.start)
        self._starts = [s.start for s in self.sentences]
        self._by_index = {s.index: s for s in self.sentences}
        self.spots: dict[int, list[Spot]] = {}
        self.frame: tuple[int, Spot] | None = None
        self.datelines: list[Spot] = []
        counts: dict[str, tuple[int, float, int, Spot]] = {}
        support = country_support(resolutions)
        #: Per sentence, the places it names that no gazetteer entry fits.
        self.unplaced: dict[int, list[str]] = {}
        for r in resolutions:
            if r.place is None and r.mention.type == "toponym":
                self.unplaced.setdefault(r.mention.sentence, []).append(r.mention.text)
            spot = self._place_spot(r)
            if spot is None:
                continue
            if self._dateline(r.mention):
                self.datelines.append(spot)
                continue
            if spot.kind != "country" and support.get(spot.country_code, 0) < 2 <= max(
                    support.values(), default=0):
                self.unplaced.setdefault(spot.sentence, []).append(r.mention.text)
                continue  # the only mention of its country in a report about another
            self.spots.setdefault(spot.sentence, []).append(spot)
            n, rank, first, _ = counts.get(spot.ids[0], (0, spot.rank, spot.start, spot))
            counts[spot.ids[0]] = (n + 1, rank, min(first, spot.start), spot)
        for z in zones:
            spot = self._zone_spot(z)
            if spot is not None:
                spot = self._anchored(spot, z)
                if z.relation in PARTS:  # "in eastern Deir ez-Zor": not the city itself
                    self.spots[spot.sentence] = [
                        sp for sp in self.spots.get(spot.sentence, [])
                        if sp.rank < FINE or not (spot.start <= sp.start and sp.end <= spot.end)]
                self.spots.setdefault(spot.sentence, []).append(spot)
        self.main: Spot | None = None
        if counts:
            best = max(counts.values(), key=lambda v: (v[0], v[1], -v[2]))
            self.main = best[3]
        lead = next((i for i in sorted(self.spots) if self.spots[i]), None)
        if lead is not None:  # the report's frame until an event is placed
            self.frame = (lead, max(self.spots[lead], key=lambda sp: (sp.rank, sp.locative)))
        self._heads: dict[int, set[str]] = {}  # per sentence, read when first asked

    def heads(self, j: int) -> set[str]:
        """The classes of head nouns sentence ``j`` holds (found on first asking)."""
        if j not in self._heads:
            s = self._by_index.get(j)
            self._heads[j] = {m.lastgroup or "" for m in head_regex().finditer(s.text)} \
                if s is not None else set()
        return self._heads[j]

    def locate(self, match: EventMatch, sentence: Sentence) -> tuple[Spot | None, str]:
        """The location of one match and how it was found (``located_by``)."""
        here = sorted(self.spots.get(sentence.index, ()),
                      key=lambda sp: -self._score(sp, match, sentence))
        if here and here[0].rank >= FINE:
            if here[0].within is not None:  # "east of Aleppo": a town the report names there
                finer = self._finer_in(replace(here[0], geometry=here[0].within, kind="zone"),
                                       sentence.index)
                if finer is not None:
                    return finer
            return here[0], "sentence"
        if match.head:
            j, spot = self._coreferent(sentence.index, match.head, FINE)
            if spot is not None:
                return spot, f"coreference: {match.head} (sentence {j})"
        coarse = not here or here[0].rank <= RANK["country"]
        if coarse and (here or self.frame is None or self.frame[1].rank <= RANK["country"]):
            told = self._told_place(match)
            if told is not None:
                return told
        if here and (here[0].rank <= RANK["country"] or here[0].geo_precision == 3):
            finer = self._finer_in(here[0], sentence.index)
            if finer is not None:
                return finer
        if here:
            return here[0], "sentence"
        if DEIXIS.search(sentence.text):
            for j in (sentence.index - 1, sentence.index - 2):
                prev = self.spots.get(j)
                if prev:
                    return max(prev, key=lambda sp: (sp.rank, sp.locative)), \
                        f"coreference: there (sentence {j})"
        if match.head:
            j, spot = self._coreferent(sentence.index, match.head, 0.0)
            if spot is not None:
                return spot, f"coreference: {match.head} (sentence {j})"
        if self.frame is not None and self.frame[0] <= sentence.index:
            return self.frame[1], f"report frame (sentence {self.frame[0]})"
        if self.main is not None:
            return self.main, "document"
        if self.datelines:
            return self.datelines[0], "dateline"
        return None, ""

    def event(self, match: EventMatch, sentence: Sentence) -> Event | None:
        """The :class:`~geo.model.Event` for ``match``, or None if nowhere fits."""
        spot, how = self.locate(match, sentence)
        if spot is None:
            return None
        if how == "sentence" or how.startswith(("coreference", "report: ")):
            self.frame = (sentence.index, spot)
        doc = self.document
        in_sentence = tuple(m for m in spot.mentions
                            if sentence.start <= m.start and m.end <= sentence.end)
        factor = _FACTOR["document" if how in ("document", "dateline") else "sentence"
                         if how == "sentence" else "there" if "there" in how else "coreference"]
        names = self._names(spot)
        return Event(
            sentence=sentence,
            trigger=Mention(match.start, match.end, match.text, "trigger", sentence.index, doc.id),
            event_type=match.event_type, sub_event_type=match.sub_event_type,
            geometry=spot.geometry, places=spot.ids, place_mentions=in_sentence,
            count=match.count, count_text=match.count_text, date=match.date,
            date_text=match.date_text, date_precision=match.date_precision,
            actors=match.actors, precision=spot.precision,
            confidence=round(match.confidence * factor, 3), located_by=how,
            country_code=spot.country_code, name=f"{match.sub_event_type}: {match.text}",
            sources=((doc.id, sentence.text),), modality=match.modality,
            fatalities=match.fatalities if match.fatalities is not None else (
                0 if match.count == 0 else None),
            injured=match.injured, displaced=match.displaced, abducted=match.abducted,
            arrested=match.arrested, dated_by=match.dated_by, geo_precision=spot.geo_precision,
            location=spot.name, country=names["country"], admin1=names["admin1"],
            admin2=names["admin2"],
            unplaced=tuple(dict.fromkeys(self.unplaced.get(sentence.index, ()))),
        )

    def _names(self, spot: Spot) -> dict[str, str | None]:
        """ACLED's ``country``, ``admin1`` and ``admin2`` names of a location."""
        out: dict[str, str | None] = {"country": None, "admin1": None, "admin2": None}
        gaz = self.gazetteer
        if spot.kind == "admin2":
            out["admin2"] = spot.name
        if spot.kind == "admin1":
            out["admin1"] = spot.name
        if gaz is None or not spot.country_code:
            return out
        country = gaz.country_place(spot.country_code)
        out["country"] = country.name if country else None
        if out["admin1"] is None and spot.admin1:
            out["admin1"] = gaz.admin1_name(spot.country_code, spot.admin1)
        return out

    # -- internals -------------------------------------------------------------------
    def _sentence_index(self, offset: int) -> int:
        import bisect

        i = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[i].index if i >= 0 else -1

    def _dateline(self, m: Mention) -> bool:
        """Whether ``m`` is a dateline ("BEIRUT:", "TEHRAN, Feb. 12 (MNA) –"): the
        first words of the report's first sentence, then a colon, dash or comma."""
        first = self.sentences[0] if self.sentences else None
        if first is None or m.sentence != first.index:
            return False
        lead = self.document.text[first.start:m.start]
        return not lead.strip(" \n\t\"'“(") and DATELINE_AFTER.match(
            self.document.text, m.end) is not None

    def _place_spot(self, r: Resolution) -> Spot | None:
        place, m = r.place, r.mention
        if place is None or m.type == "adjectival":
            return None
        text = self.document.text
        i = self._sentence_index(m.start)
        if i < 0:
            return None
        s0 = self._by_index[i].start
        before = text[max(s0, m.start - 60):m.start]
        if place.kind in ("admin1", "admin2") and (TOWN_BEFORE.search(before)
                                                   or TOWN_AFTER.match(text, m.end)):
            place = town_named(self.gazetteer, m.text, place)  # "the town of X": not the province X
        elif place.kind in POINT_KINDS and (AREA_BEFORE.search(before)
                                             or AREA_AFTER.match(text, m.end)):
            place = area_named(self.gazetteer, m.text, place)  # "the X department": the area
        locative = is_locative(before)
        frame = SPEECH_FRAME.search(before)
        if frame and not trigger_regex().search(frame.group(1)):
            return None
        near = bool(NEAR.search(before) or DIRECTION_OF.search(before))
        if not (locative or near or IN_PHRASE.search(before)) \
                and place.kind in ("country", "city", "admin1") and (
                METONYMY.match(text, m.end) or FORCES_AFTER.match(text, m.end)
                or trigger_regex().match(text, m.end + 1)):
            return None  # "Turkey's offensive", "the US backs out", "US troops", "Russia shelled"
        if SPEAKER_AFTER.match(text, m.end) or CONTAINER_OF.match(text, m.end) \
                or (not locative and TITLE_AFTER.match(text, m.end)) \
                or ROUTE.search(before) or ORIGIN.search(before):
            return None  # "the army said", "<country>'s southern city of X", "to the border town of X",
            # "labourers from X", "the X governor said"
        geom = (point(place) if place.kind in POINT_KINDS else place.geometry)
        precision = PRECISION.get(place.kind) or (
            r.precision if r.precision in PRECISION.values() else "town")
        geo = 3 if place.kind in AREA_KINDS else 2 if near or place.kind == "admin2" else 1
        rank = RANK.get(place.kind, 3.0)
        if place.kind in POINT_KINDS and (AREA_BEFORE.search(before)
                                           or AREA_AFTER.match(text, m.end)):
            rank, precision, geo = RANK["admin1"], "admin", 3  # "the province of Idlib"
        return Spot(rank, i, m.start, m.end, geom, (place.id,), (m,), precision,
                     place.country_code, place.name, locative, place.kind, place.admin1, geo)

    def _anchored(self, spot: Spot, z: Zone) -> Spot:
        """A zone set from towns at a distance and direction ("40 km north of Kherson")
        replaces them as a candidate: the event is at that point, near them
        (geo_precision 2), and ranks as they do. Set without a point ("east of Aleppo",
        "11 km from Mocimboa", "between Gao and Ansongo"), the towns stay, near them
        (ACLED codes the named place with geo_precision 2)."""
        if z.relation not in ANCHORED:
            return spot
        own = self.spots.get(spot.sentence, [])
        towns = [sp for sp in own if sp.kind != "zone" and sp.rank >= FINE
                 and spot.start <= sp.start and sp.end <= spot.end]
        if not towns:
            return spot
        if not z.derivation.startswith("destination("):  # no point: the town, near it
            within = z.geometry if z.relation == "offset" else None
            self.spots[spot.sentence] = [replace(sp, geo_precision=2, within=within)
                                         if sp in towns else sp for sp in own]
            return spot
        self.spots[spot.sentence] = [sp for sp in own if sp not in towns]
        return replace(spot, rank=max(sp.rank for sp in towns) - 0.5,
                       ids=tuple(i for sp in towns for i in sp.ids), geo_precision=2,
                       admin1=towns[0].admin1, country_code=towns[0].country_code)

    def _zone_spot(self, z: Zone) -> Spot | None:
        if z.geometry is None or not z.mentions:
            return None
        m0 = min(z.mentions, key=lambda m: m.start)
        i = self._sentence_index(m0.start)
        if i < 0:
            return None
        s0 = self._by_index[i].start
        locative = is_locative(self.document.text[max(s0, m0.start - 60):m0.start]) or \
            bool(re.match(r"(?i)(?:in|at|near|along|across|inside|into|within)\b", m0.text))
        geo = 2 if z.uncertainty_m <= NEAR_M else 3
        return Spot(ZONE_RANK, i, m0.start, max(m.end for m in z.mentions), z.geometry, (),
                     tuple(z.mentions), z.precision or "zone", z.country_code, z.name, locative,
                     "zone", None, geo)

    def _score(self, sp: Spot, match: EventMatch, sentence: Sentence) -> float:
        dist = (match.start - sp.end) if sp.end <= match.start else (sp.start - match.end)
        c0, c1 = clause_span(sentence.text, match.start - sentence.start,
                             match.end - sentence.start)
        same_clause = c0 <= sp.start - sentence.start and sp.end - sentence.start <= c1
        obj = sp.start >= match.end and is_object(self.document.text[match.end:sp.start])
        return (sp.rank * 10 + 5 * (sp.locative or obj) + 3 * same_clause
                - min(abs(dist), 300) / 60)

    def _finer_in(self, coarse: Spot, i: int) -> tuple[Spot, str] | None:
        """A town the report names inside the country, province or part of a country a
        sentence only names (for a country, a town's area too: "the X region"), or in
        the direction a sentence gives from a town ("east of Y"): where the last event
        happened, else in the next two sentences ("… killed in <country>. The ambush took
        place near <town>"); a zone there a tenth of the coarse area or less counts as
        such a town ("… in southwestern <country>. The troops were on patrol in the north
        of X department")."""
        area = coarse.geometry

        def inside(sp: Spot) -> bool:
            town_area = coarse.kind == "country" and sp.kind in POINT_KINDS  # "the X region"
            small = sp.kind == "zone" and sp.start != coarse.start and area is not None \
                and 0 < sp.geometry.area <= area.area / 10
            if (sp.rank < FINE and not (small or town_area)) \
                    or sp.country_code != coarse.country_code \
                    or (sp.ids == coarse.ids and not small):
                return False
            if area is not None and area.geom_type in ("Polygon", "MultiPolygon"):
                return bool(area.buffer(0.05).covers(sp.geometry.representative_point()))
            return coarse.kind == "country" or (coarse.admin1 is not None
                                                and sp.admin1 == coarse.admin1)

        if self.frame is not None and inside(self.frame[1]):
            return self.frame[1], f"report frame (sentence {self.frame[0]})"
        for j in (i + 1, i + 2):
            fine = [sp for sp in self.spots.get(j, ()) if inside(sp)]
            if fine:
                return max(fine, key=lambda sp: (sp.locative, sp.rank)), \
                    f"report: finer place (sentence {j})"
        return None

    def _told_place(self, match: EventMatch) -> tuple[Spot, str] | None:
        """The place a sentence of the report states for an incident of the match's type
        ("the governor of X region, where the clashes occurred"), for an event whose own
        sentence names no more than a country."""
        for j in sorted(self.spots):
            text = self.document.text
            for sp in self.spots[j]:
                if sp.kind == "zone" or sp.rank <= RANK["country"]:
                    continue
                m = WHERE_IT_HAPPENED.match(text, sp.end)
                if m is None:
                    continue
                noun = trigger_regex().match(m.group("noun"))
                if noun is None:
                    continue
                told = trigger_by_key(noun.lastgroup or "")
                if told.event_type == match.event_type or told.weak:
                    return sp, f"report: where it happened (sentence {j})"
        return None

    def _coreferent(self, i: int, head: str, min_rank: float) -> tuple[int, Spot | None]:
        n = len(self.sentences)
        order = (j for d in range(1, n) for j in (i - d, i + d) if 0 <= j < n)
        for j in order:
            if head not in self.heads(j):
                continue
            cands = [sp for sp in self.spots.get(j, ()) if sp.rank >= max(min_rank, 0.5)]
            if cands:
                return j, max(cands, key=lambda sp: (sp.rank, sp.locative))
        return -1, None


def locate(matches: list[EventMatch], sentence: Sentence, document: Document,
           sentences: list[Sentence], resolutions: list[Resolution], zones: list[Zone], *,
           include_unasserted: bool = False) -> list[Event]:
    """Build located :class:`~geo.model.Event` objects for the matches of one sentence.

    Parameters
    ----------
    matches : list of EventMatch
        From :func:`geo.events.detect` on ``sentence``.
    sentence : Sentence
    document : Document
    sentences : list of Sentence
        All sentences of the document.
    resolutions : list of Resolution
        All resolved mentions of the document.
    zones : list of Zone
        All zones of the document.
    include_unasserted : bool
        Also build events for planned/hypothetical/negated/generic matches (their
        ``modality`` says so). Default: only asserted and reported ones.

    Returns
    -------
    list of Event
        Matches that no place fits are left out.
    """
    loc = Locator(document, sentences, resolutions, zones)
    out = []
    for m in matches:
        if not (m.is_real or include_unasserted):
            continue
        ev = loc.event(m, sentence)
        if ev is not None:
            out.append(ev)
    return out

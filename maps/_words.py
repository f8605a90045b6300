"""What was decided about a feature, in words, for its popup.

The export says ``part(SY, northeast)``, ``precision: town``, ``located_by:
document``; an analyst reads "the northeast part of Syria", "the town itself",
"the report's main place". :func:`said` turns a feature's properties into
(label, text) rows. Properties that some exports lack (ACLED's ``geo_precision``
and ``time_precision``, ``location``, a count phrase, ``resolved``) are read
when present and of the expected type, and ignored otherwise.

Examples
--------
>>> derivation_words("SY ∩ buffer(border(TR, SY), 30 km) + 2 km margin",
...                  {"SY": "Syria", "TR": "Turkey"})
'Syria within 30 km of the border with Turkey'
>>> derivation_words("destination(Kherson, 40 km, 0°) ±22.5° ±8.5 km", {})
'about 40 km north of Kherson'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from maps._contract import Feature

__all__ = ["GEO_PRECISION", "PRECISION", "TIME_PRECISION", "derivation_words", "said"]

#: The export's ``precision``, as a reader asks "how sure is this location?".
PRECISION = {
    "exact": "exact: coordinates or a named site",
    "town": "the town or village itself",
    "admin": "an administrative area (province, district)",
    "country": "the country only",
    "region": "a region (wider than a province)",
    "zone": "an area derived from the text",
}
#: ACLED's geo_precision codes in the codebook's terms.
GEO_PRECISION = {
    1: "1: the place named itself (a town or finer)",
    2: "2: near the place named, or a part of a region (placed at the nearest town)",
    3: "3: only a larger region (placed at its capital or centre)",
}
#: ACLED's time_precision codes.
TIME_PRECISION = {1: "1: the day is known", 2: "2: within a week", 3: "3: within a month"}
_DATE_PRECISION = {
    "day": "the day is known",
    "week": "within a week",
    "weekend": "the weekend",
    "month": "within a month",
    "year": "within a year",
}
_LOCATED_BY = {
    "sentence": "a place named in the same sentence",
    "there": "\u201cthere\u201d: the place named just before",
    "document": "the report's main place (its sentence names none)",
}
_COMPASS = ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")

_FORMS: tuple[tuple[re.Pattern[str], Callable[..., str]], ...] = (
    (re.compile(r"^(\w\w) ∩ buffer\(border\((\w\w), \w\w\), ([\d.]+ k?m)\)"),
     lambda n, a, b, d: f"{n(a)} within {d} of the border with {n(b)}"),
    (re.compile(r"^part\((.+), (\w+)\)$"), lambda n, a, d: f"the {_adjective(d)} part of {n(a)}"),
    (re.compile(r"^central\((.+), ([\d.]+ k?m)\)$"),
     lambda n, a, r: f"the centre of {n(a)} (within {r})"),
    (re.compile(r"^around\((.+), ([\d.]+ k?m)\)$"), lambda n, a, r: f"within {r} of {n(a)}"),
    (re.compile(r"^buffer\((.+), ([\d.]+ k?m)\)$"), lambda n, a, r: f"within {r} of {n(a)}"),
    (re.compile(r"^corridor\((.+), (.+), ([\d.]+ k?m)\)$"),
     lambda n, a, b, w: f"the way between {n(a)} and {n(b)} ({w} wide)"),
    (re.compile(r"^destination\((.+), ([\d.]+ k?m), ([\d.]+)°\)"),
     lambda n, a, d, deg: f"about {d} {_compass(deg)} of {n(a)}"),
    (re.compile(r"^sector\((.+), (\w+), ([\d.]+ k?m)\)$"),
     lambda n, a, d, r: f"{d} of {n(a)}, up to {r} away"),
    (re.compile(r"^ring\((.+), ([\d.]+ k?m)\W+([\d.]+ k?m)\)$"),
     lambda n, a, r1, r2: f"the edge of {n(a)}, {r1} to {r2} from its centre"),
    (re.compile(r"^side\((.+), (\w+), (\w\w)\)$"),
     lambda n, a, d, c: f"the {d} side of {n(a)} (in {n(c)})"),
)


def _adjective(direction: str) -> str:
    """"northeast" -> "north-eastern"; other words stay as they are."""
    parts = re.fullmatch(r"(north|south)?(east|west)?", direction)
    if not parts or not direction:
        return direction
    words = [w + ("ern" if w in ("east", "west") or not parts.group(2) else "") for w in
             parts.groups() if w]
    return "-".join(words) if len(words) == 1 else f"{words[0]}-{words[1]}"


def _compass(degrees: str) -> str:
    return _COMPASS[round(float(degrees) / 45.0) % 8]


def derivation_words(derivation: str, names: Mapping[str, str]) -> str:
    """A zone's derivation in words; the derivation itself when its form is not known.

    `names` gives a country's name for its ISO code (codes without one stay codes).
    """
    def name(token: str) -> str:
        return names.get(token, token)

    for pattern, words in _FORMS:
        match = pattern.match(derivation.strip())
        if match:
            return words(name, *match.groups())
    return derivation


def _km(metres: float) -> str:
    return f"{metres / 1000:.1f} km".replace(".0 km", " km") if metres >= 1000 else \
        f"{round(metres)} m"


def _int(props: Mapping[str, Any], key: str) -> int | None:
    value = props.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(props: Mapping[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = props.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


class Context:
    """What the popups need to know of the whole collection: names by id, code and document."""

    def __init__(self, features: Sequence[Feature], country_names: Mapping[str, str]) -> None:
        self.countries = dict(country_names)
        self.places: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        for f in features:
            if f.kind == "place" and f.gazetteer_id and f.name:
                self.places.setdefault(f.gazetteer_id, f.name)
            if f.kind == "place" and f.precision == "country" and f.country_code and f.name:
                self.countries.setdefault(f.country_code, f.name)
            if f.source and f.source.title:
                self.titles.setdefault(f.doc, f.source.title)

    def country(self, code: str | None) -> str | None:
        return None if code is None else self.countries.get(code, code)


def _where(f: Feature, ctx: Context) -> str | None:
    """The place a feature was put at, named with its country."""
    props = f.props
    name = _text(props, "location")
    if name is None and f.kind == "event":
        ids = [i for i in props.get("places") or () if isinstance(i, str)]
        names = list(dict.fromkeys(ctx.places.get(i, i) for i in ids))
        name = ", ".join(names) or None
    if name is None and f.kind == "place":
        name = f.name
    country = ctx.country(f.country_code)
    if name and country and country != name:
        return f"{name}, {country}"
    return name or country


def _place_rows(f: Feature, ctx: Context, row: Callable[[str, str | None], None]) -> None:
    props = f.props
    reason = _text(props, "reason")
    if f.geometry is None:
        row("Not located", reason or "the gazetteer has no place of this name")
    elif props.get("resolved") is False:
        row("Not in the gazetteer", "placed at what contains it" +
            (f" ({reason})" if reason else ""))
    if f.geometry is not None:
        kind = _text(props, "place_kind")
        where = _where(f, ctx)
        row("Placed at", where + (f" ({kind})" if kind and kind != f.precision else "")
            if where else None)
    alternatives = [a for a in props.get("alternatives") or () if isinstance(a, str)]
    if alternatives:
        row("Other candidates", f"{len(alternatives)} (same name, ranked lower)")


def _event_rows(f: Feature, ctx: Context, row: Callable[[str, str | None], None]) -> None:
    props = f.props
    row("Placed at", _where(f, ctx))
    how = _text(props, "located_by")
    if how:
        if how.startswith("coreference"):
            row("Found by", "an earlier mention of the same place" +
                (f" ({how.split(':', 1)[1].strip()})" if ":" in how else ""))
        else:
            row("Found by", _LOCATED_BY.get(how, how))
    geo = _int(props, "geo_precision")
    row("Geo-precision", GEO_PRECISION.get(geo) if geo is not None else None)
    when = f.date
    time = _int(props, "time_precision")
    words = TIME_PRECISION.get(time) if time is not None else \
        _DATE_PRECISION.get(_text(props, "date_precision") or "")
    row("Date", f"{when} ({words})" if when and words else when or
        ("not given in the report" if f.kind == "event" else None))
    phrase = _text(props, "count_phrase", "count_text")
    if f.count is not None:
        number = f"{f.count:g}"
        row("Count", f"{number} (\u201c{phrase}\u201d)" if phrase else number)
    elif phrase:
        row("Count", f"\u201c{phrase}\u201d")
    for key, label in (("fatalities", "Fatalities"), ("injured", "Injured")):
        value = _int(props, key)
        if value is not None and not (key == "fatalities" and value == f.count):
            row(label, str(value))
    docs = []
    for item in props.get("sources") or ():
        doc = item if isinstance(item, str) else item.get("doc") if isinstance(item, Mapping) \
            else None
        if isinstance(doc, str) and doc not in docs:
            docs.append(doc)
    if docs:
        row("Sources", "; ".join(ctx.titles.get(d, d) for d in docs))


def said(f: Feature, ctx: Context) -> list[list[str]]:
    """The popup's rows of decisions for one feature: [[label, text], ...]."""
    rows: list[list[str]] = []

    def row(label: str, text: str | None) -> None:
        if text:
            rows.append([label, text])

    if f.kind == "event":
        _event_rows(f, ctx, row)
    elif f.kind == "place":
        _place_rows(f, ctx, row)
    else:
        row("Area", derivation_words(f.derivation, ctx.countries) if f.derivation else None)
        row("In", ctx.country(f.country_code))
    row("Precision", PRECISION.get(f.precision or ""))
    if f.uncertainty_m:
        row("Uncertainty", f"\u00b1 {_km(f.uncertainty_m)}")
    return rows

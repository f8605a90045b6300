"""`geo export --format geojson|gpkg|csv|parquet|kml`: the seeds exported with the
real command line and read back with geopandas (CSV with pandas)."""
from __future__ import annotations

import io
import json
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import shapely

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
LAYERS = {"place": "places", "zone": "zones", "event": "events"}
SUFFIX = {"geojson": "geojson", "gpkg": "gpkg", "csv": "csv", "parquet": "parquet",
          "kml": "kml", "acled": "csv"}


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, check=False)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("exports")


@pytest.fixture(scope="module")
def exported(out_dir, gaz):
    """Export the seeds once per format (lazily); returns the path."""
    done: dict[str, Path] = {}

    def get(fmt: str) -> Path:
        if fmt not in done:
            path = out_dir / f"seeds.{SUFFIX[fmt]}"
            res = run("export", "seeds/", "--format", fmt, "-o", str(path))
            assert res.returncode == 0, res.stderr
            assert path.is_file() and not list(out_dir.glob("*.part"))
            done[fmt] = path
        return done[fmt]

    return get


@pytest.fixture(scope="module")
def reference(exported):
    """The GeoJSON export's features, grouped by kind, in order."""
    fc = json.loads(exported("geojson").read_text(encoding="utf-8"))
    groups: dict[str, list] = {k: [] for k in LAYERS}
    for f in fc["features"]:
        groups[f["properties"]["kind"]].append(f)
    assert groups["place"] and groups["zone"] and groups["event"]
    return groups


def _none(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) or v == "" else v


def _same_rows(ref: list, names, ids, lats, lons, label: str) -> None:
    assert len(names) == len(ref), label
    for i, f in enumerate(ref):
        p = f["properties"]
        assert names[i] == p["name"], (label, i)
        assert _none(ids[i]) == p.get("gazetteer_id"), (label, i, p["name"])
        for got, want in ((lats[i], p.get("lat")), (lons[i], p.get("lon"))):
            if want is None:
                assert _none(got) is None, (label, i)
            else:
                assert abs(float(got) - want) <= 1e-6, (label, i, p["name"])


def _same_geometry(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a = shapely.force_2d(shapely.geometry.shape(a) if isinstance(a, dict) else a)
    b = shapely.force_2d(shapely.geometry.shape(b) if isinstance(b, dict) else b)
    return a.equals_exact(b, 1e-6) or (a.geom_type.removeprefix("Multi") ==
                                       b.geom_type.removeprefix("Multi") and
                                       a.symmetric_difference(b).area < 1e-9 and
                                       a.hausdorff_distance(b) < 1e-6)


def test_formats_listed():
    from geo.output import FORMATS

    assert set(FORMATS) == {"geojson", "gpkg", "csv", "parquet", "kml", "acled"}


def test_geojson_reads_back(exported, reference):
    import geopandas

    gdf = geopandas.read_file(exported("geojson"))
    assert Counter(gdf["kind"]) == Counter({k: len(v) for k, v in reference.items()})
    docs = set(gdf["doc"])
    assert len(docs) == len(list(SEEDS.glob("*.txt")))


def test_geojson_follows_rfc7946(exported):
    text = exported("geojson").read_text(encoding="utf-8")
    fc = json.loads(text)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc

    def positions(c):
        if isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from positions(x)

    for f in fc["features"]:
        assert "crs" not in f and f["type"] == "Feature"
        g = f["geometry"]
        if g is None:
            continue
        for pos in positions(g["coordinates"]):
            assert len(pos) == 2 and -180 <= pos[0] <= 180 and -90 <= pos[1] <= 90
            for x in pos:
                s = repr(float(x))
                assert "e" not in s and len(s.partition(".")[2]) <= 6, s
        shape = shapely.geometry.shape(g)
        assert shape.is_valid, (f["properties"]["name"], shapely.is_valid_reason(shape))
        for poly in shapely.get_parts(shape):
            if poly.geom_type != "Polygon":
                continue
            assert poly.exterior.is_ccw, f["properties"]["name"]
            assert all(not ring.is_ccw for ring in poly.interiors), f["properties"]["name"]
        if "bbox" in f:
            minx, miny, maxx, maxy = f["bbox"]
            bx = shape.bounds
            assert minx <= bx[0] and miny <= bx[1] and maxx >= bx[2] and maxy >= bx[3]


def test_gpkg_round_trip(exported, reference):
    import geopandas
    import pyogrio

    path = exported("gpkg")
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == set(LAYERS.values())
    for kind, layer in LAYERS.items():
        gdf = geopandas.read_file(path, layer=layer)
        assert gdf.crs.to_epsg() == 4326
        ids = gdf["gazetteer_id"] if "gazetteer_id" in gdf else [None] * len(gdf)
        _same_rows(reference[kind], list(gdf["name"]), list(ids), list(gdf["lat"]),
                   list(gdf["lon"]), f"gpkg/{layer}")
        for f, g in zip(reference[kind], gdf.geometry):
            assert _same_geometry(f["geometry"], g), (layer, f["properties"]["name"])
        mentions = json.loads(gdf["mentions"].iloc[0])
        assert mentions == reference[kind][0]["properties"]["mentions"]
        assert json.loads(gdf["source"].iloc[0]) == reference[kind][0]["properties"]["source"]


def test_parquet_round_trip(exported, reference):
    import geopandas

    gdf = geopandas.read_parquet(exported("parquet"))
    assert gdf.crs.to_epsg() == 4326
    for kind in LAYERS:
        part = gdf[gdf["kind"] == kind]
        _same_rows(reference[kind], list(part["name"]), list(part["gazetteer_id"]),
                   list(part["lat"]), list(part["lon"]), f"parquet/{kind}")
        for f, g in zip(reference[kind], part.geometry):
            assert _same_geometry(f["geometry"], g), (kind, f["properties"]["name"])
    ev = gdf[gdf["kind"] == "event"].iloc[0]
    assert json.loads(ev["actors"]) == reference["event"][0]["properties"]["actors"]


def test_csv_round_trip(exported, reference):
    import pandas

    from geo.output.tables import CSV_COLUMNS

    df = pandas.read_csv(exported("csv"), dtype={"gazetteer_id": str, "date": str})
    assert tuple(df.columns) == CSV_COLUMNS
    all_refs = [f for k in LAYERS for f in reference[k]]
    assert len(df) == sum(max(1, len(f["properties"]["mentions"])) for f in all_refs)
    firsts = df.groupby("feature", sort=True).first()
    for kind in LAYERS:
        part = firsts[firsts["kind"] == kind]
        _same_rows(reference[kind], list(part["name"]), list(part["gazetteer_id"]),
                   list(part["lat"]), list(part["lon"]), f"csv/{kind}")
    # every mention is a row, offsets intact
    place = reference["place"][0]["properties"]
    rows = df[(df["kind"] == "place") & (df["doc"] == place["doc"]) & (df["name"] == place["name"])]
    assert sorted(zip(rows["start"], rows["end"], rows["mention_text"])) == sorted(
        (m["start"], m["end"], m["text"]) for m in place["mentions"])
    ev = next(f["properties"] for f in reference["event"] if f["properties"]["actors"])
    row = df[(df["kind"] == "event") & (df["name"] == ev["name"]) & (df["doc"] == ev["doc"])]
    assert row["actors"].iloc[0] == ";".join(ev["actors"])
    assert row["event_type"].iloc[0] == ev["event_type"]


def test_kml_round_trip(exported, reference):
    import geopandas
    import pyogrio

    path = exported("kml")
    ET.parse(path)  # well-formed XML
    assert {name for name, _ in pyogrio.list_layers(path)} == set(LAYERS.values())
    for kind, layer in LAYERS.items():
        gdf = geopandas.read_file(path, layer=layer)
        ids = gdf["gazetteer_id"] if "gazetteer_id" in gdf else [None] * len(gdf)
        _same_rows(reference[kind], list(gdf["Name"]), list(ids), list(gdf["lat"]),
                   list(gdf["lon"]), f"kml/{layer}")
        assert list(gdf["description"]) == [f["properties"]["quote"] for f in reference[kind]]
        for f, g in zip(reference[kind], gdf.geometry):
            assert _same_geometry(f["geometry"], g), (layer, f["properties"]["name"])


def test_kml_escapes_text():
    from geo.output.kml import kml_document

    f = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
        [[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.1], [0.3, 0.2], [0.3, 0.1], [0.2, 0.1]]]},
         "properties": {"kind": "zone", "name": 'A & B <"C">', "quote": "x\x0c < y & ]]>",
                        "actors": ["R&D", "<b>"]}}
    root = ET.fromstring("".join(kml_document([f])).encode())
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    pm = root.find(".//k:Placemark", ns)
    assert pm.find("k:name", ns).text == 'A & B <"C">'
    assert pm.find("k:description", ns).text == "x < y & ]]>"
    data = {d.get("name"): d.find("k:value", ns).text for d in pm.iter(f"{{{ns['k']}}}Data")}
    assert data["actors"] == "R&D;<b>"
    assert pm.find(".//k:innerBoundaryIs", ns) is not None


def test_csv_to_stdout_with_written_coordinates(gaz):
    import pandas

    text = "An airstrike hit a farm at 36°41′N 38°57′E near Tel Abyad on 14 October 2019."
    res = run("export", "-", "--format", "csv", "-o", "-", stdin=text)
    assert res.returncode == 0, res.stderr
    df = pandas.read_csv(io.StringIO(res.stdout))
    row = df[df["mention_text"] == "36°41′N 38°57′E"].iloc[0]
    assert row["kind"] == "place" and row["precision"] == "exact"
    assert row["gazetteer_id"] == "coord:36.6833,38.95"
    assert abs(row["lat"] - 36.683333) < 1e-6 and abs(row["lon"] - 38.95) < 1e-6
    assert text[row["start"]:row["end"]] == row["mention_text"]


@pytest.mark.parametrize("fmt", ["gpkg", "parquet", "kml"])
def test_binary_formats_refuse_stdout(fmt):
    res = run("export", "-", "--format", fmt, stdin="Clashes in Aleppo.")
    assert res.returncode != 0
    assert "standard output" in res.stderr and "Traceback" not in res.stderr


def test_unknown_format_is_a_usage_error():
    res = run("export", "-", "--format", "shp", stdin="Clashes in Aleppo.")
    assert res.returncode == 2 and "--format" in res.stderr


def test_map_of_exported_geojson(exported, out_dir):
    html = out_dir / "seeds-map.html"
    res = run("map", str(exported("geojson")), "-o", str(html))
    assert res.returncode == 0, res.stderr
    assert html.is_file() and re.search(r"<html", html.read_text(encoding="utf-8"), re.IGNORECASE)


# -- antimeridian (RFC 7946 §3.1.9) -----------------------------------------
def _within_range(g: dict) -> bool:
    shape = shapely.geometry.shape(g)
    minx, miny, maxx, maxy = shape.bounds
    return -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90


@pytest.mark.parametrize("geom, kind, parts", [
    pytest.param(shapely.box(178, -18, 182, -16), "MultiPolygon", 2, id="beyond-180"),
    pytest.param(shapely.box(-182, 50, -178, 52), "MultiPolygon", 2, id="beyond-minus-180"),
    pytest.param(shapely.Polygon([(178, -18), (-178, -18), (-178, -16), (178, -16)]),
                 "MultiPolygon", 2, id="wrapped-jump"),
    pytest.param(shapely.Polygon([(170, -10), (-170, -10), (-170, 10), (170, 10)],
                                 [[(175, -1), (179, -1), (179, 1), (175, 1)]]),
                 "MultiPolygon", 2, id="with-hole"),
    pytest.param(shapely.LineString([(175, 60), (-175, 62)]), "MultiLineString", 2,
                 id="line-wrapped"),
    pytest.param(shapely.LineString([(175, 60), (185, 62)]), "MultiLineString", 2,
                 id="line-beyond"),
    pytest.param(shapely.MultiPolygon([shapely.box(178, 0, 181, 1), shapely.box(0, 0, 1, 1)]),
                 "MultiPolygon", 3, id="multipolygon"),
])
def test_antimeridian_split(geom, kind, parts):
    from geo.output.features import clean_geometry

    g = clean_geometry(geom)
    assert g["type"] == kind and len(g["coordinates"]) == parts
    assert _within_range(g)
    shape = shapely.geometry.shape(g)
    assert shape.is_valid
    if kind == "MultiPolygon":
        assert shape.area == pytest.approx(_unwrapped_area(geom), rel=1e-6)
        for poly in shape.geoms:
            assert poly.exterior.is_ccw and all(not r.is_ccw for r in poly.interiors)
        xs = [x for poly in shape.geoms for x, _ in poly.exterior.coords]
        assert 180 in xs and -180 in xs


def _unwrapped_area(geom) -> float:
    from gazetteer.antimeridian import _unwrapped

    return sum(_unwrapped(p).area for p in shapely.get_parts(geom))


@pytest.mark.parametrize("geom", [
    pytest.param(shapely.box(30, 30, 40, 40), id="ordinary"),
    pytest.param(shapely.Polygon([(-180, -80), (0, -80), (180, -80), (180, -90), (-180, -90)]),
                 id="round-the-pole"),
    pytest.param(shapely.Point(179.5, 10), id="point"),
])
def test_antimeridian_leaves_others_alone(geom):
    from geo.output.features import clean_geometry

    g = clean_geometry(geom)
    assert g["type"] == geom.geom_type
    assert shapely.geometry.shape(g).equals(geom)


def test_zone_across_antimeridian_exports_split(tmp_path):
    """A whole feature: a zone around Taveuni (Fiji) straddling 180°."""
    from geo.output import write
    from geo.model import Document, Mention, Sentence, Zone
    from geo.result import ParsedDocument

    text = "Flooding hit the area within 40 km of Taveuni."
    doc = Document("fiji", text)
    m = Mention(17, len(text) - 1, text[17:-1], "expression", 0, "fiji")
    zone = Zone(text[17:-1], (m,), shapely.Point(179.9, -16.8).buffer(0.4), "buffer(Taveuni, 40 km)",
                40_000.0, country_code="FJ")
    pd = ParsedDocument(doc, (Sentence(0, 0, len(text), text),), (), (zone,), ())
    (f,) = pd.features()
    assert f["geometry"]["type"] == "MultiPolygon" and _within_range(f["geometry"])
    assert shapely.geometry.shape(f["geometry"]).is_valid
    out = tmp_path / "fiji.geojson"
    write([f], out, "geojson")
    back = json.loads(out.read_text())["features"][0]
    assert back["geometry"]["type"] == "MultiPolygon"


# -- ACLED -----------------------------------------------------------------------------

def test_acled_has_one_row_per_event_under_acled_columns(exported, reference):
    import csv

    from geo.output.acled import ACLED_COLUMNS

    with open(exported("acled"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    events = reference["event"]
    assert len(rows) == len(events)
    for row, ev in zip(rows, events):
        p = ev["properties"]
        assert row["event_type"] == p["event_type"]
        assert row["sub_event_type"] == p["sub_event_type"]
        assert row["event_id_cnty"][:3].isalpha() and row["event_id_cnty"][3:].isdigit()
        assert row["geo_precision"] in ("1", "2", "3")
        assert row["time_precision"] in ("", "1", "2", "3")
        assert row["fatalities"].isdigit()
        assert p["quote"] in row["notes"]
        if p.get("date"):
            assert row["event_date"] == p["date"] and row["year"] == p["date"][:4]
        assert math.isclose(float(row["latitude"]), p["lat"])
    assert {r["country"] for r in rows} <= {"Syria", "Turkey", "Iraq", "Ukraine", "Sudan",
                                            "Yemen", "Mali"}
    numbers = [r["event_id_cnty"] for r in rows]
    assert len(set(numbers)) == len(numbers)


def test_acled_quotes_carriage_returns_and_neutralises_formulas(tmp_path):
    import csv

    from geo.output.acled import write_acled

    feat = {"type": "Feature", "geometry": None, "properties": {
        "kind": "event", "doc": "d", "event_type": "Riots", "sub_event_type": "Mob violence",
        "country_code": "SY", "quote": "=HYPERLINK(1)\rSecond line", "date": "2024-01-02",
        "fatalities": 0, "source": {"title": "@title"}}}
    path = tmp_path / "a.csv"
    write_acled([feat], path)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1
    assert rows[0]["notes"] == "'=HYPERLINK(1)\rSecond line"
    assert rows[0]["source"] == "'@title" and rows[0]["event_id_cnty"] == "SYR1"

"""Streamed exports: writers take features one at a time (a one-shot iterator), the
formats written by kind park them on disk and write in chunks, and the file is
the same whatever the chunk size; shared outlines are spooled once; the map's
panel stays linear for a place named in many reports."""
from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def features(seed_results):
    return [f for pd in seed_results.values() for f in pd.features()]


def _write(fmt, features, path, chunk, monkeypatch):
    import geo.output.spool as spool
    from geo.output import write

    monkeypatch.setattr(spool, "CHUNK", chunk)
    write(iter(features), path, fmt)  # a one-shot iterator, never a list


def test_gpkg_in_chunks_is_the_whole(features, tmp_path, monkeypatch):
    import pyogrio

    _write("gpkg", features, tmp_path / "whole.gpkg", 10**6, monkeypatch)
    _write("gpkg", features, tmp_path / "chunks.gpkg", 7, monkeypatch)
    layers = pyogrio.list_layers(tmp_path / "whole.gpkg").tolist()
    assert layers == pyogrio.list_layers(tmp_path / "chunks.gpkg").tolist()
    assert [name for name, _ in layers] == ["places", "zones", "events"]
    for name, _ in layers:
        a = pyogrio.read_dataframe(tmp_path / "whole.gpkg", layer=name)
        b = pyogrio.read_dataframe(tmp_path / "chunks.gpkg", layer=name)
        assert len(a) > 7 or name != "places"
        assert list(a.dtypes) == list(b.dtypes) and a.equals(b), name


def test_parquet_in_row_groups_is_the_whole(features, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    _write("parquet", features, tmp_path / "whole.parquet", 10**6, monkeypatch)
    _write("parquet", features, tmp_path / "chunks.parquet", 7, monkeypatch)
    a, b = pq.read_table(tmp_path / "whole.parquet"), pq.read_table(tmp_path / "chunks.parquet")
    assert pq.ParquetFile(tmp_path / "chunks.parquet").num_row_groups == -(-len(features) // 7)
    assert a.schema.equals(b.schema) and a.equals(b)
    geo_a, geo_b = (json.loads(t.schema.metadata[b"geo"]) for t in (a, b))
    assert geo_a["columns"] == geo_b["columns"]
    assert [row["kind"] for row in b.select(["kind"]).to_pylist()] == \
        [f["properties"]["kind"] for f in features]  # feature order, kinds mixed


def test_kml_in_chunks_is_the_whole(features, tmp_path, monkeypatch):
    _write("kml", features, tmp_path / "whole.kml", 10**6, monkeypatch)
    _write("kml", features, tmp_path / "chunks.kml", 3, monkeypatch)
    assert (tmp_path / "whole.kml").read_bytes() == (tmp_path / "chunks.kml").read_bytes()
    assert not list(tmp_path.glob(".geo-spool*"))


def test_geojson_to_stdout_streams_the_same_text(features, capsys):
    from geo.output.geojson import feature_collection, write_geojson

    write_geojson(iter(features), None)
    assert capsys.readouterr().out == json.dumps(feature_collection(features),
                                                 ensure_ascii=False) + "\n"


def test_spool_writes_a_shared_outline_once(tmp_path):
    from geo.output.spool import Spool

    outline = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 1], [0, 0]]]}
    feats = [{"type": "Feature", "geometry": outline,
              "properties": {"kind": "place", "doc": f"d{i}", "name": "X"}} for i in range(50)]
    with Spool(iter(feats), tmp_path) as spool:
        (kind, spooled), = spool.kinds()
        spooled.file.seek(0)
        assert spooled.file.read().count('"coordinates"') == 1
        assert spooled.bbox == (0, 0, 2, 1) and list(spooled.geometry_types) == ["Polygon"]
        (props, geoms), = spooled.chunks(100, lambda g: g)
        assert geoms == [outline] * 50 and props[49]["doc"] == "d49"


def test_big_country_outline_simplified_to_its_scale(parser):
    from geo.output.features import OUTLINE_SCALE

    f = next(f for f in parser.parse("Sanctions on Russia were extended.").features()
             if f["properties"].get("place_kind") == "country")
    import shapely

    g = shapely.geometry.shape(f["geometry"])
    minx, miny, maxx, maxy = g.bounds
    tolerance = max(maxx - minx, maxy - miny) / OUTLINE_SCALE
    assert tolerance > 0.1
    assert shapely.get_num_coordinates(g) < 5000
    assert g.contains(shapely.Point(f["properties"]["lon"], f["properties"]["lat"]))


def _same_place(n):
    feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.16, 36.2]},
              "properties": {"kind": "place", "doc": f"r{i}", "name": "Aleppo",
                             "gazetteer_id": "geonames:170063", "quote": f"Shelling in Aleppo {i}.",
                             "mentions": [{"text": "Aleppo", "start": 12, "end": 18,
                                           "type": "toponym", "sentence": 0}]}}
             for i in range(n)]
    return {"type": "FeatureCollection", "features": feats}


def test_panel_of_one_place_in_many_reports_is_linear():
    from maps._contract import parse_features
    from maps._page import _payload
    from maps._panel import build_panel

    for n in (50, 400):
        feats = parse_features(_same_place(n))
        panel = build_panel(feats, None)
        assert len(panel.groups) == 1 and len(panel.groups[0]) == n
        assert panel.refs[3][0] == (3, "0") and len(panel.refs[3]) == n  # own first, then all
        assert set(panel.refs[3]) == {(i, "0") for i in range(n)}
        payload = _payload(feats, panel, None, "t")
        assert sum(len(f["quotes"]) for f in payload["features"]) == n  # not n * n
        assert payload["features"][3]["qg"] == 0

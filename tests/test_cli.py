"""The command line, as a user runs it."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT)


@pytest.mark.parametrize("command", [[], ["map"], ["export"], ["resolve"], ["gazetteer"],
                                     ["gazetteer", "build"], ["gazetteer", "info"]])
def test_every_command_has_help(command):
    out = run(*command, "--help")
    assert out.returncode == 0 and "Usage:" in out.stdout


def test_export_seeds_geojson(tmp_path, gaz):
    out = tmp_path / "seeds.geojson"
    res = run("export", str(SEEDS), "-o", str(out))
    assert res.returncode == 0, res.stderr
    fc = json.loads(out.read_text())
    kinds = {f["properties"]["kind"] for f in fc["features"]}
    assert "place" in kinds
    docs = {f["properties"]["doc"] for f in fc["features"]}
    assert len(docs) == len(list(SEEDS.glob("*.txt")))


def test_stdin_and_jsonl(tmp_path, gaz):
    res = run("export", "-", stdin="Shelling hit Kharkiv and Kherson overnight.")
    assert res.returncode == 0, res.stderr
    names = {f["properties"]["name"] for f in json.loads(res.stdout)["features"]}
    assert {"Kharkiv", "Kherson"} <= names
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": "Clashes in Aleppo."}) + "\n"
                     + "{broken\n" + json.dumps({"id": "c"}) + "\n")
    out = tmp_path / "o.geojson"
    res = run("export", str(jsonl), "-o", str(out))
    assert res.returncode == 1
    assert "in.jsonl:2" in res.stderr and "in.jsonl:3" in res.stderr
    fc = json.loads(out.read_text())
    assert {f["properties"]["doc"] for f in fc["features"]} == {"a"}


def test_resolve_json(gaz):
    res = run("resolve", "Tel Abyad", "--country", "SY", "--json")
    assert res.returncode == 0, res.stderr
    first = json.loads(res.stdout)[0]
    assert first["gazetteer_id"] == "geonames:163750"
    assert set(first) >= {"gazetteer_id", "name", "country_code", "lat", "lon", "score"}


def _bad_inputs(tmp: Path):
    (tmp / "empty.txt").write_text("   \n")
    (tmp / "doc.pdf").write_bytes(b"%PDF-1.4\n%binary")
    (tmp / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp / "data.gz").write_bytes(gzip.compress(b"hello"))
    return {"missing": [str(tmp / "nope.txt")], "empty": [str(tmp / "empty.txt")],
            "pdf": [str(tmp / "doc.pdf")], "png": [str(tmp / "img.png")],
            "gzip": [str(tmp / "data.gz")]}


@pytest.mark.parametrize("case", ["missing", "empty", "pdf", "png", "gzip"])
def test_bad_input_gets_one_line_and_exit_1(tmp_path, case, gaz):
    args = _bad_inputs(tmp_path)[case]
    res = run("export", *args, "-o", str(tmp_path / "out.geojson"))
    assert res.returncode == 1
    lines = [l for l in res.stderr.splitlines() if l.strip()]
    assert lines and all(l.startswith("geo: error:") for l in lines), res.stderr
    assert "Traceback" not in res.stderr and Path(args[0]).name in res.stderr
    assert not (tmp_path / "out.geojson").exists()


def test_bad_document_in_a_batch_is_skipped_the_rest_kept(tmp_path, gaz):
    _bad_inputs(tmp_path)
    (tmp_path / "good.txt").write_text("Troops entered Mosul on Sunday.")
    out = tmp_path / "out.geojson"
    res = run("export", str(tmp_path), "--glob", "*.*", "-o", str(out))
    assert res.returncode == 1 and "empty.txt" in res.stderr and "doc.pdf" in res.stderr
    docs = {f["properties"]["doc"] for f in json.loads(out.read_text())["features"]}
    assert docs == {"good.txt"}


def test_unknown_format_is_a_usage_error(tmp_path):
    res = run("export", str(SEEDS), "--format", "shp", "-o", str(tmp_path / "x"))
    assert res.returncode == 2 and "shp" in res.stderr and "Traceback" not in res.stderr


def test_output_in_missing_folder(tmp_path, gaz):
    res = run("export", str(SEEDS), "-o", str(tmp_path / "no" / "such" / "out.geojson"))
    assert res.returncode == 1 and "does not exist" in res.stderr and "Traceback" not in res.stderr

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


@pytest.mark.parametrize("command", [[], ["map"], ["export"], ["resolve"], ["gazetteer"], ["batch"],
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


# -- feedback, help, extras, shareable outputs (issue 21) -------------------------------------

_SUMMARY = r"^geo: wrote (\d+) features: (\d+) places, (\d+) zones, (\d+) events from 6 reports to "


def test_export_ends_with_one_line_saying_what_was_written(tmp_path, gaz):
    import re

    res = subprocess.run([sys.executable, "-m", "geo", "export", "seeds", "-o", "seeds.geojson"],
                         capture_output=True, text=True, cwd=tmp_path_with_seeds(tmp_path),
                         check=False)
    assert res.returncode == 0, res.stderr
    lines = res.stderr.splitlines()
    assert len(lines) == 1, lines  # not a terminal: no progress bar, only the closing line
    match = re.match(_SUMMARY + r"seeds\.geojson$", lines[0])
    assert match, lines
    total, places, zones, events = map(int, match.groups())
    fc = json.loads((tmp_path / "seeds.geojson").read_text())
    kinds = [f["properties"]["kind"] for f in fc["features"]]
    assert (total, places, zones, events) == (len(kinds), kinds.count("place"),
                                              kinds.count("zone"), kinds.count("event"))


def tmp_path_with_seeds(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_means_silent(tmp_path, gaz, where):
    args = ["-q", "export", str(SEEDS)] if where == "before" else ["export", str(SEEDS), "-q"]
    res = run(*args, "-o", str(tmp_path / "o.geojson"))
    assert res.returncode == 0 and res.stderr == ""


def test_map_ends_with_its_line(tmp_path, gaz):
    out = tmp_path / "m.html"
    res = run("map", str(SEEDS / "02_tel_abyad_prison.txt"), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert res.stderr.startswith("geo: wrote ") and res.stderr.rstrip().endswith(
        f"from 1 report to {out}")
    assert res.stderr.count("\n") == 1


def test_every_one_line_help_is_whole_in_the_group_help():
    from geo.cli import cli

    listing = run("--help").stdout
    for name, command in cli.commands.items():
        short = command.get_short_help_str(limit=1000)
        assert f"{name}" in listing and short in listing, (name, short)
        assert not short.endswith("..."), short


def test_options_come_in_a_sensible_order():
    help_text = run("export", "--help").stdout
    order = ["--output", "--format", "--glob", "--country", "--ner", "--kinds",
             "--min-confidence", "--quiet", "--help"]
    positions = [help_text.index(o) for o in order]
    assert positions == sorted(positions), help_text


@pytest.mark.parametrize("command", [["export"], ["map"], ["batch", "-o", "out"]])
def test_country_means_the_same_everywhere(tmp_path, command):
    res = run(*command, str(SEEDS), "--country", "Syria")
    assert res.returncode == 2 and "two-letter ISO country code" in res.stderr
    assert "Traceback" not in res.stderr
    for cmd in (["export"], ["map"], ["batch"], ["resolve"]):
        assert "a bias, not a filter" in run(*cmd, "--help").stdout, cmd


def _without(module: str, *args: str, stdin: str | None = None):
    """Run `geo ARGS` as if `module` were not installed."""
    code = (f"import sys; sys.modules[{module!r}] = None; "
            "from geo.cli import main; main(sys.argv[1:])")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, input=stdin, check=False)


@pytest.mark.parametrize(("module", "args", "extra"), [
    ("spacy", ["export", "-", "--ner"], "ner"),
    ("trafilatura", ["export", "page.html"], "html"),
    ("distributed", ["batch", "-", "-o", "out"], "batch"),
])
def test_a_missing_extra_is_one_line_naming_it(tmp_path, gaz, module, args, extra):
    (tmp_path / "page.html").write_text("<html><body><p>Shelling in Kharkiv.</p></body></html>")
    args = [str(tmp_path / a) if a in ("page.html", "out") else a for a in args]
    res = _without(module, *args, stdin="Shelling hit Kharkiv.")
    lines = res.stderr.strip().splitlines()
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr
    assert any(f"pip install 'sitrep-geo[{extra}]'" in line for line in lines), lines
    assert all(line.startswith("geo: error:") for line in lines), lines


def test_exports_carry_no_absolute_path(tmp_path, gaz):
    res = run("export", str(SEEDS), str(SEEDS / "01_syria_prisons.txt"), "-f", "csv")
    assert res.returncode == 0, res.stderr
    assert str(ROOT) not in res.stdout and str(SEEDS) not in res.stdout
    res = run("export", str(SEEDS), "-o", "-")
    paths = {f["properties"]["source"]["path"] for f in json.loads(res.stdout)["features"]}
    assert paths == {f"seeds/{p.name}" for p in SEEDS.glob("*.txt")}
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": "Clashes in Aleppo."}) + "\n")
    res = run("export", str(jsonl))
    assert {f["properties"]["source"]["path"] for f in json.loads(res.stdout)["features"]} \
        == {"in.jsonl"}


def test_a_jsonl_of_other_objects_is_one_line(tmp_path, gaz):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "report.txt").write_text("Troops entered Mosul on Sunday.")
    (folder / "stats.jsonl").write_text(
        "".join(json.dumps({"n": i, "label": "x"}) + "\n" for i in range(500)))
    res = run("export", str(folder), "-o", str(tmp_path / "o.geojson"))
    errors = [line for line in res.stderr.splitlines() if line.startswith("geo: error:")]
    assert res.returncode == 1 and len(errors) == 1, res.stderr
    assert "stats.jsonl" in errors[0] and "no reports" in errors[0]

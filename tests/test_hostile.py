"""Hostile and unlucky input from the command line (issue 20): no device replaced,
no input overwritten, ids unique, nothing outside the folder read, no temporary
file left, permissions kept. Every refusal is one ``geo: error:`` line."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Troops entered Mosul on Sunday.\n"


def run(*args: str, cwd: Path = ROOT, timeout: float = 180) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, check=False)


def one_error(proc: subprocess.CompletedProcess, *words: str) -> str:
    """The run failed, every stderr line is the CLI's own (no traceback), and the first
    ``geo: error:`` line holds ``words``; returns that line."""
    assert proc.returncode != 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert all(line.startswith("geo: ") for line in proc.stderr.splitlines() if line), proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("geo: error:")]
    assert errors, proc.stderr
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


@pytest.fixture()
def report(tmp_path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# -- 1: devices and pipes are written, never replaced ----------------------------------

@pytest.fixture()
def device(tmp_path):
    """``device("null")`` or ``device("full")``: a character device to write to. As root
    (who could replace the system's own), a node made in ``tmp_path``, so that a
    failing run damages nothing outside it; else ``/dev/null`` or ``/dev/full``."""
    numbers = {"null": 3, "full": 7}

    def make(name: str) -> Path:
        if os.geteuid() != 0:
            return Path("/dev") / name
        node = tmp_path / "dev" / name
        node.parent.mkdir(exist_ok=True)
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, numbers[name]))
        return node

    return make


@pytest.mark.parametrize("args", [("export",), ("export", "-f", "csv"), ("export", "-f", "kml"),
                                  ("map",)])
def test_dev_null_stays_a_device(report, device, args):
    null = device("null")
    proc = run(*args, str(report), "-o", str(null))
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_dev_full_is_one_line_and_stays_a_device(report, device):
    full = device("full")
    one_error(run("export", str(report), "-o", str(full)), "space", str(full))
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_geopackage_to_a_device_is_refused(report, device):
    null = device("null")
    one_error(run("export", str(report), "-f", "gpkg", "-o", str(null)), "regular file")
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_named_pipe_is_written_not_replaced(report, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    proc = run("export", str(report), "-o", str(fifo))
    out = reader.communicate(timeout=60)[0]
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out)["features"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


# -- 2: -o naming an input --------------------------------------------------------------

@pytest.mark.parametrize("command", ["export", "map"])
def test_output_naming_an_input_is_refused(report, command):
    one_error(run(command, str(report), "-o", str(report)), "also an input")
    assert report.read_text(encoding="utf-8") == GOOD


def test_output_that_a_folder_input_holds_is_refused(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text(GOOD, encoding="utf-8")
    one_error(run("export", str(tmp_path / "in"), "-o", str(tmp_path / "in" / "b.txt")),
              "also an input")
    assert (tmp_path / "in" / "b.txt").read_text(encoding="utf-8") == GOOD
    out = tmp_path / "in" / "out.geojson"  # an export beside the reports is not read: allowed
    assert run("export", str(tmp_path / "in"), "-o", str(out)).returncode == 0
    assert run("export", str(tmp_path / "in"), "-o", str(out)).returncode == 0


# -- 5: ids unique by construction, the same in export and map ------------------------

def test_same_file_name_in_two_folders_gives_two_ids(tmp_path):
    for day, place in (("2019-10-09", "Mosul"), ("2019-10-10", "Aleppo")):
        (tmp_path / day).mkdir()
        (tmp_path / day / "report.txt").write_text(f"Troops entered {place} on Sunday.\n",
                                                   encoding="utf-8")
    out = tmp_path / "out.geojson"
    assert run("export", ".", "-o", str(out), cwd=tmp_path).returncode == 0
    docs = {f["properties"]["doc"]: f["properties"]["name"]
            for f in json.loads(out.read_text())["features"] if f["properties"]["kind"] == "place"}
    assert docs == {"2019-10-09/report.txt": "Mosul", "2019-10-10/report.txt": "Aleppo"}
    html = tmp_path / "map.html"
    for inputs in (["."], [str(out)]):
        proc = run("map", *inputs, "-o", str(html), cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        page = html.read_text(encoding="utf-8")
        assert "2019-10-09/report.txt" in page and "2019-10-10/report.txt" in page


def test_jsonl_lines_with_the_same_id_get_a_suffix(tmp_path):
    lines = [{"id": "r", "text": "Troops entered Mosul."}, {"id": "r", "text": "Troops left Aleppo."}]
    (tmp_path / "d.jsonl").write_text("\n".join(map(json.dumps, lines)), encoding="utf-8")
    out = tmp_path / "out.geojson"
    proc = run("export", str(tmp_path / "d.jsonl"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    docs = {f["properties"]["doc"]: f["properties"]["name"]
            for f in json.loads(out.read_text())["features"] if f["properties"]["kind"] == "place"}
    assert docs == {"r": "Mosul", "r#2": "Aleppo"}
    assert "r#2" in proc.stderr  # said in a note


# -- 11: the smaller ones ----------------------------------------------------------------

def test_glob_cannot_leave_the_folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("Shelling hit Aleppo.\n", encoding="utf-8")
    proc = run("export", str(tmp_path / "in"), "--glob", "../*")
    one_error(proc, "outside the folder")
    assert "Aleppo" not in proc.stdout


def test_output_folder_is_named_not_a_temporary_file(report, tmp_path):
    line = one_error(run("export", str(report), "-o", str(tmp_path)), "is a folder")
    assert ".part" not in line and str(tmp_path) in line


def test_min_confidence_nan_is_refused(report):
    proc = run("export", str(report), "--min-confidence", "nan")
    one_error(proc, "nan")
    assert proc.returncode == 2


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml", "gpkg"])
def test_reexport_keeps_the_files_mode(report, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert run("export", str(report), "-f", fmt, "-o", str(out)).returncode == 0
    out.chmod(0o600)
    assert run("export", str(report), "-f", fmt, "-o", str(out)).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_published_with_five_digit_year_is_not_a_date(tmp_path):
    line = {"id": "x", "text": "Troops entered Mosul.", "published": "99999-01-01"}
    (tmp_path / "d.jsonl").write_text(json.dumps(line), encoding="utf-8")
    proc = run("export", str(tmp_path / "d.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert "9999-01-01" not in proc.stdout


def test_sigterm_leaves_no_temporary_file(tmp_path):
    big = tmp_path / "big.jsonl"
    text = "Shelling hit Kharkiv and Kherson overnight, officials said on Monday. " * 40
    big.write_text("\n".join(json.dumps({"id": str(i), "text": text}) for i in range(400)),
                   encoding="utf-8")
    out = tmp_path / "out.geojson"
    proc = subprocess.Popen([sys.executable, "-m", "geo", "export", str(big), "-o", str(out)],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.geojson.*.part")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait for the state: the temporary file exists
    assert list(tmp_path.glob(".out.geojson.*.part")), "the export never started writing"
    proc.send_signal(signal.SIGTERM)
    stderr = proc.communicate(timeout=60)[1]
    assert proc.returncode != 0 and "Traceback" not in stderr, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]


# -- 6: CSV that readers and spreadsheets take as written -------------------------------

def test_csv_quotes_bare_carriage_returns_and_neutralises_formulas(tmp_path):
    import csv

    import pandas

    from geo.output import write

    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [43.1, 36.3]},
               "properties": {"kind": "place", "doc": "d", "name": "=HYPERLINK(\"http://x\")",
                              "quote": "Troops\rentered @Mosul", "gazetteer_id": "gn:99",
                              "lat": 36.3, "lon": 43.1, "actors": ["+cmd"],
                              "source": {"title": "-2+3"},
                              "mentions": [{"text": "Mosul", "start": 0, "end": 5}]}}
    out = tmp_path / "out.csv"
    write([feature], out, "csv")
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1
    row = rows[0]
    assert (row["gazetteer_id"], row["lat"], row["lon"]) == ("gn:99", "36.3", "43.1")
    assert row["quote"] == "Troops\rentered @Mosul"
    assert [row["name"][0], row["actors"][0], row["title"][0]] == ["'", "'", "'"]
    df = pandas.read_csv(out, dtype=str)
    assert len(df) == 1 and df.iloc[0]["gazetteer_id"] == "gn:99"


# -- 7: one line where a traceback was --------------------------------------------------

def _limit_file_size():
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails: EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "parquet"])
def test_full_disk_is_one_line(tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    proc = subprocess.run([sys.executable, "-m", "geo", "export", str(ROOT / "seeds"), "-f", fmt,
                           "-o", str(out)], cwd=ROOT, capture_output=True, text=True,
                          preexec_fn=_limit_file_size, timeout=300, check=False)
    one_error(proc, "free space")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_batch_scheduler_not_an_address_is_one_line(report, tmp_path):
    one_error(run("batch", str(report), "--out", str(tmp_path / "b"), "--scheduler", "not a url"),
              "not a url")


def _nested(depth: int):
    value: object = [43.1, 36.3]
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("edit,words", [
    (lambda fc: fc["features"][0]["properties"].update(confidence="high"), ["confidence"]),
    (lambda fc: fc.update(features=5), ["features", "int"]),
    (lambda fc: fc["features"][0].update(properties=[1]), ["properties"]),
    (lambda fc: fc["features"][0]["properties"].update(mentions={"a": 1}), ["mentions"]),
    (lambda fc: fc["features"][0].update(geometry={"type": "Point", "coordinates": _nested(500)}),
     ["nested"]),
])
def test_map_of_an_edited_export_is_one_line(report, tmp_path, edit, words):
    export = tmp_path / "out.geojson"
    assert run("export", str(report), "-o", str(export)).returncode == 0
    fc = json.loads(export.read_text(encoding="utf-8"))
    edit(fc)
    export.write_text(json.dumps(fc), encoding="utf-8")
    one_error(run("map", str(export), "-o", str(tmp_path / "m.html")), "out.geojson", *words)
    assert not (tmp_path / "m.html").exists()


def test_decomposed_accents_do_not_split_a_name():
    import unicodedata

    import geo

    text = "Shelling hit Kherso\u0301n overnight, officials said."
    doc = geo.parse(text)
    composed = geo.parse(unicodedata.normalize("NFC", text))
    assert [p.name for p in doc.places] == [p.name for p in composed.places] == ["Kherson"]
    (mention,) = [f["properties"]["mentions"][0] for f in doc.features()
                  if f["properties"]["kind"] == "place"]
    assert text[mention["start"]:mention["end"]] == mention["text"] == "Kherso\u0301n"


def test_batch_leaves_a_users_file_named_like_a_partition(tmp_path):
    from geo.batch.files import prepare

    out = tmp_path / "out"
    out.mkdir()
    mine = [out / "part-00000.parquet", out / ".notes.part", out / "part-00001.json"]
    for path in mine:
        path.write_text("the user's own", encoding="utf-8")
    prepare(out, 1)
    assert all(p.read_text(encoding="utf-8") == "the user's own" for p in mine)

"""`geo batch`: a Dask cluster gives the same features as a serial `geo export`,
written by the workers themselves, survives a worker killed mid-run and a
partition that keeps failing, resumes, and leaves nothing half-written when
interrupted."""
from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
LGL = ROOT.parent / "shared" / "eval" / "lgl.jsonl"
N_DOCS = 200


def _lines(path: Path) -> list[str]:
    """The JSONL lines of a file (split at newlines only: texts hold U+2028 and the like)."""
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def geo(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=timeout,
                          check=False)


def _faults(spec: str) -> dict[str, str]:
    """The environment of a run whose processes inject ``spec`` (see batch_faults/)."""
    path = os.pathsep.join(filter(None, [str(Path(__file__).parent / "batch_faults"),
                                         os.environ.get("PYTHONPATH")]))
    return {"BATCH_FAULT": spec, "PYTHONPATH": path}


def _seed_variants(n: int) -> list[dict]:
    """n documents made from the seeds: paragraphs rotated and cut differently."""
    from geo.reading.inputs import read_inputs

    seeds = list(read_inputs([str(SEEDS)]))
    out = []
    for i in range(n):
        d = seeds[i % len(seeds)]
        paras = [p for p in d.text.split("\n\n") if p.strip()]
        k = (i // len(seeds)) % len(paras)
        text = "\n\n".join(paras[k:] + paras[:k][: i % 3])
        out.append({"id": f"seed-{i:03d}", "text": text, "title": d.title,
                    "published": d.published.isoformat() if d.published else None})
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """≥200 documents as JSONL: the first LGL ones when ../shared is here, else seeds."""
    path = tmp_path_factory.mktemp("corpus") / "docs.jsonl"
    if LGL.is_file():
        lines = _lines(LGL)[:N_DOCS]
    else:
        lines = [json.dumps(d, ensure_ascii=False) for d in _seed_variants(N_DOCS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def serial(corpus, gaz):
    """The features of a serial `geo export` of the corpus, each report's own (the
    merge of one incident across reports is compared on the merged exports apart)."""
    out = corpus.parent / "serial.geojson"
    res = geo("export", str(corpus), "--no-merge", "-o", str(out))
    assert res.returncode == 0, res.stderr
    return json.loads(out.read_text())["features"]


@pytest.fixture(scope="module")
def batch_out(corpus, gaz, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "out"
    res = geo("batch", str(corpus), "--out", str(out), "--workers", "2")  # 25 a partition
    assert res.returncode == 0, res.stderr
    assert "geoparsing" not in res.stderr  # no progress bar in a pipe
    return out


def _coords(obj):
    if isinstance(obj, (list, tuple)) and obj and isinstance(obj[0], (int, float)):
        return [list(obj)]
    return [c for part in obj for c in _coords(part)] if isinstance(obj, (list, tuple)) else []


def _geometry_close(a, b) -> bool:
    import numpy as np

    if a is None or b is None:
        return a is b
    if a["type"] != b["type"] or json.dumps(_shape(a)) != json.dumps(_shape(b)):
        return False
    return np.allclose(_coords(a["coordinates"]), _coords(b["coordinates"]), rtol=0, atol=1e-9)


def _shape(g):
    """The nesting of a geometry's coordinates, without the numbers."""
    def walk(x):
        return [walk(p) for p in x] if isinstance(x, list) and x and isinstance(x[0], list) \
            else len(x)
    return walk(g["coordinates"])


def assert_same_features(batch, serial, *, ignore_path=False):
    assert len(batch) == len(serial)
    for i, (b, s) in enumerate(zip(batch, serial, strict=True)):
        bp, sp = dict(b["properties"]), dict(s["properties"])
        if ignore_path:
            for p in (bp, sp):
                p["source"] = {k: v for k, v in p["source"].items() if k != "path"}
        assert bp == sp, f"feature {i} of {sp['doc']}"
        assert _geometry_close(b["geometry"], s["geometry"]), f"feature {i} of {sp['doc']}"


def _exported(folder: Path, *options: str) -> list[dict]:
    out = folder.parent / f"{folder.name}.geojson"
    res = geo("export", str(folder), *(options or ("--no-merge",)), "-o", str(out))
    assert res.returncode == 0, res.stderr
    return json.loads(out.read_text())["features"]


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file() and p.name != "summary.json"}


# -- on a cluster ------------------------------------------------------------------

@pytest.mark.slow
def test_batch_on_two_workers_equals_serial_export(batch_out, serial, corpus):
    summary = json.loads((batch_out / "summary.json").read_text())
    assert summary["status"] == "complete" and summary["documents"] == N_DOCS
    assert summary["options"]["partition_size"] == 25  # chosen: 4 partitions per worker
    assert summary["partitions"] == {"total": 8, "done": 8, "skipped": 0, "failed": 0,
                                     "pending": 0}
    assert summary["workers"] == 2 and not summary["failed"] and not summary["problems"]
    kinds = [f["properties"]["kind"] for f in serial]
    assert summary["features"] == {k: kinds.count(k) for k in ("place", "zone", "event")}
    ids = [json.loads(line)["id"] for line in _lines(corpus)]
    markers = [json.loads(m.read_text()) for m in sorted((batch_out / "_parts").glob("*.json"))]
    assert [d for m in markers for d in m["documents"]] == ids
    assert all(m["worker"].startswith("tcp://") for m in markers)  # each written by a worker
    for kind in ("places", "zones", "events"):
        assert sorted(p.name for p in (batch_out / kind).iterdir()) == \
            [f"part-{i:05d}.parquet" for i in range(8)]
    assert_same_features(_exported(batch_out), serial)
    merged = corpus.parent / "merged.geojson"
    assert geo("export", str(corpus), "-o", str(merged)).returncode == 0
    assert_same_features(_exported(batch_out, "--merge"),
                         json.loads(merged.read_text())["features"])


@pytest.mark.slow
def test_a_rerun_skips_the_done_partitions(batch_out, corpus):
    before = _files(batch_out)
    res = geo("batch", str(corpus), "--out", str(batch_out), "--workers", "2",
              "--partition-size", "25")
    assert res.returncode == 0, res.stderr
    summary = json.loads((batch_out / "summary.json").read_text())
    assert summary["partitions"]["skipped"] == summary["partitions"]["total"] == 8
    assert all(p["skipped"] for p in summary["done"]) and summary["workers"] == 0
    assert _files(batch_out) == before


def _first(corpus: Path, n: int, folder: Path) -> tuple[Path, list[str]]:
    """The first n documents of the corpus in a JSONL file of their own, and their ids."""
    lines = _lines(corpus)[:n]
    path = folder / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [json.loads(line)["id"] for line in lines]


def _serial_of(serial: list[dict], ids: list[str]) -> list[dict]:
    return [f for f in serial if f["properties"]["doc"] in set(ids)]


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(corpus, serial, tmp_path):
    docs, ids = _first(corpus, 60, tmp_path)
    out, marker = tmp_path / "out", tmp_path / "worker-killed"
    res = geo("batch", str(docs), "--out", str(out), "--workers", "2", "--partition-size",
              "10", env=_faults(f"exit-once:2:{marker}"))
    assert res.returncode == 0, res.stderr
    assert marker.exists()  # a worker process did end itself halfway through partition 2
    summary = json.loads((out / "summary.json").read_text())
    assert summary["status"] == "complete" and summary["partitions"]["done"] == 6
    markers = sorted((out / "_parts").glob("part-*.json"))
    assert [d for m in markers for d in json.loads(m.read_text())["documents"]] == ids
    assert_same_features(_exported(out), _serial_of(serial, ids), ignore_path=True)


@pytest.mark.slow
def test_a_failing_partition_is_reported_then_redone(corpus, serial, tmp_path):
    docs, ids = _first(corpus, 12, tmp_path)
    out = tmp_path / "out"
    args = ("batch", str(docs), "--out", str(out), "--workers", "2", "--partition-size", "4")
    res = geo(*args, env=_faults("raise:1"))
    assert res.returncode == 1
    assert "part-00001 (4 documents) failed" in res.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["status"] == "incomplete"
    assert summary["partitions"] == {"total": 3, "done": 2, "skipped": 0, "failed": 1,
                                     "pending": 0}
    failed = summary["failed"][0]
    assert failed["documents"] == ids[4:8]
    assert "InjectedFault" in failed["error"]
    assert not (out / "_parts" / "part-00001.json").exists()
    done = _files(out)
    res = geo(*args)
    assert res.returncode == 0, res.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["partitions"]["skipped"] == 2 and summary["partitions"]["done"] == 3
    assert {k: v for k, v in _files(out).items() if k in done} == done
    assert_same_features(_exported(out), _serial_of(serial, ids), ignore_path=True)


@pytest.mark.slow
def test_ctrl_c_keeps_finished_partitions_and_half_writes_nothing(corpus, tmp_path):
    from geo.batch.files import whole_marker

    docs = tmp_path / "docs.jsonl"  # the corpus three times: seconds left after a partition
    once = [json.loads(line) for line in _lines(corpus)]
    docs.write_text("".join(json.dumps({**d, "id": f"{i}-{d['id']}"}, ensure_ascii=False) + "\n"
                            for i in range(3) for d in once), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "geo", "batch", str(docs), "--out",
                             str(out), "--workers", "2", "--partition-size", "4"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list((out / "_parts").glob("part-*.json")) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["status"] == "interrupted" and summary["partitions"]["pending"] > 0
    markers = sorted((out / "_parts").glob("part-*.json"))
    assert markers and len(markers) == summary["partitions"]["done"]
    for m in markers:
        info = json.loads(m.read_text())
        assert whole_marker(out, info["partition"], info["documents"], info["options"])
    assert not [p for p in out.rglob(".*") if p.is_file()]  # no temporary file left
    marked = {m.stem for m in markers}
    assert {p.stem for p in out.glob("*/part-*.parquet")} <= marked


def test_workers_and_scheduler_exclude_each_other(tmp_path):
    res = geo("batch", str(SEEDS), "--out", str(tmp_path / "o"), "--workers", "2",
              "--scheduler", "tcp://127.0.0.1:8786")
    assert res.returncode == 2 and "not both" in res.stderr


# -- the files, without a cluster ---------------------------------------------------

def _odd_features() -> list[dict]:
    """Properties absent, null, nested, integer or not; no geometry; a polygon."""
    square = [[[36.0, 36.0], [37.0, 36.0], [37.0, 37.0], [36.0, 37.0], [36.0, 36.0]]]
    return [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [38.9, 36.7]},
         "properties": {"kind": "place", "doc": "a", "name": "Tall Abyaḑ", "confidence": 0.9,
                        "mentions": [{"start": 0, "end": 9, "text": "Tel Abyad"}],
                        "gazetteer_id": None, "alternatives": ["geonames:1"]}},
        {"type": "Feature", "geometry": None,
         "properties": {"kind": "place", "doc": "a", "name": "Nowhere", "confidence": 0.0,
                        "mentions": [], "reason": "not in the gazetteer"}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": square},
         "properties": {"kind": "zone", "doc": "a", "name": "north", "confidence": 0.5,
                        "places_inside": [], "country_code": None}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [38.0, 36.5]},
         "properties": {"kind": "event", "doc": "b", "name": "escaped", "confidence": 0.7,
                        "count": 785, "date": None, "source": {"title": "T"}}},
        {"type": "Feature", "geometry": None,
         "properties": {"kind": "event", "doc": "b", "name": "clashes", "confidence": 0.2,
                        "count": None, "date": "2019-10-12", "source": {}}},
    ]


def test_a_partition_reads_back_exactly(tmp_path, seed_results):
    from geo.batch.files import prepare, read_batch, write_partition

    real = [f for pd in seed_results.values() for f in pd.features()]
    prepare(tmp_path, 2)
    write_partition(tmp_path, 0, ["a", "b"], _odd_features(), {"country": None, "ner": False})
    write_partition(tmp_path, 1, list(seed_results), real, {"country": None, "ner": False})
    (tmp_path / "summary.json").write_text("{}")
    back = read_batch(tmp_path)
    assert back[:5] == _odd_features()
    assert_same_features(back[5:], json.loads(json.dumps(real)))
    events = read_batch(tmp_path, kinds=["event"], min_confidence=0.5)
    assert events[0]["properties"]["name"] == "escaped"
    assert all(f["properties"]["kind"] == "event" and f["properties"]["confidence"] >= 0.5
               for f in events)


def test_only_whole_partitions_of_the_same_documents_count_as_done(tmp_path):
    from geo.batch.files import data_path, prepare, whole_marker, write_partition

    opts = {"country": None, "ner": False}
    prepare(tmp_path, 3)
    for i in range(3):
        write_partition(tmp_path, i, ["a", "b"], _odd_features(), opts)
    assert whole_marker(tmp_path, 0, ["a", "b"], opts)
    assert whole_marker(tmp_path, 0, ["a", "c"], opts) is None
    assert whole_marker(tmp_path, 0, ["a", "b"], {"country": "SY", "ner": False}) is None
    path = data_path(tmp_path, "place", 1)
    path.write_bytes(path.read_bytes()[:-100])  # truncated
    assert whole_marker(tmp_path, 1, ["a", "b"], opts) is None
    data_path(tmp_path, "zone", 2).unlink()
    assert whole_marker(tmp_path, 2, ["a", "b"], opts) is None


def test_prepare_removes_leftovers_orphans_and_extra_partitions(tmp_path):
    from geo.batch.files import data_path, marker_path, prepare, write_partition

    opts = {"country": None, "ner": False}
    prepare(tmp_path, 3)
    for i in range(3):
        write_partition(tmp_path, i, ["a", "b"], _odd_features(), opts)
    marker_path(tmp_path, 1).unlink()  # an interrupted rewrite: files, no marker
    tmp = tmp_path / "places" / ".part-00000.parquet.x1y2.part"
    tmp.write_bytes(b"half")
    prepare(tmp_path, 2)  # this run has two partitions
    assert not tmp.exists()
    assert data_path(tmp_path, "place", 0).exists() and marker_path(tmp_path, 0).exists()
    assert not data_path(tmp_path, "place", 1).exists()
    assert not marker_path(tmp_path, 2).exists() and not data_path(tmp_path, "event", 2).exists()


def test_partitions_follow_input_order():
    from geo.batch.client import BatchError, make_partitions
    from geo.model import Document

    docs = [Document(id=f"d{i}", text="Clashes in Aleppo.") for i in range(7)]
    parts = make_partitions(docs, 3)
    assert [(p.index, p.name, p.doc_ids) for p in parts] == [
        (0, "part-00000", ("d0", "d1", "d2")), (1, "part-00001", ("d3", "d4", "d5")),
        (2, "part-00002", ("d6",))]
    with pytest.raises(BatchError):
        make_partitions(docs, 0)


def test_a_batch_folder_is_recognised_and_must_come_alone(tmp_path):
    from geo.batch.client import BatchError, batch_dir

    (tmp_path / "_parts").mkdir()
    assert batch_dir([str(tmp_path)]) is None
    (tmp_path / "summary.json").write_text("{}")
    assert batch_dir([str(tmp_path)]) == tmp_path
    assert batch_dir([str(SEEDS)]) is None
    with pytest.raises(BatchError, match="only INPUT"):
        batch_dir([str(tmp_path), str(SEEDS)])


def test_a_task_writes_its_partition_and_returns_only_counts(tmp_path, gaz, seed_results):
    from geo.batch.client import BatchOptions, PartitionWritten, make_partitions, read_batch
    from geo.batch.files import marker_path, prepare, read_marker
    from geo.batch.worker import run_partition
    from geo.reading.inputs import read_inputs

    task = make_partitions(read_inputs([str(SEEDS)]), 100)[0]
    prepare(tmp_path, 1)
    written = run_partition(task, str(tmp_path), str(gaz.path), BatchOptions())
    serial = [f for pd in seed_results.values() for f in pd.features()]
    kinds = [f["properties"]["kind"] for f in serial]
    assert isinstance(written, PartitionWritten)
    assert written.features == {k: kinds.count(k) for k in ("place", "zone", "event")}
    assert len(pickle.dumps(written)) < 1000  # what travels back to the client: no feature
    marker = read_marker(marker_path(tmp_path, 0))
    assert marker["documents"] == list(task.doc_ids) and marker["cpu_s"] > 0
    (tmp_path / "summary.json").write_text("{}")
    assert_same_features(read_batch(tmp_path), json.loads(json.dumps(serial)))


class _Finished:
    """A Dask future whose task returned ``result``."""

    status = "finished"

    def __init__(self, result):
        self._result = result

    def result(self):
        return self._result


def test_a_partition_written_out_of_the_clients_sight_is_not_done(tmp_path):
    from geo.batch.client import BatchOptions, PartitionWritten, _record, make_partitions
    from geo.batch.files import prepare, write_partition
    from geo.model import Document

    task = make_partitions([Document(id="a", text="Clashes in Aleppo.")], 1)[0]
    written = _Finished(PartitionWritten(0, {"place": 2, "zone": 1, "event": 2}, 0.1, "tcp://w:1"))
    prepare(tmp_path, 1)
    rec = _record(written, task, tmp_path, BatchOptions())  # as if on the worker's own disk
    assert rec.status == "failed" and "tcp://w:1" in rec.error and "share" in rec.error
    write_partition(tmp_path, 0, ["a"], _odd_features(), BatchOptions().parser_options())
    rec = _record(written, task, tmp_path, BatchOptions())
    assert rec.status == "done" and rec.features == {"place": 2, "zone": 1, "event": 2}


def test_a_worker_checks_it_reaches_the_output_folder(tmp_path, gaz):
    from geo.batch.files import prepare
    from geo.batch.worker import check_worker

    assert check_worker(str(gaz.path), str(tmp_path / "out"))["output"] == "no such folder here"
    prepare(tmp_path / "out", 1)
    report = check_worker(str(gaz.path), str(tmp_path / "out"))
    assert report["output"] is None and report["gazetteer"] is None


class _FakeClient:
    """What the pre-flight check asks of a Dask client."""

    def __init__(self, reports):
        self.reports = reports

    def wait_for_workers(self, n, timeout):
        pass

    def run(self, fn, *args):
        return self.reports

    def scheduler_info(self):
        return {"workers": {a: {"nthreads": 1} for a in self.reports}}


def test_workers_that_cannot_read_the_gazetteer_or_write_stop_the_batch_first():
    from geo import __version__
    from geo.batch.client import BatchError, _check_workers

    good = {"gazetteer": None, "output": None, "version": __version__}
    slots = _check_workers(_FakeClient({"tcp://b:1": good, "tcp://a:1": good}), "/g", "/o", None)
    assert slots == ["tcp://a:1", "tcp://b:1"]  # a worker per thread
    bad = _FakeClient({"tcp://a:1": good,
                       "tcp://b:1": {**good, "gazetteer": "missing"},
                       "tcp://c:1": {**good, "version": "0.0.1"},
                       "tcp://d:1": {**good, "output": "no such folder here"}})
    with pytest.raises(BatchError, match=r"tcp://b:1: gazetteer /g: missing.*tcp://c:1: "
                                         r"sitrep-geo 0.0.1.*tcp://d:1: output folder /o: no "
                                         r"such folder here"):
        _check_workers(bad, "/g", "/o", "tcp://s:8786")

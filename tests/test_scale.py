"""Long inputs in bounded memory, and batch workers that start ready: what
``geo export`` holds while it streams, what a forked batch worker inherits and
what it opens anew, and how partitions are sized (issue 19)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest

from geo.batch.tasks import BatchOptions, partition_size_for

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _ctx() -> click.Context:
    from geo.cli import cli

    return click.Context(cli, obj={"gazetteer": None, "quiet": True, "verbose": False})


def _jsonl(path, n: int):
    towns = ["Lyon", "Marseille", "Toulouse", "Nantes", "Lille"]
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Floods hit {towns[i % 5]} "
                                        f"on day {i}; {i % 7 + 2} people died."}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


def test_export_reads_the_documents_as_it_geoparses_them(tmp_path, parser):
    from geo.cli.options import stream_reports
    from geo.reading.inputs import read_inputs

    path = _jsonl(tmp_path / "docs.jsonl", 100)
    stream = stream_reports(_ctx(), [str(path)], (), "*", False)
    first = next(stream.results)
    assert first.document.id == "r0"
    assert 1 <= stream.count < 100  # read a batch ahead at most, not the whole file
    rest = list(stream.results)
    assert stream.count == 100 and not stream.problems
    assert [pd.document.id for pd in rest] == [f"r{i}" for i in range(1, 100)]
    serial = [f for pd in parser.parse_many(read_inputs([str(path)])) for f in pd.features()]
    assert [f for pd in [first, *rest] for f in pd.features()] == serial


def test_nothing_readable_is_no_stream(tmp_path):
    from geo.cli.options import stream_reports

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    stream = stream_reports(_ctx(), [str(bad)], (), "*", False)
    assert stream.results is None and stream.count == 0 and len(stream.problems) == 1


def test_partitions_are_sized_from_the_input():
    assert partition_size_for(300, 2) == 38  # 8 partitions: 4 a worker
    assert partition_size_for(1500, 2) == 100  # never more than 100 documents
    assert partition_size_for(20, 2) == 10  # never fewer than 10 (2 partitions)
    assert partition_size_for(0, 4) == 10


def test_a_rerun_finds_the_partition_size_recorded(tmp_path):
    from geo.batch.files import recorded_partition_size

    assert recorded_partition_size(tmp_path) is None
    (tmp_path / "summary.json").write_text(json.dumps({"options": {"partition_size": 7}}))
    assert recorded_partition_size(tmp_path) == 7
    (tmp_path / "summary.json").write_text('{"options": {"partition_size": "big"}}')
    assert recorded_partition_size(tmp_path) is None
    (tmp_path / "summary.json").write_text("not json")
    assert recorded_partition_size(tmp_path) is None


def test_a_warm_worker_writes_what_serial_export_gives(tmp_path, gaz, seed_results):
    from geo.batch.client import make_partitions, read_batch
    from geo.batch.files import prepare
    from geo.batch.worker import run_partition, warm_up
    from geo.reading.inputs import read_inputs

    assert warm_up(str(gaz.path), BatchOptions()) >= 0
    task = make_partitions(read_inputs([str(SEEDS)]), 100)[0]
    prepare(tmp_path, 1)
    run_partition(task, str(tmp_path), str(gaz.path), BatchOptions())
    (tmp_path / "summary.json").write_text("{}")
    back = read_batch(tmp_path)
    serial = json.loads(json.dumps([f for pd in seed_results.values() for f in pd.features()]))
    assert [f["properties"] for f in back] == [f["properties"] for f in serial]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_forked_worker_opens_its_own_gazetteer_and_parser(gaz):
    import gazetteer
    from geo.batch import worker

    options = BatchOptions()
    worker.warm_up(str(gaz.path), options)
    parent = worker.parser_for(str(gaz.path), None, False)
    pid = os.fork()
    if pid == 0:  # the child: never back into pytest
        code = 1
        try:
            fresh = not gazetteer._OPEN and not worker._PARSERS
            own = worker.parser_for(str(gaz.path), None, False)
            works = own.parse("Floods hit Lyon.").places[0].place.country_code == "FR"
            code = 0 if fresh and own is not parent and own.gazetteer is not gaz and works \
                else 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert worker.parser_for(str(gaz.path), None, False) is parent  # the parent's stays

"""What runs on a Dask worker for ``geo batch``.

Tasks carry documents (plain value objects), the gazetteer's path and the
output folder's, never a parser or a gazetteer. Each worker process opens the
gazetteer read-only once and keeps one :class:`~geo.pipeline.Parser` per set of
options in a module-level cache, so a worker pays its set-up once however many
partitions it geoparses. :func:`warm_up` pays it before the first task (imports,
rules compiled, vocabularies read, the writer loaded); a local cluster's workers
are forked from a client that warmed up, so they start with all of it done. A
forked process never uses its parent's parsers or gazetteer connections: it
opens its own. A task writes its partition's files itself (see
:mod:`geo.batch.files`) and returns only a small record: the features never travel
back to the client.

"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.batch.tasks import BatchOptions, PartitionTask, PartitionWritten
    from geo.pipeline import Parser

__all__ = ["check_worker", "ignore_interrupts", "parser_for", "run_partition", "warm_up"]

_PARSERS: dict[tuple[str, str | None, bool], Parser] = {}
os.register_at_fork(after_in_child=_PARSERS.clear)
#: A short made-up report that takes every stage (places, a zone, an event, a
#: count, a date) through its rules once: what :func:`warm_up` geoparses.
_WARM_UP_TEXT = ("On Monday, 12 people were killed when fighting broke out 20 km north of "
                 "Lyon, France, and in the south of the Rhone department, police said. "
                 "Troops shelled two villages near the border with Switzerland.")


def parser_for(gazetteer_path: str, country: str | None, ner: bool) -> Parser:
    """The parser of this process for these options, created on first use.

    The gazetteer is opened read-only and never rebuilt here: a missing or
    stale file raises :class:`gazetteer.GazetteerNotFound` or
    :class:`gazetteer.GazetteerCorrupt`.
    """
    key = (str(gazetteer_path), country, bool(ner))
    parser = _PARSERS.get(key)
    if parser is None:
        import gazetteer
        from geo.pipeline import Parser

        parser = Parser(gazetteer.open(gazetteer_path, rebuild=False), country=country,
                        ner=bool(ner))
        _PARSERS[key] = parser
    return parser


def warm_up(gazetteer_path: str, options: BatchOptions) -> float:
    """Get this process ready to geoparse: open the gazetteer, build the parser,
    geoparse and tabulate a short made-up report (so that modules are imported,
    rules compiled and vocabularies read), all before the first task.

    Returns
    -------
    float
        The CPU seconds it took (0 or nearly when already warm).
    """
    import pyarrow.parquet  # noqa: F401 (what writes the partitions)

    from geo.batch import files as batch_io
    from geo.model import Document

    cpu = time.process_time()
    parser = parser_for(gazetteer_path, options.country, options.ner)
    feats = [f for pd in parser.parse_many([Document(id="warm-up", text=_WARM_UP_TEXT)])
             for f in pd.features()]
    batch_io.tabulate([{**f, "_seq": i} for i, f in enumerate(feats)])
    return time.process_time() - cpu


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def run_partition(task: PartitionTask, out: str, gazetteer_path: str,
                  options: BatchOptions) -> PartitionWritten:
    """Geoparse one partition and write its files into ``out`` (the Dask task).

    Parameters
    ----------
    task : PartitionTask
        The partition's number and documents.
    out : str
        The batch folder, prepared by the client, as this worker reaches it.
    gazetteer_path : str
        A gazetteer file this worker can read.
    options : BatchOptions
        The parser options (recorded in the done marker).

    Returns
    -------
    PartitionWritten
        Its feature counts, time and worker: the features themselves are in
        the files (places, zones, events of each document, in input order, as
        ``geo export`` orders them).
    """
    from geo.batch import files as batch_io
    from geo.batch.tasks import PartitionWritten

    start, cpu = time.perf_counter(), time.thread_time()
    parser = parser_for(gazetteer_path, options.country, options.ner)
    feats: list[dict[str, Any]] = []
    for pd in parser.parse_many(task.documents):
        feats.extend(pd.features())
    elapsed_s = round(time.perf_counter() - start, 3)
    cpu_s = round(time.thread_time() - cpu, 3)
    worker = _worker_address()
    geoparsed = {"elapsed_s": elapsed_s, "cpu_s": cpu_s, "worker": worker}  # (in the marker too)
    marker = batch_io.write_partition(Path(out), task.index, task.doc_ids, feats,
                                      options.parser_options(), geoparsed)
    return PartitionWritten(task.index, marker["features"], elapsed_s, worker)


def check_worker(gazetteer_path: str, out: str) -> dict[str, str | None]:
    """What stops this worker from geoparsing: run on every worker before the batch.

    Returns
    -------
    dict
        ``gazetteer``: why the file cannot be used here; ``output``: why this
        worker cannot write the batch folder (both None when all is well);
        ``version``: this worker's sitrep-geo version.
    """
    import gazetteer
    from geo import __version__

    try:
        problem = gazetteer.check(gazetteer_path)
    except (ImportError, OSError, ValueError) as exc:  # a worker lacking a dependency, say
        problem = f"{type(exc).__name__}: {exc}"
    return {"gazetteer": problem, "output": _output_problem(out), "version": __version__}


def _output_problem(out: str) -> str | None:
    """Why this worker cannot write the batch folder ``out`` (None when it can)."""
    from geo.batch.files import PARTS

    if not Path(out).is_dir():
        return "no such folder here"
    if not (Path(out) / PARTS).is_dir():
        return f"no {PARTS}/ in it here: not the folder the client prepared"
    if not os.access(Path(out) / PARTS, os.W_OK | os.X_OK):
        return "not writable here"
    return None


def ignore_interrupts() -> None:
    """Make this worker process deaf to Ctrl-C (run on a local cluster's workers).

    A terminal's Ctrl-C reaches the client and its worker processes alike; the
    client then stops the workers itself, each after the partition it is
    writing, so that none is cut off halfway through its files.
    """
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)

"""Geoparse a news archive on a Dask cluster (``geo batch``).

The documents are split, in input order, into partitions of N; partition ``i``
holds documents ``i*N .. i*N+N-1``. Each partition is geoparsed by one Dask
task on a worker (which opens the gazetteer read-only from a path it can
reach) and written by this process as GeoParquet files plus a done marker (see
:mod:`geo.batch_io`). A re-run skips partitions already done; a task that
raises is retried twice, then reported in ``summary.json`` with its documents
while the others complete.

Nothing of Dask is imported until :func:`run_batch` runs.

>>> from geo.model import Document
>>> docs = [Document(id=str(i), text="Clashes in Aleppo.") for i in range(5)]
>>> [t.doc_ids for t in make_partitions(docs, 2)]
[('0', '1'), ('2', '3'), ('4',)]
"""
from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.batch_io import batch_dir, read_batch
from geo.errors import GeoError
from geo.model import Document

__all__ = ["DEFAULT_PARTITION_SIZE", "BatchError", "BatchOptions", "BatchSummary",
           "PartitionOutput", "PartitionRecord", "PartitionTask", "batch_dir", "make_partitions",
           "read_batch", "read_documents", "run_batch"]

DEFAULT_PARTITION_SIZE = 100
_KINDS = ("place", "zone", "event")


class BatchError(GeoError):
    """The batch cannot run: no scheduler, no workers, workers that cannot read
    the gazetteer, a batch folder mixed with other inputs."""


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How documents are partitioned and geoparsed.

    Parameters
    ----------
    partition_size : int
        Documents per partition (and per Dask task).
    country : str, optional
        Bias toward these ISO country codes (``"SY"`` or ``"SY,TR"``).
    ner : bool
        Use the statistical NER model.
    """

    partition_size: int = DEFAULT_PARTITION_SIZE
    country: str | None = None
    ner: bool = False

    def parser_options(self) -> dict[str, Any]:
        """The options that change the features (recorded in each done marker)."""
        return {"country": self.country, "ner": self.ner}


@dataclass(frozen=True, slots=True)
class PartitionTask:
    """What a Dask task receives: a partition's number and its documents."""

    index: int
    documents: tuple[Document, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.documents)


@dataclass(frozen=True, slots=True)
class PartitionOutput:
    """What a Dask task returns: the partition's export-contract features."""

    index: int
    doc_ids: tuple[str, ...]
    features: tuple[dict[str, Any], ...]
    elapsed: float
    worker: str


@dataclass(frozen=True, slots=True)
class PartitionRecord:
    """The fate of one partition in a run.

    ``status`` is ``"done"`` (geoparsed now), ``"skipped"`` (done by an earlier
    run), ``"failed"`` (raised after its retries; ``error`` says what) or
    ``"pending"`` (not finished when the run was interrupted).
    """

    index: int
    documents: tuple[str, ...]
    status: str
    features: dict[str, int] = field(default_factory=dict)
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"partition": self.index, "name": f"part-{self.index:05d}",
                               "documents": list(self.documents)}
        if self.status in ("done", "skipped"):
            out["features"] = dict(self.features)
            out["skipped"] = self.status == "skipped"
        if self.error:
            out["error"] = self.error
        return out


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """A run of ``geo batch``, as written to ``summary.json``."""

    documents: int
    partitions: tuple[PartitionRecord, ...]
    problems: tuple[str, ...]
    elapsed: float
    workers: int
    scheduler: str
    options: BatchOptions
    inputs: tuple[str, ...] = ()
    interrupted: bool = False

    def _with(self, status: str) -> list[PartitionRecord]:
        return [p for p in self.partitions if p.status in status.split("|")]

    @property
    def features(self) -> dict[str, int]:
        """Features per kind over all done partitions (this run's and earlier)."""
        return {k: sum(p.features.get(k, 0) for p in self._with("done|skipped")) for k in _KINDS}

    @property
    def complete(self) -> bool:
        """Every partition is done and every input was read."""
        return not self.problems and len(self._with("done|skipped")) == len(self.partitions)

    @property
    def status(self) -> str:
        return ("interrupted" if self.interrupted else
                "complete" if self.complete else "incomplete")

    def as_dict(self) -> dict[str, Any]:
        """The content of ``summary.json``."""
        return {
            "status": self.status, "inputs": list(self.inputs),
            "options": {"partition_size": self.options.partition_size,
                        **self.options.parser_options()},
            "documents": self.documents, "features": self.features,
            "partitions": {"total": len(self.partitions),
                           "done": len(self._with("done|skipped")),
                           "skipped": len(self._with("skipped")),
                           "failed": len(self._with("failed")),
                           "pending": len(self._with("pending"))},
            "done": [p.as_dict() for p in self._with("done|skipped")],
            "failed": [p.as_dict() for p in self._with("failed")],
            "pending": [p.as_dict() for p in self._with("pending")],
            "problems": list(self.problems), "elapsed_s": round(self.elapsed, 3),
            "workers": self.workers, "scheduler": self.scheduler,
        }


def make_partitions(documents: Iterable[Document], size: int) -> list[PartitionTask]:
    """Split documents, in order, into partitions of ``size`` (the last may be smaller)."""
    if size < 1:
        raise BatchError(f"partition size {size}: give 1 or more documents per partition")
    docs = list(documents)
    return [PartitionTask(i // size, tuple(docs[i:i + size])) for i in range(0, len(docs), size)]


def read_documents(inputs: Sequence[str], *, glob: str = "*"
                   ) -> tuple[list[Document], list[str], list[str]]:
    """Read INPUT arguments with :func:`geo.inputs.read_inputs`.

    Returns
    -------
    documents, problems, notes : list of Document, list of str, list of str
        The documents in input order, one line per unreadable document, and
        notes (a file decoded as Windows-1252, say).
    """
    from geo.inputs import InputProblem, read_inputs

    notes: list[str] = []
    docs: list[Document] = []
    problems: list[str] = []
    for item in read_inputs(inputs, glob=glob, notes=notes):
        if isinstance(item, InputProblem):
            problems.append(str(item))
        else:
            docs.append(item)
    return docs, problems, notes


@contextlib.contextmanager
def _client(workers: int | None, scheduler: str | None, verbose: bool) -> Iterator[Any]:
    """A Dask client: of ``scheduler`` when given, else of a local process cluster."""
    import logging

    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start "
                             "it with `dask scheduler` or check --scheduler") from None
    else:
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                               dashboard_address=":0",
                               silence_logs=logging.WARNING if verbose else logging.CRITICAL)
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _check_workers(client: Any, gazetteer_path: str, scheduler: str | None) -> int:
    """Wait for a worker; make sure every worker can read the gazetteer. Returns
    the number of worker threads."""
    from geo import __version__
    from geo.batch_worker import check_worker

    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError:
        raise BatchError(f"no Dask worker joined the scheduler {scheduler} within 60 s; start "
                         f"`dask worker {scheduler}` on the nodes") from None
    bad = []
    for addr, report in sorted(client.run(check_worker, gazetteer_path).items()):
        if report["gazetteer"]:
            bad.append(f"{addr}: gazetteer {gazetteer_path}: {report['gazetteer']}")
        elif report["version"] != __version__:
            bad.append(f"{addr}: sitrep-geo {report['version']} (this client: {__version__})")
    if bad:
        raise BatchError("workers cannot geoparse: " + "; ".join(bad) + ". Put the gazetteer on "
                         "a path every node reads (GEO_GAZETTEER) and install the same version")
    return sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())


def run_batch(documents: Sequence[Document], out: Path | str, *,
              options: BatchOptions = BatchOptions(), workers: int | None = None,
              scheduler: str | None = None, gazetteer_path: Path | str | None = None,
              problems: Sequence[str] = (), inputs: Sequence[str] = (),
              on_progress: Callable[[int, int], None] | None = None,
              verbose: bool = False) -> BatchSummary:
    """Geoparse documents on a Dask cluster into a batch folder.

    Parameters
    ----------
    documents : sequence of Document
        In input order (partition ids follow it).
    out : path-like
        The output folder (created; an earlier run's done partitions are kept).
    options : BatchOptions
        Partition size and parser options.
    workers : int, optional
        Worker processes of the local cluster (default 1).
    scheduler : str, optional
        ``tcp://HOST:PORT`` of a running Dask scheduler instead.
    gazetteer_path : path-like, optional
        A gazetteer file every worker can read (default: the one
        :func:`gazetteer.open` opens, built here if missing).
    problems, inputs : sequence of str
        Unreadable inputs and the INPUT arguments, recorded in the summary.
    on_progress : callable, optional
        ``on_progress(documents_finished, documents_total)`` after each partition.
    verbose : bool
        Let Dask log warnings (worker restarts, say).

    Returns
    -------
    BatchSummary
        Also written to ``out/summary.json``, even when interrupted.
    """
    import gazetteer
    from geo import batch_io

    start = time.perf_counter()
    out = Path(out)
    tasks = make_partitions(documents, options.partition_size)
    batch_io.prepare(out, len(tasks))
    popts = options.parser_options()
    records: dict[int, PartitionRecord] = {}
    todo = []
    for t in tasks:
        marker = batch_io.whole_marker(out, t.index, t.doc_ids, popts)
        if marker is None:
            batch_io.discard(out, t.index)
            records[t.index] = PartitionRecord(t.index, t.doc_ids, "pending")
            todo.append(t)
        else:
            records[t.index] = PartitionRecord(t.index, t.doc_ids, "skipped", marker["features"])
    state: dict[str, Any] = {"workers": 0, "interrupted": False}

    def summary() -> BatchSummary:
        return BatchSummary(len(documents), tuple(records[t.index] for t in tasks),
                            tuple(problems), time.perf_counter() - start, state["workers"],
                            scheduler or "local", options, tuple(inputs), state["interrupted"])

    batch_io.write_json(out / batch_io.SUMMARY, {**summary().as_dict(), "status": "running"})
    finished = len(documents) - sum(len(t.documents) for t in todo)
    if on_progress:
        on_progress(finished, len(documents))
    try:
        if todo:
            path = str(Path(gazetteer_path or gazetteer.open().path).resolve())
            with _client(workers, scheduler, verbose) as client:
                threads = _check_workers(client, path, scheduler)
                state["workers"] = len(client.scheduler_info()["workers"])
                for rec in _geoparse(client, todo, out, path, options, max(2, 2 * threads)):
                    records[rec.index] = rec
                    finished += len(rec.documents)
                    if on_progress:
                        on_progress(finished, len(documents))
    except KeyboardInterrupt:
        state["interrupted"] = True
        for t in todo:  # a partition written as Ctrl-C came (held back until it was whole)
            if records[t.index].status == "pending" and (
                    marker := batch_io.whole_marker(out, t.index, t.doc_ids, popts)):
                records[t.index] = PartitionRecord(t.index, t.doc_ids, "done", marker["features"])
        raise
    finally:
        batch_io.write_json(out / batch_io.SUMMARY, summary().as_dict())
    return summary()


def _geoparse(client: Any, todo: Sequence[PartitionTask], out: Path, gazetteer_path: str,
              options: BatchOptions, window: int) -> Iterator[PartitionRecord]:
    """Submit partitions (at most ``window`` at a time), write each as it finishes."""
    from distributed import as_completed

    from geo import batch_io
    from geo.batch_worker import run_partition

    run = uuid.uuid4().hex[:8]
    pending = iter(todo)
    tasks: dict[str, PartitionTask] = {}
    live: dict[str, Any] = {}
    done = as_completed()

    def submit() -> None:
        task = next(pending, None)
        if task is not None:
            fut = client.submit(run_partition, task, gazetteer_path, options.country,
                                options.ner, key=f"geo-batch-{task.name}-{run}", retries=2,
                                pure=False)
            tasks[fut.key], live[fut.key] = task, fut
            done.add(fut)

    for _ in range(window):
        submit()
    try:
        for fut in done:
            task = tasks.pop(fut.key)
            live.pop(fut.key)
            result: PartitionOutput | None = None
            if fut.status == "finished":
                try:
                    result = fut.result()
                except Exception as received:  # noqa: BLE001 (a result that cannot be read)
                    error = f"{type(received).__name__}: {received}"
            else:
                raised = fut.exception() if fut.status == "error" else None
                error = f"{type(raised).__name__}: {raised}" if raised else fut.status
            if result is not None:
                marker = batch_io.write_partition(
                    out, task.index, task.doc_ids, result.features, options.parser_options(),
                    {"elapsed_s": round(result.elapsed, 3), "worker": result.worker})
                yield PartitionRecord(task.index, task.doc_ids, "done", marker["features"])
            else:
                yield PartitionRecord(task.index, task.doc_ids, "failed", error=error)
            fut.release()
            submit()
    finally:
        for fut in live.values():
            fut.cancel()

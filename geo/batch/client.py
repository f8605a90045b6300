"""Geoparse a news archive on a Dask cluster (``geo batch``).

The documents are split, in input order, into partitions of N; partition ``i``
holds documents ``i*N .. i*N+N-1``. Each partition is geoparsed by one Dask
task on a worker, which opens the gazetteer read-only from a path it can reach
and writes the partition's GeoParquet files plus a done marker (see
:mod:`geo.batch.files`) into the output folder, which it must reach too; only a
small record comes back. A re-run skips partitions already done; a task that
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
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from geo.batch.files import batch_dir, iter_batch, read_batch
from geo.batch.tasks import (DEFAULT_PARTITION_SIZE, BatchError, BatchOptions, BatchSummary,
                             PartitionRecord, PartitionTask, PartitionWritten, make_partitions)
from geo.model import Document

__all__ = ["DEFAULT_PARTITION_SIZE", "BatchError", "BatchOptions", "BatchSummary",
           "PartitionRecord", "PartitionTask", "PartitionWritten", "batch_dir", "make_partitions",
           "iter_batch", "read_batch", "run_batch"]


@contextlib.contextmanager
def _client(workers: int | None, scheduler: str | None, verbose: bool,
            warm: Callable[[], Any] | None = None) -> Iterator[Any]:
    """A Dask client: of ``scheduler`` when given, else of a local process cluster
    whose workers are forked from this process once ``warm()`` has run in it."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    cluster = None
    # One single-threaded process per worker (the parser is pure Python), without
    # Dask's profiler, which samples the parser's stack 100 times a second for a
    # dashboard no one looks at here. Local workers are forked (also when the
    # nanny restarts one), not spawned: they start with the modules imported, the
    # rules compiled and the vocabularies read here, instead of paying for that
    # again each (about a second of CPU per worker).
    config: dict[str, Any] = {"distributed.worker.profile.enabled": False}
    if not scheduler:
        config["distributed.worker.multiprocessing-method"] = "fork"
    with dask.config.set(config):
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:  # ValueError: not an address
                raise BatchError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                                 "start it with `dask scheduler` or check --scheduler") from None
        else:
            from geo.batch.worker import ignore_interrupts

            if warm is not None:
                warm()
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.WARNING if verbose else logging.CRITICAL)
            client = Client(cluster)
            client.run(ignore_interrupts)  # Ctrl-C stops the workers through the client
        try:
            yield client
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _check_workers(client: Any, gazetteer_path: str, out: str,
                   scheduler: str | None) -> list[str]:
    """Wait for a worker; make sure every worker can read the gazetteer and write
    the output folder. Returns the address of each worker thread's worker."""
    from geo import __version__
    from geo.batch.worker import check_worker

    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError:
        raise BatchError(f"no Dask worker joined the scheduler {scheduler} within 60 s; start "
                         f"`dask worker {scheduler}` on the nodes") from None
    bad = []
    for addr, report in sorted(client.run(check_worker, gazetteer_path, out).items()):
        if report["gazetteer"]:
            bad.append(f"{addr}: gazetteer {gazetteer_path}: {report['gazetteer']}")
        if report.get("output"):  # (absent from another version's report)
            bad.append(f"{addr}: output folder {out}: {report['output']}")
        if report["version"] != __version__:
            bad.append(f"{addr}: sitrep-geo {report['version']} (this client: {__version__})")
    if bad:
        raise BatchError("workers cannot geoparse: " + "; ".join(bad) + ". Put the gazetteer on "
                         "a path every node reads (GEO_GAZETTEER) and --out on a file system "
                         "every node writes, and install the same version")
    workers = client.scheduler_info()["workers"]
    return [addr for addr in sorted(workers) for _ in range(workers[addr].get("nthreads", 1))]


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
    from geo.batch import files as batch_io

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
            from geo.batch.worker import warm_up

            with _client(workers, scheduler, verbose,
                         warm=lambda: warm_up(path, options)) as client:
                slots = _check_workers(client, path, str(out.resolve()), scheduler)
                state["workers"] = len(set(slots))
                client.run(warm_up, path, options)  # every worker, before its first task
                for rec in _geoparse(client, todo, out, path, options, slots):
                    records[rec.index] = rec
                    finished += len(rec.documents)
                    if on_progress:
                        on_progress(finished, len(documents))
    except KeyboardInterrupt:
        state["interrupted"] = True
        for t in todo:  # a partition its worker finished while the run stopped
            if records[t.index].status == "pending" and (
                    marker := batch_io.whole_marker(out, t.index, t.doc_ids, popts)):
                records[t.index] = PartitionRecord(t.index, t.doc_ids, "done", marker["features"])
        raise
    finally:
        with contextlib.suppress(OSError):  # files of a partition cut off while written
            batch_io.remove_leftovers(out, len(tasks))
        batch_io.write_json(out / batch_io.SUMMARY, summary().as_dict())
    return summary()


class _Runs:
    """The partitions left to submit, as one contiguous run per worker thread.

    Neighbouring documents name the same places, so a worker that geoparses a
    run of them finds more of their names, outlines and zones in its caches
    than one given every other partition. A thread whose run is over takes
    the partitions at the end of the longest run left.

    >>> runs = _Runs(list(range(7)), ["tcp://a", "tcp://b"])  # runs 0-2 and 3-6
    >>> [runs.next_for(1) for _ in range(5)]  # 3-6, then the end of the other run
    [3, 4, 5, 6, 2]
    >>> [runs.next_for(0) for _ in range(3)]
    [0, 1, None]
    """

    def __init__(self, todo: Sequence[Any], slots: Sequence[str]):
        n = len(slots)
        bounds = [len(todo) * i // n for i in range(n + 1)]
        self._runs = [deque(todo[bounds[i]:bounds[i + 1]]) for i in range(n)]

    def next_for(self, slot: int) -> Any | None:
        if self._runs[slot]:
            return self._runs[slot].popleft()
        longest = max(self._runs, key=len)
        return longest.pop() if longest else None


def _geoparse(client: Any, todo: Sequence[PartitionTask], out: Path, gazetteer_path: str,
              options: BatchOptions, slots: Sequence[str]) -> Iterator[PartitionRecord]:
    """Keep two partitions submitted per worker thread (see :class:`_Runs`);
    check each one's files as its worker reports them written."""
    from distributed import as_completed

    from geo.batch.worker import run_partition

    run = uuid.uuid4().hex[:8]
    where = str(out.resolve())
    runs = _Runs(todo, slots)
    submitted: dict[str, tuple[PartitionTask, int]] = {}
    live: dict[str, Any] = {}
    done = as_completed()

    def submit(slot: int) -> None:
        task = runs.next_for(slot)
        if task is not None:  # on its thread's worker, or another if that one is gone
            fut = client.submit(run_partition, task, where, gazetteer_path, options,
                                key=f"geo-batch-{task.name}-{run}", retries=2, pure=False,
                                workers=[slots[slot]], allow_other_workers=True)
            submitted[fut.key], live[fut.key] = (task, slot), fut
            done.add(fut)

    for slot in [*range(len(slots))] * 2:
        submit(slot)
    try:
        for fut in done:
            task, slot = submitted.pop(fut.key)
            live.pop(fut.key)
            yield _record(fut, task, out, options)
            fut.release()
            submit(slot)
    finally:
        for fut in live.values():
            fut.cancel()


def _record(fut: Any, task: PartitionTask, out: Path, options: BatchOptions) -> PartitionRecord:
    """The fate of a finished task's partition, as its files in ``out`` show it."""
    from geo.batch import files as batch_io

    if fut.status != "finished":
        raised = fut.exception() if fut.status == "error" else None
        error = f"{type(raised).__name__}: {raised}" if raised else fut.status
        return PartitionRecord(task.index, task.doc_ids, "failed", error=error)
    try:
        written: PartitionWritten = fut.result()
    except Exception as received:  # noqa: BLE001 (a result that cannot be read)
        return PartitionRecord(task.index, task.doc_ids, "failed",
                               error=f"{type(received).__name__}: {received}")
    marker = batch_io.whole_marker(out, task.index, task.doc_ids, options.parser_options())
    if marker is None:
        return PartitionRecord(task.index, task.doc_ids, "failed", error=(
            f"worker {written.worker} wrote it, but {out} does not hold it whole here: --out "
            "must be a folder the client and every worker share"))
    return PartitionRecord(task.index, task.doc_ids, "done", marker["features"])

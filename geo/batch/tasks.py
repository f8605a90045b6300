"""What flows between the batch client and its workers: options, tasks, records.

These small value types are shared by :mod:`geo.batch.client`,
:mod:`geo.batch.worker` and :mod:`geo.batch.files`, so that none of those
imports another in a circle.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from geo.errors import GeoError
from geo.model import Document

__all__ = ["DEFAULT_PARTITION_SIZE", "BatchError", "BatchOptions", "BatchSummary",
           "PartitionRecord", "PartitionTask", "PartitionWritten", "make_partitions",
           "partition_size_for"]

#: The largest partition chosen for the user (one Dask task, one set of files).
DEFAULT_PARTITION_SIZE = 100
#: The smallest one: below it a task's fixed cost (scheduling, three files and a
#: marker) outweighs its documents.
MIN_PARTITION_SIZE = 10
#: Partitions per worker thread aimed at: enough for a thread that finishes
#: early to take over the end of another's run, few enough to stay large.
_PER_WORKER = 4
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
        """The partition's file stem, ``part-00007``."""
        return f"part-{self.index:05d}"

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The ids of its documents, in order."""
        return tuple(d.id for d in self.documents)


@dataclass(frozen=True, slots=True)
class PartitionWritten:
    """What a Dask task returns once it has written its partition: no features,
    their number per kind."""

    index: int
    features: dict[str, int]
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
        """The partition as ``summary.json`` lists it."""
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
        """``complete``, ``incomplete`` or ``interrupted``."""
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


def partition_size_for(documents: int, workers: int) -> int:
    """Documents per partition for a run of ``documents`` on ``workers`` threads:
    about four partitions per worker, from 10 to 100 documents each.

    >>> partition_size_for(300, 2), partition_size_for(300, 1), partition_size_for(50_000, 2)
    (38, 75, 100)
    >>> partition_size_for(30, 2)  # never fewer partitions than workers, unless tiny
    10
    """
    per = -(-documents // (_PER_WORKER * max(1, workers)))
    return max(MIN_PARTITION_SIZE, min(DEFAULT_PARTITION_SIZE, per))


def make_partitions(documents: Iterable[Document], size: int) -> list[PartitionTask]:
    """Split documents, in order, into partitions of ``size`` (the last may be smaller)."""
    if size < 1:
        raise BatchError(f"partition size {size}: give 1 or more documents per partition")
    docs = list(documents)
    return [PartitionTask(i // size, tuple(docs[i:i + size])) for i in range(0, len(docs), size)]

"""What runs on a Dask worker for ``geo batch``.

Tasks carry documents (plain value objects) and the gazetteer's path, never a
parser or a gazetteer. Each worker process opens the gazetteer read-only once
and keeps one :class:`~geo.pipeline.Parser` per set of options in a
module-level cache, so a worker pays its set-up once however many partitions
it geoparses.

``GEO_BATCH_FAULT`` injects faults, for the tests of recovery only:
``exit-once:INDEX:MARKER`` ends the worker process (``os._exit``) halfway
through partition INDEX if the file MARKER does not exist yet (creating it, so
it happens once); ``raise:INDEX[,INDEX...]`` makes those partitions raise
every time.
"""
from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.batch import PartitionOutput, PartitionTask
    from geo.pipeline import Parser

__all__ = ["FAULT_VAR", "InjectedFault", "check_worker", "parser_for", "run_partition"]

FAULT_VAR = "GEO_BATCH_FAULT"

_PARSERS: dict[tuple[str, str | None, bool], Parser] = {}


class InjectedFault(RuntimeError):
    """Raised by a partition named in ``GEO_BATCH_FAULT=raise:...`` (tests only)."""


def parser_for(gazetteer_path: str, country: str | None, ner: bool) -> Parser:
    """This process's parser for these options, created on first use.

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


def _fault(index: int, position: int, size: int) -> None:
    spec = os.environ.get(FAULT_VAR, "")
    mode, _, arg = spec.partition(":")
    if mode == "raise" and str(index) in arg.split(","):
        raise InjectedFault(f"injected fault in partition {index} ({FAULT_VAR})")
    if mode == "exit-once" and position == size // 2:
        target, _, marker = arg.partition(":")
        if target != str(index) or not marker:
            return
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.close(fd)
        os._exit(70)


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def run_partition(task: PartitionTask, gazetteer_path: str, country: str | None,
                  ner: bool) -> PartitionOutput:
    """Geoparse one partition (the Dask task).

    Parameters
    ----------
    task : PartitionTask
        The partition's number and documents.
    gazetteer_path : str
        A gazetteer file this worker can read.
    country : str, optional
        Bias toward these ISO country codes (``"SY"`` or ``"SY,TR"``).
    ner : bool
        Use the statistical NER model.

    Returns
    -------
    PartitionOutput
        The features of its documents, in input order (places, zones, events
        of each document, as ``geo export`` orders them).
    """
    from geo.batch import PartitionOutput

    start = time.perf_counter()
    parser = parser_for(gazetteer_path, country, ner)
    feats: list[dict[str, Any]] = []
    size = len(task.documents)
    for position, pd in enumerate(parser.parse_many(task.documents)):
        _fault(task.index, position, size)
        feats.extend(pd.features())
    return PartitionOutput(index=task.index, doc_ids=task.doc_ids, features=tuple(feats),
                           elapsed=time.perf_counter() - start, worker=_worker_address())


def check_worker(gazetteer_path: str) -> dict[str, str | None]:
    """What stops this worker from geoparsing: run on every worker before the batch.

    Returns
    -------
    dict
        ``gazetteer``: why the file cannot be used here (None when it can);
        ``version``: this worker's sitrep-geo version.
    """
    import gazetteer
    from geo import __version__

    try:
        problem = gazetteer.check(gazetteer_path)
    except (ImportError, OSError, ValueError) as exc:  # a worker lacking a dependency, say
        problem = f"{type(exc).__name__}: {exc}"
    return {"gazetteer": problem, "version": __version__}

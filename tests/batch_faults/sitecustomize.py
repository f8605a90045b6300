"""Faults for the batch recovery tests, injected by patching, never by product code.

The tests put this folder on ``PYTHONPATH`` of a ``geo batch`` run, so that
Python imports this file at the start of the client and of every Dask worker
process. It wraps :func:`geo.batch.worker.parser_for` so that the parser it
returns misbehaves as ``BATCH_FAULT`` asks:

``exit-once:INDEX:MARKER``
    the worker process ends itself (``os._exit``) halfway through partition
    INDEX if the file MARKER does not exist yet (creating it, so it happens
    once);
``raise:INDEX[,INDEX...]``
    those partitions raise :class:`InjectedFault` every time.
"""
import os

SPEC = os.environ.get("BATCH_FAULT", "")


class InjectedFault(RuntimeError):
    """Raised by a partition named in ``BATCH_FAULT=raise:...``."""


def _fault(index, position, size):
    mode, _, arg = SPEC.partition(":")
    if mode == "raise" and str(index) in arg.split(","):
        raise InjectedFault(f"injected fault in partition {index}")
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


class _FaultyParser:
    def __init__(self, parser):
        self._parser = parser

    def parse_many(self, documents):
        documents = list(documents)
        index = _partition_of(documents)
        for position, parsed in enumerate(self._parser.parse_many(documents)):
            _fault(index, position, len(documents))
            yield parsed


_INDEX_OF = {}


def _partition_of(documents):
    return _INDEX_OF.get(documents[0].id if documents else None, -1)


def _install():
    import geo.batch.worker as worker

    original_parser_for, original_run = worker.parser_for, worker.run_partition

    def parser_for(*args, **kwargs):
        return _FaultyParser(original_parser_for(*args, **kwargs))

    def run_partition(task, *args, **kwargs):
        if task.documents:
            _INDEX_OF[task.documents[0].id] = task.index
        return original_run(task, *args, **kwargs)

    run_partition.__module__, run_partition.__qualname__ = worker.__name__, "run_partition"
    worker.parser_for, worker.run_partition = parser_for, run_partition


if SPEC:
    _install()

"""What the INPUT arguments of a command are, before anything is read.

An INPUT is a report (a text, HTML or JSONL file, a folder of them, ``-``), a
GeoJSON file written by ``geo export`` (``geo map`` draws it as it is), or the
output folder of ``geo batch`` (read back by ``geo export`` and ``geo map``).

Examples
--------
>>> sniff(["seeds/", "-"]).reports
('seeds/', '-')
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError

__all__ = ["BATCH_PARTS", "BATCH_SUMMARY", "Inputs", "display_path", "sniff"]

#: A ``geo batch`` output folder holds this file and this folder.
BATCH_SUMMARY = "summary.json"
BATCH_PARTS = "_parts"


@dataclass(frozen=True, slots=True)
class Inputs:
    """INPUT arguments sorted by what they hold."""

    reports: tuple[str, ...] = ()
    geojson: tuple[str, ...] = ()
    batch: Path | None = None


def _is_batch(arg: str) -> bool:
    path = Path(arg)
    return (path / BATCH_SUMMARY).is_file() and (path / BATCH_PARTS).is_dir()


def sniff(inputs: Sequence[str], *, geojson: bool = False) -> Inputs:
    """Sort INPUT arguments; with `geojson`, ``.geojson`` files are features, not reports.

    Raises
    ------
    InputError
        When a ``geo batch`` output folder is given with other inputs.
    """
    batches = [a for a in inputs if a != "-" and _is_batch(a)]
    if batches:
        if len(inputs) > 1:
            raise InputError(f"{batches[0]}: a `geo batch` output folder must be the only INPUT")
        return Inputs(batch=Path(batches[0]))
    features = tuple(a for a in inputs if geojson and a.lower().endswith(".geojson")
                     and Path(a).is_file())
    return Inputs(reports=tuple(a for a in inputs if a not in features), geojson=features)


def display_path(path: Path, given: str) -> str:
    """How an output names a file read for the INPUT `given`, never an absolute path.

    A relative INPUT keeps its own spelling (``seeds/01.txt``); an absolute one is cut
    to its last part (the folder's name and the path inside it, or the file's name).

    Examples
    --------
    >>> display_path(Path("/home/ana/leaks/reports/a.txt"), "/home/ana/leaks/reports")
    'reports/a.txt'
    >>> display_path(Path("/home/ana/a.txt"), "/home/ana/a.txt")
    'a.txt'
    >>> display_path(Path("seeds/01.txt"), "seeds")
    'seeds/01.txt'
    """
    root = Path(given)
    if not root.is_absolute():
        return str(path)
    try:
        inside = path.relative_to(root)
    except ValueError:
        return path.name
    name = root.name or path.name
    return str(Path(name) / inside) if str(inside) != "." else name

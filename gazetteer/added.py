"""The user's own place files, kept beside the gazetteer so no rebuild loses them.

``geo gazetteer build --add FILE`` adds places from FILE. A copy of each file
and a record of it (its path when added, its SHA-256) are kept in the folder
``<gazetteer>.added`` beside the gazetteer, so a rebuild (of a damaged or stale
file, or a ``build`` without ``--add``) adds the same places again, even when the
original file has moved. A build given files replaces the record with them.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

__all__ = ["added_dir", "recorded", "record", "sha256_of"]

_RECORD = "record.json"


def added_dir(path: Path) -> Path:
    """The folder of copies and their record, beside the gazetteer file ``path``."""
    return path.with_name(path.name + ".added")


def sha256_of(path: Path) -> str:
    """The SHA-256 of a whole file, read a megabyte at a time."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def recorded(path: Path) -> tuple[list[str], list[str]]:
    """``(copies, problems)``: the recorded copies whose checksum still holds, and
    one line for each recorded file that cannot be added again."""
    folder = added_dir(path)
    try:
        entries = json.loads((folder / _RECORD).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], []
    except (OSError, ValueError):
        return [], [f"{folder / _RECORD} cannot be read; add your place files again with "
                    "`geo gazetteer build --add FILE`"]
    copies, problems = [], []
    for entry in entries if isinstance(entries, list) else []:
        try:
            copy = folder / entry["copy"]
            ok = sha256_of(copy) == entry["sha256"]
        except (OSError, KeyError, TypeError):
            ok = False
        if ok:
            copies.append(str(copy))
        else:
            original = entry.get("path") if isinstance(entry, dict) else entry
            problems.append(f"the kept copy of {original} is missing or damaged; add it again "
                            "with `geo gazetteer build --add FILE`")
    return copies, problems


def record(path: Path, files: Sequence[str]) -> None:
    """Keep copies of ``files`` and their record beside the gazetteer ``path``
    (an empty ``files`` removes the record)."""
    folder = added_dir(path)
    fresh = folder.with_name(folder.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    if files:
        fresh.mkdir()
        entries = []
        for i, name in enumerate(files):
            src = Path(name)
            copy = f"{i:02d}-{src.name}"
            shutil.copyfile(src, fresh / copy)
            entries.append({"path": str(src.resolve()), "copy": copy,
                            "sha256": sha256_of(fresh / copy)})
        (fresh / _RECORD).write_text(json.dumps(entries, indent=1), encoding="utf-8")
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    if files:
        os.replace(fresh, folder)
    shutil.rmtree(old, ignore_errors=True)

"""Writing output files whole or not at all.

Every writer of the project (exports, maps, batch partitions) goes through
:func:`atomic_path`: the file is written under a temporary name in the target
folder and renamed into place, so an output is whole or absent.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.errors import OutputError

__all__ = ["atomic_path"]


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place on success.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("whole")
    >>> out.read_text()
    'whole'
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist; create it or choose another -o")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: folder {folder} is not writable; choose another -o")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    os.close(fd)
    try:
        yield Path(tmp)
        if os.path.exists(tmp):  # a writer may have replaced the file: keep usual permissions
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

"""Writing output files whole or not at all.

Every writer of the project (exports, maps, batch partitions) goes through
:func:`atomic_path`: a regular file (or a path that does not exist yet) is
written under a temporary name in the target folder and renamed into place, so
an output is whole or absent, and an existing file keeps its permissions.
Anything else that exists (``/dev/null``, ``/dev/stdout``, a named pipe) is
never replaced: it is written directly, or refused in one line by a writer that
needs a regular file (GeoPackage).
"""
from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from geo.errors import OutputError

__all__ = ["atomic_path", "text_output"]


@contextlib.contextmanager
def atomic_path(path: Path | str, *, direct: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place on success.

    When ``path`` exists and is not a regular file (a device, a pipe), ``path``
    itself is yielded, to be written directly; with ``direct=False`` (a writer
    that must seek, delete or rename its file) that is an :class:`OutputError`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("whole")
    >>> out.read_text()
    'whole'
    >>> with atomic_path("/dev/null") as tmp:
    ...     str(tmp)
    '/dev/null'
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path}: is a folder; give a file name with -o")
    if st is not None and not stat.S_ISREG(st.st_mode):
        if not direct:
            raise OutputError(f"{path}: is not a regular file and this format must be written "
                              "to one; choose a file with -o")
        try:
            yield path
        except OSError as exc:  # /dev/full: "No space left on device"
            raise OutputError(f"{path}: cannot be written ({exc.strerror or exc}); check free "
                              "space, or choose another -o") from None
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist; create it or choose another -o")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{path}: folder {folder} is not writable; choose another -o")
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)  # re-exporting over a file keeps its permissions
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    os.close(fd)
    try:
        yield Path(tmp)
        if os.path.exists(tmp):  # a writer may have replaced the file
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@contextlib.contextmanager
def text_output(path: Path | str | None, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A text stream to write an output to: standard output for None or ``-``,
    else a UTF-8 file written whole or not at all (:func:`atomic_path`)."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as f:
        yield f

"""The place index: names, places and geometries, built offline into one file.

>>> import gazetteer
>>> gaz = gazetteer.open()                      # doctest: +SKIP
>>> gaz.matches("Tel Abyad", how="loose")[0].place.name  # doctest: +SKIP
'Tall Abyaḑ'

Nothing is read at import; :func:`open` finds the file (an explicit path, then
the ``GEO_GAZETTEER`` environment variable, then the user cache directory),
checks it against its manifest and builds it if it is missing or stale.
"""
from __future__ import annotations

import os as _os
from typing import TYPE_CHECKING

from gazetteer.errors import (CustomDataError, GazetteerCorrupt, GazetteerError,
                              GazetteerNotFound, GazetteerReadOnly)
from gazetteer.model import Candidate, Place

if TYPE_CHECKING:
    from gazetteer.store import Gazetteer

__all__ = ["open", "default_path", "build", "check", "Gazetteer", "Place", "Candidate",
           "GazetteerError", "GazetteerNotFound", "GazetteerCorrupt", "GazetteerReadOnly",
           "CustomDataError"]

ENV_VAR = "GEO_GAZETTEER"
_OPEN: dict[str, "Gazetteer"] = {}


def _forget_open() -> None:
    """In a forked child: open files anew, never through the parent's connections
    (SQLite connections must not cross a fork)."""
    _OPEN.clear()


_os.register_at_fork(after_in_child=_forget_open)


def default_path():
    """Where the gazetteer lives when no path is given."""
    import os
    from pathlib import Path

    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("sitrep-geo")) / "gazetteer.sqlite"


def check(path, *, full: bool = False) -> str | None:
    """Why the file at ``path`` cannot be trusted, or None when it can.

    Parameters
    ----------
    path : path-like
        The gazetteer file.
    full : bool
        Also compare the SHA-256 of the whole file with its manifest (about 0.1 s
        more); by default only a sample of blocks spread through the file is
        hashed, which catches truncation and damage to those blocks.

    Returns
    -------
    str or None
        The reason, e.g. ``"missing"`` or ``"size differs from its manifest
        (truncated or damaged)"``.
    """
    import json
    from pathlib import Path

    from gazetteer.builder import (SCHEMA_VERSION, _full_digest, manifest_path, sample_digest,
                                   source_versions)

    path = Path(path)
    if not path.exists():
        return "missing"
    if not path.is_file():
        return "not a file"
    try:
        manifest = json.loads(manifest_path(path).read_text())
    except (OSError, ValueError):
        return "no readable manifest"
    if not isinstance(manifest, dict):
        return "no readable manifest"
    if manifest.get("schema") != SCHEMA_VERSION:
        return f"schema {manifest.get('schema')} (this version reads {SCHEMA_VERSION})"
    if manifest.get("sources") != source_versions():
        return "built from other source versions"
    try:
        if manifest.get("size") != path.stat().st_size:
            return "size differs from its manifest (truncated or damaged)"
        if manifest.get("sample_sha256") != sample_digest(path):
            return "checksum differs from its manifest (damaged)"
        if full and manifest.get("sha256") != _full_digest(path):
            return "checksum of the whole file differs from its manifest (damaged)"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None


def build(path=None, *, extra=(), progress=None, force=True, geonames=()):
    """Build (or rebuild) the gazetteer file; returns its path.

    ``extra``: your own place files (CSV or GeoJSON); ``geonames``: GeoNames
    dump files (``allCountries.zip``, ``SY.zip``, ``UA.txt``) added on top of
    the packaged sources. A file rebuilt automatically (after a package
    upgrade) holds the packaged sources only: build again with them.
    """
    from gazetteer.builder import build as _build

    from gazetteer.sources import geonames_dump

    for dump in geonames:  # a wrong file fails now, not after the packaged sources
        geonames_dump.check(dump)
    path = path or default_path()
    _OPEN.pop(str(path), None)
    return _build(path, extra=extra, progress=progress, force=force,
                  is_valid=lambda p: check(p) is None, geonames=geonames)


def open(path=None, *, rebuild: bool = True, progress=None) -> "Gazetteer":
    """Open the gazetteer read-only, building it first if missing or stale.

    Parameters
    ----------
    path : path-like, optional
        An explicit file; else ``$GEO_GAZETTEER``; else the user cache directory.
    rebuild : bool
        Build the file when it is missing, outdated or damaged (default). With
        False such a file raises :class:`GazetteerNotFound` or
        :class:`GazetteerCorrupt` instead (what batch workers use).
    progress : callable, optional
        ``progress(stage, fraction)`` during a build.
    """
    from pathlib import Path

    from gazetteer.store import Gazetteer

    path = Path(path) if path else default_path()
    cached = _OPEN.get(str(path))
    if cached is not None:
        return cached
    problem = check(path)
    if problem is not None:
        if not rebuild:
            err = GazetteerNotFound if problem == "missing" else GazetteerCorrupt
            raise err(f"gazetteer at {path}: {problem}; run `geo gazetteer build`")
        build(path, progress=progress, force=False)
        problem = check(path)
        if problem is not None:
            raise GazetteerCorrupt(f"gazetteer at {path} is still unusable after a build: {problem}")
    gaz = Gazetteer(path)
    _OPEN[str(path)] = gaz
    return gaz


def __getattr__(name):
    if name == "Gazetteer":
        from gazetteer.store import Gazetteer

        return Gazetteer
    raise AttributeError(name)

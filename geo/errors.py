"""Exceptions of the geoparser. ``GeoError`` is the root; each subclass also
inherits the builtin it refines, so callers can catch either."""
from __future__ import annotations

__all__ = [
    "FormatError",
    "GeoError",
    "InputError",
    "InputNotFound",
    "MissingExtra",
    "OutputError",
    "need",
]


class GeoError(Exception):
    """Root of the geoparser's errors. Messages name the bad value and the fix."""


class InputError(GeoError, ValueError):
    """A document cannot be read (empty, binary, undecodable, malformed JSONL)."""


class InputNotFound(InputError, FileNotFoundError):
    """An input path does not exist."""


class OutputError(GeoError, OSError):
    """An output cannot be written (missing or unwritable folder)."""


class FormatError(GeoError, ValueError):
    """An unknown export format or option value."""


class MissingExtra(GeoError, ImportError):
    """A feature needs an optional part of the package that is not installed."""


def need(module: str, extra: str, what: str):
    """Import `module`, or raise :class:`MissingExtra` naming the extra that installs it.

    Examples
    --------
    >>> need("json", "none", "reading JSON").__name__
    'json'
    >>> need("no_such_module_here", "ner", "spaCy's NER")
    Traceback (most recent call last):
    ...
    geo.errors.MissingExtra: spaCy's NER needs no_such_module_here: pip install 'sitrep-geo[ner]'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if exc.name is not None and module.split(".")[0] != exc.name.split(".")[0]:
            raise  # the module is there but broken: not a missing extra
        raise MissingExtra(f"{what} needs {module}: pip install 'sitrep-geo[{extra}]'") from None

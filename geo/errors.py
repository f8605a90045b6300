"""Exceptions of the geoparser. ``GeoError`` is the root; each subclass also
inherits the builtin it refines, so callers can catch either."""
from __future__ import annotations

__all__ = ["GeoError", "InputError", "InputNotFound", "OutputError", "FormatError"]


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

"""The gazetteer's exceptions. ``GazetteerError`` is the package's root.

The package imports nothing of ``geo``; ``geo``'s CLI turns these into one-line
errors like its own.
"""
from __future__ import annotations

__all__ = ["GazetteerError", "GazetteerNotFound", "GazetteerCorrupt", "GazetteerReadOnly",
           "CustomDataError"]


class GazetteerError(Exception):
    """Root of the gazetteer's errors."""


class GazetteerNotFound(GazetteerError, FileNotFoundError):
    """No built gazetteer where one was asked for."""


class GazetteerCorrupt(GazetteerError):
    """A gazetteer file is damaged, truncated or of another schema."""


class GazetteerReadOnly(GazetteerError, PermissionError):
    """The gazetteer cannot be written where it should be built."""


class CustomDataError(GazetteerError, ValueError):
    """A user's place file (CSV or GeoJSON) cannot be read."""

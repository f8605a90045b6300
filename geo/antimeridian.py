"""Splitting at the antimeridian (RFC 7946 §3.1.9): the rules live with the
gazetteer's geodesy (:mod:`gazetteer.antimeridian`), which derives outlines with
them at build time; geo reads them from here."""
from __future__ import annotations

from gazetteer.antimeridian import _unwrapped, crosses_antimeridian, split_antimeridian

__all__ = ["crosses_antimeridian", "split_antimeridian"]
__all__ += ["_unwrapped"]  # (for the tests of the unwrapping)

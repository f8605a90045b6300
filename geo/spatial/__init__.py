"""Spatial expressions: recognise them in text and build their geometry.

>>> from geo.spatial import destination
>>> destination(0.0, 0.0, 0.0, 0.0).coords[0]
(0.0, 0.0)

Submodules load on first use of a name, so ``import geo.spatial`` is cheap.
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Anchor",
    "Expression",
    "around",
    "bearing_of",
    "border_strip",
    "buffer_m",
    "build_zones",
    "central",
    "compass_point",
    "corridor",
    "destination",
    "distance_m",
    "find_expressions",
    "geodesic_area_km2",
    "parse_distance",
    "part_of",
    "sector",
    "shared_border",
    "side_of_line",
    "to_metres",
]

_WHERE = {
    "find_expressions": "parse", "build_zones": "build", "Expression": "expression",
    "Anchor": "expression", "to_metres": "lexicon", "parse_distance": "lexicon",
    "compass_point": "compass", "bearing_of": "compass",
    **dict.fromkeys((
        "destination", "distance_m", "geodesic_area_km2", "buffer_m", "border_strip",
        "shared_border", "part_of", "corridor", "central", "around", "sector"), "geometry"),
    "side_of_line": "sides",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

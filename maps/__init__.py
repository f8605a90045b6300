"""Draw geoparsed reports on a self-contained, offline HTML map.

>>> import maps
>>> sorted(maps.__all__)
['MapError', 'Report', 'render', 'to_html']

``import maps`` is cheap: :func:`render` and :func:`to_html` load their module
(and folium, Leaflet's files) only when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from maps.model import MapError, Report

if TYPE_CHECKING:  # pragma: no cover
    from maps._page import render, to_html

__all__ = ["MapError", "Report", "render", "to_html"]


def __getattr__(name: str) -> Any:
    if name in ("render", "to_html"):
        from maps import _page

        return getattr(_page, name)
    raise AttributeError(f"module 'maps' has no attribute {name!r}")

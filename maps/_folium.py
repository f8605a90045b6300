"""Assemble the page with folium's element tree, without any CDN link.

This module imports folium at the top; :mod:`maps._page` imports it only when a
page is built, so ``import maps`` stays light.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from maps._assets import Assets

__all__ = ["OfflineMap", "RawHtml", "SitrepInit", "build_page"]

#: Optional web tile layers (display name, xyzservices provider). Off by default:
#: offline they simply stay empty.
TILE_PROVIDERS: tuple[tuple[str, str], ...] = (
    ("OpenStreetMap", "OpenStreetMap.Mapnik"),
    ("OpenTopoMap", "OpenTopoMap"),
    ("Esri World Imagery", "Esri.WorldImagery"),
)


class OfflineMap(folium.Map):
    """A folium Map that links no CDN file: Leaflet is inlined by :func:`build_page`."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium's own declaration)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class RawHtml(Element):
    """An element whose text is emitted verbatim (it is not a Jinja template).

    Parameters
    ----------
    text : str
        Markup produced by this package; never raw report text.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawHtml"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class SitrepInit(MacroElement):
    """Calls ``SitrepApp.init`` once the folium map variable exists."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        SitrepApp.init(
            {{ this._parent.get_name() }},
            document.getElementById("sitrep-data"),
            {{ this.tiles|tojavascript }}
        );
        {% endmacro %}
        """
    )

    def __init__(self, tiles: Sequence[tuple[str, Element]]) -> None:
        super().__init__()
        self._name = "SitrepInit"
        self._id = "sitrep"
        self.tiles = [[name, layer] for name, layer in tiles]


def _tile_layers() -> list[tuple[str, folium.TileLayer]]:
    import xyzservices.providers as xyz

    layers: list[tuple[str, folium.TileLayer]] = []
    for label, provider in TILE_PROVIDERS:
        layer = folium.TileLayer(
            xyz.query_name(provider), name=label, overlay=True, control=False, show=False
        )
        layer._id = f"sitrep{len(layers)}"
        layers.append((label, layer))
    return layers


def build_page(payload_json: str, title: str, panel_html: str, assets: Assets) -> str:
    """Render the whole HTML page.

    Parameters
    ----------
    payload_json : str
        Page data, already escaped for a ``<script type="application/json">``.
    title : str
        Plain-text page title (escaped here).
    panel_html : str
        Our static panel skeleton (filled by JavaScript).
    assets : Assets
        Stylesheets and scripts to inline.

    Returns
    -------
    str
        A self-contained HTML document.
    """
    fmap = OfflineMap(
        location=None,
        tiles=None,
        position="absolute",
        width="64%",
        height="100%",
        left="36%",
        top="0%",
        control_scale=True,
    )
    fmap._id = "sitrep"  # fixed element names: the same input gives the same page
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(RawHtml(f"<title>{html.escape(title)}</title>"), name="sitrep_title")
    for name, css in assets.styles:
        figure.header.add_child(RawHtml(f"<style>/* {name} */\n{css}\n</style>"), name=name)
    for name, js in assets.scripts:
        figure.header.add_child(RawHtml(f"<script>/* {name} */\n{js}\n</script>"), name=name)
    figure.html.add_child(RawHtml(panel_html), name="sitrep_panel")
    figure.html.add_child(
        RawHtml(f'<script type="application/json" id="sitrep-data">{payload_json}</script>'),
        name="sitrep_data",
    )
    tiles = _tile_layers()
    for label, layer in tiles:
        fmap.add_child(layer)
    fmap.add_child(SitrepInit(tiles))
    return figure.render()

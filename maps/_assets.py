"""Read the JavaScript and CSS inlined into the page.

Leaflet and Leaflet.markercluster come from the installed ``xstatic-*`` packages
at run time (nothing third-party is stored in this repository); our own small
scripts and styles live in ``maps/templates/``. Files are read on first use and
then kept in memory.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from maps.model import MapError

__all__ = ["Assets", "load_assets", "own_template"]

_SOURCE_MAP = re.compile(
    r"^\s*(//[#@] sourceMappingURL=.*|/\*[#@] sourceMappingURL=.*?\*/)\s*$", re.MULTILINE
)
_CSS_IMAGE = re.compile(r"""url\((['"]?)images/([\w.-]+\.png)\1\)""")
_OWN_SCRIPTS = ("sitrep-map.js", "sitrep-panel.js", "sitrep-app.js")


@dataclass(frozen=True, slots=True)
class Assets:
    """Text of every inlined stylesheet and script, in load order."""

    styles: tuple[tuple[str, str], ...]
    scripts: tuple[tuple[str, str], ...]


def _xstatic_dir(module: str) -> Path:
    try:
        package = __import__(f"xstatic.pkg.{module}", fromlist=["BASE_DIR"])
    except ImportError as exc:
        raise MapError(f"the xstatic package for {module!r} is not installed: {exc}") from None
    return Path(package.BASE_DIR)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MapError(f"cannot read asset {path}: {exc}") from None


def _inline_images(css: str, folder: Path) -> str:
    """Replace ``url(images/x.png)`` with data URIs so the page asks for no file."""

    def data_uri(match: re.Match[str]) -> str:
        try:
            payload = (folder / "images" / match.group(2)).read_bytes()
        except OSError as exc:
            raise MapError(f"cannot read Leaflet image {match.group(2)}: {exc}") from None
        return f"url(data:image/png;base64,{base64.b64encode(payload).decode('ascii')})"

    return _CSS_IMAGE.sub(data_uri, css)


def _safe_script(name: str, text: str) -> str:
    """Strip source-map comments and make the text safe inside ``<script>``."""
    text = _SOURCE_MAP.sub("", text)
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _safe_style(name: str, text: str) -> str:
    text = _SOURCE_MAP.sub("", text)
    if re.search(r"</style", text, re.IGNORECASE):
        raise MapError(f"stylesheet {name} cannot be inlined: it contains '</style'")
    return text


def own_template(name: str) -> str:
    """Text of one of our files in ``maps/templates/``."""
    try:
        return (resources.files("maps") / "templates" / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise MapError(f"cannot read maps template {name}: {exc}") from None


@cache
def load_assets() -> Assets:
    """Read Leaflet, Leaflet.markercluster and our own files (cached after first call).

    Returns
    -------
    Assets
        Stylesheets and scripts ready to be placed in ``<style>``/``<script>`` tags.

    Raises
    ------
    MapError
        If an xstatic package or one of its files is missing.
    """
    leaflet = _xstatic_dir("leaflet")
    cluster = _xstatic_dir("leaflet_markercluster")
    styles = (
        ("leaflet.css", _inline_images(_read(leaflet / "leaflet.css"), leaflet)),
        ("MarkerCluster.css", _read(cluster / "MarkerCluster.css")),
        ("MarkerCluster.Default.css", _read(cluster / "MarkerCluster.Default.css")),
        ("sitrep.css", own_template("sitrep.css")),
    )
    scripts = (
        ("leaflet.js", _read(leaflet / "leaflet.js")),
        ("leaflet.markercluster.js", _read(cluster / "leaflet.markercluster.js")),
        *((name, own_template(name)) for name in _OWN_SCRIPTS),
    )
    return Assets(
        styles=tuple((n, _safe_style(n, t)) for n, t in styles),
        scripts=tuple((n, _safe_script(n, t)) for n, t in scripts),
    )

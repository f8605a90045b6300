"""Public entry points: :func:`to_html` builds the page, :func:`render` writes it atomically."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from maps._basemap import Basemap, Label, parse_basemap
from maps._codec import encode_geometry
from maps._contract import Feature, parse_features
from maps._panel import DocView, Mark, Panel, Sentence, build_panel
from maps._view import frame, story_focus
from maps._words import Context, said
from maps.model import MapError, Report

__all__ = ["render", "script_json", "to_html"]

_DEFAULT_TITLE = "Situation map"


def script_json(value: object) -> str:
    """JSON text safe inside ``<script type="application/json">``.

    ``<``, ``>``, ``&`` and the line separators U+2028/U+2029 are written as
    ``\\uXXXX`` escapes, so no text can close the script element.

    Examples
    --------
    >>> script_json({"a": "</script>"})
    '{"a":"\\\\u003c/script\\\\u003e"}'
    """
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise MapError(f"map data cannot be written as JSON: {exc}") from None
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _piece(piece: str | Mark) -> Any:
    if isinstance(piece, str):
        return piece
    out: dict[str, Any] = {"m": piece.text, "t": piece.type}
    if piece.unlocated:
        out["u"] = 1
    return out


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {
        "k": sentence.key,
        "p": [_piece(p) for p in sentence.pieces],
        "f": list(sentence.features),
    }


def _doc(view: DocView) -> dict[str, Any]:
    out = {
        "id": view.id,
        "title": view.title,
        "url": view.url,
        "path": view.path,
        "published": view.published,
        "mode": view.mode,
        "parts": [p if isinstance(p, str) else _sentence(p) for p in view.parts],
        "quotes": [_sentence(q) for q in view.quotes],
    }
    return {key: value for key, value in out.items() if value is not None}


def _feature(
    feature: Feature, doc_index: int, refs: Sequence[tuple[int, str]], ctx: Context,
    group: int = -1
) -> dict[str, Any]:
    out = {
        "id": feature.index,
        "kind": feature.kind,
        "doc": doc_index,
        "name": feature.name,
        "precision": feature.precision,
        "confidence": feature.confidence,
        "gid": feature.gazetteer_id,
        "cc": feature.country_code,
        "uncertainty": feature.uncertainty_m,
        "derivation": feature.derivation,
        "eventType": feature.event_type,
        "subEventType": feature.sub_event_type,
        "trigger": feature.trigger,
        "count": feature.count,
        "date": feature.date,
        "actors": list(feature.actors) or None,
        "quotes": [list(ref) for ref in refs],
        "qg": group if group >= 0 else None,
        "aka": _written_names(feature),
        "said": said(feature, ctx) or None,
    }
    return {key: value for key, value in out.items() if value is not None}


def _written_names(feature: Feature) -> list[str] | None:
    """A place's names as the report wrote them, when not its gazetteer name (for search)."""
    if feature.kind != "place":
        return None
    seen = {(feature.name or "").casefold()}
    names = []
    for mention in feature.mentions:
        text = mention.text.strip()
        if mention.type != "adjectival" and text and text.casefold() not in seen:
            seen.add(text.casefold())
            names.append(text)
    return names or None


def _geometry_key(geometry: Any) -> str:
    return json.dumps(geometry, separators=(",", ":"))


def _geometries(features: Sequence[Feature], basemap: Basemap | None) -> list[Any]:
    """Each feature's geometry as written in the page, every shape written once.

    A geometry equal to a basemap outline (typically a country) becomes
    ``{"type", "basemap": outline index}``; one equal to an earlier feature's
    (the same country in several reports) ``{"type", "same": feature index}``.
    Others are encoded by :func:`maps._codec.encode_geometry`; Points stay as they are.
    """
    outlines: dict[str, int] = {}
    for number, outline in enumerate(basemap.outlines["features"] if basemap else ()):
        outlines.setdefault(_geometry_key(outline["geometry"]), number)
    seen: dict[str, int] = {}
    keys: dict[int, tuple[Any, str]] = {}  # id(shared geometry) -> (it, its key)
    out: list[Any] = []
    for f in features:
        geometry = f.geometry
        if geometry is None or geometry["type"] == "Point":
            out.append(geometry)  # None: not located, listed in the panel, not drawn
            continue
        known = keys.get(id(geometry))
        if known is None or known[0] is not geometry:
            known = keys[id(geometry)] = (geometry, _geometry_key(geometry))
        key = known[1]
        if key in outlines:
            out.append({"type": geometry["type"], "basemap": outlines[key]})
        elif key in seen:
            out.append({"type": geometry["type"], "same": seen[key]})
        else:
            seen[key] = f.index
            out.append(encode_geometry(geometry))
    return out


def _basemap_data(basemap: Basemap) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {**outline, "geometry": encode_geometry(outline["geometry"])}
            for outline in basemap.outlines["features"]
        ],
        "rivers": [
            {"name": river["properties"]["name"], "geometry": encode_geometry(river["geometry"])}
            for river in basemap.rivers
        ],
    }


#: The label kinds of the page data (fifth member of a label; countries have none).
_LABEL_LAYERS = {"town": 1, "admin1": 2}


def _label(label: Label) -> list[Any]:
    out: list[Any] = [label.lat, label.lon, label.name, label.min_zoom]
    if label.layer in _LABEL_LAYERS:
        out.append(_LABEL_LAYERS[label.layer])
    return out


def _payload(
    features: Sequence[Feature], panel: Panel, basemap: Basemap | None, title: str
) -> dict[str, Any]:
    doc_index = {view.id: number for number, view in enumerate(panel.docs)}
    ctx = Context(features, basemap.names if basemap else {})
    items = []
    for f, geometry in zip(features, _geometries(features, basemap), strict=True):
        group = panel.group_of[f.index] if panel.group_of else -1
        item = _feature(f, doc_index[f.doc], panel.own[f.index], ctx, group)
        item["geometry"] = geometry
        items.append(item)
    focus = story_focus(features)
    return {
        "title": title,
        "docs": [_doc(view) for view in panel.docs],
        "features": items,
        "view": {"focus": list(focus), "bounds": frame(features, focus)},
        # A place named in many reports: its quotes once, merged in the page (qg).
        "quoteGroups": [[list(ref) for ref in refs] for refs in panel.groups],
        "basemap": _basemap_data(basemap) if basemap else None,
        "labels": [_label(lb) for lb in basemap.labels] if basemap else [],
    }


def _page_title(title: str | None, reports: Sequence[Report] | None) -> str:
    if title is not None:
        if not isinstance(title, str):
            raise MapError(f"title must be a str or None, got {type(title).__name__}")
        return title
    if reports and len(reports) == 1 and reports[0].title:
        return reports[0].title
    return _DEFAULT_TITLE


def to_html(
    feature_collection: dict,
    *,
    reports: Sequence[Report] | None = None,
    basemap: dict | None = None,
    title: str | None = None,
) -> str:
    """Build the self-contained HTML map page.

    Parameters
    ----------
    feature_collection : dict
        GeoJSON FeatureCollection following the export contract (places,
        zones and events; coordinates in lon, lat order). Any RFC 7946
        geometry is drawn: points as markers, (Multi)LineStrings (rivers) as
        lines, (Multi)Polygons as areas, a GeometryCollection as one layer of
        all its members. A feature with ``"geometry": null`` (a name that could
        not be located) is not drawn but listed in the panel, its mention
        still marked, with a "not located" note.
    reports : sequence of Report, optional
        Full reports shown in the panel with their located sentences marked.
        When None, the panel shows each document's quotes instead.
    basemap : dict, optional
        FeatureCollection drawn as the offline bottom layer: country outlines
        (Polygon/MultiPolygon with a ``name``), and, by ``properties.layer``,
        province outlines (``admin1``), rivers (``river``) and town labels
        (``town``: a Point with ``name`` and ``population``); see
        :mod:`maps._basemap`.
    title : str, optional
        Page title; defaults to the title of a single report.

    Returns
    -------
    str
        The page; it needs no network and inlines Leaflet from ``xstatic``.

    Raises
    ------
    MapError
        If the FeatureCollection, a report or the basemap is invalid.
    """
    from maps import _folium
    from maps._assets import load_assets, own_template

    features = parse_features(feature_collection)
    if reports is not None:
        if isinstance(reports, (str, bytes)) or not isinstance(reports, Sequence):
            raise MapError("reports must be a sequence of maps.Report")
        reports = tuple(reports)
    panel = build_panel(features, reports)
    base = parse_basemap(basemap) if basemap is not None else None
    page_title = _page_title(title, reports)
    payload = script_json(_payload(features, panel, base, page_title))
    return _folium.build_page(payload, page_title, own_template("panel.html"), load_assets())


def _write_atomically(path: Path, text: str) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise MapError(f"output folder does not exist: {folder}")
    if path.is_dir():
        raise MapError(f"output path is a folder: {path}")
    if path.exists() and not path.is_file():  # /dev/null, a pipe: written, never replaced
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as exc:
            raise MapError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise MapError(f"cannot write into {folder}: {exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise MapError(f"cannot write {path}: {exc}") from exc
        raise


def render(
    feature_collection: dict,
    path: str | os.PathLike[str],
    *,
    reports: Sequence[Report] | None = None,
    basemap: dict | None = None,
    title: str | None = None,
) -> Path:
    """Write the map page to `path`, atomically.

    The page is built first, then written to a temporary file in the same
    folder and moved over `path` with :func:`os.replace`: the output is whole
    or absent. A `path` that exists and is not a regular file (``/dev/null``,
    a named pipe) is written directly, never replaced.

    Parameters
    ----------
    feature_collection : dict
        See :func:`to_html`.
    path : str or path-like
        Output file; its folder must exist.
    reports, basemap, title
        See :func:`to_html`.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    MapError
        If the input is invalid, the folder does not exist or writing fails.
    """
    try:
        target = Path(path)
    except TypeError:
        raise MapError(f"path must be a str or path-like, got {type(path).__name__}") from None
    page = to_html(feature_collection, reports=reports, basemap=basemap, title=title)
    _write_atomically(target, page)
    return target

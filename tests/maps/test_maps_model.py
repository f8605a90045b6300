"""Report / MapError value objects, package surface and import hygiene."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import maps
from maps import MapError, Report

MAPS_DIR = Path(maps.__file__).parent


def test_public_api():
    assert sorted(maps.__all__) == ["MapError", "Report", "render", "to_html"]
    assert callable(maps.render) and callable(maps.to_html)
    assert issubclass(MapError, Exception)
    with pytest.raises(AttributeError):
        maps.does_not_exist  # noqa: B018


def test_report_is_frozen_slotted_and_normalises_sentences():
    report = Report(id="d", text="Ab. Cd.", sentences=[[0, 3], (4, 7)])
    assert report.sentences == ((0, 3), (4, 7))
    assert not hasattr(report, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": "", "text": "x"}, "id"),
        ({"id": "d", "text": None}, "text"),
        ({"id": "d", "text": "abc", "sentences": ((0, 4),)}, "outside the text"),
        ({"id": "d", "text": "abc", "sentences": ((2, 1),)}, "outside the text"),
        ({"id": "d", "text": "abc", "sentences": (("a", "b"),)}, "int pairs"),
        ({"id": "d", "text": "abc", "title": 3}, "title"),
    ],
)
def test_report_rejects_bad_fields(kwargs, message):
    with pytest.raises(MapError, match=message):
        Report(**kwargs)


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_maps_source_imports_nothing_of_geo_or_gazetteer():
    for path in MAPS_DIR.glob("*.py"):
        for name in _imported_modules(path):
            top = name.split(".")[0]
            assert top not in {"geo", "gazetteer"}, f"{path.name} imports {name}"


def test_python_files_stay_small():
    for path in [*MAPS_DIR.glob("*.py"), *MAPS_DIR.glob("templates/*")]:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


def test_import_is_cheap_and_rendering_loads_no_geo_package(seed_fc):
    probe = (
        "import sys, maps\n"
        "heavy = [m for m in ('folium', 'branca', 'jinja2', 'maps._page', 'maps._assets')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "import json\n"
        "maps.to_html(json.loads(sys.stdin.read()))\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('geo', 'gazetteer')]\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    import json

    result = subprocess.run(
        [sys.executable, "-c", probe],
        input=json.dumps(seed_fc),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"

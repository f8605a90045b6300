"""The house rules: one direction of imports, nothing heavy at import time."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(package: str) -> set[str]:
    names = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["gazetteer", "maps"])
def test_lower_packages_import_nothing_of_the_project(package):
    others = {"geo", "gazetteer", "maps"} - {package}
    assert not _imports(package) & others


def test_importing_geo_loads_no_heavy_library():
    code = ("import sys, geo, gazetteer, maps; "
            "heavy = [m for m in ('spacy', 'geopandas', 'folium', 'shapely', 'pandas') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_source_file_is_readable_in_one_sitting():
    for package in ("geo", "gazetteer", "maps"):
        for path in (ROOT / package).rglob("*.py"):
            assert len(path.read_text(encoding="utf-8").splitlines()) <= 450, path

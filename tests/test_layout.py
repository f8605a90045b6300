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


# -- inside geo: stages in one direction, no circles ---------------------------------------

#: geo's stages, lowest first: a module imports its own stage's modules and lower ones only.
#: The base modules are shared by every stage; the package itself is a lazy facade.
STAGES = (
    ("base", ("geo", "geo.errors", "geo.model", "geo.places", "geo.distance", "geo.files")),
    ("reading", ("geo.reading",)),
    ("recognition", ("geo.recognition",)),
    ("resolution", ("geo.resolution",)),
    ("spatial", ("geo.spatial",)),
    ("events", ("geo.events",)),
    ("output", ("geo.output",)),
    ("pipeline", ("geo.pipeline", "geo.result")),
    ("batch", ("geo.batch",)),
    ("command line", ("geo.cli", "geo.__main__")),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines |= set(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def _geo_graph() -> dict[str, set[str]]:
    """Module -> the geo modules it imports at run time (lazy imports included)."""
    modules = {_module_name(p): p for p in (ROOT / "geo").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_lines(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = set()
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    root = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{root}.{base}" if base else root
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            edges |= {t for t in targets if t in modules and t != name}
        graph[name] = edges
    return graph


def _stage(module: str) -> int:
    best = None
    for rank, (_, prefixes) in enumerate(STAGES):
        for p in prefixes:
            if module == p or module.startswith(p + "."):
                if best is None or len(p) > best[1]:
                    best = (rank, len(p))
    assert best is not None, f"{module} belongs to no stage of tests/test_layout.py STAGES"
    return best[0]


def test_geo_stages_import_downward_only():
    wrong = [f"{a} ({STAGES[_stage(a)][0]}) imports {b} ({STAGES[_stage(b)][0]})"
             for a, targets in _geo_graph().items() for b in targets if _stage(b) > _stage(a)]
    assert not wrong, "\n".join(wrong)


def test_geo_has_no_import_circles():
    graph, state, circles = _geo_graph(), {}, []

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not circles, "\n".join(circles)


def test_every_geo_package_says_what_goes_in_and_out():
    for init in (ROOT / "geo").rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, f"{init} needs a docstring: what goes in, what comes out"

"""The code checks CI runs: ruff (docstring rules included) and mypy, both clean."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geo", "gazetteer", "maps")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff_is_clean():
    out = _run("ruff", "check", "--no-cache", *PACKAGES)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def test_mypy_is_clean():
    out = _run("mypy", "--no-incremental", "--cache-dir", "/dev/null", *PACKAGES)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]

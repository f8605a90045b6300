"""Shared fixtures: the real gazetteer (built once if missing) and ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gaz():
    import gazetteer

    return gazetteer.open()


@pytest.fixture(scope="session")
def parser(gaz):
    from geo.pipeline import Parser

    return Parser(gaz)


@pytest.fixture(scope="session")
def shared():
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared is not beside this clone (CI always has it)")
    return SHARED


@pytest.fixture(scope="session")
def seed_results(parser):
    from geo.reading.inputs import read_inputs

    docs = list(read_inputs([str(SEEDS)]))
    return {pd.document.id: pd for pd in parser.parse_many(docs)}

"""Micro-benchmarks with pytest-benchmark (the ``bench`` extra).

    python -m pytest benchmarks/test_micro.py -p no:cacheprovider

Not part of the test suite (``testpaths`` leaves ``benchmarks/`` out); skipped
when pytest-benchmark is not installed.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_benchmark")

REPORT = (
    "Turkish media showed the prison emptied by the YPG in central Tel Abyad, along "
    "the Turkish border. 785 foreigners escaped a camp at Ain Issa at the weekend. "
    "A safe zone 30 km (20 miles) into Syrian territory was announced."
)


@pytest.fixture(scope="module")
def gaz():
    import gazetteer

    return gazetteer.open(rebuild=False)


@pytest.mark.parametrize("name", ["Tel Abyad", "Hodeidah", "Springfield", "Xqzzyville"])
def test_lookup_uncached(benchmark, gaz, name):
    def lookup():
        gaz.lookup.cache_clear()
        return gaz.lookup(name)

    benchmark(lookup)


def test_lookup_cached(benchmark, gaz):
    gaz.lookup("Aleppo")
    benchmark(gaz.lookup, "Aleppo")


def test_parse_one_report(benchmark, gaz):
    import geo

    parser = geo.Parser(gaz)
    parser.parse(REPORT)  # warm-up: lazy modules
    doc = benchmark(parser.parse, REPORT)
    assert doc.places


def test_features_of_one_report(benchmark, gaz):
    import geo

    doc = geo.Parser(gaz).parse(REPORT)
    feats = benchmark(doc.features)
    assert feats

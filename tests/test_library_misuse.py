"""Library misuse gets a TypeError or ValueError that names the argument (issue 20,
item 10), never an error from deep inside the pipeline."""
from __future__ import annotations

import datetime as dt

import pytest

import geo
from geo.model import Document


@pytest.mark.parametrize("call,error,word", [
    (lambda: geo.parse(None), TypeError, "text"),
    (lambda: geo.parse(b"Troops entered Mosul."), TypeError, "bytes"),
    (lambda: geo.parse(42), TypeError, "text"),
    (lambda: geo.parse("Troops entered Mosul.", published=5), TypeError, "published"),
    (lambda: geo.parse("Troops entered Mosul.", published="yesterday"), ValueError, "published"),
    (lambda: geo.parse("Troops entered Mosul.", published="99999-01-01"), ValueError,
     "published"),
    (lambda: geo.parse("Troops entered Mosul.", title=7), TypeError, "title"),
    (lambda: geo.parse("Troops entered Mosul.", country=5), TypeError, "country"),
    (lambda: geo.parse(Document(id="d", text=None)), TypeError, "text"),
    (lambda: list(geo.parse_many("Troops entered Mosul.")), TypeError, "docs"),
    (lambda: list(geo.parse_many([b"x"])), TypeError, "bytes"),
    (lambda: geo.Resolver().resolve(None), TypeError, "name"),
    (lambda: geo.Resolver().resolve(""), ValueError, "name"),
    (lambda: geo.Resolver().resolve("Aleppo", context="Syria"), TypeError, "context"),
    (lambda: geo.Resolver().resolve("Aleppo", context=[None]), TypeError, "context"),
    (lambda: geo.Resolver().resolve("Aleppo", country=1), TypeError, "country"),
    (lambda: geo.Resolver(country=[1]), TypeError, "country"),
])
def test_misuse_names_the_argument(call, error, word):
    with pytest.raises(error, match=word):
        call()


def test_good_calls_still_work():
    doc = geo.parse("Troops entered Mosul.", published=dt.datetime(2024, 5, 1, 12, 0))
    assert doc.document.published == dt.date(2024, 5, 1)
    assert geo.Resolver().resolve("Aleppo", context=(n for n in ["Syria"])).place.country_code == "SY"

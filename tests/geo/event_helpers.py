"""What the event tests share: a sentence of its own, the real events a sentence
tells, a whole text through the pipeline, and an event's point as (lat, lon) for
distance checks. Dates resolve against :data:`PUB`, a Thursday."""
import datetime as dt

from geo.events import detect
from geo.model import Sentence

PUB = dt.date(2023, 10, 12)  # a Thursday


def sentence(text):
    return Sentence(0, 0, len(text), text)


def real(text, published=PUB):
    return [m for m in detect(sentence(text), published=published) if m.is_real]


def parse(text, published=PUB):
    from geo.pipeline import parse as run

    return run(text, published=published)


def point(ev):
    p = ev.geometry.representative_point()
    return p.y, p.x

"""What ``geo export``, ``geo map`` and ``geo batch`` share: their input options, how they
read INPUT, their progress bar and their closing line."""
from __future__ import annotations

import contextlib
import dataclasses
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from geo.model import Document

__all__ = ["KINDS", "country_option", "gazetteer_progress", "input_options", "kinds_of", "not_an_input",
           "open_gazetteer", "progress", "read_reports", "Reports", "say", "stream_reports",
           "wrote"]

KINDS = ("place", "zone", "event")
_CC = re.compile(r"^[A-Za-z]{2}$")


def say(ctx: click.Context, message: str, *, verbose_only: bool = False) -> None:
    """A line on stderr unless ``-q`` (or, for `verbose_only`, unless ``-v``)."""
    obj = ctx.find_root().obj
    if obj["quiet"] or (verbose_only and not obj["verbose"]):
        return
    click.echo(message, err=True)


def _shows_progress(ctx: click.Context) -> bool:
    return not ctx.find_root().obj["quiet"] and sys.stderr.isatty()


@contextlib.contextmanager
def progress(ctx: click.Context, total: int, label: str = "geoparsing") -> Iterator:
    """A progress bar on stderr, hidden with ``-q`` and when stderr is not a terminal."""
    with click.progressbar(length=total, label=label, file=sys.stderr,
                           hidden=not _shows_progress(ctx) or total < 2) as bar:
        yield bar


def gazetteer_progress(ctx: click.Context) -> Callable[[str, float], None]:
    """The gazetteer build's progress: one updated line on a terminal, one line per stage
    in a log, nothing with ``-q``."""
    quiet = ctx.find_root().obj["quiet"]
    tty = sys.stderr.isatty()

    def report(stage: str, fraction: float) -> None:
        if stage.startswith("note: "):  # e.g. a kept place file that cannot be added again
            click.echo(f"\ngeo: {stage}", err=True)
            return
        if quiet:
            return
        if tty:
            click.echo(f"\rbuilding the gazetteer: {stage:<22} {fraction:4.0%}", err=True,
                       nl=stage == "done")
        else:
            click.echo(f"geo: building the gazetteer: {stage} ({fraction:.0%})", err=True)

    return report


def open_gazetteer(ctx: click.Context):
    """The gazetteer of ``--gazetteer`` (built on first use, with progress)."""
    import gazetteer

    return gazetteer.open(ctx.find_root().obj["gazetteer"], progress=gazetteer_progress(ctx))


def _countries(ctx, param, value: str | None) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())
    bad = [c for c in codes if not _CC.match(c)]
    if bad:
        raise click.BadParameter(f"{', '.join(bad)} is not a two-letter ISO country code "
                                 "(e.g. SY or SY,TR)", param_hint="--country")
    return codes


def country_option(f):
    """``--country CC[,CC]``: the same meaning in every command, a bias, never a filter."""
    return click.option("--country", "--region", "country", metavar="CC[,CC]",
                        callback=_countries,
                        help="Prefer places in these ISO countries (e.g. SY or SY,TR); "
                             "a bias, not a filter.")(f)


def _remember(ctx, param, value):  # kept in ctx.meta for read_reports, not passed as arguments
    ctx.meta["geo." + param.name] = value
    return value


def _quiet(ctx, param, value):
    if value:
        ctx.find_root().obj["quiet"] = True
    return value


def input_options(f=None, *, filters: bool = True, online: bool = True):
    """INPUT and the options that say how reports are read and geoparsed
    (``@input_options``, or ``@input_options(filters=False, online=False)``).

    Listed in this order: reading (--glob), resolving (--country, --ner,
    --coordinates, --geocoder...), keeping (--kinds, --min-confidence), -q.
    """
    if f is None:
        return lambda g: input_options(g, filters=filters, online=online)
    options = [
        click.option("--glob", default="*", show_default=True,
                     help="Which files to read inside folders."),
    ]
    options.append(country_option)
    options.append(click.option("--ner/--no-ner", default=False, show_default=True,
                                help="Also run spaCy's statistical NER (slower; needs the "
                                     "[ner] extra)."))
    if online:
        options += [
            click.option("--coordinates/--no-coordinates", default=True, show_default=True,
                         expose_value=False, callback=_remember,
                         help="Read coordinates written in the text (36°41′N 38°57′E)."),
            click.option("--geocoder", type=click.Choice(["nominatim", "photon", "pelias"],
                                                         case_sensitive=False),
                         expose_value=False, callback=_remember,
                         help="Ask this online geocoder for names the gazetteer lacks "
                              "(off by default; answers are cached)."),
            click.option("--geocoder-url", metavar="URL", expose_value=False,
                         callback=_remember,
                         help="Your geocoding server, e.g. http://localhost:8080."),
        ]
    if filters:
        options += [
            click.option("--kinds", default="place,zone,event", show_default=True,
                         help="Which features to keep."),
            click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
                         callback=_a_number,
                         help="Drop places, zones and events below this confidence."),
        ]
    options.append(click.option("-q", "--quiet", is_flag=True, expose_value=False,
                                callback=_quiet, help="No progress and no closing line."))
    for option in reversed(options):  # click lists the first decorator applied last
        f = option(f)
    return click.argument("inputs", nargs=-1, required=True)(f)


def _a_number(ctx, param, value):
    if value != value:  # NaN passes FloatRange and compares false with everything
        raise click.BadParameter("nan is not a number; give one from 0 to 1")
    return value


def not_an_input(output: str, inputs: Sequence[str], glob: str) -> None:
    """Refuse an -o that names one of the inputs (it would be overwritten)."""
    from geo.reading.inputs import input_named_by

    if (hit := input_named_by(output, inputs, glob=glob)) is not None:
        raise click.BadParameter(f"{output} is also an input ({hit}); writing it would replace "
                                 "the report: choose another output file", param_hint="-o")


def kinds_of(value: str) -> set[str]:
    """The ``--kinds`` value as a set (a usage error when it names an unknown kind)."""
    kinds = {k.strip() for k in value.split(",") if k.strip()}
    bad = kinds - set(KINDS)
    if bad or not kinds:
        raise click.BadParameter(f"{', '.join(sorted(bad)) or value!r}; use a comma-separated "
                                 f"list of {', '.join(KINDS)}", param_hint="--kinds")
    return kinds


def _documents(ctx: click.Context, inputs: Sequence[str], glob: str,
               problems: list) -> Iterator[Document]:
    """The readable documents of INPUT, as they are read; each unreadable one is
    reported when met and added to ``problems``, the notes once all is read."""
    from geo.reading.inputs import InputProblem, read_inputs

    notes: list[str] = []
    for item in read_inputs(inputs, glob=glob, notes=notes):
        if isinstance(item, InputProblem):
            problems.append(item)
            click.echo(f"geo: error: {item}", err=True)
        else:
            yield item
    for note in notes:
        say(ctx, f"geo: note: {note}")


def read_reports(ctx: click.Context, inputs: Sequence[str], glob: str):
    """Read INPUT; report notes and unreadable documents. Returns (documents, problems)."""
    problems: list = []
    return list(_documents(ctx, inputs, glob, problems)), problems


def parse_reports(ctx: click.Context, inputs: Sequence[str], country, glob: str, ner: bool):
    """Read and geoparse every readable document. Returns (results, problems)."""
    stream = stream_reports(ctx, inputs, country, glob, ner)
    return list(stream.results or ()), stream.problems


@dataclasses.dataclass
class Reports:
    """Documents geoparsed one at a time as :attr:`results` is consumed.

    :attr:`problems` (the unreadable inputs) and :attr:`count` (the documents
    read) are complete once it is; :attr:`results` is None when no input was
    readable.
    """

    results: Iterator | None
    problems: list
    count: int = 0


def stream_reports(ctx: click.Context, inputs: Sequence[str], country, glob: str,
                   ner: bool) -> Reports:
    """Read and geoparse INPUT lazily, so that a caller that writes as it goes holds
    one document at a time (its text and results), however many there are.

    With a progress bar shown (a terminal, no ``-q``) the documents are read
    first, to know its length; else they are read as they are geoparsed.
    """
    from geo.pipeline import Parser

    problems: list = []
    docs: Iterator[Document] = _documents(ctx, inputs, glob, problems)
    total = None
    if _shows_progress(ctx):
        listed = list(docs)
        total, docs = len(listed), iter(listed)
        del listed
    first = next(docs, None)
    if first is None:
        return Reports(None, problems)
    geocoder, url = ctx.meta.get("geo.geocoder"), ctx.meta.get("geo.geocoder_url")
    if url and not geocoder:
        raise click.UsageError("--geocoder-url needs --geocoder nominatim|photon|pelias")
    if geocoder:  # an online geocoder only when asked for
        from geo.errors import GeoError
        from geo.resolution.geocode import make_geocoder

        try:
            geocoder = make_geocoder(geocoder, url)
        except GeoError as exc:
            raise click.BadParameter(str(exc), param_hint="--geocoder-url") from None
    if ner:
        from geo.recognition.nlp import require

        require()
    parser = Parser(open_gazetteer(ctx), country=list(country) or None, ner=ner,
                    geocoder=geocoder, coordinates=ctx.meta.get("geo.coordinates", True))
    stream = Reports(None, problems)

    def counted(first: Document, rest: Iterator[Document]) -> Iterator[Document]:
        stream.count = 1
        yield first
        for d in rest:
            stream.count += 1
            yield d

    def results():
        with progress(ctx, total or 0) as bar:
            for pd in parser.parse_many(counted(first, docs)):
                yield pd
                bar.update(1)

    stream.results = results()
    return stream


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def wrote(features: Sequence[dict] | Counter, reports: int | str, dest: str,
          kinds: Sequence[str] = KINDS) -> str:
    """The closing line: ``wrote 114 features: 54 places, 28 zones, 32 events from 6 reports
    to seeds.geojson``. `reports` is a count, or a phrase naming where features came from.

    Examples
    --------
    >>> wrote([{"properties": {"kind": "place"}}], 1, "-")
    'wrote 1 feature: 1 place, 0 zones, 0 events from 1 report to standard output'
    """
    counts = features if isinstance(features, Counter) else Counter(
        (f.get("properties") or {}).get("kind") for f in features)
    parts = ", ".join(_plural(counts[k], k) for k in KINDS if k in kinds)
    source = _plural(reports, "report") if isinstance(reports, int) else reports
    where = "standard output" if dest == "-" else dest
    total = sum(counts.values())
    return f"wrote {_plural(total, 'feature')}: {parts} from {source} to {where}"

"""The ``geo`` command: a thin click layer over the library.

Exit status: 0 when everything was processed, 1 when something failed (a bad
document is reported and skipped; the rest is still written), 2 for usage errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.output import FORMATS, write

__all__ = ["main", "cli"]

KINDS = ("place", "zone", "event")


class _Group(click.Group):
    """Turns the project's exceptions into one-line errors, never tracebacks."""

    def invoke(self, ctx):
        import sqlite3

        from gazetteer.errors import GazetteerError
        from geo.errors import GeoError

        try:
            return super().invoke(ctx)
        except (GeoError, GazetteerError) as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _fail("interrupted; outputs already finished are intact, nothing is half-written", 130)
        except click.UsageError as exc:  # a bad option value: one line too, still status 2
            hint = f"; see `{exc.ctx.command_path} --help`" if exc.ctx else ""
            _fail(exc.format_message().rstrip(".") + hint, exc.exit_code)
        except BrokenPipeError:  # `geo export - | head`: the reader left, nothing to say
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:  # an output folder that cannot be written, a full disk...
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(f"{where}{exc.strerror or exc}; check the path, its permissions and free space")
        except sqlite3.DatabaseError as exc:  # a gazetteer damaged after it was checked
            _fail(f"the gazetteer cannot be read ({exc}); rebuild it with `geo gazetteer build`")
        except Exception as exc:  # the map renderer's and others' errors
            cause, depth = exc, 0  # Ctrl-C during a lazy import: numpy raises ImportError
            while cause is not None and depth < 20:
                if isinstance(cause, KeyboardInterrupt):
                    _fail("interrupted; outputs already finished are intact, nothing is "
                          "half-written", 130)
                cause, depth = cause.__cause__ or cause.__context__, depth + 1
            from maps.model import MapError

            if isinstance(exc, MapError):
                _fail(str(exc))
            raise


def _fail(message: str, code: int = 1):
    click.echo(f"geo: error: {message}", err=True)
    sys.exit(code)


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("sitrep-geo")
    except metadata.PackageNotFoundError:
        return "unknown"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="geo")
@click.option("--gazetteer", "gazetteer_path", type=click.Path(dir_okay=False),
              envvar="GEO_GAZETTEER", help="Gazetteer file (default: the user cache directory).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option("-v", "--verbose", is_flag=True, help="Say more about what is done.")
@click.pass_context
def cli(ctx, gazetteer_path, quiet, verbose):
    """Geoparse conflict and crisis reports: places, zones, events, maps."""
    ctx.obj = {"gazetteer": gazetteer_path, "quiet": quiet, "verbose": verbose}


def _say(ctx, message: str, *, verbose_only: bool = False):
    if ctx.obj["quiet"] or (verbose_only and not ctx.obj["verbose"]):
        return
    click.echo(message, err=True)


def _open_gazetteer(ctx):
    import gazetteer

    def progress(stage, fraction):
        if not ctx.obj["quiet"]:
            click.echo(f"\rbuilding the gazetteer: {stage:<22} {fraction:4.0%}", err=True,
                       nl=stage == "done")

    return gazetteer.open(ctx.obj["gazetteer"], progress=progress)


def _input_options(f):
    f = click.option("--country", "--region", "country", metavar="CC[,CC]",
                     help="Bias toward these ISO country codes (e.g. SY or SY,TR).")(f)
    f = click.option("--glob", default="*", show_default=True,
                     help="Which files to read inside folders.")(f)
    f = click.option("--ner/--no-ner", default=False, show_default=True,
                     help="Also run spaCy's statistical NER (slower; see the README).")(f)
    f = click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0,
                     help="Drop places, zones and events below this confidence.")(f)
    f = click.option("--kinds", default="place,zone,event", show_default=True,
                     help="Which features to keep.")(f)

    def _remember(ctx, param, value):  # kept in ctx.meta for _parsed, not passed as arguments
        ctx.meta["geo." + param.name] = value
        return value

    f = click.option("--coordinates/--no-coordinates", default=True, show_default=True,
                     expose_value=False, callback=_remember,
                     help="Read coordinates written in the text (36°41′N 38°57′E).")(f)
    f = click.option("--geocoder", type=click.Choice(["nominatim", "photon", "pelias"],
                                                     case_sensitive=False),
                     expose_value=False, callback=_remember,
                     help="Ask this online geocoder for names the gazetteer lacks "
                          "(off by default; answers are cached).")(f)
    f = click.option("--geocoder-url", metavar="URL", expose_value=False, callback=_remember,
                     help="Your geocoding server, e.g. http://localhost:8080.")(f)
    return click.argument("inputs", nargs=-1, required=True)(f)


def _kinds(value: str) -> set[str]:
    kinds = {k.strip() for k in value.split(",") if k.strip()}
    bad = kinds - set(KINDS)
    if bad or not kinds:
        raise click.BadParameter(f"{', '.join(sorted(bad)) or value!r}; use a comma-separated "
                                 f"list of {', '.join(KINDS)}", param_hint="--kinds")
    return kinds


def _parsed(ctx, inputs, country, glob, ner):
    """Read the inputs and report the unreadable ones. Returns (results, problems,
    count): `results` parses the `count` readable documents lazily, one at a time."""
    from geo.reading.inputs import InputProblem, read_inputs
    from geo.pipeline import Parser

    notes: list[str] = []
    docs, problems = [], []
    for item in read_inputs(inputs, glob=glob, notes=notes):
        (problems if isinstance(item, InputProblem) else docs).append(item)
    for note in notes:
        _say(ctx, f"geo: note: {note}")
    for p in problems:
        click.echo(f"geo: error: {p}", err=True)
    if not docs:
        return iter(()), problems, 0
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
    parser = Parser(_open_gazetteer(ctx), country=country, ner=ner, geocoder=geocoder,
                    coordinates=ctx.meta.get("geo.coordinates", True))
    show = sys.stderr.isatty() and not ctx.obj["quiet"] and len(docs) > 20

    def results():
        with click.progressbar(length=len(docs), label="geoparsing", file=sys.stderr,
                               hidden=not show) as bar:
            for pd in parser.parse_many(docs):
                yield pd
                bar.update(1)

    return results(), problems, len(docs)


def _features(results, kinds, min_confidence, tally: list[int]):
    """The features to export, document after document; `tally[0]` counts them."""
    for pd in results:
        for f in pd.features():
            p = f["properties"]
            if p["kind"] in kinds and p.get("confidence", 1.0) >= min_confidence:
                tally[0] += 1
                yield f


@cli.command()
@_input_options
@click.option("-f", "--format", "fmt", default="geojson", show_default=True,
              help="; ".join(f"{f.name}: {f.help}" for f in FORMATS.values()) + ".")
@click.option("-o", "--output", default="-", show_default=True,
              help="Output file (- for standard output, GeoJSON and CSV only).")
@click.pass_context
def export(ctx, inputs, country, glob, ner, min_confidence, kinds, fmt, output):
    """Geoparse INPUT... (files, folders, -, JSONL, HTML) and export the features."""
    kinds_set = _kinds(kinds)
    if fmt.lower() not in FORMATS:
        raise click.BadParameter(f"{fmt!r}; choose one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    from geo.batch.client import batch_dir, iter_batch  # a `geo batch` output folder is read back
    if (folder := batch_dir(inputs)) is not None:
        feats = iter_batch(folder, kinds=kinds_set, min_confidence=min_confidence)
        return write(feats, None if output == "-" else output, fmt)
    results, problems, count = _parsed(ctx, inputs, country, glob, ner)
    if not count:
        _fail("nothing to export: no input could be read")
    tally = [0]
    write(_features(results, kinds_set, min_confidence, tally), None if output == "-" else output,
          fmt)
    _say(ctx, f"geo: {count} documents, {tally[0]} features -> {output}", verbose_only=True)
    if problems:
        sys.exit(1)


@cli.command("map")
@_input_options
@click.option("-o", "--output", default="map.html", show_default=True, help="HTML file to write.")
@click.option("--title", help="Title of the map page.")
@click.pass_context
def map_(ctx, inputs, country, glob, ner, min_confidence, kinds, output, title):
    """Geoparse INPUT... and draw one self-contained, offline HTML map.

    INPUT may also be a GeoJSON file written by `geo export`."""
    from geo.output.render import render_map

    kinds_set = _kinds(kinds)
    from geo.batch.client import batch_dir, iter_batch  # a `geo batch` output folder is read back
    if (folder := batch_dir(inputs)) is not None:
        feats = iter_batch(folder, kinds=kinds_set, min_confidence=min_confidence)
        return _say(ctx, f"geo: map of {folder} -> " + str(render_map(
            [], output, gazetteer=_open_gazetteer(ctx), features=feats, title=title)))
    geojson = [i for i in inputs if i.lower().endswith(".geojson") and Path(i).is_file()]
    others = [i for i in inputs if i not in geojson]
    results, problems, count = (_parsed(ctx, others, country, glob, ner) if others
                                else (iter(()), [], 0))
    if not count and not geojson:
        _fail("nothing to map: no input could be read")
    gaz = _open_gazetteer(ctx)
    path = render_map(results, output, gazetteer=gaz, geojson_files=geojson, kinds=kinds_set,
                      min_confidence=min_confidence, title=title)
    _say(ctx, f"geo: map of {count + len(geojson)} inputs -> {path}")
    if problems:
        sys.exit(1)


@cli.command()
@click.argument("name")
@click.option("--country", metavar="CC", help="Only candidates in this country.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("-n", "--limit", default=10, show_default=True)
@click.pass_context
def resolve(ctx, name, country, as_json, limit):
    """Print the gazetteer candidates for NAME, best first."""
    import json

    gaz = _open_gazetteer(ctx)
    cands = gaz.lookup(name, country=country, limit=limit)
    if as_json:
        click.echo(json.dumps([{
            "gazetteer_id": c.place.id, "name": c.place.name, "kind": c.place.kind,
            "country_code": c.place.country_code, "lat": c.place.lat, "lon": c.place.lon,
            "population": c.place.population, "score": c.score, "reason": c.reason,
            "matched": c.matched} for c in cands], ensure_ascii=False))
        return
    if not cands:
        _fail(f"no place called {name!r}" + (f" in {country}" if country else ""))
    for c in cands:
        click.echo(f"{c.score:.3f}  {c.place.id:<18} {c.place.name} ({c.place.kind}, "
                   f"{c.place.country_code or '-'}, pop {c.place.population:,})  "
                   f"[{c.reason}: {c.matched}]  {c.place.lat:.4f}, {c.place.lon:.4f}")


@cli.group("gazetteer")
def gazetteer_group():
    """Build the gazetteer or show what it holds."""


@gazetteer_group.command("build")
@click.option("--add", "extra", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A CSV or GeoJSON file of your own places (repeatable).")
@click.pass_context
def gazetteer_build(ctx, extra):
    """Build (or rebuild) the gazetteer from installed packages."""
    import gazetteer

    parent = ctx.find_root()
    quiet = parent.obj["quiet"]

    def progress(stage, fraction):
        if not quiet:
            click.echo(f"\r{stage:<24} {fraction:4.0%}", err=True, nl=stage == "done")

    path = gazetteer.build(parent.obj["gazetteer"], extra=extra, progress=progress)
    click.echo(str(path))


@gazetteer_group.command("info")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def gazetteer_info(ctx, as_json):
    """Show the gazetteer's path, size, sources and counts."""
    import json

    info = _open_gazetteer(ctx.find_root()).info()
    if as_json:
        click.echo(json.dumps(info, indent=1))
        return
    click.echo(f"path     {info['path']}\nsize     {info['size_mb']} MB\n"
               f"schema   {info['schema']}\nbuilt    {info['built']}")
    for k, v in info["sources"].items():
        click.echo(f"source   {k}: {v}")
    for k, v in info["counts"].items():
        click.echo(f"count    {k}: {v:,}")


from geo.batch.cli import batch_command  # noqa: E402  (geo batch: Dask, imported on use)
cli.add_command(batch_command)


def main(argv=None):
    """Entry point of the ``geo`` console script."""
    return cli.main(args=argv, prog_name="geo")

"""The commands ``geo export``, ``geo map``, ``geo resolve`` and ``geo gazetteer``."""
from __future__ import annotations

import sys
from collections import Counter

import click

from geo.cli.group import cli, fail
from geo.cli.options import (
    country_option,
    gazetteer_progress,
    input_options,
    kinds_of,
    not_an_input,
    open_gazetteer,
    parse_reports,
    say,
    stream_reports,
    wrote,
)
from geo.output import FORMATS, write

__all__ = ["export", "map_", "resolve"]

_MERGE = click.option("--merge/--no-merge", default=True, show_default=True,
                      help="Merge the same incident told by several reports into one event "
                           "listing every source.")


def _features(results, kinds, min_confidence):
    """The features to write, document after document (nothing held)."""
    for pd in results:
        for f in pd.features():
            p = f["properties"]
            if p["kind"] in kinds and p.get("confidence", 1.0) >= min_confidence:
                yield f


def _merged(features, merge: bool):
    """With ``merge``, events of one incident across reports become one
    (:func:`geo.output.incidents.merge_incidents`; only events are held)."""
    if not merge:
        return features
    from geo.output.incidents import merge_incidents

    return merge_incidents(features)


def _counted(features, tally: Counter):
    """Pass features through, counting them by kind for the closing line."""
    for f in features:
        tally[(f.get("properties") or {}).get("kind")] += 1
        yield f


def _kinds_in_order(kinds: set[str]) -> list[str]:
    return [k for k in ("place", "zone", "event") if k in kinds]


@cli.command(short_help="Geoparse reports and write the features (GeoJSON, CSV, GPKG...).")
@click.option("-o", "--output", default="-", show_default=True,
              help="Output file (- for standard output, GeoJSON and CSV only).")
@click.option("-f", "--format", "fmt", default="geojson", show_default=True,
              help="; ".join(f"{f.name}: {f.help}" for f in FORMATS.values()) + ".")
@_MERGE
@input_options
@click.pass_context
def export(ctx, inputs, output, fmt, merge, glob, country, ner, kinds, min_confidence):
    """Geoparse INPUT... (files, folders, -, JSONL, HTML) and export the features.

    INPUT may also be a `geo batch` output folder, read back as it is."""
    from geo.reading.sniff import sniff

    kinds_set = kinds_of(kinds)
    if fmt.lower() not in FORMATS:
        raise click.BadParameter(f"{fmt!r}; choose one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    found = sniff(inputs)
    tally: Counter = Counter()
    if found.batch is not None:  # read back one partition at a time
        from geo.batch.client import iter_batch

        feats = iter_batch(found.batch, kinds=kinds_set, min_confidence=min_confidence)
        write(_counted(_merged(feats, merge), tally), None if output == "-" else output, fmt)
        say(ctx, "geo: " + wrote(tally, f"the batch folder {inputs[0]}", output,
                                 _kinds_in_order(kinds_set)))
        return
    not_an_input(output, inputs, glob)
    reports = stream_reports(ctx, found.reports, country, glob, ner)
    if reports.results is None:
        fail("nothing to export: no input could be read")
    feats = _merged(_features(reports.results, kinds_set, min_confidence), merge)
    write(_counted(feats, tally), None if output == "-" else output, fmt)
    say(ctx, "geo: " + wrote(tally, reports.count, output, _kinds_in_order(kinds_set)))
    if reports.problems:
        sys.exit(1)


@cli.command("map", short_help="Geoparse reports and draw one offline HTML map.")
@click.option("-o", "--output", default="map.html", show_default=True, help="HTML file to write.")
@click.option("--title", help="Title of the map page.")
@_MERGE
@input_options
@click.pass_context
def map_(ctx, inputs, output, title, merge, glob, country, ner, kinds, min_confidence):
    """Geoparse INPUT... and draw one self-contained, offline HTML map.

    INPUT may also be a GeoJSON file written by `geo export`, or a `geo batch`
    output folder."""
    from geo.output.render import map_features, render_features
    from geo.reading.sniff import sniff

    kinds_set = kinds_of(kinds)
    found = sniff(inputs, geojson=True)
    results, problems, feats = [], [], []
    if found.batch is not None:
        from geo.batch.client import read_batch

        feats = read_batch(found.batch, kinds=kinds_set, min_confidence=min_confidence)
        source = f"the batch folder {inputs[0]}"
    else:
        not_an_input(output, inputs, glob)
        if found.reports:
            results, problems = parse_reports(ctx, found.reports, country, glob, ner)
        if not results and not found.geojson:
            fail("nothing to map: no input could be read")
        feats = map_features(results, geojson_files=found.geojson, kinds=kinds_set,
                             min_confidence=min_confidence)
        source = " and ".join(
            [f"{len(results)} report" + ("s" if len(results) != 1 else "")] * bool(found.reports)
            + [f"{len(found.geojson)} GeoJSON file" + ("s" if len(found.geojson) > 1 else "")]
            * bool(found.geojson))
    feats = list(_merged(feats, merge))
    render_features(feats, output, results=results, gazetteer=open_gazetteer(ctx), title=title)
    say(ctx, "geo: " + wrote(feats, source, output, _kinds_in_order(kinds_set)))
    if problems:
        sys.exit(1)


@cli.command(short_help="Print the gazetteer candidates for a name, best first.")
@click.argument("name")
@country_option
@click.option("-n", "--limit", default=10, show_default=True, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def resolve(ctx, name, country, limit, as_json):
    """Print the gazetteer candidates for NAME, best first.

    With --country, candidates in those countries come first."""
    import json

    from geo.resolution.policy import candidates

    cands = list(candidates(open_gazetteer(ctx), name, None, max(limit, 50)))
    if country:  # a bias, as in `geo export`: those countries first, the order kept within
        cands = sorted(cands, key=lambda c: c.place.country_code not in country)
    cands = cands[:limit]
    if as_json:
        click.echo(json.dumps([{
            "gazetteer_id": c.place.id, "name": c.place.name, "kind": c.place.kind,
            "country_code": c.place.country_code, "lat": c.place.lat, "lon": c.place.lon,
            "population": c.place.population, "score": c.score, "reason": c.reason,
            "matched": c.matched} for c in cands], ensure_ascii=False))
        return
    if not cands:
        fail(f"no place called {name!r}")
    for c in cands:
        click.echo(f"{c.score:.3f}  {c.place.id:<18} {c.place.name} ({c.place.kind}, "
                   f"{c.place.country_code or '-'}, pop {c.place.population:,})  "
                   f"[{c.reason}: {c.matched}]  {c.place.lat:.4f}, {c.place.lon:.4f}")


@cli.group("gazetteer", short_help="Build the gazetteer or show what it holds.")
def gazetteer_group():
    """Build the gazetteer or show what it holds."""


@gazetteer_group.command("build")
@click.option("--add", "extra", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A CSV or GeoJSON file of your own places (repeatable).")
@click.option("--geonames", "dumps", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="A GeoNames dump you downloaded (allCountries.zip, SY.zip, UA.txt), "
                   "added on top of the packaged sources (repeatable).")
@click.pass_context
def gazetteer_build(ctx, extra, dumps):
    """Build (or rebuild) the gazetteer from installed packages (and, with
    --geonames, GeoNames dumps you downloaded; nothing is downloaded)."""
    import gazetteer

    path = gazetteer.build(ctx.find_root().obj["gazetteer"], extra=extra,
                           progress=gazetteer_progress(ctx), geonames=dumps)
    click.echo(str(path))


@gazetteer_group.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.pass_context
def gazetteer_info(ctx, as_json):
    """Show the gazetteer's path, size, sources and counts."""
    import json

    info = open_gazetteer(ctx).info()
    if as_json:
        click.echo(json.dumps(info, indent=1))
        return
    click.echo(f"path     {info['path']}\nsize     {info['size_mb']} MB\n"
               f"schema   {info['schema']}\nbuilt    {info['built']}")
    for k, v in info["sources"].items():
        click.echo(f"source   {k}: {v}")
    for k, v in info["counts"].items():
        click.echo(f"count    {k}: {v:,}")
    for i in info.get("imports", ()):
        click.echo(f"import   {i['source']}: {i['file']} ({i['places']:,} places added)")

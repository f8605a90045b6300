"""The ``geo batch`` command (registered on the ``geo`` group in :mod:`geo.cli`).

Kept apart from :mod:`geo.cli` so that neither imports the other at import
time; it reads the group's options from ``ctx.obj``.
"""
from __future__ import annotations

import contextlib
import os
import sys

import click

__all__ = ["batch_command"]


def _say(ctx: click.Context, message: str) -> None:
    if not ctx.obj["quiet"]:
        click.echo(message, err=True)


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False),
              help="Output folder (places/, zones/, events/ GeoParquet, summary.json).")
@click.option("--workers", type=click.IntRange(1), metavar="N",
              help="Worker processes of a local Dask cluster (default: the CPU count).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Use this running Dask scheduler and its workers instead.")
@click.option("--partition-size", type=click.IntRange(1), default=100, show_default=True,
              metavar="N",
              help="Documents per partition (one Dask task, one set of files).")
@click.option("--country", "--region", "country", metavar="CC[,CC]",
              help="Bias toward these ISO country codes (e.g. SY or SY,TR).")
@click.option("--glob", default="*", show_default=True,
              help="Which files to read inside folders.")
@click.option("--ner/--no-ner", default=False, show_default=True,
              help="Also run spaCy's statistical NER (slower; see the README).")
@click.pass_context
def batch_command(ctx, inputs, out, workers, scheduler, partition_size, country, glob, ner):
    """Geoparse INPUT... on a Dask cluster into GeoParquet partitions in OUT.

    A re-run with the same inputs skips the partitions already done. `geo export
    OUT` and `geo map OUT` read the result back."""
    import gazetteer
    from geo.batch.client import BatchOptions, read_documents, run_batch

    if workers and scheduler:
        raise click.UsageError("give --workers (a local cluster) or --scheduler, not both")
    docs, problems, notes = read_documents(inputs, glob=glob)
    for note in notes:
        _say(ctx, f"geo: note: {note}")
    for p in problems:
        click.echo(f"geo: error: {p}", err=True)
    if not docs:
        click.echo("geo: error: nothing to geoparse: no input could be read", err=True)
        sys.exit(1)

    def build_progress(stage, fraction):
        if not ctx.obj["quiet"]:
            click.echo(f"\rbuilding the gazetteer: {stage:<22} {fraction:4.0%}", err=True,
                       nl=stage == "done")

    gaz_path = gazetteer.open(ctx.obj["gazetteer"], progress=build_progress).path
    show = sys.stderr.isatty() and not ctx.obj["quiet"]
    with contextlib.ExitStack() as stack:
        bar = stack.enter_context(click.progressbar(
            length=len(docs), label="geoparsing", file=sys.stderr, hidden=not show))
        seen = [0]

        def on_progress(finished: int, total: int) -> None:
            bar.update(finished - seen[0])
            seen[0] = finished

        summary = run_batch(docs, out, options=BatchOptions(partition_size, country, ner),
                            workers=None if scheduler else (workers or os.cpu_count() or 1),
                            scheduler=scheduler, gazetteer_path=gaz_path, problems=problems,
                            inputs=inputs, on_progress=on_progress,
                            verbose=ctx.obj["verbose"])
    info = summary.as_dict()
    parts = info["partitions"]
    feats = ", ".join(f"{n} {k}s" for k, n in info["features"].items())
    _say(ctx, f"geo: {info['documents']} documents, {feats} -> {out} "
              f"({parts['done']}/{parts['total']} partitions done, {parts['skipped']} skipped, "
              f"{parts['failed']} failed; {info['elapsed_s']:.1f} s)")
    for rec in info["failed"]:
        click.echo(f"geo: error: {rec['name']} ({len(rec['documents'])} documents) failed: "
                   f"{rec['error']}; run `geo batch` again to retry it", err=True)
    sys.exit(0 if summary.complete else 1)

"""The ``geo batch`` command: the same input options, progress and closing line as
``geo export``, on a Dask cluster (the ``[batch]`` extra)."""
from __future__ import annotations

import os
import sys

import click

from geo.cli.group import cli, fail
from geo.cli.options import gazetteer_progress, input_options, progress, read_reports, say

__all__ = ["batch_command"]


@cli.command("batch", short_help="Geoparse a whole archive on a Dask cluster into GeoParquet.")
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False),
              help="Output folder (places/, zones/, events/ GeoParquet, summary.json).")
@click.option("--workers", type=click.IntRange(1), metavar="N",
              help="Worker processes of a local Dask cluster (default: the CPU count).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Use this running Dask scheduler and its workers instead.")
@click.option("--partition-size", type=click.IntRange(1), metavar="N",
              help="Documents per partition (one Dask task, one set of files); default: "
                   "what an earlier run in OUT used, else about 4 partitions per worker, "
                   "10 to 100 documents each.")
@input_options(filters=False, online=False)
@click.pass_context
def batch_command(ctx, inputs, out, workers, scheduler, partition_size, glob, country, ner):
    """Geoparse INPUT... on a Dask cluster into GeoParquet partitions in OUT.

    A re-run with the same inputs skips the partitions already done. `geo export
    OUT` and `geo map OUT` read the result back."""
    import gazetteer
    from geo.errors import need

    need("distributed", "batch", "geo batch (Dask)")
    if ner:
        from geo.recognition.nlp import require

        require()
    from geo.batch.client import BatchOptions, run_batch
    from geo.batch.files import recorded_partition_size
    from geo.batch.tasks import DEFAULT_PARTITION_SIZE, partition_size_for

    if workers and scheduler:
        raise click.UsageError("give --workers (a local cluster) or --scheduler, not both")
    docs, problems = read_reports(ctx, inputs, glob)
    if not docs:
        fail("nothing to geoparse: no input could be read")
    gaz_path = gazetteer.open(ctx.find_root().obj["gazetteer"],
                              progress=gazetteer_progress(ctx)).path
    workers = None if scheduler else (workers or os.cpu_count() or 1)
    if partition_size is None:  # a scheduler's workers are unknown here: the largest size
        partition_size = recorded_partition_size(out) or (
            partition_size_for(len(docs), workers) if workers else DEFAULT_PARTITION_SIZE)
    with progress(ctx, len(docs)) as bar:
        seen = [0]

        def on_progress(finished: int, total: int) -> None:
            bar.update(finished - seen[0])
            seen[0] = finished

        summary = run_batch(docs, out, options=BatchOptions(partition_size,
                                                            ",".join(country) or None, ner),
                            workers=workers,
                            scheduler=scheduler, gazetteer_path=gaz_path,
                            problems=[str(p) for p in problems], inputs=inputs,
                            on_progress=on_progress, verbose=ctx.find_root().obj["verbose"])
    info = summary.as_dict()
    parts = info["partitions"]
    feats = ", ".join(f"{n} {k}s" for k, n in info["features"].items())
    total = sum(info["features"].values())
    say(ctx, f"geo: wrote {total} features: {feats} from {info['documents']} reports to {out} "
             f"({parts['done']}/{parts['total']} partitions done, {parts['skipped']} skipped, "
             f"{parts['failed']} failed; {info['elapsed_s']:.1f} s)")
    for rec in info["failed"]:
        click.echo(f"geo: error: {rec['name']} ({len(rec['documents'])} documents) failed: "
                   f"{rec['error']}; run `geo batch` again to retry it", err=True)
    sys.exit(0 if summary.complete else 1)

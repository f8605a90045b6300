"""``geo batch``: a whole archive geoparsed on a Dask cluster.

In: documents (read by :mod:`geo.reading`). Out: a folder of GeoParquet
partitions and ``summary.json`` that ``geo export`` and ``geo map`` read back.
:mod:`geo.batch.tasks` holds the value types that travel between the client
(:mod:`geo.batch.client`) and its workers (:mod:`geo.batch.worker`);
:mod:`geo.batch.files` owns the folder's layout; :mod:`geo.cli.batch` is the
command. Nothing of Dask is imported until a batch runs.
"""

"""The ``geo`` command: a thin click layer over the library.

In: the command line. Out: files written and one line per problem on stderr.
:mod:`geo.cli.group` holds the group and turns errors into one line by their
type; :mod:`geo.cli.options` what ``export``, ``map`` and ``batch`` share (input
options, progress, the closing line); :mod:`geo.cli.commands` and
:mod:`geo.cli.batch` the commands. What an INPUT holds is decided by
:mod:`geo.reading.sniff`.

Exit status: 0 when everything was processed, 1 when something failed (a bad
document is reported and skipped; the rest is still written), 2 for usage errors.
"""
from __future__ import annotations

from geo.cli import batch, commands  # noqa: F401  (they register their commands on the group)
from geo.cli.group import cli

__all__ = ["cli", "main"]


def _terminated(signum, frame):
    raise KeyboardInterrupt  # SIGTERM cleans up as Ctrl-C does: no temporary file left


def main(argv=None):
    """Entry point of the ``geo`` console script."""
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    return cli.main(args=argv, prog_name="geo")

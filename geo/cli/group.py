"""The ``geo`` group: global options, and every error turned into one line by its type."""
from __future__ import annotations

import sys

import click

__all__ = ["cli", "fail"]


def fail(message: str, code: int = 1):
    """Print ``geo: error: MESSAGE`` on stderr and exit with `code`."""
    click.echo(f"geo: error: {message}", err=True)
    sys.exit(code)


def _interrupted(exc: BaseException) -> bool:
    """Whether Ctrl-C caused `exc` (numpy, say, raises ImportError when a lazy import
    is interrupted)."""
    cause: BaseException | None = exc
    depth = 0
    while cause is not None and depth < 20:
        if isinstance(cause, KeyboardInterrupt):
            return True
        cause, depth = cause.__cause__ or cause.__context__, depth + 1
    return False


_INTERRUPTED = "interrupted; outputs already finished are intact, nothing is half-written"


class _Group(click.Group):
    """Turns the project's exceptions into one-line errors, never tracebacks."""

    def invoke(self, ctx):
        import sqlite3

        from gazetteer.errors import GazetteerError
        from geo.errors import GeoError
        from maps.model import MapError

        try:
            return super().invoke(ctx)
        except (GeoError, GazetteerError, MapError) as exc:  # MissingExtra included
            fail(str(exc))
        except KeyboardInterrupt:
            fail(_INTERRUPTED, 130)
        except click.UsageError as exc:  # a bad option value: one line too, still status 2
            hint = f"; see `{exc.ctx.command_path} --help`" if exc.ctx else ""
            fail(exc.format_message().rstrip(".") + hint, exc.exit_code)
        except BrokenPipeError:  # `geo export - | head`: the reader left, nothing to say
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:  # an output folder that cannot be written, a full disk...
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}; check the path, its permissions and free space")
        except sqlite3.DatabaseError as exc:  # a gazetteer damaged after it was checked
            fail(f"the gazetteer cannot be read ({exc}); rebuild it with `geo gazetteer build`")
        except ImportError as exc:
            if _interrupted(exc):
                fail(_INTERRUPTED, 130)
            raise


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("sitrep-geo")
    except metadata.PackageNotFoundError:
        return "unknown"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"],
                                           "max_content_width": 100})
@click.version_option(_version(), "--version", prog_name="geo")
@click.option("--gazetteer", "gazetteer_path", type=click.Path(dir_okay=False),
              envvar="GEO_GAZETTEER", help="Gazetteer file (default: the user cache directory).")
@click.option("-q", "--quiet", is_flag=True,
              help="Only errors on stderr (no progress, no summary).")
@click.option("-v", "--verbose", is_flag=True, help="Say more about what is done.")
@click.pass_context
def cli(ctx, gazetteer_path, quiet, verbose):
    """Geoparse conflict and crisis reports: places, zones, events, maps."""
    ctx.obj = {"gazetteer": gazetteer_path, "quiet": quiet, "verbose": verbose}

"""The ``assessor`` command line.

With no subcommand it opens the desktop app; every subcommand works without a display and never
imports Qt. Errors are printed as plain lines on stderr with exit status 1, never a traceback
(set ``ASSESSOR_DEBUG=1`` to see one for an unexpected failure).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from assessor import __version__
from assessor.commands import (
    compare,
    delete,
    demo,
    invite,
    outcomes,
    questionnaires,
    report,
    respond,
    scoring,
    storage,
)
from assessor.commands.common import db_option
from assessor.desktop import open_desktop_app
from assessor.errors import AssessorError, printable


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assessor")
@db_option
@click.pass_context
def cli(context: click.Context, db: Path | None) -> None:
    """Assessor: how free is your marketing, and does it work as one team with sales?

    \b
    assessor                   open the desktop app
    assessor FILE.assessor     open a respondent file in the app: import it and answer it
    assessor COMMAND --help    what a command below does and takes

    \b
    Your data: assessor.db in the data folder, which ASSESSOR_HOME sets (by default your
    system's, such as ~/.local/share/Assessor on Linux); --db PATH or ASSESSOR_DB names
    another database file. The commands need no display. Those that change the database
    refuse while an Assessor window has it open.
    """
    if context.invoked_subcommand is None:
        open_desktop_app(db)


for command in (
    *questionnaires.COMMANDS,
    *scoring.COMMANDS,
    *storage.COMMANDS,
    *report.COMMANDS,
    *compare.COMMANDS,
    *demo.COMMANDS,
    *invite.COMMANDS,
    *respond.COMMANDS,
    *delete.COMMANDS,
    *outcomes.COMMANDS,
):
    cli.add_command(command)


class NoteHandler(logging.Handler):
    """Prints the ``assessor`` logger's notes on stderr as ``note: ...`` lines."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"note: {printable(record.getMessage())}", err=True)


def show_notes() -> None:
    """Send the notes of the ``assessor`` logger to stderr (once per process)."""
    logger = logging.getLogger("assessor")
    if not any(isinstance(handler, NoteHandler) for handler in logger.handlers):
        logger.addHandler(NoteHandler(logging.INFO))
        logger.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: run the command line, turning every error into plain lines and status 1."""
    show_notes()
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="assessor",
            standalone_mode=False,
        )
    except AssessorError as error:
        for line in error.lines:
            click.echo(f"error: {line}", err=True)
        raise SystemExit(1) from None
    except click.exceptions.Abort:
        click.echo("error: cancelled", err=True)
        raise SystemExit(1) from None
    except click.ClickException as error:
        context = getattr(error, "ctx", None)
        hint = f" (see '{context.command_path} --help')" if context is not None else ""
        click.echo(f"error: {error.format_message()}{hint}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        raise SystemExit(1) from None
    except Exception as error:
        if os.environ.get("ASSESSOR_DEBUG"):
            raise
        click.echo(
            f"error: unexpected {type(error).__name__}: {printable(str(error))} "
            "(your data is safe; run with ASSESSOR_DEBUG=1 for details and please report it)",
            err=True,
        )
        raise SystemExit(1) from None
    sys.exit(0)

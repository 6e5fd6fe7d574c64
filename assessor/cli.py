"""The ``assessor`` command line.

With no subcommand it opens the desktop app; every subcommand works without a display and never
imports Qt. Errors are printed as plain lines on stderr with exit status 1, never a traceback
(set ``ASSESSOR_DEBUG=1`` to see one for an unexpected failure).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from assessor import __version__
from assessor.errors import AssessorError

F = TypeVar("F", bound=Callable[..., Any])

#: The desktop front end, found by name at run time so that the domain never depends on it.
DESKTOP_MODULE = "ui.app"


def db_option(command: F) -> F:
    """The ``--db PATH`` option every subcommand takes (env ``ASSESSOR_DB``)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="ASSESSOR_DB",
        help="The database file (default: assessor.db in the data folder; env ASSESSOR_DB).",
    )(command)


def fail(*lines: str) -> None:
    """Stop the command with these error lines (exit status 1)."""
    raise AssessorError(*lines)


def open_desktop_app(db: Path | None) -> None:
    """Open the desktop app (the only path that loads Qt)."""
    desktop = importlib.import_module(DESKTOP_MODULE)
    raise SystemExit(desktop.run(db))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assessor")
@db_option
@click.pass_context
def cli(context: click.Context, db: Path | None) -> None:
    """Assessor: how free is your marketing, and does it work as one team with sales?

    Run with no command to open the desktop app.
    """
    if context.invoked_subcommand is None:
        open_desktop_app(db)


@cli.command("questionnaires")
@click.option("--json", "as_json", is_flag=True, help="Print full definitions as JSON.")
@db_option
def questionnaires_command(as_json: bool, db: Path | None) -> None:
    """List the questionnaires the app offers (bundled and your own)."""
    from assessor.catalogue import load_catalogue

    catalogue = load_catalogue()
    for problem in catalogue.problems:
        click.echo(f"warning: {problem}", err=True)
    if as_json:
        listing = []
        for questionnaire in catalogue:
            definition = questionnaire.model_dump(mode="json", by_alias=True, exclude_none=True)
            definition["origin"] = catalogue.origin(questionnaire.id)
            listing.append(definition)
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    for questionnaire in catalogue:
        scored = sum(1 for item in questionnaire.items if item.scored)
        click.echo(
            f"{questionnaire.id:<16} v{questionnaire.version:<3} {questionnaire.title}  "
            f"({len(questionnaire.dimensions)} dimensions, {scored} scored items; "
            f"{catalogue.origin(questionnaire.id)})"
        )


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
def validate_command(files: Sequence[Path], db: Path | None) -> None:
    """Check questionnaire files and report every fault with its place."""
    from assessor.catalogue import (
        BUNDLED,
        Catalogue,
        Entry,
        bundled_files,
        check_cross_references,
        load_files,
    )
    from assessor.errors import QuestionnaireError
    from assessor.loader import load_questionnaire

    errors: list[str] = []
    checked = Catalogue()
    load_files(checked, bundled_files(), BUNDLED)
    for path in files:
        try:
            questionnaire = load_questionnaire(path)
        except QuestionnaireError as error:
            errors.extend(error.lines)
            continue
        # Files being checked stand in for bundled ones of the same id, so that their
        # references to the other questionnaires are checked against what will be used.
        checked.entries[questionnaire.id] = Entry(questionnaire, str(path))
        scored = sum(1 for item in questionnaire.items if item.scored)
        click.echo(
            f"{path}: ok ({questionnaire.id} v{questionnaire.version}, "
            f"{len(questionnaire.dimensions)} dimensions, {scored} scored items, "
            f"{len(questionnaire.findings)} findings)"
        )
    errors.extend(
        problem
        for problem in check_cross_references(checked)
        if not problem.startswith(f"{BUNDLED}:")
    )
    if errors:
        fail(*errors)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: run the command line, turning every error into plain lines and status 1."""
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
            f"error: unexpected {type(error).__name__}: {error} "
            "(your data is safe; run with ASSESSOR_DEBUG=1 for details and please report it)",
            err=True,
        )
        raise SystemExit(1) from None
    sys.exit(0)

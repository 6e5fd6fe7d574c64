"""What every subcommand shares: the ``--db`` option and the way to fail with a message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from click.core import ParameterSource

from assessor.errors import AssessorError

F = TypeVar("F", bound=Callable[..., Any])


def _inherit_db(context: click.Context, parameter: click.Parameter, value: Path | None) -> Any:
    """A subcommand's ``--db``, else one given before the subcommand (``assessor --db X list``).

    A path typed on the command line wins over ``ASSESSOR_DB``, wherever it was typed.
    """
    if context.parent is None or context.get_parameter_source("db") is ParameterSource.COMMANDLINE:
        return value
    root = context.find_root()
    if root.get_parameter_source("db") is ParameterSource.COMMANDLINE:
        return root.params.get("db")
    return value


def db_option(command: F) -> F:
    """The ``--db PATH`` option every subcommand takes (env ``ASSESSOR_DB``)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="ASSESSOR_DB",
        callback=_inherit_db,
        help="The database file (default: assessor.db in the data folder; env ASSESSOR_DB).",
    )(command)


def fail(*lines: str) -> NoReturn:
    """Stop the command with these error lines (printed on stderr, exit status 1)."""
    raise AssessorError(*lines)


def check_output_folder(output: Path) -> None:
    """Fail early, before any work, when the output file's folder does not exist."""
    if not output.parent.is_dir():
        fail(f"{output}: the folder {output.parent} does not exist")


def write_pdf_output(
    output: Path, pagesize: str | None, write: Callable[[Path, Any], None]
) -> None:
    """Write a PDF with ``write(path, pagesize)`` (atomic in the renderers) and say so.

    The paper size is ``pagesize`` or the locale's; a failure to write is one clear line.
    """
    from assessor.report.render import resolve_pagesize

    try:
        write(output, resolve_pagesize(pagesize))
    except OSError as error:
        fail(f"{output}: cannot be written: {error.strerror or error}")
    click.echo(f"wrote {output}")

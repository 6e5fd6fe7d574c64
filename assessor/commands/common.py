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

"""What every subcommand shares: the ``--db`` option and the way to fail with a message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from assessor.errors import AssessorError

F = TypeVar("F", bound=Callable[..., Any])


def db_option(command: F) -> F:
    """The ``--db PATH`` option every subcommand takes (env ``ASSESSOR_DB``)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="ASSESSOR_DB",
        help="The database file (default: assessor.db in the data folder; env ASSESSOR_DB).",
    )(command)


def fail(*lines: str) -> NoReturn:
    """Stop the command with these error lines (printed on stderr, exit status 1)."""
    raise AssessorError(*lines)

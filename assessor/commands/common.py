"""What every subcommand shares: the ``--db`` option, opening the store, output files, failing.

``--db`` (or ``ASSESSOR_DB``) naming a folder that does not exist is an error for every command
but ``demo`` and ``import`` (:data:`CREATES_FOLDERS`): a mistyped path never creates folders and
an empty database. The commands that only read (``list``, ``export``, ``report``, ``compare``)
open a database that cannot be written to read-only instead of failing (:func:`opened`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from click.core import ParameterSource

from assessor.errors import AssessorError

if TYPE_CHECKING:
    from assessor.storage.store import Store

F = TypeVar("F", bound=Callable[..., Any])

#: The commands that may create the database's folder (they bring data to put in it).
CREATES_FOLDERS = frozenset({"demo", "import"})

log = logging.getLogger("assessor")


def _check_folder(context: click.Context, value: Path | None) -> Path | None:
    """Fail when a database path's folder does not exist (unless the command may create it)."""
    if value is None or context.parent is None or context.info_name in CREATES_FOLDERS:
        return value
    folder = value.expanduser().absolute().parent
    if not folder.is_dir():
        fail(
            f"--db {value}: the folder {folder} does not exist; check the path "
            "(nothing was created)"
        )
    return value


def _inherit_db(context: click.Context, parameter: click.Parameter, value: Path | None) -> Any:
    """A subcommand's ``--db``, else one given before the subcommand (``assessor --db X list``).

    A path typed on the command line wins over ``ASSESSOR_DB``, wherever it was typed.
    """
    if context.parent is None or context.get_parameter_source("db") is ParameterSource.COMMANDLINE:
        return _check_folder(context, value)
    root = context.find_root()
    if root.get_parameter_source("db") is ParameterSource.COMMANDLINE:
        return _check_folder(context, root.params.get("db"))
    return _check_folder(context, value)


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


def refuse_while_open(db: Path | None, unchanged: str = "nothing was changed") -> None:
    """Fail with one line naming the process while an Assessor window holds the database.

    The one check every command that writes the database makes before opening it (see
    :mod:`assessor.storage.app_lock`); ``unchanged`` ends the line ("nothing was imported").
    """
    from assessor.files.paths import database_path
    from assessor.storage.app_lock import refuse_while_open as refuse

    refuse(database_path(db).absolute(), unchanged)


@contextmanager
def opened(
    db: Path | None,
    *,
    reading: bool = False,
    while_open: bool = False,
    unchanged: str = "nothing was changed",
) -> Iterator[Store]:
    """The store for a command; automatic-backup problems are printed as warnings.

    With ``reading`` a database that cannot be written to is opened read-only (with a note)
    rather than refused. A command that writes (neither ``reading`` nor ``while_open``, which
    a command that only copies the database out sets) is refused while an Assessor window holds
    the database (:func:`refuse_while_open`, whose line ends with ``unchanged``).
    """
    from assessor.storage.errors import ReadOnlyError
    from assessor.storage.store import Store

    if not reading and not while_open:
        refuse_while_open(db, unchanged)
    try:
        store = Store.open(db)
    except ReadOnlyError:
        if not reading:
            raise
        store = Store.open(db, read_only=True)
        log.warning("%s cannot be written to; opened for reading only", store.path)
    try:
        yield store
    finally:
        store.close()
        for warning in store.warnings:
            click.echo(f"warning: {warning}", err=True)


def check_output_target(output: Path) -> None:
    """Fail early, before any work, when ``output`` cannot be written (see
    assessor.files.atomic)."""
    from assessor.files.atomic import check_output

    check_output(output)


def write_pdf_output(
    output: Path, pagesize: str | None, write: Callable[[Path, Any], None]
) -> None:
    """Write a PDF with ``write(path, pagesize)`` (atomic in the renderers) and say so.

    The paper size is ``pagesize`` or the locale's; a failure to write is one clear line.
    """
    from assessor.report.blocks import resolve_pagesize

    try:
        write(output, resolve_pagesize(pagesize))
    except OSError as error:
        fail(f"{output}: cannot be written: {error.strerror or error}; nothing was written")
    click.echo(f"wrote {output}")

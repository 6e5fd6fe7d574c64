"""The ``assessor`` entry point: the desktop app when there is no subcommand, else the CLI.

Deciding here, before click and the command modules are imported, keeps the app's start fast;
``assessor [--db PATH] FILE.assessor`` opens the app on a respondent file; any other argument
than ``--db PATH`` goes to :mod:`assessor.cli`, which does the parsing.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from assessor.desktop import open_desktop_app

#: ``assessor FILE.assessor`` opens a respondent file in the app (as a file manager does); the
#: same as ``assessor.exchange.respondent_file.SUFFIX``, not imported here to keep the start fast.
RESPONDENT_SUFFIX = ".assessor"


def desktop_database(args: Sequence[str]) -> tuple[bool, str | None]:
    """Whether ``args`` ask for the desktop app, and the ``--db`` path given with it, if any."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0].removeprefix("--db=")
    return False, None


def respondent_file_launch(args: Sequence[str]) -> tuple[str | None, str | None]:
    """The respondent file and ``--db`` of ``assessor [--db PATH] FILE.assessor``, if so launched.

    Returns ``(file, db)``; ``file`` is None when ``args`` are not such a launch.
    """
    positions = [i for i, arg in enumerate(args) if arg.lower().endswith(RESPONDENT_SUFFIX)]
    if positions:
        position = positions[-1]
        rest = [arg for i, arg in enumerate(args) if i != position]
        desktop, db = desktop_database(rest)
        if desktop:
            return args[position], db
    return None, None


def main(argv: Sequence[str] | None = None) -> None:
    """Open the desktop app (with a respondent file, if one is given), or run the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    opened_file, db = respondent_file_launch(args)
    if opened_file is not None:
        open_desktop_app(Path(db) if db else None, Path(opened_file))
    desktop, db = desktop_database(args)
    if desktop:
        open_desktop_app(Path(db) if db else None)
    from assessor.cli import main as command_line

    command_line(args)

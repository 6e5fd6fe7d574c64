"""The ``assessor`` entry point: the desktop app when there is no subcommand, else the CLI.

Deciding here, before click and the command modules are imported, keeps the app's start fast;
any argument other than ``--db PATH`` goes to :mod:`assessor.cli`, which does the parsing.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

#: The desktop front end, found by name at run time so that the domain never depends on it.
DESKTOP_MODULE = "ui.app"


def desktop_database(args: Sequence[str]) -> tuple[bool, str | None]:
    """Whether ``args`` ask for the desktop app, and the ``--db`` path given with it, if any."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0].removeprefix("--db=")
    return False, None


def open_desktop_app(db: Path | None) -> None:
    """Open the desktop app (the only path that loads Qt) and exit with its status."""
    desktop = importlib.import_module(DESKTOP_MODULE)
    raise SystemExit(desktop.run(db))


def main(argv: Sequence[str] | None = None) -> None:
    """Open the desktop app, or run the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    desktop, db = desktop_database(args)
    if desktop:
        open_desktop_app(Path(db) if db else None)
    from assessor.cli import main as command_line

    command_line(args)

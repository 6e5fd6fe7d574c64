"""Opening the desktop front end, found by name at run time so that the domain never imports it."""

from __future__ import annotations

import importlib
from pathlib import Path

#: The desktop front end's module; :func:`open_desktop_app` imports it only when the app opens.
DESKTOP_MODULE = "ui.app"


def open_desktop_app(db: Path | None, respondent_file: Path | None = None) -> None:
    """Open the desktop app (the only path that loads Qt) and exit with its status.

    With ``respondent_file`` the app opens that file at once (imports it, then the walk-through).
    """
    desktop = importlib.import_module(DESKTOP_MODULE)
    if respondent_file is None:
        raise SystemExit(desktop.run(db))
    raise SystemExit(desktop.run(db, respondent_file=respondent_file))

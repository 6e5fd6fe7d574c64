"""Where Assessor keeps its data: the data folder, user questionnaires and the database file.

``ASSESSOR_HOME`` overrides the data folder and ``ASSESSOR_DB`` the database file; otherwise the
platform's user data folder is used (for example ``~/.local/share/Assessor`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Assessor"
DATABASE_NAME = "assessor.db"


def data_dir() -> Path:
    """The folder holding the database, backups and the user's own questionnaires."""
    override = os.environ.get("ASSESSOR_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_questionnaire_dir() -> Path:
    """The folder where a user may add or override questionnaire files."""
    return data_dir() / "questionnaires"


def database_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The database file: the explicit override, else ``ASSESSOR_DB``, else the data folder's."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get("ASSESSOR_DB")
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / DATABASE_NAME

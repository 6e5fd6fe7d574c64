"""Where files go: the window settings, the folder exports start in, and opening a written file.

Exports (PDFs, exchange files) and imports start in the user's Documents folder the first time,
then in the folder used last, remembered in the window settings (in the data folder; answers are
never kept there). The data folder itself is hidden from most people and is never offered.

The same settings remember who the user is between dialogs (:func:`remembered`): their name,
role and the organisation they last worked on, so that New assessment and Invite respondents
start filled in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from assessor.files.paths import data_dir
from ui import dialogs

LAST_FOLDER = "files/last_folder"
#: What the dialogs remember of the user (keys of :func:`remembered` and :func:`remember`).
YOUR_NAME = "you/name"
YOUR_ROLE = "you/role"
LAST_ORGANISATION = "you/organisation"


def settings() -> QSettings:
    """Window settings, kept in the data folder (answers are never stored here)."""
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def documents_folder() -> Path:
    """The user's Documents folder (their home folder on a system that has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def file_folder() -> Path:
    """The folder a save or open dialog starts in: the last one used while it still exists,
    else Documents."""
    remembered = settings().value(LAST_FOLDER)
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember_folder(chosen: Path) -> None:
    """Start the next file dialog in the folder of ``chosen``."""
    settings().setValue(LAST_FOLDER, str(chosen.parent))


def ask_save_path(
    parent: QWidget | None, caption: str, file_name: str, filters: str, suffix: str = ""
) -> Path | None:
    """Ask where to save ``file_name`` (starting in :func:`file_folder`); remembers the folder.

    ``suffix`` (such as ``".pdf"``) is added when the name chosen lacks it. None when cancelled.
    """
    target = dialogs.save_file(parent, caption, file_folder() / file_name, filters)
    if target is None:
        return None
    if suffix and target.suffix.lower() != suffix:
        target = target.with_suffix(suffix)
    remember_folder(target)
    return target


def ask_open_path(parent: QWidget | None, caption: str, filters: str) -> Path | None:
    """Ask for a file to open (starting in :func:`file_folder`); remembers the folder."""
    chosen = dialogs.open_file(parent, caption, file_folder(), filters)
    if chosen is not None:
        remember_folder(chosen)
    return chosen


def open_with_desktop(path: Path) -> bool:
    """Open a file or folder with the desktop's application for it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def remembered(key: str) -> str:
    """What a dialog remembered under ``key`` (such as :data:`YOUR_NAME`); "" when nothing."""
    value = settings().value(key)
    return value if isinstance(value, str) else ""


def remember(key: str, value: str) -> None:
    """Remember ``value`` under ``key`` for the next dialog (empty values are not kept)."""
    if value.strip():
        settings().setValue(key, value.strip())


#: Where each opened respondent file came from and who to send it back to, by assessment UUID.
RESPONDENT_FILES = "respondent-files"


def remember_respondent_file(uuid: str, opened: Path, send_to: str) -> None:
    """Remember the folder of an opened respondent file and who to send it back to, so that
    Send back… suggests that folder and names that person (also after a restart)."""
    store = settings()
    store.setValue(f"{RESPONDENT_FILES}/{uuid}/folder", str(opened.parent))
    store.setValue(f"{RESPONDENT_FILES}/{uuid}/send_to", send_to)


def respondent_file_place(uuid: str) -> tuple[Path | None, str]:
    """The folder the respondent file with this UUID was opened from (None when unknown or
    gone) and who to send it back to ("" when unknown)."""
    store = settings()
    folder = store.value(f"{RESPONDENT_FILES}/{uuid}/folder")
    send_to = store.value(f"{RESPONDENT_FILES}/{uuid}/send_to")
    found = Path(folder) if isinstance(folder, str) and folder and Path(folder).is_dir() else None
    return found, send_to if isinstance(send_to, str) else ""

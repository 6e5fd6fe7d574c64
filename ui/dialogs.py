"""Every modal dialog the app shows, each behind a small function that tests can replace.

User-facing messages go through here, so no other module opens a QMessageBox or a file dialog
itself. Messages are plain text: nothing the user typed is ever read as rich text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str = "",
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    return box


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """Tell the user something went wrong; ``details`` can be expanded and copied."""
    box = _box(parent, QMessageBox.Icon.Critical, title, text, details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something they need to know before going on."""
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before doing something that changes data; ``action`` labels the yes-button."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def choose(parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
    """Offer several ways out; returns the index of the chosen one, None when cancelled."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in choices]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def save_file(parent: QWidget | None, caption: str, suggested: Path, filters: str) -> Path | None:
    """Ask where to save a file; None when cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), filters)
    return Path(name) if name else None


def open_file(parent: QWidget | None, caption: str, folder: Path, filters: str) -> Path | None:
    """Ask for a file to open; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder), filters)
    return Path(name) if name else None


def open_files(parent: QWidget | None, caption: str, folder: Path, filters: str) -> list[Path]:
    """Ask for one or more files to open; an empty list when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, caption, str(folder), filters)
    return [Path(name) for name in names]


def choose_folder(parent: QWidget | None, caption: str, folder: Path) -> Path | None:
    """Ask for a folder to write files in; None when cancelled."""
    name = QFileDialog.getExistingDirectory(parent, caption, str(folder))
    return Path(name) if name else None


def print_setup(parent: QWidget | None, printer: QPrinter) -> bool:
    """Let the user pick a printer and options; False when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print diagnosis")
    return dialog.exec() == QPrintDialog.DialogCode.Accepted

"""Start the desktop app: create the QApplication and show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow


def create_main_window() -> QMainWindow:
    """The main window (a plain one until the walk-through lands)."""
    window = QMainWindow()
    window.setWindowTitle("Assessor")
    window.resize(960, 680)
    return window


def run(db: Path | None = None) -> int:
    """Run the app's event loop until the last window closes; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Assessor")
    window = create_main_window()
    window.show()
    return app.exec()

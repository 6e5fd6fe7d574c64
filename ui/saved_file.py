"""The status bar's note of the file just written, with links that open it and its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui import places, style
from ui.plain_text import plain_label


class SavedFile(QWidget):
    """ "Saved the PDF: Acme-2026-Q3-diagnosis.pdf · Show in folder" (both are links)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.what = plain_label(wrap=False, name="saved-file")
        self.file_link = style.link_button("", "Open the file just saved")
        self.file_link.clicked.connect(self.open_file)
        self.folder_link = style.link_button("Show in folder", "Open the folder of the file")
        self.folder_link.clicked.connect(self.open_folder)
        for widget in (self.what, self.file_link, self.folder_link):
            row.addWidget(widget)
        self.hide()

    def show_file(self, what: str, path: Path) -> None:
        """Name the file just written (``what`` such as "the PDF") and show the links."""
        self.path = path
        self.what.setText(f"Saved {what}:")
        self.file_link.setText(path.name)
        self.file_link.setToolTip(f"Open {path}")
        self.file_link.setAccessibleName(f"Open {path}")
        self.folder_link.setToolTip(f"Open {path.parent}")
        self.show()

    def open_file(self) -> None:
        """Open the file with the desktop's application for it."""
        if self.path is not None:
            places.open_with_desktop(self.path)

    def open_folder(self) -> None:
        """Open the file's folder."""
        if self.path is not None:
            places.open_with_desktop(self.path.parent)

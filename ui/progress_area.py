"""A progress bar with counts and a Cancel button, in the status area, for long work.

``Importing 1,200 of 2,000 assessments…`` beside a bar, while an
:class:`~ui.operations.Operation` runs; Cancel asks the operation to stop (the domain then takes
back everything it did: an import rolls its one transaction back). The area hides itself when
the operation is finished.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui.operations import Operation


def progress_text(verb: str, done: int, total: int, what: str) -> str:
    """``Importing 1,200 of 2,000 assessments…``."""
    return f"{verb} {done:,} of {total:,} {what}…"


class ProgressArea(QWidget):
    """The bar, its counts and Cancel; follows one operation at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setAccessibleName("Progress")
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Progress bar")
        self.bar.setMaximumWidth(200)
        self.bar.setTextVisible(False)
        layout.addWidget(self.bar)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the work in progress")
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.cancel_button)
        self.operation: Operation[object] | None = None
        self.verb = ""
        self.what = ""
        self.hide()

    def follow(self, operation: Operation[object], verb: str, what: str) -> None:
        """Show the progress of ``operation`` (call before starting it): ``verb`` and ``what``
        make its line (``Importing`` … ``assessments``)."""
        self.operation = operation
        self.verb, self.what = verb, what
        self.bar.setRange(0, 0)  # busy until the first counts
        self.label.setText(f"{verb} {what}…")
        self.cancel_button.setEnabled(True)
        operation.progressed.connect(self.show_progress)
        operation.finished.connect(self.done)
        self.show()

    def show_progress(self, done: int, total: int) -> None:
        """The counts so far."""
        if self.operation is None or self.operation.cancelled:
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self.label.setText(progress_text(self.verb, done, total, self.what))

    def cancel(self) -> None:
        """Cancel: the operation stops at its next step and keeps nothing."""
        if self.operation is not None:
            self.operation.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText("Cancelling…")

    def done(self) -> None:
        """The operation has finished (or stopped): hide."""
        self.operation = None
        self.hide()

"""The send-off of a respondent file: the last question answered, send the answers back.

Shown when the walk-through of an assessment opened from a respondent file finishes. It names
who to send the file to, says how many notes go with it (the shared ones) and that the others
stay on this computer, offers "Share all my notes", and *Send back…* (the main window asks
where, next to the invitation by default, and writes the file private to the user). The
results stay one click away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from assessor.errors import AssessorError
from assessor.storage.note_sharing import NoteSharing
from assessor.storage.store import Store
from ui import dialogs, style
from ui.plain_text import count, plain_label


def notes_going(sharing: NoteSharing) -> str:
    """Which notes go with the file, in words."""
    shared, private = len(sharing.shared), len(sharing.private)
    if not shared and not private:
        return "You wrote no notes: only your answers go with the file."
    going = (
        f"{count(shared, 'shared note')} {'goes' if shared == 1 else 'go'} with the file"
        if shared
        else "No note goes with the file"
    )
    staying = (
        f"; {count(private, 'note')} you did not share {'stays' if private == 1 else 'stay'} "
        "on this computer and never leaves it."
        if private
        else "."
    )
    return going + staying


class SendOffPage(QWidget):
    """After the last question of a respondent file: Send back…, and what goes with it."""

    send_back_requested = Signal(int)
    results_requested = Signal(int)
    home_requested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.assessment_id = 0
        outer = QVBoxLayout(self)
        style.page_margins(outer)
        outer.addStretch(1)
        box = QFrame()
        column = QVBoxLayout(box)
        column.setSpacing(style.SPACE_M)
        column.addWidget(style.title("Thank you: every answer is saved"))
        self.send_to = plain_label(name="send-off-to")
        column.addWidget(self.send_to)
        self.notes = plain_label(name="send-off-notes")
        column.addWidget(self.notes)
        self.share_all = QCheckBox("Share all my notes with the team")
        self.share_all.setAccessibleName(
            "Share all my notes with the team: every note goes with the file"
        )
        self.share_all.toggled.connect(self._share_all_toggled)
        column.addWidget(self.share_all)
        self.where = plain_label(name="send-off-where", muted=True)
        column.addWidget(self.where)
        buttons = QHBoxLayout()
        self.home_button = QPushButton("← Assessments")
        self.home_button.setAccessibleName("Back to the list of assessments")
        self.home_button.clicked.connect(self.home_requested)
        self.results_button = QPushButton("See my results")
        self.results_button.setAccessibleName("See the results of these answers")
        self.results_button.clicked.connect(lambda: self.results_requested.emit(self.assessment_id))
        self.send_back_button = QPushButton("Send back…")
        self.send_back_button.setAccessibleName(
            "Send back: save the answered file to send to the person who asked (Enter)"
        )
        self.send_back_button.setDefault(True)
        self.send_back_button.clicked.connect(
            lambda: self.send_back_requested.emit(self.assessment_id)
        )
        buttons.addWidget(self.home_button)
        buttons.addWidget(self.results_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_back_button)
        column.addLayout(buttons)
        style.centre_column(outer, box)

    def show_assessment(self, assessment_id: int, send_to: str) -> None:
        """Fill the page for one finished assessment; ``send_to`` is who gets the file."""
        self.assessment_id = assessment_id
        self.send_to.setText(
            f"Choose Send back… to save your answers as a file, then send that file to "
            f"{send_to or 'the person who invited you'} (by e-mail or on a USB stick)."
        )
        self.where.setText(
            "The file is saved next to the invitation you opened unless you choose another "
            "folder; only you can read it on this computer."
        )
        self._refresh()
        self.send_back_button.setFocus()

    def _refresh(self) -> None:
        sharing = self.store.note_sharing(self.assessment_id)
        self.notes.setText(notes_going(sharing))
        self.share_all.blockSignals(True)
        self.share_all.setChecked(sharing.all_shared)
        self.share_all.setEnabled(bool(sharing.shared or sharing.private))
        self.share_all.blockSignals(False)

    def _share_all_toggled(self, checked: bool) -> None:
        """Share every note (or make them all private again), committed before it shows."""
        try:
            self.store.share_all_notes(self.assessment_id, checked)
        except AssessorError as error:
            dialogs.show_error(self, "Notes not changed", "\n".join(error.lines))
        self._refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter sends back (unless another button has the focus)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
            else:
                self.send_back_button.click()
            return
        super().keyPressEvent(event)

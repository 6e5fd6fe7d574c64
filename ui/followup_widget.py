"""Action follow-up: what became of the previous period's actions, asked as a new one starts.

:func:`ask_followup` shows :class:`FollowUpDialog` only when the previous period's report of
the same organisation and unit has actions. Each action has three choices (Done, In progress,
Not started); every choice is saved the moment it is made (``Store.save_followup``). Keyboard:
1, 2 or 3 pick on the focused action and move to the next; Enter continues. Cancel (or Escape)
cancels the new assessment: :func:`ask_followup` says so and the caller deletes its draft.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.comparison.followup import FOLLOW_UP_STATUSES, STATUS_LABELS, PreviousAction
from assessor.errors import AssessorError
from assessor.storage.store import Store
from ui import dialogs

_KEYS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2}


def _label(text: str, *, bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if muted:
        label.setStyleSheet("color: palette(placeholder-text);")
    return label


class ActionRow(QFrame):
    """One previous action with its three choices."""

    chosen = Signal(str)
    #: asks the dialog to move the focus on (emitted after a digit key picked a choice)
    advance = Signal()

    def __init__(self, number: int, action: PreviousAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Action {number}: {action.text}")
        layout = QVBoxLayout(self)
        layout.addWidget(_label(f"{number}. {action.text}", bold=True))
        layout.addWidget(
            _label(f"Aimed at {action.aims_at} · from {action.source_period}", muted=True)
        )
        choices = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        for index, status in enumerate(FOLLOW_UP_STATUSES):
            button = QRadioButton(f"{index + 1}  {STATUS_LABELS[status]}")
            button.setAccessibleName(f"{STATUS_LABELS[status]}: {action.text}")
            self.group.addButton(button, index)
            self.buttons.append(button)
            choices.addWidget(button)
            if action.status == status:
                button.setChecked(True)
        choices.addStretch(1)
        layout.addLayout(choices)
        self.group.idClicked.connect(self._clicked)

    @property
    def status(self) -> str | None:
        """The chosen status, or None when none is chosen yet."""
        index = self.group.checkedId()
        return FOLLOW_UP_STATUSES[index] if index >= 0 else None

    def choose(self, status: str) -> None:
        """Pick a status as if its button was clicked."""
        button = self.buttons[FOLLOW_UP_STATUSES.index(status)]
        button.setChecked(True)
        self._clicked(FOLLOW_UP_STATUSES.index(status))

    def _clicked(self, index: int) -> None:
        self.buttons[index].setFocus()
        self.chosen.emit(FOLLOW_UP_STATUSES[index])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """1, 2, 3 pick a status and move on to the next action."""
        index = _KEYS.get(Qt.Key(event.key()))
        if index is None:
            super().keyPressEvent(event)
            return
        self.choose(FOLLOW_UP_STATUSES[index])
        self.advance.emit()

    def focus_choice(self) -> None:
        """Put the keyboard focus on the chosen button (or the first)."""
        index = max(self.group.checkedId(), 0)
        self.buttons[index].setFocus()


class FollowUpDialog(QDialog):
    """Asks what became of each of the previous period's actions; saves every choice at once."""

    def __init__(
        self,
        store: Store,
        assessment_id: int,
        actions: list[PreviousAction],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.assessment_id = assessment_id
        period = actions[0].source_period if actions else ""
        self.setWindowTitle("Last quarter's actions")
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(f"What became of the actions of {period}?", bold=True))
        layout.addWidget(
            _label(
                "These were the top actions of the previous report. Say for each how far it "
                "got; the comparison shows them beside the change in the dimension they aimed "
                "at. Keys: 1 Done, 2 In progress, 3 Not started on the focused action; Enter "
                "continues; Escape cancels (no assessment is started).",
                muted=True,
            )
        )
        body = QWidget()
        column = QVBoxLayout(body)
        self.rows: list[ActionRow] = []
        for number, action in enumerate(actions, start=1):
            row = ActionRow(number, action)
            row.chosen.connect(lambda status, r=row: self._save(r, status))
            row.advance.connect(lambda r=row: self._advance(r))
            column.addWidget(row)
            self.rows.append(row)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.saved_label = _label("", muted=True)
        layout.addWidget(self.saved_label)
        buttons = QDialogButtonBox()
        self.continue_button = QPushButton("Continue")
        self.continue_button.setAccessibleName("Continue to the questionnaire")
        self.continue_button.setDefault(True)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel: do not start the new assessment (Escape)")
        self.cancel_button.setAutoDefault(False)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.rows:
            self.rows[0].focus_choice()

    def _save(self, row: ActionRow, status: str) -> None:
        try:
            self.store.save_followup(self.assessment_id, row.action.text, status)
        except AssessorError as error:
            dialogs.show_error(self, "The answer could not be saved", "\n".join(error.lines))
            return
        self.saved_label.setText(f"Saved: {STATUS_LABELS[status]} — {row.action.text}")

    def _advance(self, row: ActionRow) -> None:
        index = self.rows.index(row)
        if index + 1 < len(self.rows):
            self.rows[index + 1].focus_choice()
        else:
            self.continue_button.setFocus()


def ask_followup(parent: QWidget | None, store: Store, assessment_id: int) -> bool:
    """Ask about the previous period's actions, if it had any (tests replace this).

    False when the user cancelled (Cancel or Escape): the new assessment is not to start.
    """
    actions = store.previous_actions(assessment_id)
    if not actions:
        return True
    dialog = FollowUpDialog(store, assessment_id, actions, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted

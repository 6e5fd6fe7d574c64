"""The answer controls of one question: large radio buttons, check boxes, a number or a text box.

Every scored question also offers "Don't know / not applicable". The widget emits ``changed``
whenever the user changes the answer; :meth:`AnswerInput.current` reads it back as a value ready
for :func:`assessor.answers.make_answer`. Digits pick options (:meth:`AnswerInput.pick`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assessor.answers import Answer
from assessor.model import AGREEMENT_LABELS, Item


@dataclass(frozen=True)
class Reading:
    """What the controls hold: a value, "don't know", nothing yet, or an invalid entry."""

    value: Any = None
    dont_know: bool = False
    error: str = ""

    @property
    def empty(self) -> bool:
        """True when nothing has been given."""
        return self.value is None and not self.dont_know and not self.error


class SubmitOnEnter(QObject):
    """Makes Enter in a multi-line text box go on (Shift+Enter still starts a new line)."""

    def __init__(self, submit: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._submit = submit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self._submit()
                return True
        return False


def _choice_button(button: QAbstractButton, key: int, label: str) -> QAbstractButton:
    button.setText(f"{key}   {label}" if key <= 9 else label)
    button.setAccessibleName(label)
    button.setAccessibleDescription(f"Press {key} to choose" if key <= 9 else "")
    button.setMinimumHeight(32)
    button.setStyleSheet("QAbstractButton::indicator { width: 18px; height: 18px; }")
    font = QFont(button.font())
    font.setPointSizeF(font.pointSizeF() * 1.1)
    button.setFont(font)
    return button


class AnswerInput(QWidget):
    """The controls for answering one item."""

    changed = Signal()

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setAccessibleName(f"Answer to: {item.text}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._buttons: list[QAbstractButton] = []
        self._values: list[Any] = []
        self._group: QButtonGroup | None = None
        self._number: QLineEdit | None = None
        self._text: QPlainTextEdit | None = None
        self._dont_know: QCheckBox | None = None
        self.submit_filter: SubmitOnEnter | None = None

        if item.kind == "agreement":
            self._add_choices(layout, list(range(1, 6)), list(AGREEMENT_LABELS), exclusive=True)
        elif item.kind in ("frequency", "choice"):
            ids = [option.id for option in item.options]
            self._add_choices(layout, ids, [o.label for o in item.options], exclusive=True)
        elif item.kind == "multi":
            ids = [option.id for option in item.options]
            self._add_choices(layout, ids, [o.label for o in item.options], exclusive=False)
        elif item.kind == "number":
            self._add_number(layout)
        else:
            self._add_text(layout)
        if item.scored:
            self._dont_know = QCheckBox("0   Don't know / not applicable")
            self._dont_know.setAccessibleName("Don't know or not applicable")
            self._dont_know.setAccessibleDescription("Press 0 to choose")
            self._dont_know.setMinimumHeight(30)
            self._dont_know.clicked.connect(self._dont_know_clicked)
            layout.addSpacing(6)
            layout.addWidget(self._dont_know)
        layout.addStretch(1)

    # --- building ------------------------------------------------------------------------------

    def _add_choices(
        self, layout: QVBoxLayout, values: list[Any], labels: list[str], exclusive: bool
    ) -> None:
        self._group = QButtonGroup(self)
        self._group.setExclusive(exclusive)
        for key, (value, label) in enumerate(zip(values, labels, strict=True), start=1):
            button = QRadioButton() if exclusive else QCheckBox()
            _choice_button(button, key, label)
            self._group.addButton(button, key - 1)
            self._buttons.append(button)
            self._values.append(value)
            layout.addWidget(button)
        self._group.idClicked.connect(self._choice_clicked)

    def _add_number(self, layout: QVBoxLayout) -> None:
        row = QHBoxLayout()
        self._number = QLineEdit()
        self._number.setMaximumWidth(160)
        low, high = self.item.min, self.item.max
        hint = f"a number from {low:g} to {high:g}" if low is not None and high is not None else ""
        self._number.setPlaceholderText(hint)
        self._number.setAccessibleName("Number answer")
        self._number.setAccessibleDescription(hint)
        self._number.editingFinished.connect(self.changed)
        row.addWidget(self._number)
        unit = QLabel(self.item.unit)
        unit.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(unit)
        row.addStretch(1)
        layout.addLayout(row)
        if hint:
            note = QLabel(f"Type {hint}, then press Enter.")
            note.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(note)

    def _add_text(self, layout: QVBoxLayout) -> None:
        self._text = QPlainTextEdit()
        self._text.setTabChangesFocus(True)
        self._text.setPlaceholderText(
            "Type your answer (Enter goes on, Shift+Enter for a new line)"
        )
        self._text.setAccessibleName("Text answer")
        self._text.setMaximumHeight(110)
        layout.addWidget(self._text)

    # --- reacting ------------------------------------------------------------------------------

    def _choice_clicked(self, _index: int) -> None:
        if self._dont_know is not None:
            self._dont_know.setChecked(False)
        self.changed.emit()

    def _dont_know_clicked(self, checked: bool) -> None:
        if checked:
            self._clear_choices()
            if self._number is not None:
                self._number.clear()
        self.changed.emit()

    def _clear_choices(self) -> None:
        if self._group is None:
            return
        exclusive = self._group.exclusive()
        self._group.setExclusive(False)
        for button in self._buttons:
            button.setChecked(False)
        self._group.setExclusive(exclusive)

    # --- public --------------------------------------------------------------------------------

    @property
    def text_box(self) -> QPlainTextEdit | None:
        """The free-text box of a text item (None for other kinds)."""
        return self._text

    @property
    def number_box(self) -> QLineEdit | None:
        """The number field of a number item (None for other kinds)."""
        return self._number

    @property
    def buttons(self) -> list[QAbstractButton]:
        """The option buttons, in order (empty for number and text items)."""
        return list(self._buttons)

    @property
    def dont_know_box(self) -> QCheckBox | None:
        """The "don't know" check box (None for text items)."""
        return self._dont_know

    def pick(self, key: int) -> bool:
        """Act on digit ``key``: 1–9 choose (or tick) that option, 0 toggles don't know."""
        if key == 0 and self._dont_know is not None:
            self._dont_know.click()
            return True
        if 1 <= key <= len(self._buttons):
            self._buttons[key - 1].click()
            self._buttons[key - 1].setFocus()
            return True
        return False

    def set_answer(self, answer: Answer | None) -> None:
        """Show a stored answer without emitting ``changed``."""
        self.blockSignals(True)
        try:
            self._clear_choices()
            if self._dont_know is not None:
                self._dont_know.setChecked(bool(answer and answer.dont_know))
            value = answer.value if answer and not answer.dont_know else None
            if self._buttons and value is not None:
                chosen = set(value) if isinstance(value, tuple) else {value}
                for button, option in zip(self._buttons, self._values, strict=True):
                    button.setChecked(option in chosen)
            if self._number is not None:
                self._number.setText("" if value is None else f"{value:g}")
            if self._text is not None:
                self._text.setPlainText("" if value is None else str(value))
        finally:
            self.blockSignals(False)

    def current(self) -> Reading:
        """What the controls hold now."""
        if self._dont_know is not None and self._dont_know.isChecked():
            return Reading(dont_know=True)
        if self._group is not None:
            ticked = [v for b, v in zip(self._buttons, self._values, strict=True) if b.isChecked()]
            if self._group.exclusive():
                return Reading(value=ticked[0] if ticked else None)
            return Reading(value=ticked)
        if self._number is not None:
            return self._read_number(self._number.text().strip())
        if self._text is not None:
            text = self._text.toPlainText()
            return Reading(value=text if text.strip() else None)
        return Reading()

    def _read_number(self, text: str) -> Reading:
        if not text:
            return Reading()
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return Reading(error=f"“{text}” is not a number.")
        low, high = self.item.min, self.item.max
        if low is not None and high is not None and not low <= number <= high:
            return Reading(error=f"{number:g} is outside {low:g} to {high:g}.")
        return Reading(value=int(number) if number.is_integer() else number)

    def focus_first(self) -> None:
        """Put keyboard focus where answering starts."""
        checked = [b for b in self._buttons if b.isChecked()]
        candidates: list[QWidget | None] = [*checked, *self._buttons, self._number, self._text]
        target = next((widget for widget in candidates if widget is not None), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

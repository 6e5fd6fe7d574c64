"""The answer controls of one question: large radio buttons, check boxes, a number or a text box.

Every scored question also offers "Don't know / not applicable". The widget emits ``changed``
whenever the user changes the answer; :meth:`AnswerInput.current` reads it back as a value ready
for :func:`assessor.diagnosis.answers.make_answer`. Keys (:meth:`AnswerInput.type_digit`): on
questions with
options, digits pick them and 0 is "don't know"; on number and free-text questions digits are
what they look like and go into the box ("don't know" is Alt+D there). A line under the controls
says which keys apply. In a multi-select, an exclusive option ("None of these") clears the others
and any other clears it (:func:`assessor.diagnosis.answers.tick`).

A checklist shows one row per option with Yes / No / Don't know: Up and Down move between the
rows, Y or 1 answers the focused row yes, N or 2 no, D or 0 don't know, and the focus then moves
to the next row (:meth:`AnswerInput.row_key`). Rows answered yes or no make the value (option id
→ true/false); rows left open or "don't know" are unknown; when every answered row is "don't
know" the whole item is "don't know".
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
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assessor.diagnosis.answers import Answer, Checks, tick
from assessor.questionnaire.model import AGREEMENT_LABELS, Item
from ui import style
from ui.plain_text import plain_label


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
    font.setPointSizeF(font.pointSizeF() * style.SUBHEADING)
    button.setFont(font)
    return button


#: The marks of a checklist row, in the order of its buttons.
ROW_MARKS: tuple[str, ...] = ("yes", "no", "dont-know")
ROW_LABELS: tuple[str, ...] = ("Yes", "No", "Don't know")
#: Keys that answer the focused row of a checklist.
ROW_KEYS: dict[int, str] = {
    Qt.Key.Key_Y: "yes",
    Qt.Key.Key_1: "yes",
    Qt.Key.Key_N: "no",
    Qt.Key.Key_2: "no",
    Qt.Key.Key_D: "dont-know",
    Qt.Key.Key_0: "dont-know",
}


def keys_hint(item: Item) -> str:
    """The keys that work on this kind of question, as the line under its controls says."""
    last = len(item.options) if item.kind != "agreement" else len(AGREEMENT_LABELS)
    digits = f"1–{min(last, 9)}" if last > 1 else "1"
    moving = "Enter next · Alt+← back"
    if item.kind == "checklist":
        return (
            f"Keys: ↑ ↓ row · Y or 1 yes · N or 2 no · D or 0 don't know (for the row) · {moving}"
        )
    if item.kind == "text":
        return f"Keys: type your answer (digits are text) · Shift+Enter new line · {moving}"
    if item.kind == "number":
        dont_know = " · Alt+D don't know" if item.scored else ""
        return f"Keys: type the number{dont_know} · {moving}"
    exclusive = [o.label for o in item.options if o.exclusive]
    hint = f"Keys: {digits} {'tick or untick' if item.kind == 'multi' else 'choose'}"
    if exclusive:
        hint += f" (“{exclusive[0]}” clears the others)"
    # Only a scored item has the "don't know" box that 0 ticks (a screener has none).
    return f"{hint} · 0 don't know · {moving}" if item.scored else f"{hint} · {moving}"


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
        #: checklist rows: (option id, its label, its Yes / No / Don't know buttons, their group)
        self._rows: list[tuple[str, QLabel, list[QRadioButton], QButtonGroup]] = []
        self._row = 0

        if item.kind == "agreement":
            self._add_choices(layout, list(range(1, 6)), list(AGREEMENT_LABELS), exclusive=True)
        elif item.kind in ("frequency", "choice"):
            ids = [option.id for option in item.options]
            self._add_choices(layout, ids, [o.label for o in item.options], exclusive=True)
        elif item.kind == "multi":
            ids = [option.id for option in item.options]
            self._add_choices(layout, ids, [o.label for o in item.options], exclusive=False)
        elif item.kind == "checklist":
            self._add_checklist(layout)
        elif item.kind == "number":
            self._add_number(layout)
        else:
            self._add_text(layout)
        if item.scored and item.kind != "checklist":  # a checklist's rows have their own
            typed = item.kind == "number"  # digits go into the box: "don't know" is Alt+D
            self._dont_know = QCheckBox(
                "&Don't know / not applicable" if typed else "0   &Don't know / not applicable"
            )
            self._dont_know.setAccessibleName("Don't know or not applicable")
            self._dont_know.setAccessibleDescription(
                "Press Alt+D to choose" if typed else "Press 0 or Alt+D to choose"
            )
            self._dont_know.setMinimumHeight(30)
            self._dont_know.setStyleSheet(
                "QAbstractButton::indicator { width: 18px; height: 18px; }"
            )
            self._dont_know.clicked.connect(self._dont_know_clicked)
            layout.addSpacing(style.SPACE_M)
            layout.addWidget(self._dont_know)
        layout.addSpacing(style.SPACE_M)
        self.keys = plain_label(keys_hint(item), muted=True, name="keys")
        layout.addWidget(self.keys)
        layout.addStretch(1)

    # --- building ------------------------------------------------------------------------------

    def _add_choices(
        self, layout: QVBoxLayout, values: list[Any], labels: list[str], exclusive: bool
    ) -> None:
        self._group = QButtonGroup(self)
        self._group.setExclusive(exclusive)
        clears = {o.id for o in self.item.options if o.exclusive}
        for key, (value, label) in enumerate(zip(values, labels, strict=True), start=1):
            button = QRadioButton() if exclusive else QCheckBox()
            _choice_button(button, key, label)
            if value in clears:
                button.setToolTip("Ticking this clears the other options")
                button.setAccessibleDescription(
                    button.accessibleDescription() + "; ticking it clears the other options"
                )
            self._group.addButton(button, key - 1)
            self._buttons.append(button)
            self._values.append(value)
            layout.addWidget(button)
        self._group.idClicked.connect(self._choice_clicked)

    def _add_checklist(self, layout: QVBoxLayout) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(style.SPACE_M)
        for row, option in enumerate(self.item.options):
            label = plain_label(option.label, scale=style.SUBHEADING)
            grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            buttons: list[QRadioButton] = []
            for column, text in enumerate(ROW_LABELS):
                button = QRadioButton(text)
                button.setAccessibleName(f"{option.label}: {text}")
                button.setMinimumHeight(30)
                button.setStyleSheet("QAbstractButton::indicator { width: 18px; height: 18px; }")
                button.installEventFilter(self)
                group.addButton(button, column)
                grid.addWidget(button, row, column + 1)
                buttons.append(button)
            group.idClicked.connect(lambda _column, at=row: self._row_clicked(at))
            self._rows.append((option.id, label, buttons, group))
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        self._show_current_row()

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

    def _choice_clicked(self, index: int) -> None:
        if self._dont_know is not None:
            self._dont_know.setChecked(False)
        if self.item.kind == "multi":
            others = [v for b, v in zip(self._buttons, self._values, strict=True) if b.isChecked()]
            clicked = self._buttons[index]
            ticked = set(tick(self.item, others, self._values[index], clicked.isChecked()))
            for button, value in zip(self._buttons, self._values, strict=True):
                button.setChecked(value in ticked)
        self.changed.emit()

    def _row_clicked(self, row: int) -> None:
        self._row = row
        self._show_current_row()
        self.changed.emit()

    def _show_current_row(self) -> None:
        """Mark the focused row: its label starts with an arrow."""
        for index, (_, label, _, _) in enumerate(self._rows):
            text = self.item.options[index].label
            label.setText(f"▸ {text}" if index == self._row else f"   {text}")

    def _set_row(self, row: int, mark: str | None) -> None:
        _, _, buttons, group = self._rows[row]
        group.setExclusive(False)
        for button, each in zip(buttons, ROW_MARKS, strict=True):
            button.setChecked(each == mark)
        group.setExclusive(True)

    def _row_mark(self, row: int) -> str | None:
        _, _, buttons, _ = self._rows[row]
        return next((m for b, m in zip(buttons, ROW_MARKS, strict=True) if b.isChecked()), None)

    def focus_row(self, row: int) -> None:
        """Move the focus to a checklist row (kept within the rows)."""
        if not self._rows:
            return
        self._row = max(0, min(row, len(self._rows) - 1))
        self._show_current_row()
        _, _, buttons, _ = self._rows[self._row]
        mark = self._row_mark(self._row)
        target = buttons[ROW_MARKS.index(mark)] if mark is not None else buttons[0]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def row_key(self, key: int) -> bool:
        """Act on a key on a checklist: Up/Down move between rows; Y/1, N/2, D/0 answer the
        focused row and move on to the next. False when the key means nothing here."""
        if not self._rows:
            return False
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.focus_row(self._row + (1 if key == Qt.Key.Key_Down else -1))
            return True
        mark = ROW_KEYS.get(key)
        if mark is None:
            return False
        row = self._row
        self._set_row(row, mark)
        self.changed.emit()
        self.focus_row(row + 1)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a checklist's buttons: Up/Down move between rows (not between the buttons of a
        row), and the focus names the current row."""
        if not self._rows:
            return False
        if event.type() == QEvent.Type.FocusIn:
            for index, (_, _, buttons, _) in enumerate(self._rows):
                if watched in buttons and index != self._row:
                    self._row = index
                    self._show_current_row()
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                return self.row_key(event.key())
        return False

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

    @property
    def rows(self) -> list[tuple[str, list[QRadioButton]]]:
        """A checklist's rows: option id and its Yes / No / Don't know buttons (else empty)."""
        return [(option_id, list(buttons)) for option_id, _, buttons, _ in self._rows]

    @property
    def current_row(self) -> int:
        """The focused row of a checklist (0 for other kinds)."""
        return self._row

    def pick(self, key: int) -> bool:
        """Act on digit ``key`` on a question with options: 1–9 choose (or tick) that option,
        0 toggles don't know; on a checklist, 1, 2 and 0 answer the focused row. False when the
        digit means nothing here."""
        if self._rows:
            return self.row_key(Qt.Key.Key_0 + key)
        if not self._buttons:
            return False
        if key == 0 and self._dont_know is not None:
            self._dont_know.click()
            self._dont_know.setFocus()
            return True
        if 1 <= key <= len(self._buttons):
            self._buttons[key - 1].click()
            self._buttons[key - 1].setFocus()
            return True
        return False

    def type_digit(self, key: int) -> bool:
        """A digit typed while the focus is elsewhere on the page: on a question with options it
        picks (:meth:`pick`); on a number or free-text question it goes into the box, which
        takes the focus. False when the digit means nothing here."""
        box: QLineEdit | QPlainTextEdit | None = self._number or self._text
        if box is None:
            return self.pick(key)
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(box, QPlainTextEdit):
            box.insertPlainText(str(key))
        else:
            box.insert(str(key))
        return True

    def set_answer(self, answer: Answer | None) -> None:
        """Show a stored answer without emitting ``changed``."""
        self.blockSignals(True)
        try:
            self._clear_choices()
            if self._dont_know is not None:
                self._dont_know.setChecked(bool(answer and answer.dont_know))
            value = answer.value if answer and not answer.dont_know else None
            for row, (option_id, _, _, _) in enumerate(self._rows):
                mark: str | None = None
                if answer is not None and answer.dont_know:
                    mark = "dont-know"
                elif isinstance(value, Checks):
                    # An option the answer leaves out is not known: shown as don't know.
                    known = value.get(option_id)
                    mark = "dont-know" if known is None else ("yes" if known else "no")
                self._set_row(row, mark)
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
        if self._rows:
            marks = {oid: self._row_mark(row) for row, (oid, _, _, _) in enumerate(self._rows)}
            known = {oid: mark == "yes" for oid, mark in marks.items() if mark in ("yes", "no")}
            if known:
                return Reading(value=known)
            return Reading(dont_know="dont-know" in marks.values())
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
        """Put keyboard focus where answering starts (a checklist: its first open row)."""
        if self._rows:
            open_rows = [row for row in range(len(self._rows)) if self._row_mark(row) is None]
            self.focus_row(open_rows[0] if open_rows else 0)
            return
        checked = [b for b in self._buttons if b.isChecked()]
        candidates: list[QWidget | None] = [*checked, *self._buttons, self._number, self._text]
        target = next((widget for widget in candidates if widget is not None), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

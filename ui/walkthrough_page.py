"""The walk-through: one question at a time, each answer committed to the database as it is given.

Keyboard only works throughout, wherever the focus is on the page (after a click on a label or
the sections list too): digits pick an option (0 is "don't know"), or on number and free-text
questions go into the box; on a checklist, Up/Down move between its rows and Y/N/D (or 1/2/0)
answer the focused row; Enter goes on (on a focused button, it presses that button), Alt+Left
goes back, Alt+Right goes on. Enter on a required question with no answer does not skip it
silently: the first press says so, a second leaves it for later. The "Saved" mark appears only
after the store has committed the answer. Closing at any moment loses nothing; reopening resumes
at the first unanswered question.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from assessor.diagnosis.answers import Answer, make_answer
from assessor.diagnosis.walkthrough import Walk
from assessor.errors import AssessorError
from assessor.questionnaire.model import Item, Questionnaire
from assessor.storage.invitations import settled_profile_items
from assessor.storage.note_sharing import NoteSharing
from assessor.storage.store import Store
from ui import dialogs, style
from ui.answer_input import AnswerInput, SubmitOnEnter
from ui.plain_text import plain_label

NOTE_SAVE_DELAY_MS = 700


class WalkthroughPage(QWidget):
    """Answer the questions of one assessment."""

    finished = Signal(int)
    left = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.assessment_id = 0
        self.definitions: dict[str, Questionnaire] = {}
        self.answers: dict[str, dict[str, Answer]] = {}
        self.notes: dict[str, dict[str, str]] = {}
        self.walk: Walk | None = None
        #: whether the assessment came from a respondent file (its notes are private unless
        #: shared), and which of its notes are shared
        self.from_invitation = False
        self.sharing = NoteSharing(frozenset(), frozenset())
        self.role: str | None = None
        self.settled: set[tuple[str, str]] = set()
        self.index = 0
        self.input: AnswerInput | None = None
        self._skip_warned = -1
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.save_note)
        self._build()

    # --- layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        style.page_margins(outer)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(plain_label("Sections"))
        self.sections = QListWidget()
        self.sections.setAccessibleName("Sections")
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setSpacing(3)
        # A click on a section jumps there and leaves the keys to the question; Tab still
        # reaches the list for moving through it with the arrows and Enter.
        self.sections.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.sections.itemActivated.connect(self._jump_to_section)
        self.sections.itemClicked.connect(self._jump_to_section)
        # The list would take digits for its type-ahead search; they answer the question.
        self._digits_to_page = DigitsToPage(self)
        self.sections.installEventFilter(self._digits_to_page)
        side_layout.addWidget(self.sections)
        self.home_button = QPushButton("Save and close")
        self.home_button.setAccessibleName("Save and close, back to the list of assessments")
        self.home_button.clicked.connect(self.leave)
        side_layout.addWidget(self.home_button)
        splitter.addWidget(side)

        main = QWidget()
        layout = QVBoxLayout(main)
        header = QHBoxLayout()
        self.section_title = plain_label(name="section-title")
        self.section_title.setStyleSheet("font-weight: 600;")
        header.addWidget(self.section_title, 1)
        self.position = plain_label(wrap=False, name="position")
        header.addWidget(self.position)
        layout.addLayout(header)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress through all questions")
        self.progress.setTextVisible(True)
        layout.addWidget(self.progress)

        self.question = plain_label(scale=style.QUESTION, bold=True, name="question")
        layout.addSpacing(style.SPACE_M)
        layout.addWidget(self.question)

        self.input_area = QScrollArea()
        self.input_area.setWidgetResizable(True)
        self.input_area.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.input_area, 1)
        self.error = plain_label(name="answer-error")
        self.error.setStyleSheet(style.colour_css(style.tone(style.ERROR)))
        self.error.hide()
        layout.addWidget(self.error)

        why_box = QFrame()
        why_box.setFrameShape(QFrame.Shape.StyledPanel)
        why_layout = QVBoxLayout(why_box)
        why_layout.addWidget(plain_label("Why we ask"))
        self.why = plain_label(name="why-we-ask")
        why_layout.addWidget(self.why)
        self.source = plain_label(name="source")
        self.source.setStyleSheet("color: palette(placeholder-text);")
        why_layout.addWidget(self.source)
        # The source's argument can suggest the favoured answer, so it appears only once the
        # question has an answer.
        self.argument = plain_label(name="argument")
        self.argument.hide()
        why_layout.addWidget(self.argument)
        layout.addWidget(why_box)

        layout.addWidget(plain_label("Evidence note (optional): what do you base this answer on?"))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Evidence note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self.note.setPlaceholderText("For example: a figure, a meeting, a document")
        self.note.textChanged.connect(self._note_edited)
        self._note_filter = SubmitOnEnter(self.go_next, self)
        self.note.installEventFilter(self._note_filter)
        layout.addWidget(self.note)
        layout.addWidget(self._build_sharing())

        buttons = QHBoxLayout()
        self.back_button = QPushButton("← Back")
        self.back_button.setAccessibleName("Back to the previous question (Alt+Left)")
        self.back_button.clicked.connect(self.go_back)
        buttons.addWidget(self.back_button)
        self.saved = plain_label(wrap=False, name="saved-mark")
        buttons.addWidget(self.saved, 1, Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton("Next →")
        self.next_button.setAccessibleName("Next question (Enter)")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        splitter.addWidget(main)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700])

        for keys, slot in (
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self.go_back),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), self.go_next),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _build_sharing(self) -> QWidget:
        """The share-note choice under the note (shown for respondent files only)."""
        self.share_row = QWidget()
        column = QVBoxLayout(self.share_row)
        column.setContentsMargins(0, 0, 0, 0)
        boxes = QHBoxLayout()
        self.share_note = QCheckBox("Share this note with the team")
        self.share_note.setAccessibleName(
            "Share this note with the team: it goes back with your answers"
        )
        self.share_note.toggled.connect(self._share_note_toggled)
        boxes.addWidget(self.share_note)
        self.share_all = QCheckBox("Share all my notes")
        self.share_all.setAccessibleName("Share all my notes with the team, now and later")
        self.share_all.toggled.connect(self._share_all_toggled)
        boxes.addWidget(self.share_all)
        boxes.addStretch(1)
        column.addLayout(boxes)
        column.addWidget(
            plain_label(
                "A note you do not share stays on this computer: it is not written into the "
                "file you send back. A shared note goes with your answers.",
                muted=True,
                name="share-hint",
            )
        )
        self.share_row.hide()
        return self.share_row

    # --- loading ------------------------------------------------------------------------------

    def open_assessment(self, assessment_id: int) -> None:
        """Show an assessment at its first unanswered question."""
        stored = self.store.get_assessment(assessment_id)
        self.assessment_id = stored.id
        self.definitions = self.store.definitions(stored.id)
        self.answers = {qid: dict(items) for qid, items in stored.assessment.answers.items()}
        self.notes = {qid: dict(items) for qid, items in stored.pending_notes.items()}
        self.role = stored.assessment.respondent.role
        # Profile answers a respondent file brought along are not the respondent's to change.
        self.settled = settled_profile_items(self.store, stored.id)
        self.walk = Walk(self.definitions, self.answers, self.role, self.settled)
        from assessor.storage.invitations import invitation_of

        self.from_invitation = invitation_of(self.store, stored.assessment.uuid) is not None
        self.share_row.setVisible(self.from_invitation)
        self.sharing = self.store.note_sharing(stored.id)
        self._set_checked(self.share_all, self.sharing.all_shared)
        start = self.walk.first_unanswered()
        self.saved.setText("")
        self.show_step(len(self.walk) - 1 if start is None else start)

    def _note_for(self, questionnaire_id: str, item_id: str) -> str:
        answer = self.answers.get(questionnaire_id, {}).get(item_id)
        if answer is not None:
            return answer.note
        return self.notes.get(questionnaire_id, {}).get(item_id, "")

    def show_step(self, index: int) -> None:
        """Show the question at ``index`` of the walk."""
        assert self.walk is not None
        index = max(0, min(index, len(self.walk) - 1))
        self.index = index
        step = self.walk.steps[index]
        questionnaire = self.definitions[step.questionnaire_id]
        item = step.item
        self.section_title.setText(questionnaire.title)
        self._show_position()
        self.question.setText(item.text)
        self.why.setText(" ".join(item.why.split()))
        self.source.setText(source_line(questionnaire, item))
        self._show_argument()
        self.input = AnswerInput(item)
        self.input.set_answer(self.answers.get(step.questionnaire_id, {}).get(item.id))
        self.input.changed.connect(self.save_answer)
        if self.input.text_box is not None:
            self.input.text_box.textChanged.connect(self._text_edited)
            self.input.submit_filter = SubmitOnEnter(self.go_next, self.input)
            self.input.text_box.installEventFilter(self.input.submit_filter)
        self.input_area.setWidget(self.input)
        self.note.blockSignals(True)
        self.note.setPlainText(self._note_for(step.questionnaire_id, item.id))
        self.note.blockSignals(False)
        self._show_sharing()
        self.error.hide()
        self._skip_warned = -1
        self.back_button.setEnabled(index > 0)
        last = index == len(self.walk) - 1
        self.next_button.setText("Finish ✓" if last else "Next →")
        self.next_button.setAccessibleName(
            "Finish the assessment" if last else "Next question (Enter)"
        )
        self._refresh_progress()
        self.input.focus_first()

    def _show_argument(self) -> None:
        """Show the item's argument when it has an answer (never while it is still open)."""
        assert self.walk is not None
        step = self.walk.steps[self.index]
        answered = step.item.id in self.answers.get(step.questionnaire_id, {})
        text = " ".join(step.item.argument.split())
        self.argument.setText(f"The argument: {text}" if text else "")
        self.argument.setVisible(answered and bool(text))

    def _show_position(self) -> None:
        """Where the current question stands in the walk (recounted when answers hide or show
        questions)."""
        assert self.walk is not None
        step = self.walk.steps[self.index]
        self.position.setText(
            f"Question {self.index + 1} of {len(self.walk)} · "
            f"{step.number} of {step.of} in this part"
        )

    def _refresh_progress(self) -> None:
        assert self.walk is not None
        self._show_position()
        self.progress.setRange(0, max(1, len(self.walk)))
        self.progress.setValue(self.walk.answered)
        self.progress.setFormat(f"{self.walk.answered} of {len(self.walk)} answered")
        current = self.walk.steps[self.index].questionnaire_id
        self.sections.blockSignals(True)
        self.sections.clear()
        for section in self.walk.sections:
            entry = QListWidgetItem(
                f"{section.title}\n{section.answered} of {section.steps} answered"
            )
            entry.setData(Qt.ItemDataRole.UserRole, section.questionnaire_id)
            entry.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{section.title}, {section.answered} of {section.steps} answered",
            )
            self.sections.addItem(entry)
            if section.questionnaire_id == current:
                entry.setSelected(True)
                self.sections.setCurrentItem(entry)
        self.sections.blockSignals(False)

    # --- saving -------------------------------------------------------------------------------

    def _mark_saved(self) -> None:
        self.saved.setText(f"✓ Saved {datetime.now():%H:%M:%S}")
        self.saved.setAccessibleName("Answer saved")

    def _text_edited(self) -> None:
        self._note_timer.start()  # a typed answer is saved like a note: after a pause

    def _note_edited(self) -> None:
        self.saved.setText("Editing…")
        self.share_note.setEnabled(bool(self.note.toPlainText().strip()))
        self._note_timer.start()

    # --- sharing notes (respondent files) -------------------------------------------------------

    @staticmethod
    def _set_checked(box: QCheckBox, checked: bool) -> None:
        box.blockSignals(True)
        box.setChecked(checked)
        box.blockSignals(False)

    def _show_sharing(self) -> None:
        """Tick the current note's box as stored; it needs a note to share."""
        if self.walk is None:
            return
        step = self.walk.steps[self.index]
        self._set_checked(
            self.share_note, self.sharing.is_shared(step.questionnaire_id, step.item.id)
        )
        self.share_note.setEnabled(bool(self.note.toPlainText().strip()))

    def _note_committed(self) -> None:
        """After the current note was saved: with "Share all my notes" on, share it too."""
        if not self.from_invitation or self.walk is None:
            return
        step = self.walk.steps[self.index]
        key = (step.questionnaire_id, step.item.id)
        if self.share_all.isChecked() and key not in self.sharing.shared:
            self.store.set_note_shared(self.assessment_id, *key, True)
        self.sharing = self.store.note_sharing(self.assessment_id)
        self._show_sharing()

    def _share_note_toggled(self, checked: bool) -> None:
        """Share (or keep private) the current note, committed before it says saved."""
        if self.walk is None or not self.save_note():
            self._show_sharing()
            return
        step = self.walk.steps[self.index]
        try:
            self.store.set_note_shared(
                self.assessment_id, step.questionnaire_id, step.item.id, checked
            )
        except AssessorError as error:
            dialogs.show_error(self, "Note not shared", "\n".join(error.lines))
        self.sharing = self.store.note_sharing(self.assessment_id)
        if not checked and self.share_all.isChecked():
            self._set_checked(self.share_all, False)  # not all are shared any more
        self._show_sharing()
        self._mark_saved()

    def _share_all_toggled(self, checked: bool) -> None:
        """Share every note (or make them all private), committed before it says saved."""
        if not self.flush():
            self._set_checked(self.share_all, not checked)
            return
        try:
            self.store.share_all_notes(self.assessment_id, checked)
        except AssessorError as error:
            dialogs.show_error(self, "Notes not shared", "\n".join(error.lines))
        self.sharing = self.store.note_sharing(self.assessment_id)
        self._show_sharing()
        self._mark_saved()

    def save_answer(self) -> bool:
        """Commit what the controls hold; False when it is invalid or could not be saved."""
        if self.walk is None or self.input is None:
            return True
        step = self.walk.steps[self.index]
        reading = self.input.current()
        if reading.error:
            self.error.setText(reading.error)
            self.error.show()
            return False
        self.error.hide()
        previous = self.answers.get(step.questionnaire_id, {}).get(step.item.id)
        note = self.note.toPlainText()
        try:
            if reading.empty:
                if previous is None:
                    return True
                self.store.clear_answer(self.assessment_id, step.questionnaire_id, step.item.id)
                self.answers[step.questionnaire_id].pop(step.item.id, None)
                self.notes.setdefault(step.questionnaire_id, {})[step.item.id] = previous.note
            else:
                answer = make_answer(
                    self.definitions[step.questionnaire_id],
                    step.item.id,
                    reading.value,
                    dont_know=reading.dont_know,
                    note=note,
                )
                if answer == previous:
                    return True
                self.store.save_answer(
                    self.assessment_id, step.questionnaire_id, step.item.id, answer
                )
                self.answers.setdefault(step.questionnaire_id, {})[step.item.id] = answer
                if answer.note:
                    self._note_committed()
        except AssessorError as error:
            self.saved.setText("Not saved")
            dialogs.show_error(self, "Answer not saved", "\n".join(error.lines))
            return False
        self._mark_saved()
        self._rewalk(step.questionnaire_id, step.item.id)
        self._show_argument()
        return True

    def save_note(self) -> bool:
        """Commit the evidence note (and a typed text answer) of the current question."""
        self._note_timer.stop()
        if self.walk is None:
            return True
        if self.input is not None and self.input.text_box is not None and not self.save_answer():
            return False
        step = self.walk.steps[self.index]
        note = self.note.toPlainText()
        if note == self._note_for(step.questionnaire_id, step.item.id):
            return True
        try:
            self.store.save_note(self.assessment_id, step.questionnaire_id, step.item.id, note)
        except AssessorError as error:
            self.saved.setText("Not saved")
            dialogs.show_error(self, "Note not saved", "\n".join(error.lines))
            return False
        answer = self.answers.get(step.questionnaire_id, {}).get(step.item.id)
        if answer is not None:
            self.answers[step.questionnaire_id][step.item.id] = Answer(
                value=answer.value, dont_know=answer.dont_know, note=note
            )
        else:
            self.notes.setdefault(step.questionnaire_id, {})[step.item.id] = note
        try:
            self._note_committed()
        except AssessorError as error:
            dialogs.show_error(self, "Note not shared", "\n".join(error.lines))
            return False
        self._mark_saved()
        return True

    def _rewalk(self, questionnaire_id: str, item_id: str) -> None:
        """Recompute the walk after an answer (branching may show or hide questions)."""
        self.walk = Walk(self.definitions, self.answers, self.role, self.settled)
        found = self.walk.index_of(questionnaire_id, item_id)
        self.index = found if found is not None else min(self.index, len(self.walk) - 1)
        self._refresh_progress()
        last = self.index == len(self.walk) - 1
        self.next_button.setText("Finish ✓" if last else "Next →")

    def flush(self) -> bool:
        """Commit anything typed but not yet saved (before leaving or closing)."""
        if self.walk is None:
            return True
        if self.input is not None and self.input.number_box is not None and not self.save_answer():
            return False
        return self.save_note()

    # --- moving -------------------------------------------------------------------------------

    def go_back(self) -> None:
        """Previous question (answers are kept)."""
        if self.flush() and self.index > 0:
            self.show_step(self.index - 1)

    def go_next(self) -> None:
        """Next question, or finish after the last one.

        A required question with no answer is not left silently: the first time it says so
        and stays; asked again, it goes on (the question waits in the list of unanswered ones).
        """
        if not self.flush() or self.walk is None:
            return
        step = self.walk.steps[self.index]
        unanswered = step.item.is_required and not self.walk.is_answered(self.index)
        if unanswered and self._skip_warned != self.index:
            self._skip_warned = self.index
            dont_know = "Alt+D" if step.item.kind == "number" else "0"
            # Only a scored question offers "don't know" (a screener does not).
            other = f", or “Don't know” ({dont_know})" if step.item.scored else ""
            choose = "answer a row" if step.item.kind == "checklist" else "choose one"
            self.error.setText(
                f"This question needs an answer: {choose}{other}. "
                "Press Enter again to leave it for later."
            )
            self.error.show()
            return
        if self.index < len(self.walk) - 1:
            self.show_step(self.index + 1)
        else:
            self.finish()

    def _jump_to_section(self, entry: QListWidgetItem) -> None:
        if self.walk is None or not self.flush():
            return
        questionnaire_id = entry.data(Qt.ItemDataRole.UserRole)
        section = next(s for s in self.walk.sections if s.questionnaire_id == questionnaire_id)
        target = self.walk.first_unanswered(section.first_step)
        inside = (
            target is not None and section.first_step <= target < section.first_step + section.steps
        )
        self.show_step(target if inside and target is not None else section.first_step)

    def finish(self) -> None:
        """Check required questions; mark the assessment complete and show the results."""
        if self.walk is None or not self.flush():
            return
        missing = [
            step
            for index, step in enumerate(self.walk.steps)
            if step.item.is_required and not self.walk.is_answered(index)
        ]
        if missing:
            listing = "\n".join(
                f"• {self.definitions[step.questionnaire_id].title}, "
                f"question {step.number}: {step.item.text}"
                for step in missing[:8]
            )
            more = f"\n… and {len(missing) - 8} more." if len(missing) > 8 else ""
            choice = dialogs.choose(
                self,
                "Some questions are unanswered",
                f"{len(missing)} required question(s) have no answer yet. “Don't know” counts "
                f"as an answer.\n\n{listing}{more}",
                ["Go to the first one"],
            )
            if choice == 0:
                first = self.walk.first_required_unanswered()
                if first is not None:
                    self.show_step(first)
            return
        try:
            self.store.set_status(self.assessment_id, "complete")
        except AssessorError as error:
            dialogs.show_error(self, "Could not finish", "\n".join(error.lines))
            return
        self.finished.emit(self.assessment_id)

    def leave(self) -> None:
        """Save and go back to the list of assessments."""
        if self.flush():
            self.left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Digits answer and Enter goes on, wherever the focus is on the page.

        Text fields keep the keys they type (they never reach here); Enter in a multi-line box
        goes on through :class:`SubmitOnEnter`.
        """
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on Enter or a digit typed outside a text field; True when it was used."""
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):  # Enter on Back (or Save and close) does that
                focus.click()
            else:
                self.go_next()
            return True
        if plain and self.input is not None and self.input.row_key(key):
            return True  # a checklist: arrows move between rows, Y/N/D (1/2/0) answer one
        digit = Qt.Key.Key_0 <= key <= Qt.Key.Key_9
        if digit and plain and self.input is not None:
            return self.input.type_digit(key - Qt.Key.Key_0)
        return False


class DigitsToPage(QObject):
    """Sends digits typed on a list of the page to the page (the list would search with them)."""

    def __init__(self, page: WalkthroughPage) -> None:
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            digit = Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9
            return digit and self._page.handle_key(event)
        return False


def source_line(questionnaire: Questionnaire, item: Item) -> str:
    """Where a question comes from: its article, or the tool's own practice (``basis``)."""
    source = questionnaire.source(item.source)
    cited = f"“{source.title}”" + (f" ({source.date})" if source.date else "")
    if item.basis == "practice":
        return f"Standard practice, not a claim of the articles (context: {cited})"
    return f"From {cited}"

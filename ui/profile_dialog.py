"""The organisation profile asked before inviting, when none is stored for the organisation,
unit and period yet: every profile question on one page, each optional, and a way to skip.

The answers travel in the respondent files (see
:func:`assessor.storage.invitations.write_invitation_files`), so the people invited are not
asked them; they come back with each returned file.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.diagnosis.answers import Answer, AnswerError, make_answer
from assessor.diagnosis.visibility import visible_answers
from assessor.questionnaire.model import Questionnaire
from ui import style
from ui.answer_input import AnswerInput
from ui.plain_text import plain_label

#: What the dialog gives back: the answers by profile id and item id.
ProfileAnswers = dict[str, dict[str, Answer]]


class ProfileDialog(QDialog):
    """Every question of the profile questionnaires; :attr:`value` holds the answers after
    *Use these answers* (an unanswered question is left out)."""

    def __init__(
        self, profiles: Sequence[Questionnaire], organisation: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Organisation profile")
        self.profiles = list(profiles)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                f"No organisation profile is stored for {organisation} and this period yet. "
                "Answer it now and the people you invite are not asked it; or skip, and each "
                "of them is asked."
            )
        )
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.inputs: list[tuple[Questionnaire, AnswerInput]] = []
        for questionnaire in self.profiles:
            for item in questionnaire.items:
                column.addWidget(plain_label(item.text, bold=True))
                answer_input = AnswerInput(item)
                column.addWidget(answer_input)
                column.addSpacing(style.SPACE_M)
                self.inputs.append((questionnaire, answer_input))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(420)
        layout.addWidget(scroll)
        self.buttons = QDialogButtonBox()
        self.use_button = self.buttons.addButton(
            "Use these answers", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.skip_button = self.buttons.addButton(
            "Skip: respondents answer it", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.value: ProfileAnswers | None = None

    def answers(self) -> ProfileAnswers:
        """The answers given so far, checked, and only those to questions that apply."""
        given: ProfileAnswers = {}
        for questionnaire, answer_input in self.inputs:
            reading = answer_input.current()
            if reading.empty or reading.error:
                continue
            try:
                answer = make_answer(
                    questionnaire,
                    answer_input.item.id,
                    None if reading.dont_know else reading.value,
                    dont_know=reading.dont_know,
                )
            except AnswerError:
                continue
            given.setdefault(questionnaire.id, {})[answer_input.item.id] = answer
        by_id = {q.id: q for q in self.profiles}
        return {
            qid: shown
            for qid, by_item in given.items()
            if (shown := visible_answers(by_id[qid], by_item))
        }

    def _accept(self) -> None:
        self.value = self.answers()
        self.accept()


def ask_profile(
    parent: QWidget | None, profiles: Sequence[Questionnaire], organisation: str
) -> ProfileAnswers | None:
    """Show the dialog; the answers given, or None when skipped (tests replace this)."""
    dialog = ProfileDialog(profiles, organisation, parent)
    return dialog.value if dialog.exec() == QDialog.DialogCode.Accepted else None

"""The welcome of a respondent file: who asks, for what, how long it takes, who will see what.

Opening a respondent file to answer shows this page before the first question: who invites,
the organisation, unit and period, how many questions are asked of the respondent's role with an
estimate of the time, and who will see the answers (named or confidential). Start (Enter) goes
to the walk-through; Escape goes back to the list of assessments (the file stays here as a
draft to resume). All text is plain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from assessor.diagnosis.walkthrough import Walk
from assessor.storage.store import Store
from ui import style
from ui.plain_text import count, plain_label

#: The time one question takes, low and high, in seconds: reading it, choosing an answer and
#: going on, without writing a note. Our own estimate from timing the walk-through by hand
#: (a choice of five takes about 20 s once read; a checklist or a number nearer 40 s).
SECONDS_PER_QUESTION = (20, 40)
ESTIMATE_BASIS = (
    "Estimate: 20 to 40 seconds a question, to read it and choose an answer; notes take longer."
)

ROLE_WORDS = {
    "ceo": "chief executive",
    "marketing": "marketing lead",
    "sales": "sales lead",
    "other": "respondent",
}


@dataclass(frozen=True)
class Welcome:
    """What the welcome says about one respondent file."""

    assessment_id: int
    organisation: str
    unit: str
    period: str
    respondent: str
    role: str
    invited_by: str
    send_to: str
    confidential: bool
    questions: int
    answered: int


def welcome_of(
    store: Store,
    assessment_id: int,
    invited_by: str,
    *,
    confidential: bool = False,
    send_to: str = "",
) -> Welcome:
    """The welcome of a stored assessment opened from a respondent file."""
    stored = store.get_assessment(assessment_id)
    record = stored.assessment
    walk = Walk(store.definitions(assessment_id), record.answers, record.respondent.role)
    return Welcome(
        assessment_id=assessment_id,
        organisation=record.organisation,
        unit=record.unit,
        period=record.period,
        respondent=record.respondent.name,
        role=record.respondent.role,
        invited_by=invited_by,
        send_to=send_to or invited_by,
        confidential=confidential,
        questions=len(walk),
        answered=walk.answered,
    )


def time_estimate(questions: int) -> str:
    """``about 4 to 8 minutes`` for ``questions`` questions (whole minutes, rounded up)."""
    low, high = (math.ceil(questions * seconds / 60) for seconds in SECONDS_PER_QUESTION)
    if high <= 1:
        return "about a minute"
    return f"about {max(low, 1)} to {high} minutes"


def who_sees(welcome: Welcome) -> list[str]:
    """Who will see what, in plain sentences."""
    collector = welcome.invited_by or "The person who invited you"
    if welcome.confidential:
        return [
            "Confidential: reports show your role and counts only, never your name beside an "
            "answer, a score or a note; groups under 3 people are pooled with others.",
            f"What this does not protect: the person collecting ({collector}) holds the "
            "database the answers go into.",
        ]
    return [
        f"Named: {collector} and the reports they share will show your name beside your "
        "answers and scores.",
    ]


def notes_line() -> str:
    """How notes are treated (the same for named and confidential files)."""
    return (
        "Your notes stay on this computer unless you tick “Share this note with the team” "
        "under a note (or “Share all my notes”); only shared notes go back with your answers."
    )


class WelcomePage(QWidget):
    """The welcome shown before the first question of a respondent file."""

    #: Start: answer the questions of this assessment
    start_requested = Signal(int)
    #: Escape or Later: back to the list of assessments
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.welcome: Welcome | None = None
        outer = QVBoxLayout(self)
        style.page_margins(outer)
        outer.addStretch(1)
        box = QFrame()
        box.setMaximumWidth(760)
        column = QVBoxLayout(box)
        column.setSpacing(style.SPACE_M)
        self.title = style.title()
        self.title.setObjectName("welcome-title")
        column.addWidget(self.title)
        self.invited = plain_label(name="welcome-invited")
        column.addWidget(self.invited)
        self.scope = plain_label(name="welcome-scope")
        column.addWidget(self.scope)
        self.length = plain_label(name="welcome-length")
        column.addWidget(self.length)
        self.basis = plain_label(ESTIMATE_BASIS, muted=True, name="welcome-basis")
        column.addWidget(self.basis)
        column.addWidget(style.heading("Who will see what"))
        self.privacy = plain_label(name="welcome-privacy")
        column.addWidget(self.privacy)
        self.notes = plain_label(notes_line(), name="welcome-notes")
        column.addWidget(self.notes)
        self.send_back = plain_label(name="welcome-send-back")
        column.addWidget(self.send_back)
        buttons = QHBoxLayout()
        self.later_button = QPushButton("Later")
        self.later_button.setAccessibleName(
            "Later: back to the list of assessments (Escape); the file stays here to resume"
        )
        self.later_button.clicked.connect(self.closed)
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        self.start_button = QPushButton("Start")
        self.start_button.setAccessibleName("Start answering (Enter)")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start)
        buttons.addWidget(self.start_button)
        column.addLayout(buttons)
        style.centre_column(outer, box)

    def show_welcome(self, welcome: Welcome) -> None:
        """Fill the page for one respondent file and give Start the focus."""
        self.welcome = welcome
        role = ROLE_WORDS.get(welcome.role, welcome.role)
        self.title.setText(f"Welcome, {welcome.respondent}")
        who = welcome.invited_by or "Someone"
        self.invited.setText(
            f"{who} invites you to answer as {role}, about how marketing and sales work "
            "together here:"
        )
        self.scope.setText(
            f"Organisation: {welcome.organisation} · Unit: {welcome.unit or 'the whole'} · "
            f"Period: {welcome.period}"
        )
        left = welcome.questions - welcome.answered
        already = f" ({welcome.answered} answered already)" if welcome.answered else ""
        self.length.setText(
            f"{count(welcome.questions, 'question')} for your role{already}: "
            f"{time_estimate(left)}. You can stop at any time: every answer is saved as you "
            "give it."
        )
        self.privacy.setText("\n".join(who_sees(welcome)))
        self.send_back.setText(
            "At the end, Send back… saves your answers as a file to send to "
            f"{welcome.send_to or 'the person who invited you'}."
        )
        self.start_button.setFocus()

    def _start(self) -> None:
        if self.welcome is not None:
            self.start_requested.emit(self.welcome.assessment_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter starts, Escape closes."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton) and focus is not self.start_button:
                focus.click()
            else:
                self._start()
            return
        if key == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)

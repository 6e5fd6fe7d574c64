"""The Invite respondents dialog: organisation, unit, period, who invites, and the people.

Each person is a row with a name and a role; one respondent file is written per row (the main
window asks for the folder and does the writing off the GUI thread).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor.exchange.exchange_file import period_problem
from ui import places
from ui.new_assessment import ROLES, current_quarter, default_organisation
from ui.plain_text import plain_label

#: The roles offered first in new rows, so a leadership team takes three clicks.
DEFAULT_ROLES = ("marketing", "sales", "ceo")


@dataclass(frozen=True)
class Invitee:
    """One person to invite."""

    name: str
    role: str


@dataclass(frozen=True)
class InviteRequest:
    """What the dialog collected."""

    organisation: str
    unit: str
    period: str
    invited_by: str
    people: list[Invitee]
    #: reported by role and count only, never by name (see CONFIDENTIAL_EXPLAINED)
    confidential: bool = False


#: What the Confidential choice does and does not protect, in one line.
CONFIDENTIAL_EXPLAINED = (
    "Reports then show roles and counts, never a name beside an answer, a score or a note "
    "(groups under 3 are pooled); it does not hide answers from you, who hold the database."
)


class InviteDialog(QDialog):
    """Collect who to invite; :attr:`value` holds it after Accept."""

    def __init__(
        self,
        organisations: list[str],
        organisation: str = "",
        unit: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Invite respondents")
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "Each person gets a file of their own to open with Assessor on their computer. "
                "They answer only the questions for their role and send the file back; import "
                "the returned files here."
            )
        )
        form = QFormLayout()
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self.organisation.addItems(organisations)
        self.organisation.setCurrentText(organisation or default_organisation(organisations))
        self.organisation.setAccessibleName("Organisation")
        form.addRow("&Organisation:", self.organisation)
        self.unit = QLineEdit(unit)
        self.unit.setPlaceholderText("optional, e.g. a division or country")
        self.unit.setAccessibleName("Unit (optional)")
        form.addRow("&Unit:", self.unit)
        self.period = QLineEdit(current_quarter())
        self.period.setAccessibleName("Period, for example 2026-Q4")
        form.addRow("&Period:", self.period)
        self.invited_by = QLineEdit(places.remembered(places.YOUR_NAME))
        self.invited_by.setAccessibleName("Your name (shown to the people you invite)")
        form.addRow("Your &name:", self.invited_by)
        layout.addLayout(form)

        layout.addWidget(plain_label("People to invite:", bold=True))
        self.rows_box = QWidget()
        self.rows = QGridLayout(self.rows_box)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.names: list[QLineEdit] = []
        self.roles: list[QComboBox] = []
        layout.addWidget(self.rows_box)
        self.add_button = QPushButton("Add a person")
        self.add_button.setAccessibleName("Add a row for another person to invite")
        self.add_button.clicked.connect(self.add_row)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        for _ in DEFAULT_ROLES[:2]:
            self.add_row()

        self.confidential = QCheckBox("&Confidential")
        self.confidential.setAccessibleName(
            "Confidential: report these answers by role and count, never by name"
        )
        layout.addWidget(self.confidential)
        self.confidential_note = plain_label(
            CONFIDENTIAL_EXPLAINED, muted=True, name="confidential-explained"
        )
        layout.addWidget(self.confidential_note)

        self.problem = plain_label(name="invite-problem")
        self.problem.setStyleSheet("color: #b2182b;")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Choose folder and write files…")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.value: InviteRequest | None = None
        self.organisation.setFocus()

    def add_row(self) -> None:
        """Add an empty row: a name and a role (the next of marketing, sales, CEO)."""
        row = len(self.names)
        name = QLineEdit()
        name.setAccessibleName(f"Name of person {row + 1}")
        name.setPlaceholderText("Name")
        role = QComboBox()
        for value, label in ROLES:
            role.addItem(label, value)
        role.setCurrentIndex(
            [value for value, _ in ROLES].index(DEFAULT_ROLES[row % len(DEFAULT_ROLES)])
        )
        role.setAccessibleName(f"Role of person {row + 1}")
        self.rows.addWidget(name, row, 0)
        self.rows.addWidget(role, row, 1)
        self.names.append(name)
        self.roles.append(role)
        name.setFocus()

    def _accept(self) -> None:
        organisation = self.organisation.currentText().strip()
        period = self.period.text().strip().upper()
        people = [
            Invitee(name.text().strip(), str(role.currentData()))
            for name, role in zip(self.names, self.roles, strict=True)
            if name.text().strip()
        ]
        problems = []
        if not organisation:
            problems.append("Enter the organisation's name.")
        if period_problem(period):
            problems.append("Enter the period as a year and quarter, for example 2026-Q4.")
        if not self.invited_by.text().strip():
            problems.append("Enter your name, so they know who asks.")
        if not people:
            problems.append("Enter the name of at least one person.")
        if problems:
            self.problem.setText(" ".join(problems))
            return
        self.value = InviteRequest(
            organisation=organisation,
            unit=self.unit.text().strip(),
            period=period,
            invited_by=self.invited_by.text().strip(),
            people=people,
            confidential=self.confidential.isChecked(),
        )
        places.remember(places.YOUR_NAME, self.value.invited_by)
        places.remember(places.LAST_ORGANISATION, organisation)
        self.accept()


def ask_invite(
    parent: QWidget | None, organisations: list[str], organisation: str = "", unit: str = ""
) -> InviteRequest | None:
    """Show the dialog; what was entered, or None when cancelled (tests replace this)."""
    dialog = InviteDialog(organisations, organisation, unit, parent)
    return dialog.value if dialog.exec() == QDialog.DialogCode.Accepted else None

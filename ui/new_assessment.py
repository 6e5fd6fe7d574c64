"""The New assessment dialog: organisation, unit, respondent, role, period and questionnaires."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from assessor.exchange.exchange_file import period_problem
from assessor.questionnaire.model import Questionnaire
from ui import places, style

ROLES = [
    ("ceo", "CEO / owner"),
    ("marketing", "Head of marketing"),
    ("sales", "Head of sales"),
    ("other", "Other"),
]


def current_quarter(today: date | None = None) -> str:
    """The current quarter as ``YYYY-Qn``."""
    day = today or date.today()
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def default_organisation(organisations: list[str]) -> str:
    """The organisation a dialog starts with: the one last worked on while it is still here,
    else the first listed (the user's own come before the demo)."""
    last = places.remembered(places.LAST_ORGANISATION)
    matching = [name for name in organisations if name.casefold() == last.casefold()]
    if matching:
        return matching[0]
    return organisations[0] if organisations else ""


@dataclass(frozen=True)
class Preset:
    """What the dialog starts with when Home starts an organisation's next quarter."""

    organisation: str
    unit: str
    period: str


@dataclass(frozen=True)
class NewAssessment:
    """What the dialog collected."""

    organisation: str
    unit: str
    respondent: str
    role: str
    period: str
    questionnaires: list[Questionnaire]


class NewAssessmentDialog(QDialog):
    """Collect what a new assessment needs; :meth:`result_value` holds it after Accept."""

    def __init__(
        self,
        questionnaires: list[Questionnaire],
        organisations: list[str],
        parent: QWidget | None = None,
        preset: Preset | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New assessment")
        self.questionnaires = questionnaires
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self.organisation.addItems(organisations)
        self.organisation.setCurrentText(default_organisation(organisations))
        self.organisation.setAccessibleName("Organisation")
        form.addRow("&Organisation:", self.organisation)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("optional, e.g. a division or country")
        # Wide enough for the hint in full (it was cut short at the default width).
        self.unit.setMinimumWidth(
            self.unit.fontMetrics().horizontalAdvance(self.unit.placeholderText())
            + 4 * style.SPACE_M
        )
        self.unit.setAccessibleName("Unit (optional)")
        form.addRow("&Unit:", self.unit)
        self.respondent = QLineEdit(places.remembered(places.YOUR_NAME))
        self.respondent.setAccessibleName("Your name")
        form.addRow("Your &name:", self.respondent)
        self.role = QComboBox()
        for value, label in ROLES:
            self.role.addItem(label, value)
        self.role.setCurrentIndex(max(self.role.findData(places.remembered(places.YOUR_ROLE)), 0))
        self.role.setAccessibleName("Your role")
        form.addRow("Your &role:", self.role)
        self.period = QLineEdit(current_quarter())
        self.period.setAccessibleName("Period, for example 2026-Q4")
        form.addRow("&Period:", self.period)
        layout.addLayout(form)
        layout.addWidget(QLabel("Questionnaires:"))
        self.checks: list[QCheckBox] = []
        for questionnaire in questionnaires:
            title = questionnaire.title
            if questionnaire.is_profile:
                title += " (not scored; answered once for the organisation, unit and period)"
            box = QCheckBox(title)
            box.setChecked(True)
            box.setAccessibleName(title)
            self.checks.append(box)
            layout.addWidget(box)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(style.colour_css(style.tone(style.ERROR)))
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        start = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        start.setText("Start")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.value: NewAssessment | None = None
        self.organisation.setFocus()
        if preset is not None:
            self.organisation.setCurrentText(preset.organisation)
            self.unit.setText(preset.unit)
            self.period.setText(preset.period)
            self.respondent.setFocus()
        elif self.respondent.text():
            self.respondent.selectAll()

    def _accept(self) -> None:
        organisation = self.organisation.currentText().strip()
        respondent = self.respondent.text().strip()
        period = self.period.text().strip().upper()
        chosen = [
            q for q, box in zip(self.questionnaires, self.checks, strict=True) if box.isChecked()
        ]
        problems = []
        if not organisation:
            problems.append("Enter the organisation's name.")
        if not respondent:
            problems.append("Enter your name.")
        if period_problem(period):
            problems.append("Enter the period as a year and quarter, for example 2026-Q4.")
        if not any(not q.is_profile for q in chosen):
            problems.append("Choose at least one questionnaire that is scored.")
        if problems:
            self.problem.setText(" ".join(problems))
            return
        self.value = NewAssessment(
            organisation=organisation,
            unit=self.unit.text().strip(),
            respondent=respondent,
            role=str(self.role.currentData()),
            period=period,
            questionnaires=chosen,
        )
        places.remember(places.YOUR_NAME, respondent)
        places.remember(places.YOUR_ROLE, self.value.role)
        places.remember(places.LAST_ORGANISATION, organisation)
        self.accept()


def ask_new_assessment(
    parent: QWidget | None,
    questionnaires: list[Questionnaire],
    organisations: list[str],
    preset: Preset | None = None,
) -> NewAssessment | None:
    """Show the dialog (``preset`` fills organisation, unit and period); the details entered,
    or None when cancelled (tests replace this)."""
    dialog = NewAssessmentDialog(questionnaires, organisations, parent, preset)
    return dialog.value if dialog.exec() == QDialog.DialogCode.Accepted else None

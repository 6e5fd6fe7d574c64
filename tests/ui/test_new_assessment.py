"""The New assessment dialog checks what it collects."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assessor.questionnaire.catalogue import load_catalogue
from ui.new_assessment import NewAssessmentDialog, current_quarter


def test_current_quarter() -> None:
    assert current_quarter(date(2026, 11, 23)) == "2026-Q4"
    assert current_quarter(date(2026, 1, 1)) == "2026-Q1"


def test_dialog_requires_name_and_valid_period(qtbot: QtBot) -> None:
    dialog = NewAssessmentDialog(list(load_catalogue()), ["Acme"])
    qtbot.addWidget(dialog)
    dialog.period.setText("2026-Q5")

    dialog.buttons.accepted.emit()

    assert dialog.value is None
    assert "Enter your name." in dialog.problem.text()
    assert "2026-Q4" in dialog.problem.text()


def test_dialog_collects_by_keyboard(qtbot: QtBot) -> None:
    dialog = NewAssessmentDialog(list(load_catalogue()), [])
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    qtbot.keyClicks(dialog.organisation, "Northwind")
    qtbot.keyClicks(dialog.respondent, "Sam Lee")
    dialog.role.setCurrentIndex(2)
    ids = [q.id for q in dialog.questionnaires]
    dialog.checks[ids.index("role-clarity")].setChecked(False)
    assert "not scored" in dialog.checks[ids.index("organisation-profile")].text()

    qtbot.keyClick(dialog.respondent, Qt.Key.Key_Return)

    assert dialog.value is not None
    assert dialog.value.organisation == "Northwind"
    assert dialog.value.role == "sales"
    assert [q.id for q in dialog.value.questionnaires] == [
        "organisation-profile",
        "four-freedoms",
        "collaboration",
    ]


def test_the_profile_alone_is_not_an_assessment(qtbot: QtBot) -> None:
    dialog = NewAssessmentDialog(list(load_catalogue()), ["Acme"])
    qtbot.addWidget(dialog)
    dialog.respondent.setText("Sam Lee")
    for questionnaire, box in zip(dialog.questionnaires, dialog.checks, strict=True):
        box.setChecked(questionnaire.is_profile)

    dialog.buttons.accepted.emit()

    assert dialog.value is None
    assert dialog.problem.text() == "Choose at least one questionnaire that is scored."

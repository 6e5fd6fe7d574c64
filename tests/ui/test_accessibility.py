"""Every control a user can reach has a name a screen reader can say."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QWidget,
)

from assessor.questionnaire.catalogue import load_catalogue
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog
from ui.main_window import MainWindow
from ui.new_assessment import NewAssessmentDialog

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
            continue  # parts of a table or tree, named by the view they belong to
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue  # the editable part of a combo box, named by the combo box
        name = widget.accessibleName()
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (name or text.strip()):
            where = type(widget.parent()).__name__
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {where}")
    return missing


def test_every_page_names_its_controls(
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(capsys, "demo").status == 0
    window = window_factory()
    complete = window.store.list_assessments()[0].id
    draft = window.store.create_assessment(
        "Acme", "Ann", "ceo", "2026-Q4", "", list(window.catalogue)
    ).id

    pages = {
        "home": lambda: window.show_home(),
        "walk-through": lambda: window.open_assessment(draft),
        "results": lambda: window.open_assessment(complete),
        "history": lambda: window.show_history("Demo: Harbour Tools Ltd"),
    }
    problems = {}
    for page, show in pages.items():
        show()
        missing = _unnamed(window)
        if missing:
            problems[page] = missing
    for step in range(len(window.walkthrough.walk or [])):
        window.edit_answers(draft) if step == 0 else None
        window.walkthrough.show_step(step)
        missing = _unnamed(window.walkthrough)
        if missing:
            problems[f"question {step + 1}"] = missing

    assert problems == {}


def test_the_new_assessment_dialog_names_its_controls(qtbot: object) -> None:
    dialog = NewAssessmentDialog(list(load_catalogue()), ["Acme"])
    dialog.show()

    assert _unnamed(dialog) == []
    dialog.close()

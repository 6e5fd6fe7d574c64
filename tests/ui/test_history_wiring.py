"""History and action follow-up, reached from the main window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assessor.demo import DEMO_ORGANISATION
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog, press
from ui import new_assessment
from ui.main_window import MainWindow
from ui.new_assessment import NewAssessment


def test_history_of_the_selected_organisation_by_keyboard(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(capsys, "demo").status == 0
    window = window_factory()
    window.home.tree.setFocus()

    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)

    assert window.stack.currentWidget() is window.history
    assert set(window.history.series_points()) == {6}  # six quarters in every series
    assert window.history.table.rowCount() >= 6


def test_a_new_period_asks_what_became_of_last_quarters_actions(
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(capsys, "demo").status == 0
    window = window_factory()
    chosen = NewAssessment(
        DEMO_ORGANISATION, "", "Ana Costa", "ceo", "2026-Q3", list(window.catalogue)
    )
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *args: chosen)

    window.new_assessment()

    (args,) = dialog_log.named("ask_followup")
    assert args[2] == window.walkthrough.assessment_id
    assert window.stack.currentWidget() is window.walkthrough

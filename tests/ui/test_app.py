"""The desktop app's main window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.app import create_main_window


def test_main_window_is_titled_assessor(qtbot: QtBot) -> None:
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert window.windowTitle() == "Assessor"

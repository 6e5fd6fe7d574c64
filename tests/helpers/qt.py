"""Qt test helpers: a main window on a real database, patched dialogs, keyboard driving."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor.questionnaire.catalogue import load_catalogue
from assessor.storage.store import Store
from ui import dialogs, followup_widget, outcomes_dialog, profile_dialog
from ui.main_window import MainWindow


@dataclass
class DialogLog:
    """What the patched dialogs were asked, and what they answer."""

    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)

    def named(self, name: str) -> list[tuple[Any, ...]]:
        """The arguments of every call to dialog ``name``."""
        return [args for called, args in self.calls if called == name]


@pytest.fixture
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    """Replace every modal dialog with a recorder that answers from ``log.answers``."""
    log = DialogLog()
    defaults: dict[str, Any] = {
        "show_error": None,
        "show_info": None,
        "confirm": True,
        "choose": None,
        "save_file": None,
        "open_file": None,
        "open_files": [],
        "choose_folder": None,
        "print_setup": False,
    }

    def patched(name: str) -> Callable[..., Any]:
        def record(*args: Any) -> Any:
            log.calls.append((name, args))
            answer = log.answers.get(name, defaults[name])
            return answer(*args) if callable(answer) else answer

        return record

    for name in defaults:
        monkeypatch.setattr(dialogs, name, patched(name))

    def followup(*args: Any) -> bool:
        log.calls.append(("ask_followup", args))
        return bool(log.answers.get("ask_followup", True))

    monkeypatch.setattr(followup_widget, "ask_followup", followup)

    def outcomes(*args: Any) -> Any:
        log.calls.append(("edit_outcomes", args))
        answer = log.answers.get("edit_outcomes")
        return answer(*args) if callable(answer) else answer

    monkeypatch.setattr(outcomes_dialog, "edit_outcomes", outcomes)

    def profile(*args: Any) -> Any:
        log.calls.append(("ask_profile", args))
        answer = log.answers.get("ask_profile")  # None: skipped
        return answer(*args) if callable(answer) else answer

    monkeypatch.setattr(profile_dialog, "ask_profile", profile)
    return log


def open_window(qtbot: QtBot, db: Path) -> MainWindow:
    """A shown main window on the database file ``db``."""
    window = MainWindow(Store.open(db), load_catalogue())
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):  # shortcuts and focus only reach the active window
        window.activateWindow()
    return window


@pytest.fixture
def window_factory(qtbot: QtBot, data_home: Path) -> Iterator[Callable[[], MainWindow]]:
    """Open main windows on the test database; closes any still open at the end."""
    opened: list[MainWindow] = []

    def make() -> MainWindow:
        window = open_window(qtbot, data_home / "assessor.db")
        opened.append(window)
        return window

    yield make
    for window in opened:
        if window.isVisible():
            window.close()


def press(
    qtbot: QtBot,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press ``key`` on whichever widget has the keyboard focus, as a user would."""
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, key, modifiers)


def type_text(qtbot: QtBot, text: str) -> None:
    """Type ``text`` into the focused widget."""
    target = QApplication.focusWidget()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClicks(target, text)

"""v3 in the app (issue 19): a checklist answered by keyboard, row by row, is committed to the
database; the profile comes first; the Results page says "Read with care" for a uniform
respondent and not for others."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from assessor.diagnosis.answers import make_answer
from tests.helpers.qt import DialogLog, press
from tests.helpers.questionnaires import write_questionnaire
from tests.helpers.v3_fixture import FAVOURABLE, MIDDLING, PILOT_FILE, PROFILE_FILE
from ui.main_window import MainWindow
from ui.walkthrough_page import WalkthroughPage


@pytest.fixture
def v3_window(
    window_factory: Callable[[], MainWindow], dialog_log: DialogLog, data_home: Path
) -> MainWindow:
    """A window whose catalogue holds the v3 pilot and the profile as user questionnaires."""
    for path in (PILOT_FILE, PROFILE_FILE):
        text = path.read_text(encoding="utf-8")
        write_questionnaire(data_home / "questionnaires", path.name, text)
    return window_factory()


def _new(window: MainWindow) -> int:
    questionnaires = [window.catalogue.get("pilot-v3"), window.catalogue.get("org-profile")]
    return window.store.create_assessment("Acme", "Ann", "ceo", "2026-Q1", "", questionnaires).id


def _page(window: MainWindow) -> WalkthroughPage:
    window.edit_answers(_new(window))
    return window.walkthrough


def _go_to(page: WalkthroughPage, item_id: str) -> None:
    assert page.walk is not None
    page.show_step(next(i for i, s in enumerate(page.walk.steps) if s.item.id == item_id))


def _stored(db: Path, item_id: str) -> tuple[Any, int]:
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT value, dont_know FROM answers WHERE item_id = ?", (item_id,)
        ).fetchone()
    assert row is not None, f"{item_id} is not stored"
    value, dont_know = row
    return (None if value is None else json.loads(value)), dont_know


def _marks(page: WalkthroughPage) -> dict[str, str | None]:
    assert page.input is not None
    names = ("yes", "no", "dont-know")
    return {
        option: next((n for n, b in zip(names, buttons, strict=True) if b.isChecked()), None)
        for option, buttons in page.input.rows
    }


def test_the_walk_through_starts_with_the_profile(v3_window: MainWindow) -> None:
    page = _page(v3_window)

    assert page.walk is not None
    assert [s.questionnaire_id for s in page.walk.sections] == ["org-profile", "pilot-v3"]
    assert page.walk.steps[page.index].item.id == "sales-force"
    assert page.section_title.text() == "Organisation profile"


def test_a_checklist_is_answered_by_keyboard_and_committed(
    qtbot: QtBot, v3_window: MainWindow, data_home: Path
) -> None:
    page = _page(v3_window)
    _go_to(page, "r-8")
    assert page.input is not None and len(page.input.rows) == 3
    assert "Y or 1 yes" in page.input.keys.text()

    press(qtbot, Qt.Key.Key_Y)  # decks: yes, and on to the next row
    press(qtbot, Qt.Key.Key_N)  # events: no
    press(qtbot, Qt.Key.Key_D)  # web: don't know

    assert _stored(data_home / "assessor.db", "r-8") == ({"decks": True, "events": False}, 0)
    assert _marks(page) == {"decks": "yes", "events": "no", "web": "dont-know"}
    press(qtbot, Qt.Key.Key_Up)  # back to events
    assert page.input.current_row == 1
    press(qtbot, Qt.Key.Key_1)  # events: yes
    assert _stored(data_home / "assessor.db", "r-8") == ({"decks": True, "events": True}, 0)
    assert page.saved.text().startswith("✓ Saved")

    press(qtbot, Qt.Key.Key_Return)
    assert page.walk is not None and page.walk.steps[page.index].item.id == "t-1"
    page.go_back()
    assert page.walk.steps[page.index].item.id == "r-8"
    # Shown again as stored: the option left out reads as not known.
    assert _marks(page) == {"decks": "yes", "events": "yes", "web": "dont-know"}


def test_down_moves_between_rows_and_digits_answer_the_focused_one(
    qtbot: QtBot, v3_window: MainWindow, data_home: Path
) -> None:
    page = _page(v3_window)
    _go_to(page, "r-8")
    assert page.input is not None

    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert page.input.current_row == 2
    press(qtbot, Qt.Key.Key_2)  # web: no
    page.question.setFocus()  # from anywhere on the page, keys still reach the rows
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_1)  # decks: yes

    assert _stored(data_home / "assessor.db", "r-8") == ({"web": False, "decks": True}, 0)


def test_every_row_dont_know_is_dont_know(
    qtbot: QtBot, v3_window: MainWindow, data_home: Path
) -> None:
    page = _page(v3_window)
    _go_to(page, "r-8")

    for _ in range(3):
        press(qtbot, Qt.Key.Key_0)

    assert _stored(data_home / "assessor.db", "r-8") == (None, 1)
    press(qtbot, Qt.Key.Key_Y)  # the focus stays on the last row
    assert _stored(data_home / "assessor.db", "r-8") == ({"web": True}, 0)


def test_a_click_on_a_row_answers_it(v3_window: MainWindow, data_home: Path) -> None:
    page = _page(v3_window)
    _go_to(page, "r-8")
    assert page.input is not None

    page.input.rows[1][1][1].click()  # events: No

    assert _stored(data_home / "assessor.db", "r-8") == ({"events": False}, 0)
    assert page.input.current_row == 1


def _complete(window: MainWindow, values: dict[str, Any]) -> int:
    assessment_id = _new(window)
    pilot = window.catalogue.get("pilot-v3")
    for item_id, value in values.items():
        window.store.save_answer(
            assessment_id, "pilot-v3", item_id, make_answer(pilot, item_id, value)
        )
    window.store.save_answer(
        assessment_id, "pilot-v3", "r-8", make_answer(pilot, "r-8", {"decks": True})
    )
    window.store.set_status(assessment_id, "complete")
    return assessment_id


def _labels(window: MainWindow) -> list[str]:
    return [label.text() for label in window.results.findChildren(QLabel)]


def test_results_say_read_with_care_for_a_uniform_respondent(v3_window: MainWindow) -> None:
    uniform = {**FAVOURABLE, "t-1": 4}
    v3_window.open_assessment(_complete(v3_window, uniform))

    assert v3_window.stack.currentWidget() is v3_window.results
    box = v3_window.results.cautions
    assert box is not None and box.accessibleName() == "Read with care"
    texts = _labels(v3_window)
    assert "⚠ Read with care" in texts
    assert (
        "•  12 of 13 answers sit at the most favourable end of their scale; answers this uniform "
        "deserve a second look before anyone acts on them."
    ) in texts


def test_results_say_nothing_of_care_for_others(v3_window: MainWindow) -> None:
    v3_window.open_assessment(_complete(v3_window, MIDDLING))

    assert v3_window.results.cautions is None
    assert not any("Read with care" in text for text in _labels(v3_window))


def test_results_label_a_next_step(v3_window: MainWindow) -> None:
    sound = {"r-1": 4, "r-2": 2, "r-3": "always", "r-4": "nobody", "r-5": 4, "r-6": 4, "r-7": 4}
    v3_window.open_assessment(_complete(v3_window, {**sound, **MIDDLING_TEAM}))

    assert "Next step · Low severity · Pilot v3" in _labels(v3_window)


MIDDLING_TEAM = {key: value for key, value in MIDDLING.items() if key.startswith("t-")}

"""Keys on every kind of question, wherever the focus is on the page; exclusive options.

The questionnaire is the lab one (every kind of item) with "None" of the bad-signs multi-select
marked exclusive, added as a user questionnaire.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.answer_sets import LAB_TOML
from tests.helpers.qt import DialogLog, press, type_text
from tests.helpers.questionnaires import write_questionnaire
from ui.main_window import MainWindow
from ui.walkthrough_page import WalkthroughPage

DIGITS = [getattr(Qt.Key, f"Key_{n}") for n in range(10)]
EXCLUSIVE_LAB = LAB_TOML.replace(
    '{ id = "none", label = "None", score = 0.0 },',
    '{ id = "none", label = "None", score = 0.0, exclusive = true },',
)
#: Where the user may have clicked last: a label of the question, the sections list, the
#: empty space around the options.
FOCUS_PLACES = ("question", "why", "sections", "options-area")


@pytest.fixture
def lab_page(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    data_home: Path,
) -> WalkthroughPage:
    """The walk-through of a new assessment of the lab questionnaire, at its first question."""
    write_questionnaire(data_home / "questionnaires", "lab.toml", EXCLUSIVE_LAB)
    window = window_factory()
    lab = window.catalogue.get("lab")
    stored = window.store.create_assessment("Acme", "Ann", "ceo", "2026-Q1", "", [lab])
    window.edit_answers(stored.id)
    return window.walkthrough


def _go_to(page: WalkthroughPage, item_id: str) -> None:
    assert page.walk is not None
    page.show_step(next(i for i, s in enumerate(page.walk.steps) if s.item.id == item_id))


def _click_on(qtbot: QtBot, page: WalkthroughPage, place: str) -> None:
    """Click where a user might, leaving the keyboard focus wherever Qt puts it."""
    targets: dict[str, QWidget] = {
        "question": page.question,
        "why": page.why,
        "sections": page.sections.viewport(),
        "options-area": page.input_area.viewport(),
    }
    target = targets[place]
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(3, target.height() - 3))
    assert QApplication.focusWidget() is not None


def _stored(db: Path, item_id: str) -> tuple[str | None, int] | None:
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT value, dont_know FROM answers WHERE item_id = ?", (item_id,)
        ).fetchone()
    return None if row is None else (row[0], row[1])


@pytest.mark.parametrize("place", FOCUS_PLACES)
@pytest.mark.parametrize(
    ("item_id", "digit", "stored"),
    [
        ("ag", 4, ("4", 0)),
        ("freq", 2, ('"sometimes"', 0)),
        ("ch", 3, ('"c"', 0)),
        ("mc", 2, ('["y"]', 0)),
        ("ag", 0, (None, 1)),
        ("mc", 0, (None, 1)),
    ],
)
def test_digits_answer_a_question_with_options_wherever_the_focus_is(
    qtbot: QtBot,
    lab_page: WalkthroughPage,
    data_home: Path,
    place: str,
    item_id: str,
    digit: int,
    stored: tuple[str | None, int],
) -> None:
    _go_to(lab_page, item_id)
    _click_on(qtbot, lab_page, place)

    press(qtbot, DIGITS[digit])

    assert _stored(data_home / "assessor.db", item_id) == stored
    before = lab_page.index
    press(qtbot, Qt.Key.Key_Return)
    assert lab_page.index == before + 1


@pytest.mark.parametrize("place", FOCUS_PLACES)
def test_digits_go_into_the_number_box_wherever_the_focus_is(
    qtbot: QtBot, lab_page: WalkthroughPage, data_home: Path, place: str
) -> None:
    _go_to(lab_page, "num")
    _click_on(qtbot, lab_page, place)

    press(qtbot, DIGITS[4])
    press(qtbot, DIGITS[0])  # digits, not "don't know", on a number question
    assert lab_page.input is not None and lab_page.input.number_box is not None
    assert lab_page.input.number_box.text() == "40"
    press(qtbot, Qt.Key.Key_Return)

    assert _stored(data_home / "assessor.db", "num") == ("40", 0)
    assert lab_page.walk is not None
    assert lab_page.walk.steps[lab_page.index].item.id == "gate"


def test_alt_d_is_dont_know_on_a_number_question(
    qtbot: QtBot, lab_page: WalkthroughPage, data_home: Path
) -> None:
    _go_to(lab_page, "num")
    assert lab_page.input is not None and lab_page.input.dont_know_box is not None
    assert lab_page.input.dont_know_box.text() == "&Don't know / not applicable"

    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # a mnemonic: an animated click

    qtbot.waitUntil(lambda: _stored(data_home / "assessor.db", "num") == (None, 1))


@pytest.mark.parametrize("place", FOCUS_PLACES)
def test_on_a_free_text_question_digits_are_text(
    qtbot: QtBot, lab_page: WalkthroughPage, data_home: Path, place: str
) -> None:
    _go_to(lab_page, "note")
    assert lab_page.input is not None and lab_page.input.dont_know_box is None
    _click_on(qtbot, lab_page, place)

    press(qtbot, DIGITS[0])
    type_text(qtbot, " visits a week")
    press(qtbot, Qt.Key.Key_Return)

    assert _stored(data_home / "assessor.db", "note") == ('"0 visits a week"', 0)
    assert lab_page.walk is not None
    assert lab_page.walk.steps[lab_page.index].item.id == "ch"


@pytest.mark.parametrize(
    ("item_id", "hint"),
    [
        ("ag", "Keys: 1–5 choose · 0 don't know · Enter next · Alt+← back"),
        ("freq", "Keys: 1–3 choose · 0 don't know · Enter next · Alt+← back"),
        ("mc", "Keys: 1–3 tick or untick · 0 don't know · Enter next · Alt+← back"),
        (
            "mp",
            "Keys: 1–3 tick or untick (“None” clears the others) · 0 don't know · Enter next"
            " · Alt+← back",
        ),
        ("num", "Keys: type the number · Alt+D don't know · Enter next · Alt+← back"),
        (
            "note",
            "Keys: type your answer (digits are text) · Shift+Enter new line · Enter next"
            " · Alt+← back",
        ),
    ],
)
def test_each_kind_of_question_says_which_keys_apply(
    lab_page: WalkthroughPage, item_id: str, hint: str
) -> None:
    _go_to(lab_page, item_id)

    assert lab_page.input is not None
    assert lab_page.input.keys.text() == hint
    assert lab_page.input.keys.isVisibleTo(lab_page)


def test_enter_does_not_skip_a_required_question_silently(
    qtbot: QtBot, lab_page: WalkthroughPage, data_home: Path
) -> None:
    _go_to(lab_page, "ag")
    _click_on(qtbot, lab_page, "question")

    press(qtbot, Qt.Key.Key_Return)

    assert lab_page.walk is not None
    assert lab_page.walk.steps[lab_page.index].item.id == "ag"
    assert lab_page.error.isVisibleTo(lab_page)
    assert "needs an answer" in lab_page.error.text()
    assert "Press Enter again" in lab_page.error.text()

    press(qtbot, Qt.Key.Key_Return)  # asked again: left for later, on purpose

    assert lab_page.walk.steps[lab_page.index].item.id == "rev"
    assert _stored(data_home / "assessor.db", "ag") is None


def test_enter_moves_on_from_an_optional_question_at_once(
    qtbot: QtBot, lab_page: WalkthroughPage
) -> None:
    _go_to(lab_page, "note")
    _click_on(qtbot, lab_page, "why")

    press(qtbot, Qt.Key.Key_Return)

    assert lab_page.walk is not None
    assert lab_page.walk.steps[lab_page.index].item.id == "ch"


def _ticked(page: WalkthroughPage) -> list[bool]:
    assert page.input is not None
    return [button.isChecked() for button in page.input.buttons]


def test_an_exclusive_option_clears_the_others_and_they_clear_it(
    qtbot: QtBot, lab_page: WalkthroughPage, data_home: Path
) -> None:
    db = data_home / "assessor.db"
    _go_to(lab_page, "mp")  # options p, q, none (exclusive)
    _click_on(qtbot, lab_page, "question")

    press(qtbot, DIGITS[1])
    press(qtbot, DIGITS[2])
    assert _ticked(lab_page) == [True, True, False]
    assert _stored(db, "mp") == ('["p", "q"]', 0)

    press(qtbot, DIGITS[3])  # "None" clears p and q
    assert _ticked(lab_page) == [False, False, True]
    assert _stored(db, "mp") == ('["none"]', 0)

    assert lab_page.input is not None
    lab_page.input.buttons[1].click()  # by mouse: q clears "None"
    assert _ticked(lab_page) == [False, True, False]
    assert _stored(db, "mp") == ('["q"]', 0)


def test_an_exclusive_option_is_refused_with_others_by_the_store(
    lab_page: WalkthroughPage,
) -> None:
    from assessor.diagnosis.answers import Answer, AnswerError

    with pytest.raises(AnswerError, match="excludes the others"):
        lab_page.store.save_answer(lab_page.assessment_id, "lab", "mp", Answer(value=("p", "none")))


def test_enter_on_a_focused_button_presses_it(qtbot: QtBot, lab_page: WalkthroughPage) -> None:
    _go_to(lab_page, "freq")
    lab_page.back_button.setFocus()

    press(qtbot, Qt.Key.Key_Return)

    assert lab_page.walk is not None
    assert lab_page.walk.steps[lab_page.index].item.id == "rev"

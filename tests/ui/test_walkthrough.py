"""A whole assessment by keyboard alone: answer, close half way, resume, finish, export, print."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from assessor.questionnaire.model import Item
from tests.helpers.qt import DialogLog, press, type_text
from tests.helpers.questionnaires import v2_pair
from ui import new_assessment
from ui.main_window import MainWindow
from ui.new_assessment import NewAssessment

DIGITS = [getattr(Qt.Key, f"Key_{n}") for n in range(10)]


def _answer_by_keyboard(
    qtbot: QtBot, window: MainWindow, item: Item, step: int, note: str = ""
) -> None:
    """Answer the current question with keys only, then press Enter to go on."""
    page = window.walkthrough
    assert page.input is not None
    if item.kind in ("agreement", "frequency", "choice"):
        press(qtbot, DIGITS[1 + step % min(3, len(page.input.buttons))])
    elif item.kind == "multi":
        press(qtbot, DIGITS[1])
        press(qtbot, DIGITS[2])
    elif item.kind == "checklist":
        press(qtbot, Qt.Key.Key_Y)  # the first row yes, and on to the next
        press(qtbot, Qt.Key.Key_N)  # the second no; the rest stay unknown
    elif item.kind == "number":
        press(qtbot, Qt.Key.Key_Tab)  # from nowhere to the number field
        assert page.input.number_box is not None
        page.input.number_box.setFocus()
        type_text(qtbot, "15")
    else:
        assert page.input.text_box is not None
        page.input.text_box.setFocus()
        type_text(qtbot, "Meet every Monday")
    if step % 9 == 4 and item.scored and item.kind != "number":
        press(qtbot, DIGITS[0])  # now and then, "don't know" instead
    if note:
        page.note.setFocus()
        type_text(qtbot, note)
    press(qtbot, Qt.Key.Key_Return)  # Enter goes on, from the note box too


def _db_answers(db: Path) -> dict[tuple[str, str], tuple[str | None, int, str]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT questionnaire_id, item_id, value, dont_know, note FROM answers"
        ).fetchall()
    return {(q, i): (v, d, n) for q, i, v, d, n in rows}


def test_keyboard_only_assessment_survives_closing_and_finishes(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    data_home: Path,
    tmp_path: Path,
) -> None:
    db = data_home / "assessor.db"
    window = window_factory()
    chosen = NewAssessment(
        "Acme Industrial", "", "Dana Whitfield", "ceo", "2026-Q3", list(window.catalogue)
    )
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *args: chosen)

    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = window.walkthrough
    assert window.stack.currentWidget() is page
    total = len(page.walk or [])
    # The whole bundled set a chief executive is asked (a follow-up question appears only once
    # the question it follows is answered), never an item asked of another role.
    asked = sum(1 for q in window.catalogue for item in q.items if item.asks("ceo"))
    assert 50 <= total <= asked

    half = total // 2
    for step in range(half):
        assert page.walk is not None
        item = page.walk.steps[page.index].item
        note = "Counted in the October log <b>&amp;</b>" if step == 3 else ""
        _answer_by_keyboard(qtbot, window, item, step, note)
    stopped_at = page.index
    saved = _db_answers(db)
    assert len(saved) == half
    assert any(note == "Counted in the October log <b>&amp;</b>" for _, _, note in saved.values())

    window.close()
    reopened = window_factory()
    assessment_id = reopened.home.selected_id()
    assert assessment_id is not None
    reopened.home.tree.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # open the selected draft
    page = reopened.walkthrough
    assert reopened.stack.currentWidget() is page
    assert page.index == stopped_at
    assert page.walk is not None and page.walk.first_unanswered() == stopped_at

    step = half
    while reopened.stack.currentWidget() is page:
        assert page.walk is not None
        _answer_by_keyboard(qtbot, reopened, page.walk.steps[page.index].item, step)
        step += 1
        assert step < 3 * total, "the walk-through never finished"

    assert reopened.stack.currentWidget() is reopened.results
    assert dialog_log.named("choose") == []
    with sqlite3.connect(db) as connection:
        (status,) = connection.execute("SELECT status FROM assessments").fetchone()
    assert status == "complete"
    assert len(_db_answers(db)) >= len(page.walk or [])

    target = tmp_path / "acme.pdf"
    dialog_log.answers["save_file"] = target
    with qtbot.waitSignal(reopened.results.pdf.done, timeout=20000):
        reopened.results.export_button.click()
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Acme Industrial" in text
    assert "Counted in the October log <b>&amp;</b>" in " ".join(text.split())

    printed = tmp_path / "printed.pdf"

    def print_to_file(_parent: object, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    dialog_log.answers["print_setup"] = print_to_file
    with qtbot.waitSignal(reopened.results.pdf.done, timeout=30000):
        reopened.results.print_button.click()
    assert len(PdfReader(printed).pages) == len(PdfReader(target).pages)
    assert dialog_log.named("show_error") == []


def test_finishing_with_unanswered_questions_lists_them(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_factory()
    first_scored = next(q for q in window.catalogue if not q.is_profile)
    chosen = NewAssessment("Acme", "", "Dana", "ceo", "2026-Q3", [first_scored])
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *args: chosen)
    window.new_assessment()
    page = window.walkthrough
    assert page.walk is not None
    dialog_log.answers["choose"] = 0  # "Go to the first one"

    page.show_step(len(page.walk) - 1)
    page.finish()

    (args,) = dialog_log.named("choose")
    assert "required question(s) have no answer yet" in args[2]
    assert page.index == 0
    assert window.stack.currentWidget() is page


def test_saved_mark_appears_only_after_the_commit(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    data_home: Path,
) -> None:
    window = window_factory()
    chosen = NewAssessment("Acme", "", "Dana", "ceo", "2026-Q3", list(window.catalogue))
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *args: chosen)
    window.new_assessment()
    page = window.walkthrough
    seen: list[int] = []
    original = page.store.save_answer

    def spy(*args: object, **kwargs: object) -> None:
        assert "Saved" not in page.saved.text()
        original(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(len(_db_answers(data_home / "assessor.db")))

    monkeypatch.setattr(page.store, "save_answer", spy)
    page.saved.setText("")
    assert page.walk is not None
    page.show_step(next(i for i, s in enumerate(page.walk.steps) if s.item.kind == "agreement"))
    assert page.input is not None
    page.input.setFocus()
    press(qtbot, DIGITS[4])

    assert seen == [1]
    assert page.saved.text().startswith("✓ Saved")


def test_the_argument_shows_only_once_answered_and_only_the_roles_items_are_asked(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_factory()
    chosen = NewAssessment("Acme", "", "Mo", "marketing", "2026-Q3", v2_pair())
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *args: chosen)
    window.new_assessment()
    page = window.walkthrough
    assert page.walk is not None
    asked = [step.item.id for step in page.walk.steps]
    assert asked == ["sell", "b-1", "all", "mkt", "ticks"]  # "field" is for sales and the CEO

    assert page.source.text().startswith("Standard practice, not a claim of the articles")
    page.show_step(1)
    assert page.source.text() == "From “An article”"
    assert page.argument.isHidden()
    assert page.input is not None
    page.input.setFocus()
    press(qtbot, DIGITS[2])

    assert not page.argument.isHidden()
    assert page.argument.text() == "The argument: The article's point."


def test_the_question_count_follows_answers_that_hide_questions(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_factory()
    chosen = NewAssessment("Acme", "", "Sam", "sales", "2026-Q3", list(window.catalogue))
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *args: chosen)
    window.new_assessment()
    page = window.walkthrough
    assert page.walk is not None and page.walk.steps[0].item.id == "how-we-sell"
    before = len(page.walk)
    assert page.position.text().startswith(f"Question 1 of {before} ·")
    options = [option.id for option in page.walk.steps[0].item.options]
    assert page.input is not None
    page.input.setFocus()
    press(qtbot, DIGITS[options.index("online") + 1])  # no salespeople: their questions go

    after = len(page.walk)
    assert after < before
    assert page.position.text().startswith(f"Question 1 of {after} ·")
    assert page.progress.format() == f"1 of {after} answered"

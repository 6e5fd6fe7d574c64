"""First use, as a newcomer meets it (issue 23): the first question's keys, Escape on last
quarter's actions, the next quarter offered only once the current one is done, History from
its top, the demo below one's own organisations, the Help menu, a remembered name, Delete
organisation…, and "Where is my data?" with Back up now."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from assessor.demo import DEMO_ORGANISATION
from assessor.questionnaire.catalogue import load_catalogue
from assessor.storage.backup import list_backups
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog, press
from tests.helpers.storage import fill
from ui import followup_widget, help_texts, new_assessment, places
from ui.answer_input import AnswerInput, keys_hint
from ui.followup_widget import FollowUpDialog
from ui.invite_dialog import InviteDialog
from ui.main_window import MainWindow

#: The real dialog, kept before the fixtures replace it.
REAL_ASK_FOLLOWUP = followup_widget.ask_followup


@pytest.fixture
def demo_window(
    window_factory: Callable[[], MainWindow], capsys: pytest.CaptureFixture[str]
) -> MainWindow:
    """A main window on a database holding the demo organisation."""
    assert run_cli(capsys, "demo").status == 0
    return window_factory()


def _answer_count(db: Path, assessment_id: int) -> int:
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT count(*) FROM answers WHERE assessment_id = ?", (assessment_id,)
        ).fetchone()
    return int(row[0])


def _menu_action(window: MainWindow, text: str) -> QAction:
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else []:
            if action.text().replace("&", "") == text:
                return action
    raise AssertionError(f"no menu entry {text!r}")


# --- the first question's keys ------------------------------------------------------------------


def test_the_first_question_says_only_the_keys_that_work_there(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    data_home: Path,
) -> None:
    window = window_factory()
    stored = window.store.create_assessment(
        "Acme", "Ann", "ceo", "2026-Q4", "", list(window.catalogue)
    )
    window.edit_answers(stored.id)
    page = window.walkthrough
    assert page.input is not None and page.index == 0
    first = page.input.item
    assert not first.scored  # the organisation profile's first: it has no "don't know"

    keys = page.input.keys.text()
    assert "0 don't know" not in keys
    assert keys.startswith(f"Keys: 1–{len(first.options)} choose")
    press(qtbot, Qt.Key.Key_0)  # 0 is not offered, and does nothing
    assert _answer_count(data_home / "assessor.db", stored.id) == 0
    press(qtbot, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: _answer_count(data_home / "assessor.db", stored.id) == 1)

    press(qtbot, Qt.Key.Key_Return)  # the next profile question: not scored either
    assert page.index == 1 and not page.input.item.scored
    assert "0 don't know" not in page.input.keys.text()
    assert page.walk is not None
    scored = next(i for i, step in enumerate(page.walk.steps) if step.item.scored)
    page.show_step(scored)  # the first scored question: 0 is "don't know" there
    if page.input.item.kind != "number":
        assert "0 don't know" in page.input.keys.text()


def test_every_hint_is_true_on_every_kind_of_question(qtbot: QtBot) -> None:
    """What the line under a question promises for 0 and Alt+D, the controls do."""
    seen: set[tuple[str, bool]] = set()
    for questionnaire in load_catalogue():
        for item in questionnaire.items:
            controls = AnswerInput(item)
            qtbot.addWidget(controls)
            hint = keys_hint(item)
            box = controls.dont_know_box
            seen.add((item.kind, item.scored))
            if item.kind == "checklist":  # each row has its own "don't know", 0 answers it
                assert "0 don't know (for the row)" in hint and box is None, item.id
                assert controls.pick(0), item.id
                assert controls.rows[0][1][-1].isChecked(), item.id
            elif "0 don't know" in hint:
                assert box is not None and controls.pick(0), item.id
                assert box.isChecked(), item.id
            elif "Alt+D don't know" in hint:
                assert box is not None, item.id
            else:
                assert box is None, item.id
                assert not controls.pick(0), item.id
    assert ("choice", False) in seen and ("agreement", True) in seen
    assert ("checklist", False) in seen  # the organisation profile's departments


# --- Escape on last quarter's actions -----------------------------------------------------------


def _start_next_demo_quarter(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, key: Qt.Key
) -> FollowUpDialog:
    """Start the demo's 2026-Q3 through New assessment; on the real follow-up dialog pick
    "Done" for the first action, then press ``key``. Returns the dialog that was shown."""
    monkeypatch.setattr(followup_widget, "ask_followup", REAL_ASK_FOLLOWUP)
    chosen = new_assessment.NewAssessment(
        DEMO_ORGANISATION, "", "Erik Halvorsen", "ceo", "2026-Q3", list(window.catalogue)
    )
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *args: chosen)
    shown: list[FollowUpDialog] = []

    def answer_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FollowUpDialog):  # never leave a modal loop running
            if dialog is not None:
                dialog.close()
            return
        shown.append(dialog)
        qtbot.keyClick(dialog.rows[0].buttons[0], Qt.Key.Key_1)
        focused = dialog.focusWidget()  # the dialog's own focus (the offscreen window manager
        qtbot.keyClick(focused if focused is not None else dialog, key)  # may not activate it)
        if dialog.isVisible():  # the key did not close it: fail the test, never hang it
            dialog.done(99)

    QTimer.singleShot(0, answer_the_dialog)
    window.new_assessment()
    (dialog,) = shown
    return dialog


def _demo_periods(window: MainWindow) -> set[str]:
    return {s.period for s in window.store.list_assessments(organisation=DEMO_ORGANISATION)}


def test_escape_on_last_quarters_actions_starts_no_assessment(
    qtbot: QtBot,
    demo_window: MainWindow,
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = len(demo_window.store.list_assessments())

    dialog = _start_next_demo_quarter(qtbot, demo_window, monkeypatch, Qt.Key.Key_Escape)

    assert dialog.result() == FollowUpDialog.DialogCode.Rejected
    assert "2026-Q3" not in _demo_periods(demo_window)
    assert len(demo_window.store.list_assessments()) == before
    assert demo_window.stack.currentWidget() is demo_window.home
    assert demo_window.statusBar().currentMessage().startswith("Cancelled")


def test_enter_on_last_quarters_actions_goes_on_to_the_questions(
    qtbot: QtBot,
    demo_window: MainWindow,
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _start_next_demo_quarter(qtbot, demo_window, monkeypatch, Qt.Key.Key_Return)

    assert dialog.result() == FollowUpDialog.DialogCode.Accepted
    (draft,) = [
        s
        for s in demo_window.store.list_assessments(organisation=DEMO_ORGANISATION)
        if s.period == "2026-Q3"
    ]
    assert demo_window.stack.currentWidget() is demo_window.walkthrough
    assert demo_window.walkthrough.assessment_id == draft.id
    assert [f.status for f in demo_window.store.followups(draft.id)] == ["done"]


def test_the_follow_up_dialog_has_a_visible_way_out(qtbot: QtBot, demo_window: MainWindow) -> None:
    draft = demo_window.store.create_assessment(
        DEMO_ORGANISATION, "Tom Becker", "sales", "2026-Q3", "", list(demo_window.catalogue)
    )
    actions = demo_window.store.previous_actions(draft.id)
    dialog = FollowUpDialog(demo_window.store, draft.id, actions)
    qtbot.addWidget(dialog)
    dialog.show()
    roles = {
        button.text(): dialog.findChild(QDialogButtonBox).buttonRole(button)  # type: ignore[union-attr]
        for button in dialog.findChild(QDialogButtonBox).buttons()  # type: ignore[union-attr]
    }
    assert roles == {
        "Continue": QDialogButtonBox.ButtonRole.AcceptRole,
        "Cancel": QDialogButtonBox.ButtonRole.RejectRole,
    }
    dialog.cancel_button.click()
    assert dialog.result() == FollowUpDialog.DialogCode.Rejected


# --- the next quarter, only once the current one is done ----------------------------------------


def test_the_next_quarter_is_not_offered_while_the_current_one_is_a_draft(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_factory()
    questionnaires = list(window.catalogue)
    done = window.store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", "", questionnaires)
    fill(window.store, done.id, questionnaires)
    window.store.set_status(done.id, "complete")
    draft = window.store.create_assessment("Acme", "Ann", "ceo", "2026-Q4", "", questionnaires)
    asked: list[Any] = []
    monkeypatch.setattr(new_assessment, "ask_new_assessment", lambda *a: asked.append(a))
    window.show_home()
    (card,) = window.home.cards

    assert card.next_button.text() == "Resume 2026-Q4…"
    assert "2027-Q1" not in card.next_button.accessibleName()
    card.next_button.click()

    assert asked == []
    assert window.stack.currentWidget() is window.walkthrough
    assert window.walkthrough.assessment_id == draft.id
    assert {s.period for s in window.store.list_assessments()} == {"2026-Q3", "2026-Q4"}

    fill(window.store, draft.id, questionnaires)
    window.store.set_status(draft.id, "complete")
    window.show_home()
    (card,) = window.home.cards
    assert card.next_button.text() == "Start 2027-Q1…"  # offered once 2026-Q4 is done


# --- History from its top; the demo below one's own organisations -------------------------------


def test_history_opens_at_its_top(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_window.show_history(DEMO_ORGANISATION)
    bar = demo_window.history.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    demo_window.show_home()

    demo_window.show_history(DEMO_ORGANISATION)

    assert bar.value() == 0


def test_the_demo_is_listed_after_the_users_own_organisations(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    for name in ("Zeta Ltd", "acme"):
        demo_window.store.create_assessment(
            name, "Ann", "ceo", "2026-Q4", "", list(demo_window.catalogue)
        )
    demo_window.show_home()

    assert demo_window.store.organisations() == ["acme", "Zeta Ltd", DEMO_ORGANISATION]
    assert [card.scope.organisation for card in demo_window.home.cards] == [
        "acme",
        "Zeta Ltd",
        DEMO_ORGANISATION,
    ]
    top = demo_window.home.tree.topLevelItem(2)
    assert top is not None and top.text(0) == DEMO_ORGANISATION


# --- the Help menu ------------------------------------------------------------------------------


def test_help_about_and_keyboard_shortcuts(
    window_factory: Callable[[], MainWindow], dialog_log: DialogLog
) -> None:
    window = window_factory()
    _menu_action(window, "About Assessor").trigger()
    _menu_action(window, "Keyboard shortcuts").trigger()

    (about, keys) = dialog_log.named("show_info")
    assert about[1] == "About Assessor" and "Assessor 0." in about[2]
    assert str(window.store.path) in about[2]
    assert keys[1:] == ("Keyboard shortcuts", help_texts.KEYBOARD_SHORTCUTS)
    assert _menu_action(window, "Keyboard shortcuts").shortcut().toString() == "F1"
    assert "Escape" in keys[2] and "Alt+D" in keys[2]


def test_help_open_the_demo_adds_it_once_and_shows_it(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], dialog_log: DialogLog
) -> None:
    window = window_factory()
    assert window.store.organisations() == []

    _menu_action(window, "Open the demo").trigger()

    qtbot.waitUntil(
        lambda: window.history_visible() and window.history.organisation == DEMO_ORGANISATION,
        timeout=60000,
    )
    assert len(window.store.list_assessments()) == 18
    window.show_home()
    _menu_action(window, "Open the demo").trigger()  # already there: shown, not added again
    assert window.history_visible()
    assert len(window.store.list_assessments()) == 18
    assert dialog_log.named("show_error") == []


def test_where_is_my_data_warns_about_the_wal_and_backs_up(
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_factory()
    window.store.create_assessment("Acme", "Ann", "ceo", "2026-Q4", "", list(window.catalogue))
    dialog_log.answers["choose"] = 0  # Back up now
    opened: list[Path] = []
    monkeypatch.setattr(places, "open_with_desktop", lambda path: opened.append(path) or True)

    _menu_action(window, "Where is my data?").trigger()

    ((_, title, text, choices),) = dialog_log.named("choose")
    assert title == "Where your data lives"
    assert str(window.store.path) in text and "assessor.db-wal" in text
    assert "Back up now" in text and choices == ["Back up now", "Open the folder"]
    backups = list_backups(window.store.path)
    assert backups and window.statusBar().currentMessage() == f"Backed up to {backups[0].path}"

    dialog_log.answers["choose"] = 1
    _menu_action(window, "Where is my data?").trigger()
    assert opened == [window.store.path.parent]


# --- the name remembered ------------------------------------------------------------------------


def test_your_name_and_organisation_are_remembered_between_dialogs(qtbot: QtBot) -> None:
    questionnaires = list(load_catalogue())
    first = new_assessment.NewAssessmentDialog(questionnaires, ["Acme", "Beta"])
    qtbot.addWidget(first)
    assert first.respondent.text() == ""
    first.organisation.setCurrentText("Beta")
    qtbot.keyClicks(first.respondent, "Dana Whitfield")
    first.role.setCurrentIndex(first.role.findData("marketing"))
    first.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert first.value is not None

    again = new_assessment.NewAssessmentDialog(questionnaires, ["Acme", "Beta"])
    qtbot.addWidget(again)
    assert again.respondent.text() == "Dana Whitfield"
    assert again.role.currentData() == "marketing"
    assert again.organisation.currentText() == "Beta"

    invite = InviteDialog(["Acme", "Beta"])
    qtbot.addWidget(invite)
    assert invite.invited_by.text() == "Dana Whitfield"
    assert invite.organisation.currentText() == "Beta"


# --- Delete organisation… -----------------------------------------------------------------------


def _select_organisation(window: MainWindow, organisation: str) -> None:
    window.home.show_organisation(organisation)
    assert window.home.selected_organisation() == (organisation, "")


def _before_delete(window: MainWindow) -> list[Path]:
    return [b.path for b in list_backups(window.store.path) if "-before-delete" in b.path.name]


def test_delete_organisation_asks_naming_the_count_then_backs_up_and_deletes(
    demo_window: MainWindow, dialog_log: DialogLog
) -> None:
    demo_window.store.create_assessment(
        "Acme", "Ann", "ceo", "2026-Q4", "", list(demo_window.catalogue)
    )
    demo_window.show_home()
    _select_organisation(demo_window, DEMO_ORGANISATION)

    dialog_log.answers["confirm"] = False
    demo_window.home.delete_organisation_button.click()
    ((_, title, text, action),) = dialog_log.named("confirm")
    assert (title, action) == ("Delete organisation?", "Delete organisation")
    assert f"Delete {DEMO_ORGANISATION} with its 18 assessments" in text
    assert "A backup is taken first" in text
    assert len(demo_window.store.list_assessments()) == 19 and _before_delete(demo_window) == []

    dialog_log.answers["confirm"] = True
    demo_window.home.delete_organisation_button.click()

    assert demo_window.store.organisations() == ["Acme"]
    assert [card.scope.organisation for card in demo_window.home.cards] == ["Acme"]
    (backup,) = _before_delete(demo_window)
    assert str(backup) in demo_window.statusBar().currentMessage()
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT count(*) FROM assessments").fetchone()[0] == 19

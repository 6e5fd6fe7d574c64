"""The follow-up dialog: previous actions, choices saved at once, keyboard, shown only if due."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor.exchange.exchange_file import Assessment, Respondent
from assessor.questionnaire.model import Questionnaire
from assessor.storage.store import Store
from tests.helpers.answer_sets import bundled_definitions, pattern_organisation
from tests.helpers.qt import DialogLog
from ui import followup_widget
from ui.followup_widget import FollowUpDialog, ask_followup


@pytest.fixture
def store(data_home: Path) -> Iterator[Store]:
    opened = Store.open(data_home / "assessor.db", automatic_backups=False)
    yield opened
    opened.close()


def _previous_quarter(store: Store) -> None:
    definitions = bundled_definitions()

    def lookup(questionnaire_id: str, version: int) -> Questionnaire | None:
        return definitions.get(questionnaire_id)

    store.import_assessments(
        [
            Assessment(
                uuid="00000000-0000-4000-8000-000000000001",
                organisation="Acme",
                respondent=Respondent("Cleo", "ceo"),
                period="2025-Q1",
                status="complete",
                questionnaires={qid: q.version for qid, q in definitions.items()},
                answers=pattern_organisation(definitions, "hamster-wheel"),
            )
        ],
        lookup,
    )


def _new(store: Store, period: str = "2025-Q2") -> int:
    definitions = bundled_definitions()
    return store.create_assessment("Acme", "Cleo", "ceo", period, "", list(definitions.values())).id


def test_choices_are_saved_at_once(qtbot: QtBot, store: Store, dialog_log: DialogLog) -> None:
    _previous_quarter(store)
    new = _new(store)
    actions = store.previous_actions(new)
    dialog = FollowUpDialog(store, new, actions)
    qtbot.addWidget(dialog)
    assert len(dialog.rows) == len(actions) == 5
    dialog.rows[0].buttons[0].click()
    dialog.rows[2].choose("not-started")
    saved = {f.action_text: f.status for f in store.followups(new)}
    assert saved == {actions[0].text: "done", actions[2].text: "not-started"}
    assert "Saved" in dialog.saved_label.text()
    assert dialog_log.named("show_error") == []


def test_keyboard_digits_pick_and_enter_continues(
    qtbot: QtBot, store: Store, dialog_log: DialogLog
) -> None:
    _previous_quarter(store)
    new = _new(store)
    dialog = FollowUpDialog(store, new, store.previous_actions(new))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_2, Qt.Key.Key_1):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, key)
    assert [f.status for f in store.followups(new)] == [
        "done",
        "in-progress",
        "not-started",
        "in-progress",
        "done",
    ]
    assert QApplication.focusWidget() is dialog.continue_button
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.continue_button, Qt.Key.Key_Return)


def test_saved_answers_are_shown_again(qtbot: QtBot, store: Store) -> None:
    _previous_quarter(store)
    new = _new(store)
    text = store.previous_actions(new)[1].text
    store.save_followup(new, text, "in-progress")
    dialog = FollowUpDialog(store, new, store.previous_actions(new))
    qtbot.addWidget(dialog)
    assert dialog.rows[1].status == "in-progress"
    assert dialog.rows[0].status is None


def test_a_failed_save_is_told(
    qtbot: QtBot, store: Store, dialog_log: DialogLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    _previous_quarter(store)
    new = _new(store)
    dialog = FollowUpDialog(store, new, store.previous_actions(new))
    qtbot.addWidget(dialog)
    store.delete_assessment(new)
    dialog.rows[0].choose("done")
    (args,) = dialog_log.named("show_error")
    assert args[1] == "The answer could not be saved"


def test_ask_followup_only_when_there_are_actions(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[int] = []
    monkeypatch.setattr(FollowUpDialog, "exec", lambda self: shown.append(len(self.rows)) or 0)
    first = _new(store, "2025-Q1")
    ask_followup(None, store, first)
    assert shown == []
    _previous_quarter(store)
    ask_followup(None, store, _new(store, "2025-Q3"))
    assert shown == [5]
    assert followup_widget.ask_followup is ask_followup

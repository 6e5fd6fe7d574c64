"""A respondent file from start to end in the app: the welcome (who asks, how long, who sees
what; Start by keyboard), the share-note choice committed to the SQLite file, the send-off with
Send back… writing the answered file 0600 with only the shared notes, and Invite respondents…
passing the Confidential choice on."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assessor.storage.invitations import invitation_file, new_invitation
from tests.helpers.qt import DialogLog, press, type_text
from tests.helpers.storage import asked_by_role
from tests.ui.test_accessibility import _unnamed
from ui import invite_dialog
from ui.invite_dialog import CONFIDENTIAL_EXPLAINED, InviteDialog, Invitee, InviteRequest
from ui.main_window import MainWindow


def _invitation(folder: Path, role: str, *, confidential: bool = False, send_to: str = "") -> Path:
    invitation = new_invitation(
        "Acme", "2026-Q3", "Marta", role, "Kim", "EMEA", confidential=confidential, send_to=send_to
    )
    path = folder / invitation.file_name
    path.write_bytes(invitation_file(invitation, [asked_by_role()]))
    return path


def _open(qtbot: QtBot, window: MainWindow, path: Path) -> int:
    with qtbot.waitSignal(window.respondent_file_opened, timeout=20000) as opened:
        window.open_respondent_file(path)
    (assessment_id,) = opened.args
    return int(assessment_id)


def _shared_flags(db: Path) -> dict[str, tuple[str, int]]:
    connection = sqlite3.connect(db)
    try:
        return {
            str(item): (str(note), int(flag))
            for item, note, flag in connection.execute(
                "SELECT item_id, note, note_shared FROM answers WHERE note != ''"
            )
        }
    finally:
        connection.close()


def test_the_welcome_of_a_named_file_says_who_asks_how_long_and_who_sees_what(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], dialog_log: DialogLog, tmp_path: Path
) -> None:
    window = window_factory()
    _open(qtbot, window, _invitation(tmp_path, "marketing", send_to="Lee"))

    page = window.welcome
    assert window.stack.currentWidget() is page
    assert page.title.text() == "Welcome, Marta"
    assert page.invited.text().startswith("Kim invites you to answer as marketing lead")
    assert page.scope.text() == "Organisation: Acme · Unit: EMEA · Period: 2026-Q3"
    # 3 questions for marketing: 60 to 120 seconds.
    assert page.length.text().startswith("3 questions for your role: about 1 to 2 minutes.")
    assert "20 to 40 seconds a question" in page.basis.text()
    assert page.privacy.text().startswith("Named: Kim and the reports they share will show your")
    assert "your name beside your answers" in page.privacy.text()
    assert "Confidential" not in page.privacy.text()
    assert "only shared notes go back" in page.notes.text()
    assert page.send_back.text().endswith("a file to send to Lee.")
    assert _unnamed(page) == []

    press(qtbot, Qt.Key.Key_Return)  # Start has the focus

    assert window.stack.currentWidget() is window.walkthrough
    assert window.walkthrough.index == 0
    assert window.walkthrough.share_row.isVisibleTo(window.walkthrough)


def test_the_welcome_of_a_confidential_file_promises_roles_and_counts_only(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], dialog_log: DialogLog, tmp_path: Path
) -> None:
    window = window_factory()
    _open(qtbot, window, _invitation(tmp_path, "sales", confidential=True))

    privacy = window.welcome.privacy.text()
    assert privacy.startswith("Confidential: reports show your role and counts only")
    assert "groups under 3 people are pooled" in privacy
    assert "the person collecting (Kim) holds the database" in privacy
    assert "Named" not in privacy
    assert window.welcome.send_back.text().endswith("a file to send to Kim.")  # send_to = by
    assert window.welcome.length.text().startswith("2 questions for your role")


def test_escape_on_the_welcome_goes_home_and_keeps_the_draft(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], dialog_log: DialogLog, tmp_path: Path
) -> None:
    window = window_factory()
    _open(qtbot, window, _invitation(tmp_path, "sales"))

    press(qtbot, Qt.Key.Key_Escape)

    assert window.stack.currentWidget() is window.home
    assert [s.status for s in window.store.list_assessments()] == ["draft"]


def test_a_shared_note_is_committed_and_only_it_goes_back_in_a_0600_file(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
    data_home: Path,
) -> None:
    invitation = _invitation(tmp_path, "marketing", send_to="Lee")
    window = window_factory()
    _open(qtbot, window, invitation)
    press(qtbot, Qt.Key.Key_Return)  # Start
    page = window.walkthrough
    db = data_home / "assessor.db"

    # Question 1 (a-1): answer, write a note and share it.
    press(qtbot, Qt.Key.Key_2)
    page.note.setFocus()
    type_text(qtbot, "the CRM report of May")
    assert page.share_note.isEnabled() and not page.share_note.isChecked()
    page.share_note.click()
    assert page.saved.text().startswith("✓ Saved")
    assert _shared_flags(db) == {"a-1": ("the CRM report of May", 1)}  # on disk already

    # Question 2 (m-1): a note left private.
    page.go_next()
    press(qtbot, Qt.Key.Key_2)
    page.note.setFocus()
    type_text(qtbot, "between us: nobody reads the plan")
    assert not page.share_note.isChecked()
    page.go_next()  # the note is saved on the way
    assert _shared_flags(db)["m-1"] == ("between us: nobody reads the plan", 0)

    # Question 3 (s-1), then the send-off.
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.send_off
    send_off = window.send_off
    assert "send that file to Lee" in send_off.send_to.text()
    assert send_off.notes.text() == (
        "1 shared note goes with the file; 1 note you did not share stays on this computer "
        "and never leaves it."
    )
    assert not send_off.share_all.isChecked()
    assert _unnamed(send_off) == [] and _unnamed(page) == []

    dialog_log.answers["save_file"] = lambda _parent, _caption, suggested, _filters: suggested
    press(qtbot, Qt.Key.Key_Return)  # Send back… has the focus
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    returned = tmp_path / "Acme-2026-Q3-Marta-answered.assessor"  # next to the invitation
    assert returned.stat().st_mode & 0o777 == 0o600
    assert window.statusBar().currentMessage().endswith("send this file back to Lee")
    text = returned.read_text(encoding="utf-8")
    record = json.loads(text)
    answers = record["answers"]["roles"]
    assert answers["a-1"]["note"] == "the CRM report of May"
    assert "note" not in answers["m-1"] and "note" not in answers["s-1"]
    assert "nobody reads the plan" not in text
    assert invitation.exists()  # the invitation itself is untouched


def test_share_all_my_notes_shares_every_note_and_the_ones_typed_after(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
    data_home: Path,
) -> None:
    window = window_factory()
    _open(qtbot, window, _invitation(tmp_path, "marketing"))
    press(qtbot, Qt.Key.Key_Return)
    page = window.walkthrough
    db = data_home / "assessor.db"
    press(qtbot, Qt.Key.Key_3)
    page.note.setFocus()
    type_text(qtbot, "first")
    page.go_next()

    page.share_all.click()
    assert _shared_flags(db) == {"a-1": ("first", 1)}

    press(qtbot, Qt.Key.Key_3)
    page.note.setFocus()
    type_text(qtbot, "second")
    page.go_next()
    assert _shared_flags(db) == {"a-1": ("first", 1), "m-1": ("second", 1)}

    page.share_all.click()  # untick: every note private again
    assert _shared_flags(db) == {"a-1": ("first", 0), "m-1": ("second", 0)}


def test_the_send_off_offers_share_all_and_says_which_notes_go(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
    data_home: Path,
) -> None:
    window = window_factory()
    assessment_id = _open(qtbot, window, _invitation(tmp_path, "sales"))
    window.store.save_note(assessment_id, "roles", "a-1", "one")
    window.store.save_note(assessment_id, "roles", "s-1", "two")
    window.send_off.show_assessment(assessment_id, "Kim")
    assert window.send_off.notes.text().startswith("No note goes with the file; 2 notes")

    window.send_off.share_all.click()

    assert _shared_flags(data_home / "assessor.db") == {"a-1": ("one", 1), "s-1": ("two", 1)}
    assert window.send_off.notes.text() == "2 shared notes go with the file."


def test_a_named_assessment_of_ones_own_has_no_share_choice_and_ends_on_results(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], dialog_log: DialogLog
) -> None:
    window = window_factory()
    created = window.store.create_assessment(
        "Acme", "Kim", "ceo", "2026-Q3", questionnaires=[asked_by_role()]
    )
    window.edit_answers(created.id)
    assert not window.walkthrough.share_row.isVisibleTo(window.walkthrough)
    for _ in range(2):
        press(qtbot, Qt.Key.Key_2)
        press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.results


def test_invite_respondents_passes_the_confidential_choice_on(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    request = InviteRequest(
        "Acme", "", "2026-Q3", "Kim", [Invitee("Marta", "marketing")], confidential=True
    )
    monkeypatch.setattr(invite_dialog, "ask_invite", lambda *args: request)
    dialog_log.answers["choose_folder"] = tmp_path
    window = window_factory()

    window.home.invite_button.click()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    record = json.loads((tmp_path / "Acme-2026-Q3-Marta.assessor").read_text(encoding="utf-8"))
    assert record["invitation"]["confidential"] is True


def test_the_invite_dialog_explains_confidential_in_one_line(qtbot: QtBot) -> None:
    dialog = InviteDialog(["Acme"], "Acme")
    qtbot.addWidget(dialog)
    assert dialog.confidential_note.text() == CONFIDENTIAL_EXPLAINED
    assert "\n" not in CONFIDENTIAL_EXPLAINED and "database" in CONFIDENTIAL_EXPLAINED
    qtbot.keyClicks(dialog.invited_by, "Kim")
    qtbot.keyClicks(dialog.names[0], "Marta")
    dialog.confidential.setChecked(True)
    dialog.buttons.accepted.emit()
    assert dialog.value is not None and dialog.value.confidential

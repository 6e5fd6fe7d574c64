"""Respondent files in the app: opening one asks only its role's items, Send back… writes a file
that imports on the other side, several returned files import at once (from the menu or dropped
on the window), Invite respondents… writes a file per person, History shows who is still out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from assessor.exchange.respondent_file import INVITATION_KEY, dump_sealed
from assessor.storage import Store
from assessor.storage.invitations import invitation_file, new_invitation
from assessor.storage.transfer import read_import
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog, press
from tests.helpers.questionnaires import ASKED_BY_ROLE
from tests.helpers.storage import asked_by_role, bundled, fill
from tests.ui.test_accessibility import _unnamed
from ui import invite_dialog
from ui.invite_dialog import InviteDialog, Invitee, InviteRequest
from ui.main_window import MainWindow

DIGIT_2 = Qt.Key.Key_2


def _respondent_file(folder: Path, name: str, role: str, unit: str = "") -> Path:
    """An invitation to answer the ``roles`` questionnaire, as a file in ``folder``."""
    invitation = new_invitation("Acme", "2026-Q3", name, role, "Kim", unit)
    path = folder / invitation.file_name
    path.write_bytes(invitation_file(invitation, [asked_by_role()]))
    return path


def _wait(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for the window's background operation (started just before) to deliver."""
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass


@pytest.mark.parametrize("role", ["marketing", "sales", "ceo"])
def test_opening_a_respondent_file_asks_only_its_roles_items_and_sends_back(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
    role: str,
) -> None:
    path = _respondent_file(tmp_path, "Marta", role)
    window = window_factory()
    questionnaire = asked_by_role()

    dialog_log.answers["open_file"] = path

    with qtbot.waitSignal(window.respondent_file_opened, timeout=20000):
        window.choose_respondent_file()  # File → Open respondent file…

    assert window.stack.currentWidget() is window.welcome
    press(qtbot, Qt.Key.Key_Return)  # Start
    page = window.walkthrough
    assert window.stack.currentWidget() is page
    asked: list[str] = []
    while window.stack.currentWidget() is page:
        asked.append(page.question.text())
        assert len(asked) <= 4, "the walk-through never finished"
        press(qtbot, DIGIT_2)  # the second option of an agreement or a choice
        press(qtbot, Qt.Key.Key_Return)
    wanted = [questionnaire.item(item_id).text for item_id in ASKED_BY_ROLE[role]]
    assert asked == wanted
    assert window.stack.currentWidget() is window.send_off
    assert dialog_log.named("show_error") == []

    dialog_log.answers["save_file"] = tmp_path / "sent-back"  # the suffix is added
    press(qtbot, Qt.Key.Key_Return)  # Send back… has the focus
    _wait(qtbot, window)

    returned = tmp_path / "sent-back.assessor"
    assert window.statusBar().currentMessage().endswith("send this file back to Kim")
    (save_args,) = dialog_log.named("save_file")
    assert save_args[2] == tmp_path / "Acme-2026-Q3-Marta-answered.assessor"  # by the invitation
    assert returned.stat().st_mode & 0o777 == 0o600
    record = json.loads(returned.read_text(encoding="utf-8"))
    assert record[INVITATION_KEY]["by"] == "Kim"
    with Store.open(tmp_path / "inviter.db") as other:
        bundle = read_import(returned.read_bytes(), str(returned), lambda *_: None)
        (uuid,) = bundle.import_into(other).added
        stored = other.get_assessment(uuid).assessment
        assert stored.status == "complete" and stored.respondent.role == role
        assert sorted(stored.answers["roles"]) == sorted(ASKED_BY_ROLE[role])


def test_opening_the_same_file_again_resumes_the_answers_here(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], dialog_log: DialogLog, tmp_path: Path
) -> None:
    path = _respondent_file(tmp_path, "Sam", "sales")
    window = window_factory()
    with qtbot.waitSignal(window.respondent_file_opened, timeout=20000):
        window.open_respondent_file(path)
    press(qtbot, Qt.Key.Key_Return)  # Start, on the welcome
    press(qtbot, DIGIT_2)
    press(qtbot, Qt.Key.Key_Return)
    window.walkthrough.leave()

    with qtbot.waitSignal(window.respondent_file_opened, timeout=20000):
        window.open_respondent_file(path)

    page = window.walkthrough
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.length.text().startswith("2 questions for your role (1 answered already)")
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is page
    assert page.walk is not None and page.walk.answered == 1 and page.index == 1
    # The copy here has the answer; the file's (answered nowhere) never replaces it.
    assert "skipped Sam (sales), Acme 2026-Q3: " in window.statusBar().currentMessage()
    assert len(window.store.list_assessments()) == 1


def test_a_changed_respondent_file_is_refused_and_nothing_opens(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], dialog_log: DialogLog, tmp_path: Path
) -> None:
    path = _respondent_file(tmp_path, "Sam", "sales")
    record = json.loads(path.read_text(encoding="utf-8"))
    record["respondent"]["role"] = "ceo"
    path.write_text(json.dumps(record), encoding="utf-8")
    window = window_factory()

    window.open_respondent_file(path)
    _wait(qtbot, window)

    (args,) = dialog_log.named("show_error")
    assert args[1] == "The respondent file was not opened"
    assert args[2].splitlines()[0] == (
        f"{path}: the file was changed or damaged after it was written (its SHA-256 does not "
        "match its content); nothing was imported: ask the sender for a new copy"
    )
    assert window.store.list_assessments() == []
    assert window.stack.currentWidget() is window.home


@pytest.fixture
def three_returned(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> list[Path]:
    """Three returned files for this database: one new, one completing a draft stored here,
    one already here. The draft and the one already here are imported first."""
    files = []
    for name, role, finish in (("Marta", "marketing", True), ("Sam", "sales", True)):
        with Store.open(tmp_path / f"{name}.db") as elsewhere:
            invitation = _respondent_file(tmp_path, name, role)
            (uuid,) = (
                read_import(invitation.read_bytes(), str(invitation), lambda *_: None)
                .import_into(elsewhere)
                .added
            )
            stored = elsewhere.get_assessment(uuid)
            fill(elsewhere, stored.id, [asked_by_role()])
            draft = tmp_path / f"{name}-draft.assessor"
            draft.write_bytes(elsewhere.respondent_file(uuid)[1])
            if finish:
                elsewhere.set_status(stored.id, "complete")
            returned = tmp_path / f"{name}-returned.assessor"
            returned.write_bytes(elsewhere.respondent_file(uuid)[1])
            files.append((draft, returned))
    lee = tmp_path / "lee.json"
    other = str(tmp_path / "lee.db")
    with Store.open(tmp_path / "lee.db") as elsewhere:
        created = elsewhere.create_assessment(
            "Acme", "Lee", "other", "2026-Q3", questionnaires=bundled()
        )
        fill(elsewhere, created.id, bundled())
        elsewhere.set_status(created.id, "complete")
    assert run_cli(capsys, "--db", other, "export", "-o", str(lee)).status == 0
    db = str(data_home / "assessor.db")
    assert run_cli(capsys, "--db", db, "import", str(files[1][0]), str(lee)).status == 0
    return [files[0][1], files[1][1], lee]


def test_importing_three_files_at_once_reports_added_replaced_and_skipped(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    three_returned: list[Path],
) -> None:
    window = window_factory()
    dialog_log.answers["open_files"] = three_returned

    window.import_assessments()
    _wait(qtbot, window)

    (args,) = dialog_log.named("show_info")
    assert args[1] == "Import finished"
    marta, sam, lee = three_returned
    assert args[2].splitlines() == [
        "1 added, 1 replaced, 1 skipped.",
        "",
        f"{marta.name}:",
        "  • added Marta (marketing), Acme 2026-Q3",
        f"{sam.name}:",
        "  • replaced Sam (sales), Acme 2026-Q3: the returned complete copy replaces the "
        "draft here",
        f"{lee.name}:",
        "  • skipped Lee (other), Acme 2026-Q3: already here, as recent (updated "
        f"{json.loads(lee.read_text(encoding='utf-8'))[0]['updated']})",
    ]
    assert window.statusBar().currentMessage() == "Imported: 1 added, 1 replaced, 1 skipped."
    statuses = {s.respondent: s.status for s in window.store.list_assessments()}
    assert statuses == {"Marta": "complete", "Sam": "complete", "Lee": "complete"}


def test_files_dropped_on_the_window_are_imported(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    three_returned: list[Path],
    tmp_path: Path,
) -> None:
    window = window_factory()
    text = tmp_path / "notes.txt"
    text.write_text("not for Assessor", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in [*three_returned, text]])
    only_text = QMimeData()
    only_text.setUrls([QUrl.fromLocalFile(str(text))])
    assert window.dropped_files(data) == three_returned  # what a drag over the window offers
    assert window.dropped_files(only_text) == []
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )

    window.dropEvent(drop)  # what Qt calls when files are dropped on the window
    _wait(qtbot, window)

    assert drop.isAccepted()
    assert window.statusBar().currentMessage() == "Imported: 1 added, 1 replaced, 1 skipped."
    assert len(window.store.list_assessments()) == 3


def test_invite_from_home_writes_a_file_per_person_and_history_shows_who_is_out(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "Acme-2026-Q3-Sam.assessor").write_text("someone else's", encoding="utf-8")
    request = InviteRequest(
        "Acme",
        "",
        "2026-Q3",
        "Kim",
        [Invitee("Marta", "marketing"), Invitee("Sam", "sales"), Invitee("Sam", "sales")],
    )
    asked: list[tuple[object, ...]] = []
    monkeypatch.setattr(invite_dialog, "ask_invite", lambda *args: asked.append(args) or request)
    dialog_log.answers["choose_folder"] = folder
    window = window_factory()

    window.home.invite_button.click()
    _wait(qtbot, window)

    assert sorted(p.name for p in folder.iterdir()) == [
        "Acme-2026-Q3-Marta.assessor",
        "Acme-2026-Q3-Sam-2.assessor",
        "Acme-2026-Q3-Sam-3.assessor",
        "Acme-2026-Q3-Sam.assessor",
    ]
    assert (folder / "Acme-2026-Q3-Sam.assessor").read_text(encoding="utf-8") == "someone else's"
    (info,) = dialog_log.named("show_info")
    assert info[1] == "Respondent files written" and "Send back…" in info[2]
    marta = folder / "Acme-2026-Q3-Marta.assessor"
    record = json.loads(marta.read_text(encoding="utf-8"))
    assert record["respondent"] == {"name": "Marta", "role": "marketing"}
    assert set(record["definitions"]) == {q.id for q in window.catalogue}
    assert window.store.list_assessments() == []

    # Marta answers elsewhere and her file comes back.
    with Store.open(tmp_path / "marta.db") as elsewhere:
        bundle = read_import(marta.read_bytes(), str(marta), lambda *_: None)
        (uuid,) = bundle.import_into(elsewhere).added
        stored = elsewhere.get_assessment(uuid)
        fill(elsewhere, stored.id, list(elsewhere.definitions(uuid).values()))
        elsewhere.set_status(stored.id, "complete")
        returned = tmp_path / "marta-back.assessor"
        returned.write_bytes(dump_sealed(json.loads(elsewhere.respondent_file(uuid)[1])))
    window.import_files([returned])
    _wait(qtbot, window)

    window.show_history("Acme")
    history = window.history
    assert history.invitations_summary.text() == (
        "2026-Q3: 3 invited, 1 returned; still out: Sam (Sales), Sam (Sales)"
    )
    table = history.invitations_table
    rows = [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]
    assert rows == [
        ["2026-Q3", "Marta", "Marketing", "Kim", "Returned"],
        ["2026-Q3", "Sam", "Sales", "Kim", "Still out"],
        ["2026-Q3", "Sam", "Sales", "Kim", "Still out"],
    ]
    assert history.heading.text() == "Acme"

    dialog_log.answers["choose_folder"] = None  # History's button asks for its organisation
    history.invite_button.click()
    assert asked[-1][2:] == ("Acme", "")


def test_the_invite_dialog_collects_people_and_names_its_controls(qtbot: QtBot) -> None:
    dialog = InviteDialog(["Acme", "Beta"], "Beta", "EMEA")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert _unnamed(dialog) == []
    dialog.buttons.accepted.emit()
    assert dialog.value is None
    assert "Enter your name" in dialog.problem.text()
    assert "at least one person" in dialog.problem.text()

    qtbot.keyClicks(dialog.invited_by, "Kim")
    qtbot.keyClicks(dialog.names[0], "Marta")
    dialog.add_button.click()
    qtbot.keyClicks(dialog.names[2], "Zoe")
    dialog.buttons.accepted.emit()

    assert dialog.value is not None
    assert (dialog.value.organisation, dialog.value.unit) == ("Beta", "EMEA")
    assert dialog.value.people == [Invitee("Marta", "marketing"), Invitee("Zoe", "ceo")]

"""Starting the app: a damaged database, a broken user questionnaire, unexpected errors."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from assessor.questionnaire.catalogue import load_catalogue
from assessor.storage.store import Store
from tests.helpers.qt import DialogLog
from tests.helpers.questionnaires import MINIMAL_TOML, mutate, write_questionnaire
from ui.app import create_main_window, report_unexpected
from ui.main_window import MainWindow


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_damaged_database_offers_a_way_out_and_is_not_touched(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path
) -> None:
    db = data_home / "assessor.db"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    before = _digest(db)

    window = create_main_window()

    assert window is None
    (args,) = dialog_log.named("choose")
    assert args[1] == "The database cannot be opened"
    assert str(db) in args[2]
    assert args[3] == ["Restore a backup…", "Use another file…"]
    assert _digest(db) == before


def test_damaged_database_can_be_restored_from_a_backup(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path
) -> None:
    db = data_home / "assessor.db"
    with Store.open(db) as store:
        store.create_assessment("Kept Ltd", "Ann", "ceo", "2026-Q1", "", list(load_catalogue()))
        backup = store.backup()
    db.write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    dialog_log.answers["choose"] = 0
    dialog_log.answers["open_file"] = backup

    window = create_main_window()

    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.store.organisations() == ["Kept Ltd"]
    assert any(p.name.startswith("assessor.db.before-restore") for p in data_home.iterdir())
    window.close()


def test_newer_database_is_refused_with_a_dialog(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path
) -> None:
    db = data_home / "assessor.db"
    Store.open(db).close()
    import sqlite3

    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA user_version = 999")
    before = _digest(db)

    assert create_main_window() is None

    (args,) = dialog_log.named("choose")
    assert "newer" in args[2].lower()
    assert _digest(db) == before


def test_broken_user_questionnaire_shows_a_warning_and_the_app_works(
    qtbot: QtBot, dialog_log: DialogLog, window_factory: Callable[[], MainWindow], data_home: Path
) -> None:
    bad = write_questionnaire(
        data_home / "questionnaires", "ours.toml", mutate('dimension = "alpha"', 'dimension = "x"')
    )

    window = window_factory()

    assert window.warning.isVisible()
    text = window.warning.text.text()
    assert f'{bad}: items[0] (id "a-1").dimension: dimension "x" is not defined' in text
    assert [q.id for q in window.catalogue] == [
        "organisation-profile",
        "four-freedoms",
        "role-clarity",
        "collaboration",
    ]
    assert window.stack.currentWidget() is window.home
    assert dialog_log.calls == []


def test_good_user_questionnaire_is_offered(
    window_factory: Callable[[], MainWindow], data_home: Path
) -> None:
    write_questionnaire(data_home / "questionnaires", "mini.toml", MINIMAL_TOML)

    window = window_factory()

    assert "mini" in window.catalogue
    assert not window.warning.isVisible()


def test_unexpected_error_shows_details_to_copy(dialog_log: DialogLog) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        report_unexpected(*sys.exc_info())  # type: ignore[arg-type]

    (args,) = dialog_log.named("show_error")
    assert "boom" in args[2]
    assert "safe" in args[2]
    assert 'raise RuntimeError("boom")' in args[3]


def test_delete_asks_first_and_keeps_a_backup(
    qtbot: QtBot, dialog_log: DialogLog, window_factory: Callable[[], MainWindow], data_home: Path
) -> None:
    window = window_factory()
    stored = window.store.create_assessment(
        "Gone Ltd", "Ann", "ceo", "2026-Q1", "", list(window.catalogue)
    )
    window.show_home(stored.id)
    dialog_log.answers["confirm"] = False

    window.home.delete_button.click()
    assert window.store.organisations() == ["Gone Ltd"]

    dialog_log.answers["confirm"] = True
    window.home.delete_button.click()
    assert window.store.organisations() == []
    assert window.home.stack.currentWidget() is window.home.empty
    assert list((data_home / "backups").glob("*before-delete*"))


def test_the_window_icon_ships_with_the_front_end(qtbot: QtBot) -> None:
    from PySide6.QtGui import QIcon

    import ui.app

    icon = QIcon(str(Path(ui.app.__file__).with_name("icons") / "assessor.svg"))

    assert not icon.isNull()
    assert not icon.pixmap(64, 64).isNull()


def test_home_offers_resume_for_a_draft_and_open_for_a_finished_one(
    window_factory: Callable[[], MainWindow], dialog_log: DialogLog
) -> None:
    window = window_factory()
    questionnaires = list(window.catalogue)[:1]
    draft = window.store.create_assessment("Acme", "Ann", "ceo", "2026-Q2", "", questionnaires)

    window.show_home(draft.id)

    assert window.home.open_button.text() == "Resume"
    window.home.open_button.click()
    assert window.stack.currentWidget() is window.walkthrough

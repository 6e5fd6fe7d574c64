"""The app starts with any broken questionnaire in the user's folder: the file is skipped with
the warning bar, the other questionnaires are offered, and nothing hangs; File menu exports are
private and refuse devices; a mistyped --db folder is reported, not created."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assessor.storage import Store
from tests.helpers.hostile import BROKEN_QUESTIONNAIRES, hang_guard
from tests.helpers.qt import DialogLog
from tests.helpers.questionnaires import MINIMAL_TOML, write_questionnaire
from tests.helpers.storage import mini
from ui.app import create_main_window
from ui.main_window import MainWindow


@pytest.mark.parametrize("kind", sorted(BROKEN_QUESTIONNAIRES))
def test_the_app_starts_with_a_broken_questionnaire_and_shows_the_warning_bar(
    kind: str, qtbot: QtBot, dialog_log: DialogLog, data_home: Path
) -> None:
    folder = data_home / "questionnaires"
    write_questionnaire(folder, "mini.toml", MINIMAL_TOML)
    broken = BROKEN_QUESTIONNAIRES[kind]
    path = broken.make(folder / f"{kind}.toml")

    with hang_guard():
        window = create_main_window()

    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.attached and window.stack.currentWidget() is window.home
    assert not window.warning.isHidden()
    lines = window.warning.text.text().splitlines()
    (line,) = [line for line in lines if line.startswith(f"{path}: ")]
    assert broken.fragment in line
    assert {"mini", "four-freedoms", "role-clarity", "collaboration"} <= set(
        window.catalogue.entries
    )
    assert dialog_log.calls == []
    window.close()


def test_a_db_folder_that_does_not_exist_is_reported_and_not_created(
    qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path
) -> None:
    missing = tmp_path / "typo" / "assessor.db"

    assert create_main_window(missing) is None

    (args,) = dialog_log.named("choose")
    assert f"the folder {missing.parent} does not exist; check the path" in args[2]
    assert not missing.parent.exists()


def test_export_all_writes_a_private_file(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
) -> None:
    window = window_factory()
    window.store.create_assessment(
        "Private Ltd", "Ann", "ceo", "2026-Q1", "", list(window.catalogue)
    )
    target = tmp_path / "all.json"
    dialog_log.answers["save_file"] = target

    window.export_assessments()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    assert dialog_log.named("show_error") == []
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert "Private Ltd" in target.read_text(encoding="utf-8")


def test_export_all_onto_a_device_is_refused_in_a_dialog(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], dialog_log: DialogLog
) -> None:
    window = window_factory()
    dialog_log.answers["save_file"] = Path("/dev/full")

    window.export_assessments()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    (args,) = dialog_log.named("show_error")
    assert "/dev/full: is a character device, not a regular file" in args[2]
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_failed_automatic_backup_is_not_shown_as_a_questionnaire_problem(
    qtbot: QtBot, dialog_log: DialogLog, data_home: Path
) -> None:
    with Store.open(data_home / "assessor.db", automatic_backups=False) as store:
        store.create_assessment("Changed Ltd", "Ann", "ceo", "2026-Q1", questionnaires=[mini()])
    (data_home / "backups").write_text("not a folder", encoding="utf-8")

    window = create_main_window()  # changed data and no backup: one is due at opening

    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    (line,) = window.warning.text.text().splitlines()
    assert "the automatic backup failed: the backup folder" in line
    assert "the database itself is unchanged" in line
    window.close()

"""The import's progress bar in the status area: counts as it goes, Cancel imports nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers.hostile import exchange_records, table_counts, write_json
from tests.helpers.qt import DialogLog
from ui.main_window import MainWindow


def test_the_bar_counts_the_assessments_and_goes_away(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
    data_home: Path,
) -> None:
    window = window_factory()
    source = write_json(tmp_path / "many.json", exchange_records(30))
    dialog_log.answers["open_files"] = [source]
    shown: list[str] = []

    window.import_assessments()
    area = window.progress_area
    assert area.isVisible()
    window.operation.progressed.connect(lambda *_: shown.append(area.label.text()))
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    assert shown[0] == "Importing 0 of 30 assessments…"
    assert shown[-1] == "Importing 30 of 30 assessments…"
    assert area.bar.maximum() == 30
    assert not area.isVisible()
    assert table_counts(data_home / "assessor.db")["assessments"] == 30
    assert window.statusBar().currentMessage() == "Imported: 30 added, 0 replaced, 0 skipped."


def test_cancel_leaves_the_database_exactly_as_it_was(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
    data_home: Path,
) -> None:
    window = window_factory()
    database = data_home / "assessor.db"
    dialog_log.answers["open_files"] = [
        write_json(tmp_path / "kept.json", exchange_records(2, organisation="Kept Ltd"))
    ]
    window.import_assessments()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass
    before = table_counts(database)
    assert before["assessments"] == 2
    dialog_log.answers["open_files"] = [
        write_json(tmp_path / "many.json", exchange_records(1000, first=1000))
    ]
    clicked: list[int] = []

    def click_cancel(done: int, total: int) -> None:
        if not clicked:  # as soon as the first counts show, the user clicks Cancel
            clicked.append(done)
            qtbot.mouseClick(window.progress_area.cancel_button, Qt.MouseButton.LeftButton)

    window.import_assessments()
    window.operation.progressed.connect(click_cancel)
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    assert clicked == [0]
    assert window.operation.cancelled
    assert table_counts(database) == before
    assert window.statusBar().currentMessage() == "Cancelled: nothing was imported"
    assert dialog_log.named("show_error") == []
    assert not window.progress_area.isVisible()
    assert window.store.organisations() == ["Kept Ltd"]

"""Import, export and back up from the app's File menu; import runs off the GUI thread."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assessor.demo import DEMO_ORGANISATION
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog
from ui.main_window import MainWindow


@pytest.fixture
def demo_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """An exchange file of the demo organisation, made in a database of its own."""
    target = tmp_path / "demo.json"
    other = str(tmp_path / "other.db")
    assert run_cli(capsys, "--db", other, "demo").status == 0
    assert run_cli(capsys, "--db", other, "export", "-o", str(target)).status == 0
    return target


def test_import_from_the_menu_adds_the_assessments(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    demo_export: Path,
) -> None:
    window = window_factory()
    assert window.home.stack.currentWidget() is window.home.empty
    dialog_log.answers["open_files"] = [demo_export]

    window.import_assessments()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    assert window.store.organisations() == [DEMO_ORGANISATION]
    assert len(window.store.list_assessments()) == 18
    assert window.home.stack.currentWidget() is window.home.content
    assert window.statusBar().currentMessage() == "Imported: 18 added, 0 replaced, 0 skipped."
    assert dialog_log.named("show_error") == []
    (summary,) = dialog_log.named("show_info")
    assert summary[1] == "Import finished"
    assert summary[2].startswith("18 added, 0 replaced, 0 skipped.\n\ndemo.json:\n  • added ")
    assert summary[2].endswith("  • 35 outcome values: 35 added, 0 replaced, 0 skipped")
    assert len(window.store.outcomes(DEMO_ORGANISATION)) == 35


def test_a_bad_file_is_reported_and_changes_nothing(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
) -> None:
    window = window_factory()
    bad = tmp_path / "bad.json"
    bad.write_text('[{"format": "assessor.assessment", "period": "2026-Q5"}]', encoding="utf-8")
    dialog_log.answers["open_files"] = [bad]

    window.import_assessments()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass

    (args,) = dialog_log.named("show_error")
    assert args[1] == "Nothing was imported"
    assert f"{bad}: [0].period: '2026-Q5' is not a period" in args[2]
    assert "Nothing was changed." in args[2]
    assert window.store.list_assessments() == []


def test_export_all_and_back_up_now(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    demo_export: Path,
    tmp_path: Path,
    data_home: Path,
) -> None:
    window = window_factory()
    dialog_log.answers["open_files"] = [demo_export]
    window.import_assessments()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass
    target = tmp_path / "out.json"
    dialog_log.answers["save_file"] = target

    window.export_assessments()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass
    window.back_up_now()

    records = json.loads(target.read_text(encoding="utf-8"))
    assert sum(record["format"] == "assessor.assessment" for record in records) == 18
    # The demo's business outcomes travel too: six quarters, one figure not known.
    (outcomes,) = (record for record in records if record["format"] == "assessor.outcomes")
    assert len(outcomes["outcomes"]) == 35
    assert list((data_home / "backups").glob("assessor-*.db"))
    assert window.statusBar().currentMessage().startswith("Backed up to")

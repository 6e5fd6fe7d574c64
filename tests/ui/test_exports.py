"""Exports start in Documents, then in the folder used last; the status bar links the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assessor.demo import DEMO_ORGANISATION
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog
from ui import places
from ui.main_window import MainWindow


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, whose Documents folder Qt reports."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    assert places.documents_folder() == home / "Documents"
    return home / "Documents"


@pytest.fixture
def demo_window(
    window_factory: Callable[[], MainWindow], capsys: pytest.CaptureFixture[str]
) -> MainWindow:
    assert run_cli(capsys, "demo").status == 0
    return window_factory()


def _export_results_pdf(qtbot: QtBot, window: MainWindow) -> None:
    window.show_results(window.store.list_assessments(DEMO_ORGANISATION)[0].id)
    with qtbot.waitSignal(window.results.pdf.done, timeout=20000):
        window.results.export_button.click()


def test_the_first_export_starts_in_documents_and_the_next_in_the_folder_used(
    qtbot: QtBot,
    demo_window: MainWindow,
    dialog_log: DialogLog,
    documents: Path,
    tmp_path: Path,
) -> None:
    reports = tmp_path / "board papers"
    reports.mkdir()
    dialog_log.answers["save_file"] = reports / "diagnosis"

    _export_results_pdf(qtbot, demo_window)

    (first,) = dialog_log.named("save_file")
    assert first[2].parent == documents
    assert first[2].name.endswith("-diagnosis.pdf")
    assert (reports / "diagnosis.pdf").is_file()

    # The comparison, the exchange file and an import start where the PDF went.
    dialog_log.answers["save_file"] = None
    demo_window.show_history(DEMO_ORGANISATION)
    demo_window.history.export_button.click()
    demo_window.export_assessments()
    demo_window.import_assessments()
    comparison, everything = dialog_log.named("save_file")[1:]
    assert comparison[2].parent == reports
    assert everything[2] == reports / "assessments.json"
    (opened,) = dialog_log.named("open_files")
    assert opened[2] == reports


def test_the_folder_is_remembered_by_the_next_window(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    documents: Path,
    tmp_path: Path,
) -> None:
    window = window_factory()
    elsewhere = tmp_path / "exchange"
    elsewhere.mkdir()
    dialog_log.answers["save_file"] = elsewhere / "all.json"
    window.export_assessments()
    with qtbot.waitSignal(window.operation.finished, timeout=20000):
        pass
    window.close()

    dialog_log.answers["save_file"] = None
    window_factory().export_assessments()

    assert dialog_log.named("save_file")[1][2] == elsewhere / "assessments.json"


def test_a_folder_that_has_gone_falls_back_to_documents(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    documents: Path,
    tmp_path: Path,
) -> None:
    places.remember_folder(tmp_path / "gone" / "x.pdf")

    window_factory().export_assessments()

    assert dialog_log.named("save_file")[0][2] == documents / "assessments.json"


def test_the_status_bar_names_the_written_file_and_opens_it(
    qtbot: QtBot,
    demo_window: MainWindow,
    dialog_log: DialogLog,
    documents: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(places, "open_with_desktop", lambda path: opened.append(path) or True)
    target = documents / "Acme report.pdf"
    dialog_log.answers["save_file"] = target

    _export_results_pdf(qtbot, demo_window)

    saved = demo_window.saved_file
    assert saved.isVisibleTo(demo_window)
    assert saved.what.text() == "Saved the PDF:"
    assert saved.file_link.text() == "Acme report.pdf"
    assert saved.file_link.accessibleName() == f"Open {target}"
    saved.file_link.click()
    saved.folder_link.click()
    assert opened == [target, documents]

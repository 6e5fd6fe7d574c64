"""Organisation report… from Home and from History: the PDF is written off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from assessor.demo import DEMO_ORGANISATION, DEMO_RESPONDENTS
from assessor.diagnosis.figures import points_change
from assessor.report.sections import change_text
from assessor.storage.comparisons import comparison_for
from assessor.storage.store import Store
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog
from ui.home_page import ID_ROLE, PERIOD_ROLE
from ui.main_window import MainWindow
from ui.pdf_output import PdfOutput


def _summary_page(path: Path) -> str:
    return " ".join(PdfReader(path).pages[1].extract_text().split())


def _wait(qtbot: QtBot, output: PdfOutput) -> None:
    assert output.operation is not None
    with qtbot.waitSignal(output.operation.finished, timeout=30000):
        pass


@pytest.fixture
def demo_window(
    window_factory: Callable[[], MainWindow], capsys: pytest.CaptureFixture[str]
) -> MainWindow:
    assert run_cli(capsys, "demo").status == 0
    return window_factory()


def _period_row(window: MainWindow, period: str) -> QTreeWidgetItem:
    tree = window.home.tree
    organisation = tree.topLevelItem(0)
    organisation.setExpanded(True)
    for index in range(organisation.childCount()):
        row = organisation.child(index)
        if row.data(0, PERIOD_ROLE) == period and row.data(0, ID_ROLE) is None:
            return row
    raise AssertionError(f"no row for {period}")


def test_home_writes_the_selected_periods_organisation_report(
    demo_window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path
) -> None:
    window = demo_window
    window.home.tree.setCurrentItem(_period_row(window, "2025-Q1"))
    target = tmp_path / "org"
    dialog_log.answers["save_file"] = target

    window.home.organisation_button.click()
    _wait(qtbot, window.home.pdf)

    (args,) = dialog_log.named("save_file")
    assert args[2].name == "Demo-Harbour-Tools-Ltd-2025-Q1-organisation-report.pdf"
    page = _summary_page(target.with_suffix(".pdf"))
    assert "The organisation in one page" in page
    for _, name in DEMO_RESPONDENTS:
        assert name in page
    assert "⚠ Marketing and sales see meeting cadence differently" in page
    assert dialog_log.named("show_error") == []
    saved = window.saved_file
    assert saved.what.text() == "Saved the organisation report:"
    assert saved.path == target.with_suffix(".pdf") and not saved.isHidden()
    assert window.home.organisation_button.isEnabled()


def test_home_on_an_organisation_takes_its_latest_period(
    demo_window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path, data_home: Path
) -> None:
    window = demo_window
    window.home.tree.setCurrentItem(window.home.tree.topLevelItem(0))
    dialog_log.answers["save_file"] = tmp_path / "latest.pdf"

    assert window.home.selected_period() == "2026-Q2"
    window.home.organisation_button.click()
    _wait(qtbot, window.home.pdf)

    with Store.open(data_home / "assessor.db") as store:
        *_, before, latest = comparison_for(store, DEMO_ORGANISATION).indices[0].points
    assert (before.period, latest.period) == ("2026-Q1", "2026-Q2")
    change = points_change(before.score, latest.score)
    assert change is not None and change > 0  # the demo's story: still improving
    assert change_text(change, "2026-Q1") in _summary_page(tmp_path / "latest.pdf")


def test_history_writes_the_chosen_periods_report(
    demo_window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path
) -> None:
    window = demo_window
    window.show_history(DEMO_ORGANISATION)
    history = window.history
    history.period_selector.setCurrentIndex(history.period_selector.findText("2025-Q2"))
    dialog_log.answers["save_file"] = tmp_path / "q2.pdf"

    history.organisation_button.click()
    _wait(qtbot, history.pdf)

    (args,) = dialog_log.named("save_file")
    assert args[2].name == "Demo-Harbour-Tools-Ltd-2025-Q2-organisation-report.pdf"
    page = _summary_page(tmp_path / "q2.pdf")
    assert "Demo: Harbour Tools Ltd · 2025-Q2" in page
    assert "Up 4 points since 2025-Q1 (then 34, now 38)" in page
    assert history.organisation_button.isEnabled()


def test_cancelled_report_writes_nothing(
    demo_window: MainWindow, dialog_log: DialogLog, tmp_path: Path
) -> None:
    window = demo_window
    window.home.tree.setCurrentItem(_period_row(window, "2026-Q2"))

    window.home.organisation_button.click()

    assert window.home.pdf.operation is None
    assert len(dialog_log.named("save_file")) == 1
    assert not list(tmp_path.glob("*.pdf"))


def test_an_organisation_without_complete_assessments_is_told_so(
    window_factory: Callable[[], MainWindow], dialog_log: DialogLog
) -> None:
    window = window_factory()
    window.store.create_assessment("Draft Co", "Ann", "ceo", "2026-Q2", "", list(window.catalogue))
    window.show_home()
    window.home.tree.setCurrentItem(window.home.tree.topLevelItem(0))

    window.home.organisation_button.click()

    (args,) = dialog_log.named("show_error")
    assert "Draft Co has no complete assessment" in args[2]
    assert dialog_log.named("save_file") == []

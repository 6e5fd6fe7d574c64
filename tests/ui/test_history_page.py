"""The History view on the demo organisation: chart points, the table, respondents, export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from assessor.demo import DEMO_ORGANISATION, DEMO_PERIODS, create_demo
from assessor.storage.store import Store
from tests.helpers.qt import DialogLog
from ui import style
from ui.history_page import HistoryPage


@pytest.fixture
def store(data_home: Path) -> Iterator[Store]:
    opened = Store.open(data_home / "assessor.db", automatic_backups=False)
    create_demo(opened)
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot: QtBot, store: Store, tmp_path: Path) -> HistoryPage:
    shown = HistoryPage(store)
    qtbot.addWidget(shown)
    shown.resize(1000, 800)
    shown.show_organisation(DEMO_ORGANISATION)
    with qtbot.waitExposed(shown):
        shown.show()
    return shown


def test_history_of_the_demo_organisation(page: HistoryPage) -> None:
    assert page.comparison is not None
    assert page.heading.text() == DEMO_ORGANISATION
    # Indices: the overall index and three questionnaires, 6 periods each.
    assert page.series_points() == [6, 6, 6, 6]
    assert page.points_count() == 24
    assert page.table.rowCount() == len(DEMO_PERIODS) == 6
    assert page.table.columnCount() == 4
    assert page.table.verticalHeaderItem(0).text() == "2025-Q1"
    assert page.respondents_table.rowCount() == 3
    assert page.period_selector.currentText() == "2026-Q2"
    assert page.followup_rows > 0


def test_changes_are_coloured_and_spoken(page: HistoryPage) -> None:
    first = page.table.item(0, 0)
    second = page.table.item(1, 0)
    assert "(" not in first.text()
    assert second.text().endswith(")") and "(+" in second.text()
    assert second.foreground().color() == style.tone(style.UP)
    spoken = str(second.data(Qt.ItemDataRole.AccessibleTextRole))
    assert spoken.startswith("Overall index, 2025-Q2: ") and "up " in spoken


def test_selecting_a_questionnaire_shows_its_dimensions(page: HistoryPage) -> None:
    page.selector.setCurrentIndex(
        page.selector.findText("Dimensions: Marketing and sales collaboration")
    )
    assert page.series_points() == [6] * 5
    assert page.table.rowCount() == 6 and page.table.columnCount() == 5
    page.period_selector.setCurrentIndex(page.period_selector.findText("2025-Q1"))
    assert page.respondents_table.rowCount() == 3
    headers = [
        page.respondents_table.horizontalHeaderItem(c).text()
        for c in range(page.respondents_table.columnCount())
    ]
    assert "⚠ Meeting cadence" in headers
    assert "Marketing and sales see meeting cadence differently" in page.gaps.text()
    assert "first period compared" in page.followups_note.text()


def test_export_comparison_pdf(
    page: HistoryPage, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path
) -> None:
    target = tmp_path / "history"
    dialog_log.answers["save_file"] = target
    messages: list[str] = []
    page.status_message.connect(messages.append)
    page.export_pdf()
    assert page.operation is not None
    with qtbot.waitSignal(page.operation.finished, timeout=20000):
        pass
    (args,) = dialog_log.named("save_file")
    assert args[2].name == "Demo-Harbour-Tools-Ltd-2025-Q1-2026-Q2-comparison.pdf"
    written = target.with_suffix(".pdf")
    assert messages == [f"Saved the comparison to {written}"]
    text = " ".join(p.extract_text() for p in PdfReader(written).pages)
    assert all(period in text for period in DEMO_PERIODS)
    assert dialog_log.named("show_error") == []
    assert page.export_button.isEnabled()


def test_cancelled_export_writes_nothing(page: HistoryPage, dialog_log: DialogLog) -> None:
    page.export_pdf()
    assert page.operation is None
    assert len(dialog_log.named("save_file")) == 1


def test_an_unknown_organisation_shows_a_message(page: HistoryPage) -> None:
    page.show_organisation("Nobody Ltd")
    assert page.comparison is None
    assert "Nothing to compare yet" in page.message.text()
    assert page.points_count() == 0
    assert page.table.rowCount() == 0
    assert not page.export_button.isEnabled()


def test_home_button(page: HistoryPage, qtbot: QtBot) -> None:
    with qtbot.waitSignal(page.home_requested, timeout=2000):
        page.home_button.click()


@pytest.mark.parametrize("selection", ["Indices", "Dimensions: Marketing and sales collaboration"])
def test_the_tables_fit_the_default_window_without_scrolling_sideways(
    page: HistoryPage, qtbot: QtBot, selection: str
) -> None:
    page.resize(1040, 760)
    page.selector.setCurrentIndex(page.selector.findText(selection))
    for table in (page.table, page.respondents_table):
        qtbot.waitUntil(lambda t=table: t.viewport().width() > 0)
        header = table.horizontalHeader()
        used = sum(header.sectionSize(c) for c in range(table.columnCount()))
        assert used <= table.viewport().width()
        assert table.horizontalScrollBar().maximum() == 0
        assert header.height() >= header.fontMetrics().height()


def test_one_complete_assessment_is_counted_in_the_singular(
    qtbot: QtBot, data_home: Path, tmp_path: Path
) -> None:
    from tests.helpers.storage import bundled, fill

    with Store.open(tmp_path / "one.db", automatic_backups=False) as store:
        stored = store.create_assessment("Solo Ltd", "Ann", "ceo", "2026-Q1", "", bundled())
        fill(store, stored.id, bundled())
        store.set_status(stored.id, "complete")
        page = HistoryPage(store)
        qtbot.addWidget(page)
        page.show_organisation("Solo Ltd")

        assert page.subtitle.text() == "2026-Q1 · 1 period · 1 complete assessment"

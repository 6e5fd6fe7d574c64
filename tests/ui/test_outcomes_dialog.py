"""Outcomes…: a period's business outcomes entered in the app, from the keyboard, and read back
from the database; reached from Home and from History; shown in History."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from assessor.demo import DEMO_ORGANISATION, create_demo
from assessor.exchange.outcomes import OutcomeValue
from assessor.storage.store import Store
from tests.helpers.cli import run_cli
from tests.helpers.qt import DialogLog, press, type_text
from tests.helpers.storage import bundled
from ui.history_page import HistoryPage
from ui.home_page import ID_ROLE, PERIOD_ROLE
from ui.main_window import MainWindow
from ui.outcomes_dialog import OutcomesDialog


def _stored(db: Path) -> dict[tuple[str, str, str], tuple[float, str, str]]:
    """Every stored outcome, read with sqlite3 itself: (unit, period, metric) → (value, who,
    source)."""
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT unit, period, metric, value, entered_by, source FROM outcomes"
        ).fetchall()
    finally:
        connection.close()
    return {(u, p, m): (v, who, source) for u, p, m, v, who, source in rows}


@pytest.fixture
def store(data_home: Path) -> Iterator[Store]:
    opened = Store.open(data_home / "assessor.db", automatic_backups=False)
    opened.create_assessment("Acme", "Ann", "ceo", "2026-Q1", questionnaires=bundled())
    yield opened
    opened.close()


def _dialog(qtbot: QtBot, store: Store, period: str = "2026-Q2") -> OutcomesDialog:
    dialog = OutcomesDialog(store, "Acme", "", period)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    return dialog


def test_outcomes_are_entered_from_the_keyboard_and_stored(
    qtbot: QtBot, store: Store, data_home: Path
) -> None:
    store.save_outcomes("Acme", "", [OutcomeValue("2026-Q1", "win-rate", 21.5)])
    dialog = _dialog(qtbot, store)
    assert QApplication.focusWidget() is dialog.fields["lead-to-opportunity"]
    assert dialog.hints["win-rate"].text() == "2026-Q1: 21.5%"

    type_text(qtbot, "18,5")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "23%")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)  # sales cycle not known: left blank
    type_text(qtbot, "12")
    dialog.source.setText("CRM report 'Pipeline by source'")
    dialog.entered_by.setText("Kim")
    dialog.fields["first-response-hours"].setFocus()
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        press(qtbot, Qt.Key.Key_Return)

    assert saved.args == [3]
    assert not dialog.isVisible()
    assert _stored(data_home / "assessor.db") == {
        ("", "2026-Q1", "win-rate"): (21.5, "", ""),
        ("", "2026-Q2", "lead-to-opportunity"): (18.5, "Kim", "CRM report 'Pipeline by source'"),
        ("", "2026-Q2", "win-rate"): (23.0, "Kim", "CRM report 'Pipeline by source'"),
        ("", "2026-Q2", "first-response-hours"): (12.0, "Kim", "CRM report 'Pipeline by source'"),
    }


def test_a_value_out_of_range_is_named_and_nothing_is_saved(
    qtbot: QtBot, store: Store, data_home: Path
) -> None:
    dialog = _dialog(qtbot, store)
    dialog.fields["lead-to-opportunity"].setText("20")
    dialog.fields["win-rate"].setText("140")

    dialog.save_button.click()

    assert dialog.isVisible()
    assert not dialog.error.isHidden()
    assert dialog.error.text() == "Win rate: 140 is outside Win rate's range (0–100%)"
    assert QApplication.focusWidget() is dialog.fields["win-rate"]
    assert _stored(data_home / "assessor.db") == {}


def test_choosing_another_period_shows_its_figures_and_clearing_one_removes_it(
    qtbot: QtBot, store: Store, data_home: Path
) -> None:
    store.save_outcomes(
        "Acme",
        "",
        [
            OutcomeValue("2026-Q1", "win-rate", 21.5, "Kim", "2026-04-01T09:00:00Z", "CRM"),
            OutcomeValue("2026-Q1", "sales-cycle-days", 60.0, "Kim", "2026-04-01T09:00:00Z"),
        ],
    )
    dialog = _dialog(qtbot, store)
    assert dialog.fields["win-rate"].text() == ""

    dialog.period.setCurrentText("2026-Q1")
    assert dialog.fields["win-rate"].text() == "21.5"
    assert dialog.source.text() == "CRM"
    dialog.fields["sales-cycle-days"].clear()
    dialog.save()

    assert dialog.changed == 1
    assert _stored(data_home / "assessor.db") == {("", "2026-Q1", "win-rate"): (21.5, "Kim", "CRM")}


def test_every_field_says_what_it_measures(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)

    for metric in dialog.metrics:
        field = dialog.fields[metric.id]
        assert field.accessibleName().startswith(metric.title)
        assert metric.definition in field.accessibleDescription()
        assert metric.better_label in field.accessibleDescription()
    assert all(isinstance(f, QLineEdit) for f in dialog.fields.values())


def _period_row(window: MainWindow, period: str) -> QTreeWidgetItem:
    organisation = window.home.tree.topLevelItem(0)
    organisation.setExpanded(True)
    for index in range(organisation.childCount()):
        row = organisation.child(index)
        if row.data(0, PERIOD_ROLE) == period and row.data(0, ID_ROLE) is None:
            return row
    raise AssertionError(f"no row for {period}")


def test_home_opens_outcomes_for_the_selected_organisation_and_period(
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(capsys, "demo").status == 0
    window = window_factory()
    window.home.tree.setCurrentItem(_period_row(window, "2025-Q3"))
    dialog_log.answers["edit_outcomes"] = 2

    window.home.outcomes_button.click()

    ((parent, store, organisation, unit, period),) = dialog_log.named("edit_outcomes")
    assert (parent, store) == (window.home, window.store)
    assert (organisation, unit, period) == (DEMO_ORGANISATION, "", "2025-Q3")
    assert window.statusBar().currentMessage() == (
        f"Saved 2 business outcomes of {DEMO_ORGANISATION}"
    )


def test_home_outcomes_goes_all_the_way_to_the_database(
    qtbot: QtBot, window_factory: Callable[[], MainWindow], data_home: Path
) -> None:
    window = window_factory()
    created = window.store.create_assessment(
        "Beta", "Bo", "sales", "2026-Q1", questionnaires=bundled()
    )
    window.home.refresh(select=created.id)

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OutcomesDialog)
        dialog.fields["qualified-leads"].setText("310")
        dialog.save_button.click()

    QTimer.singleShot(0, fill_in)
    window.home.outcomes_button.click()

    assert _stored(data_home / "assessor.db")[("", "2026-Q1", "qualified-leads")][0] == 310.0
    assert window.statusBar().currentMessage() == "Saved 1 business outcome of Beta"


@pytest.fixture
def history(qtbot: QtBot, data_home: Path) -> Iterator[HistoryPage]:
    store = Store.open(data_home / "assessor.db", automatic_backups=False)
    create_demo(store)
    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show_organisation(DEMO_ORGANISATION)
    with qtbot.waitExposed(page):
        page.show()
    yield page
    store.close()


def test_history_shows_each_outcome_beside_the_index_and_beside_the_actions(
    history: HistoryPage,
) -> None:
    assert history.outcomes_chart.isVisibleTo(history)
    name = history.outcomes_chart.accessibleName()
    assert "Win rate 26.2% (↑ higher is better)" in name
    assert "Sales cycle 79 days (↓ lower is better)" in name
    assert "do not prove" in history.outcomes_note.text()
    headers = [
        history.followups_grid.itemAtPosition(0, column).widget().text()  # type: ignore[union-attr]
        for column in range(5)
    ]
    assert headers[-1] == "Related outcomes moved"
    moved = [
        history.followups_grid.itemAtPosition(row, 4).widget().accessibleName()  # type: ignore[union-attr]
        for row in range(1, history.followup_rows + 1)
    ]
    assert any("Lead → opportunity" in text or "Lead-to-opportunity" in text for text in moved)


def test_history_opens_outcomes_for_the_chosen_period_and_shows_them_after(
    history: HistoryPage, dialog_log: DialogLog
) -> None:
    history.period_selector.setCurrentIndex(history.period_selector.findText("2025-Q4"))

    def entered(parent: object, store: Store, organisation: str, unit: str, period: str) -> int:
        store.save_outcomes(organisation, unit, [OutcomeValue(period, "win-rate", 99.0)])
        return 1

    dialog_log.answers["edit_outcomes"] = entered
    with_messages: list[str] = []
    history.status_message.connect(with_messages.append)

    history.outcomes_button.click()

    ((_, _, organisation, unit, period),) = dialog_log.named("edit_outcomes")
    assert (organisation, unit, period) == (DEMO_ORGANISATION, "", "2025-Q4")
    assert with_messages == [f"Saved 1 business outcome of {DEMO_ORGANISATION}"]
    assert history.comparison is not None
    win = next(s for s in history.comparison.outcomes if s.metric.id == "win-rate")
    assert win.value("2025-Q4") == 99.0


def test_history_of_an_organisation_without_outcomes_says_how_to_add_them(
    qtbot: QtBot, store: Store
) -> None:
    created = store.list_assessments()[0]
    store.set_status(created.id, "complete")
    page = HistoryPage(store)
    qtbot.addWidget(page)
    page.show_organisation("Acme")

    assert page.comparison is not None and page.comparison.outcomes == ()
    assert not page.outcomes_chart.isVisibleTo(page)
    assert page.outcomes_note.text().startswith("No business outcomes entered yet.")
    assert page.outcomes_button.isEnabled()

"""The results page: what it shows, the PDF preview, and PDF failures reported in a dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFrame, QLabel
from pytestqt.qtbot import QtBot

from assessor.report.render import pdf_bytes
from tests.helpers.answer_sets import bundled_definitions, pattern_organisation
from tests.helpers.qt import DialogLog
from tests.helpers.reports import sample_report
from ui import pdf_output
from ui.main_window import MainWindow
from ui.pdf_output import PreviewDialog, suggested_file_name


def _complete(window: MainWindow, pattern: str) -> int:
    definitions = bundled_definitions()
    stored = window.store.create_assessment(
        "Acme <Industrial>", "Dana", "ceo", "2026-Q3", "", list(definitions.values())
    )
    for questionnaire_id, answers in pattern_organisation(definitions, pattern).items():
        for item_id, answer in answers.items():
            window.store.save_answer(stored.id, questionnaire_id, item_id, answer)
    window.store.set_status(stored.id, "complete")
    return stored.id


def test_results_show_the_diagnosis_as_plain_text(
    window_factory: Callable[[], MainWindow], dialog_log: DialogLog
) -> None:
    window = window_factory()
    assessment_id = _complete(window, "hamster-wheel")

    window.open_assessment(assessment_id)

    assert window.stack.currentWidget() is window.results
    report = window.results.report
    assert report is not None and report.organisation == "Acme <Industrial>"
    names = {frame.accessibleName() for frame in window.results.findChildren(QFrame)}
    desk = next(
        f for f in bundled_definitions()["four-freedoms"].findings if f.id == "sales-support-desk"
    )
    assert f"Finding: {desk.title}" in names
    assert window.results.chart.renderer().isValid()
    first = report.actions[0]
    texts = [label.text() for label in window.results.findChildren(QLabel)]
    who = f"{first.owner_label} · {first.horizon_label} · effort {first.effort_label}"
    assert f"     {who} · Done when: {first.done_when}" in texts
    assert first.effort in ("hours", "days", "project")  # every bundled action is sized
    assert first.owner is not None  # v2 actions say who acts


def test_preview_shows_the_pdf(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_factory()
    window.open_assessment(_complete(window, "two-islands"))
    shown: list[bytes] = []
    monkeypatch.setattr(pdf_output, "show_preview", lambda parent, data, title: shown.append(data))

    with qtbot.waitSignal(window.results.pdf.done, timeout=20000):
        window.results.preview_button.click()

    assert len(shown) == 1 and shown[0].startswith(b"%PDF-")
    assert window.results.export_button.isEnabled()


def test_preview_dialog_loads_every_page(qtbot: QtBot) -> None:
    report, _ = sample_report()
    data = pdf_bytes(report)

    dialog = PreviewDialog(data, "Preview")
    qtbot.addWidget(dialog)

    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() >= 8
    dialog.reject()


def test_a_pdf_that_cannot_be_written_is_reported(
    qtbot: QtBot,
    window_factory: Callable[[], MainWindow],
    dialog_log: DialogLog,
    tmp_path: Path,
) -> None:
    window = window_factory()
    window.open_assessment(_complete(window, "blame-game"))
    dialog_log.answers["save_file"] = tmp_path / "missing-folder" / "x.pdf"

    with qtbot.waitSignal(window.results.pdf.done, timeout=20000):
        window.results.export_button.click()

    (args,) = dialog_log.named("show_error")
    assert args[1] == "The PDF could not be made"
    assert "safe" in args[2]
    assert not (tmp_path / "missing-folder").exists()


def test_suggested_file_name_is_safe() -> None:
    report, _ = sample_report(organisation="Acme / <Holdings>: Ltd")

    assert suggested_file_name(report) == "Acme-Holdings-Ltd-2026-Q3-diagnosis.pdf"

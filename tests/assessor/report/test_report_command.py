"""``assessor report``: a stored assessment to a PDF file, with its earlier periods."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.storage.store import Store
from tests.helpers.answer_sets import AnswerSet, bundled_definitions, pattern_organisation
from tests.helpers.cli import run_cli


def _store_assessment(db: Path, period: str, answers: AnswerSet, role: str = "ceo") -> int:
    definitions = bundled_definitions()
    with Store.open(db) as store:
        stored = store.create_assessment(
            "Acme Industrial", "Dana Whitfield", role, period, "", list(definitions.values())
        )
        for questionnaire_id, by_item in answers.items():
            for item_id, answer in by_item.items():
                store.save_answer(stored.id, questionnaire_id, item_id, answer)
        store.set_status(stored.id, "complete")
        return stored.id


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_report_with_last_quarter(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = data_home / "assessor.db"
    definitions = bundled_definitions()
    _store_assessment(db, "2026-Q2", pattern_organisation(definitions, "two-islands"))
    _store_assessment(db, "2026-Q2", pattern_organisation(definitions, "blame-game"), "sales")
    latest = _store_assessment(db, "2026-Q3", pattern_organisation(definitions, "hamster-wheel"))
    target = tmp_path / "acme.pdf"

    result = run_cli(capsys, "report", str(latest), "-o", str(target), "--pagesize", "letter")

    assert result.status == 0, result.err
    text = _text(target)
    # the chart marks 2026-Q2's scores, and the findings say what is new and what resolved
    assert "The black tick marks the score of 2026-Q2" in text
    assert "new since 2026-Q2" in text
    # The CEO's earlier answers (two islands) are the comparison, not the sales lead's.
    resolved = text[text.index("Resolved since 2026-Q2:") : text.index("The 90-day plan")]
    assert "Marketing and sales work on two separate islands" in resolved
    assert round(float(PdfReader(target).pages[0].mediabox.width)) == 612


def test_report_of_unknown_assessment_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "report", "999", "-o", str(tmp_path / "x.pdf"))

    assert result.status == 1
    assert len(result.err.strip().splitlines()) == 1
    assert "999" in result.err
    assert not (tmp_path / "x.pdf").exists()


def test_report_into_missing_folder_is_refused(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latest = _store_assessment(
        data_home / "assessor.db",
        "2026-Q3",
        pattern_organisation(bundled_definitions(), "blame-game"),
    )

    result = run_cli(capsys, "report", str(latest), "-o", str(tmp_path / "nope" / "x.pdf"))

    assert result.status == 1
    assert "does not exist" in result.err


def test_demo_chief_executives_latest_report_is_a_diagnosis(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assessor.demo import DEMO_ORGANISATION, DEMO_PERIODS
    from tests.assessor.report.test_diagnosis_report import (
        assert_diagnosis_page,
        pdftotext_page,
    )

    assert run_cli(capsys, "demo").status == 0
    with Store.open(data_home / "assessor.db") as store:
        latest = next(
            s.id
            for s in store.list_assessments(organisation=DEMO_ORGANISATION)
            if s.role == "ceo" and s.period == DEMO_PERIODS[-1]
        )
    target = tmp_path / "ceo.pdf"

    assert run_cli(capsys, "report", str(latest), "-o", str(target)).status == 0

    assert_diagnosis_page(pdftotext_page(target, 2))

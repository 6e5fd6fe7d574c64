"""Business outcomes where decisions are made: the comparison (data, JSON, PDF) and the
organisation report, parsed back; which way is better is each metric's own; never a claim of
proof."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.comparison.model import Comparison
from assessor.comparison.outcomes import outcome_series, related_moves, tally_by_status
from assessor.demo import DEMO_ORGANISATION, create_demo
from assessor.exchange.outcomes import OutcomeValue
from assessor.questionnaire.metrics import bundled_metrics
from assessor.report.comparison_report import comparison_pdf_bytes
from assessor.report.from_store import organisation_report_for
from assessor.report.organisation_render import organisation_pdf_bytes
from assessor.report.outcome_chart import GAP, multiples, outcome_charts
from assessor.storage.comparisons import comparison_for
from assessor.storage.store import Store
from tests.helpers.cli import run_cli

NOT_PROOF_WORDS = "suggest, but do not prove"


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("outcomes") / "demo.db"
    store = Store.open(db, automatic_backups=False)
    create_demo(store)
    return store


@pytest.fixture(scope="module")
def demo_comparison(demo_db: Store) -> Comparison:
    return comparison_for(demo_db, DEMO_ORGANISATION)


def test_series_follow_each_metrics_own_direction_and_break_on_unknown_periods() -> None:
    metrics = bundled_metrics()
    values = [
        OutcomeValue("2026-Q1", "sales-cycle-days", 90.0),
        OutcomeValue("2026-Q2", "sales-cycle-days", 80.0),
        OutcomeValue("2026-Q1", "win-rate", 20.0),
        OutcomeValue("2026-Q3", "win-rate", 18.0),
        OutcomeValue("2026-Q3", "sales-cycle-days", 85.0),
    ]

    series = outcome_series(values, metrics, ["2025-Q4"])

    assert [s.metric.id for s in series] == ["win-rate", "sales-cycle-days"]
    win, cycle = series
    assert [p.period for p in win.points] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert [p.value for p in win.points] == [None, 20.0, None, 18.0]
    assert all(p.change is None for p in win.points)  # no two known periods in a row
    assert [(p.change, p.better) for p in cycle.points[2:]] == [(-10.0, True), (5.0, False)]
    moves = related_moves(series, metrics, "collaboration", "one-message", "2026-Q1", "2026-Q2")
    assert [(m.metric.id, m.verdict, m.text) for m in moves] == [
        ("sales-cycle-days", "better", "Sales cycle 90 days → 80 days")
    ]


def test_the_demo_comparison_has_every_outcome_and_moves_beside_actions(
    demo_comparison: Comparison,
) -> None:
    ids = [s.metric.id for s in demo_comparison.outcomes]
    assert ids[:2] == ["lead-to-opportunity", "win-rate"] and len(ids) == 6
    assert all(len(s.points) == 6 for s in demo_comparison.outcomes)
    rows = [row for step in demo_comparison.steps for row in step.followups]
    with_moves = [row for row in rows if row.outcomes]
    assert len(with_moves) > len(rows) // 2
    for row in with_moves:
        for move in row.outcomes:
            assert move.metric.relates_to(row.questionnaire_id, row.dimension_id)
    tallies = tally_by_status(demo_comparison)
    assert tallies["done"].better > tallies["done"].worse


def test_compare_json_carries_the_outcomes_and_the_moves(
    demo_db: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(
        capsys, "--db", str(demo_db.path), "compare", "--org", DEMO_ORGANISATION, "--json"
    )

    data = json.loads(result.out)
    win = next(o for o in data["outcomes"] if o["metric"] == "win-rate")
    assert (win["unit"], win["better"], win["values"]["2026-Q2"]) == ("%", "higher", 26.2)
    assert win["changes"]["2026-Q2"] == 2.7
    moved = [m for s in data["steps"] for f in s["followups"] for m in f["outcomes"]]
    assert {m["moved"] for m in moved} <= {"better", "worse", "level"} and moved


def test_the_demo_comparison_pdf_shows_the_outcomes_with_a_win_rate_trend(
    demo_comparison: Comparison,
) -> None:
    data = comparison_pdf_bytes(demo_comparison, generated=date(2026, 7, 1))
    text = _text(data)

    section = text[text.index("Business outcomes beside the indices") :]
    section = section[: section.index("Scores by period")]
    assert "Win rate" in section and "26.2%" in section
    assert "+2.7%, better since 2026-Q1" in section
    # Lower is better for the sales cycle: its fall is printed as better.
    assert "Sales cycle" in section and "−5 days, better" in section
    assert "↓ lower is better" in section and "↑ higher is better" in section
    assert "Overall index (0–100)" in section
    assert NOT_PROOF_WORDS in section
    follow_up = text[text.rindex("Action follow-up") :]
    assert re.search(r"Lead → opportunity \+\d+\.\d% better", follow_up)
    summary = text[text.index("The comparison in one page") : text.index("Open perception")]
    assert "Related outcomes moved" in summary and re.search(
        r"Done \d+ \+\d+\.\d \d+ better", summary
    )


def test_the_small_multiples_fit_their_cells() -> None:
    metrics = bundled_metrics()
    values = [
        OutcomeValue(p, m.id, m.max if i % 2 else m.min)
        for i, p in enumerate(["2025-Q1", "2025-Q2", "2025-Q3"])
        for m in metrics
    ]
    drawing = outcome_charts(multiples(None, outcome_series(values, metrics)), 480.0)

    from reportlab.graphics.shapes import String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    cell = (480.0 - 3 * GAP) / 4
    for shape in drawing.getContents():
        if isinstance(shape, String):
            width = stringWidth(shape.text, shape.fontName, shape.fontSize)
            left = shape.x - (width if shape.textAnchor == "end" else 0)
            start = (shape.x // (cell + GAP)) * (cell + GAP)
            assert left >= start and left + width <= start + cell + 0.01, shape.text
    assert drawing.height == 2 * 104.0 + 10.0  # 6 cells and the legend: two rows of four


def test_the_organisation_report_shows_the_periods_outcomes_and_the_change(
    demo_db: Store,
) -> None:
    report = organisation_report_for(demo_db, DEMO_ORGANISATION, "2026-Q2")
    assert report.outcomes is not None
    assert report.outcomes.previous_period == "2026-Q1"
    text = _text(organisation_pdf_bytes(report))

    section = text[text.index("Business outcomes in 2026-Q2") :]
    assert "Win rate ↑ higher is better" in section
    assert "26.2% 23.5% +2.7% better" in section
    assert "79 days 84 days −5 days better" in section
    assert "Entered by Tom Becker; source: CRM report 'Pipeline by source'" in section
    assert NOT_PROOF_WORDS in section


def test_the_first_period_has_no_change_and_unknown_figures_are_left_out(
    demo_db: Store,
) -> None:
    first = organisation_report_for(demo_db, DEMO_ORGANISATION, "2025-Q1").outcomes
    second = organisation_report_for(demo_db, DEMO_ORGANISATION, "2025-Q2").outcomes
    assert first is not None and second is not None

    pipeline = next(r for r in second.rows if r.title == "Marketing-sourced pipeline")

    assert first.previous_period == "" and all(row.change == "" for row in first.rows)
    assert "Marketing-sourced pipeline" not in [row.title for row in first.rows]
    assert (pipeline.value, pipeline.previous, pipeline.change) == ("19.5%", "—", "")


def test_user_text_in_outcomes_is_printed_literally(tmp_path: Path) -> None:
    db = tmp_path / "hostile.db"
    with Store.open(db, automatic_backups=False) as store:
        create_demo(store)
        store.save_outcomes(
            DEMO_ORGANISATION,
            "",
            [OutcomeValue("2026-Q2", "win-rate", 30.0, "<b>Kim</b> & co", source="<i>CRM</i>")],
        )
        text = _text(
            organisation_pdf_bytes(organisation_report_for(store, DEMO_ORGANISATION, "2026-Q2"))
        )

    assert "Entered by <b>Kim</b> & co, Tom Becker" in text
    assert "<i>CRM</i>" in text


def test_assessor_compare_writes_the_demos_outcomes_into_the_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "demo").status == 0
    target = tmp_path / "comparison.pdf"

    result = run_cli(capsys, "compare", "--org", DEMO_ORGANISATION, "-o", str(target))

    assert result.status == 0, result.err
    reader = PdfReader(target)
    page = next(
        " ".join(p.extract_text().split())
        for p in reader.pages
        if "Business outcomes beside the indices" in p.extract_text()
    )
    assert "Win rate 26.2% ↑ higher is better" in page
    assert "2025-Q1 2026-Q2" in page  # the trend's first and last period under each chart

"""The comparison PDF parsed back: every period, the changes, gaps, follow-up, outline, escaping."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.comparison.build import build_comparison
from assessor.comparison.model import Comparison
from assessor.comparison.respondents import RespondentInput
from assessor.demo import DEMO_ORGANISATION, DEMO_PERIODS, create_demo
from assessor.diagnosis.figures import points
from assessor.exchange.exchange_file import Assessment, Respondent
from assessor.report.comparison_report import comparison_pdf_bytes, write_comparison_pdf
from assessor.report.comparison_summary import comparison_summary
from assessor.report.trend_chart import trend_svg
from assessor.storage.comparisons import comparison_for
from assessor.storage.store import Store
from tests.helpers.answer_sets import bundled_definitions, favourable, steady, unfavourable


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _outline(reader: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(entries: list[object], level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, str(getattr(entry, "title", ""))))

    walk(reader.outline, 0)
    return found


@pytest.fixture(scope="module")
def demo_comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(db, automatic_backups=False) as store:
        create_demo(store)
        return comparison_for(store, DEMO_ORGANISATION)


@pytest.fixture(scope="module")
def demo_pdf(demo_comparison: Comparison) -> PdfReader:
    return PdfReader(io.BytesIO(comparison_pdf_bytes(demo_comparison, generated=date(2026, 7, 1))))


def test_every_period_and_the_changes_are_printed(
    demo_pdf: PdfReader, demo_comparison: Comparison
) -> None:
    text = _text(demo_pdf)
    assert "Demo: Harbour Tools Ltd" in text
    assert "2025-Q1 to 2026-Q2 (6 periods)" in text
    for period in DEMO_PERIODS:
        assert text.count(period) >= 5, period
    overall = demo_comparison.indices[0]
    for before, point in pairwise(overall.points):
        assert point.change is not None and point.score is not None
        assert before.score is not None
        # The change printed is the difference of the two figures printed.
        change = points(point.score) - points(before.score)
        sign = "±" if change == 0 else "+" if change > 0 else "−"
        shown = f"{points(point.score)} {sign}{abs(change)}"
        assert shown in text, shown
    for series in demo_comparison.dimensions:
        assert series.title in text
    assert "rising" in text


def test_changes_add_up_everywhere(demo_pdf: PdfReader) -> None:
    text = _text(demo_pdf)
    moves = re.findall(r"\b(\d+) → (\d+) ([+−])(\d+)\b", text)

    # a dimension's move is printed once per period step in the follow-up ("as above" after)
    assert len(moves) > 12
    for before, after, sign, change in moves:
        assert int(after) - int(before) == (1 if sign == "+" else -1) * int(change)


def test_page_two_is_the_summary_and_the_report_is_short(
    demo_pdf: PdfReader, demo_comparison: Comparison
) -> None:
    page = " ".join(demo_pdf.pages[1].extract_text().split())
    headings = [
        "The comparison in one page",
        "Trend of the indices",
        "What improved since 2026-Q1 and what did not",
        "Actions done against the change in their dimension",
        "Open perception gaps in 2026-Q2",
    ]
    positions = [page.index(heading) for heading in headings]
    assert positions == sorted(positions)
    overall = demo_comparison.indices[0]
    first, last = overall.points[0].score, overall.points[-1].score
    assert first is not None and last is not None
    assert f"Overall index {first:.0f} {last:.0f} +{round(last) - round(first)} rising" in page
    summary = comparison_summary(demo_comparison)
    assert summary.followed_up > 0
    assert f"{summary.followed_up} actions were followed up" in page
    for group in summary.actions:
        assert f"{group.label} {group.count}" in page
    for gap in summary.gaps:
        assert gap.finding_title in page
    # before issue 12: 17 pages, six of them one per period; before issue 22: 10
    assert len(demo_pdf.pages) <= 8


def test_gaps_findings_items_and_follow_up_are_printed(
    demo_pdf: PdfReader, demo_comparison: Comparison
) -> None:
    text = _text(demo_pdf)
    first = demo_comparison.period_views[0]
    assert first.flagged_gaps
    for gap in first.flagged_gaps:
        assert f"⚠ {gap.title} {gap.gap:.0f}" in text
    for view in demo_comparison.period_views:
        for respondent in view.respondents:
            assert f"{respondent.name} ({respondent.role_label}) {respondent.overall:.0f}" in text
    for step in demo_comparison.steps:
        assert f"{step.before} → {step.after}" in text
        for change in step.resolved:
            assert change.title in text
    # the latest steps action by action, the earlier ones in one line each
    *earlier, before_last, last = demo_comparison.steps
    for step in (before_last, last):
        assert f"Actions of {step.before}, followed up in {step.after}" in text
        for row in step.followups:
            assert " ".join(row.action_text.split()) in text
    for step in earlier:
        assert f"Actions of {step.before}, followed up" not in text
        assert f"{step.before} → {step.after}: {len(step.followups)} actions (" in text
    assert "Items that moved most" in text
    for status in ("Done", "In progress"):
        assert status in text


def test_outline_and_metadata(demo_pdf: PdfReader) -> None:
    outline = _outline(demo_pdf)
    top = [title for level, title in outline if level == 0]
    assert top == [
        "Demo: Harbour Tools Ltd",
        "The comparison in one page",
        "Business outcomes beside the indices",
        "Scores by period",
        "Period by period",
        "Findings by period",
        "Dimension trends",
        "Items that moved most",
        "Action follow-up",
    ]
    metadata = demo_pdf.metadata
    assert metadata is not None
    assert "Comparison across quarters" in str(metadata.title)
    pages = len(demo_pdf.pages)
    assert f"Page {pages} of {pages}" in _text(demo_pdf)


def _assessment(name: str, period: str, answers: object, role: str = "ceo") -> Assessment:
    definitions = bundled_definitions()
    return Assessment(
        uuid=str(uuid.uuid4()),
        organisation=name,
        respondent=Respondent(name=f"<i>{role}</i> & co", role=role),  # type: ignore[arg-type]
        period=period,
        status="complete",
        questionnaires={qid: q.version for qid, q in definitions.items()},
        answers=answers,  # type: ignore[arg-type]
    )


def test_hostile_names_are_printed_literally(tmp_path: Path) -> None:
    definitions = bundled_definitions()
    name = '<b>Evil</b> & "Co" <font size=40>'
    comparison = build_comparison(
        [
            RespondentInput(_assessment(name, "2025-Q1", unfavourable(definitions)), definitions),
            RespondentInput(
                _assessment(name, "2025-Q1", favourable(definitions), "sales"), definitions
            ),
            RespondentInput(_assessment(name, "2025-Q2", steady(definitions)), definitions),
        ],
        unit="<br/>Unit",
    )
    target = tmp_path / "evil.pdf"
    write_comparison_pdf(comparison, target)
    assert not list(tmp_path.glob(".*.part"))
    text = _text(PdfReader(target))
    assert '<b>Evil</b> & "Co" <font size=40>' in text
    assert "<br/>Unit" in text
    assert "<i>ceo</i> & co" in text


def test_the_trend_svg_is_fit_for_qtsvg(demo_comparison: Comparison) -> None:
    svg = trend_svg(demo_comparison.indices, demo_comparison.periods)
    assert "<clipPath" not in svg
    assert "DejaVuSans;" not in svg and "font-family: DejaVu Sans" in svg
    assert svg.count("<circle") >= len(DEMO_PERIODS)


def test_a_single_period_still_makes_a_summary() -> None:
    definitions = bundled_definitions()
    comparison = build_comparison(
        [RespondentInput(_assessment("Solo Ltd", "2026-Q1", steady(definitions)), definitions)]
    )

    reader = PdfReader(io.BytesIO(comparison_pdf_bytes(comparison)))
    page = " ".join(reader.pages[1].extract_text().split())

    assert "The comparison in one page" in page
    assert "One period only: nothing to compare yet." in page
    assert "No action has been followed up yet." in page
    assert "Only one role answered in this period" in page

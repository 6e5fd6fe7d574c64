"""The organisation report of one period, parsed back: respondents, gaps, findings by whom."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from assessor.comparison.build import build_comparison
from assessor.comparison.respondents import RespondentInput
from assessor.demo import DEMO_ORGANISATION, DEMO_RESPONDENTS
from assessor.diagnosis.figures import points_change
from assessor.report.organisation import build_organisation_report
from assessor.report.organisation_render import organisation_pdf_bytes
from assessor.report.sections import SUMMARY_HEADINGS, change_text
from assessor.storage.comparisons import comparison_for
from assessor.storage.store import Store
from tests.helpers.cli import run_cli
from tests.helpers.reports import NOTHING_TO_DO, between, pdftotext_page
from tests.helpers.v2_fixture import ALL_SOUND, FRAGILE_CADENCE, WORST, pilot, pilot_assessment

PEOPLE = (
    ("ceo", "Erik <i>Chief</i> & Co", FRAGILE_CADENCE),
    ("marketing", "Priya Natarajan", WORST),
    ("sales", "Tom Becker", WORST),
)


def _inputs(people: Any, period: str = "2026-Q3") -> list[RespondentInput]:
    definitions = {"pilot": pilot()}
    return [
        RespondentInput(
            pilot_assessment(
                values,
                name=name,
                role=role,
                period=period,
                uuid=f"7a3e0c55-{index:04d}-4aaa-8bbb-{period[-1]}234567890ab",
            ),
            definitions,
            assessment_id=index + (10 if period == "2026-Q3" else 0),
        )
        for index, (role, name, values) in enumerate(people, start=1)
    ]


def _pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def pilot_pages() -> list[str]:
    previous = _inputs([(role, name, ALL_SOUND) for role, name, _ in PEOPLE], "2026-Q2")
    report = build_organisation_report(
        _inputs(PEOPLE), "2026-Q3", previous, generated=date(2026, 11, 23)
    )
    return _pages(organisation_pdf_bytes(report))


def test_summary_names_everyone_and_the_gaps(pilot_pages: list[str]) -> None:
    page = pilot_pages[1]

    assert "The organisation in one page" in page
    positions = [page.index(heading) for heading in SUMMARY_HEADINGS]
    assert positions == sorted(positions)
    assert NOTHING_TO_DO not in page
    who = between(page, "Based on 3 respondents:", "Perception gaps")
    for name in ("Erik <i>Chief</i> & Co", "Priya Natarajan", "Tom Becker"):
        assert name in who
    gaps = between(page, "Perception gaps", "What is wrong")
    # cadence: chief executive 50, marketing and sales 0
    assert "⚠ The chief executive and marketing see meeting cadence differently" in gaps
    assert "a gap of 50 points" in gaps


def test_organisation_scores_are_the_comparisons(pilot_pages: list[str]) -> None:
    comparison = build_comparison(_inputs(PEOPLE))
    view = comparison.period("2026-Q3")
    stand = between(pilot_pages[1], "Where you stand", "Based on")

    assert f"Overall index {view.overall:.0f} of 100" in stand
    side = next(p for p in pilot_pages if "Each respondent's view side by side" in p)
    cadence = view.dimensions[("pilot", "cadence")]
    assert cadence is not None
    assert f"Meeting cadence {cadence:.0f} 50 0 0 ⚠ 50" in side


def test_findings_say_whom_they_were_seen_by(pilot_pages: list[str]) -> None:
    text = " ".join(pilot_pages)
    wrong = between(pilot_pages[1], "What is wrong", "Why it matters")

    assert "Leads leak at the hand-off." in wrong
    assert "seen by most (2 of 3: Priya Natarajan (Marketing lead), Tom Becker (Sales lead))" in (
        wrong
    )
    findings = text[text.index("Findings and what to do") : text.index("The 90-day plan")]
    assert "Meetings between the teams are irregular." in findings
    assert "seen by one: Erik <i>Chief</i> & Co (Chief executive)" in findings
    # the majority's findings come before the one seen by a single respondent
    assert findings.index("Leads leak at the hand-off.") < findings.index("irregular")
    plan = text[text.index("The 90-day plan") : text.index("Method and sources")]
    assert "In the plans of 2 of 3" in plan


def test_one_respondent_says_so() -> None:
    report = build_organisation_report(_inputs(PEOPLE[:1]), "2026-Q3", generated=date(2026, 11, 23))
    page = _pages(organisation_pdf_bytes(report))[1]

    assert "One respondent only: Erik <i>Chief</i> & Co (Chief executive)." in page
    assert "Perception gaps need answers from at least two roles" in page
    assert "seen by" not in page


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assessor.demo import create_demo

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(db, automatic_backups=False) as store:
        create_demo(store)
    return db


@pytest.mark.parametrize("pagesize", ["a4", "letter"])
def test_demo_organisation_report_on_the_command_line(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], pagesize: str
) -> None:
    target = tmp_path / "org.pdf"
    result = run_cli(
        capsys,
        "report",
        "--org",
        "demo: harbour tools ltd",
        "--period",
        "2026-Q2",
        "-o",
        str(target),
        "--pagesize",
        pagesize,
        "--db",
        str(demo_db),
    )

    assert result.status == 0, result.err
    page = pdftotext_page(target, 2)
    for _, name in DEMO_RESPONDENTS:
        assert name in page
    with Store.open(demo_db) as store:
        comparison = comparison_for(store, DEMO_ORGANISATION)
    view = comparison.period("2026-Q2")
    # Flagged gaps (at most 3) are listed; with none flagged, the two widest.
    widest = view.flagged_gaps[:3] or tuple(sorted(view.gaps, key=lambda g: -g.gap)[:2])
    assert "Perception gaps" in page
    for gap in widest:
        assert gap.finding_title in page
    *_, before, latest = comparison.indices[0].points
    assert (before.period, latest.period) == ("2026-Q1", "2026-Q2")
    change = points_change(before.score, latest.score)
    assert change is not None and change > 0  # the demo's story: still improving
    assert change_text(change, "2026-Q1") in page
    reader = PdfReader(target)
    assert reader.metadata is not None
    assert reader.metadata.title == "Organisation report: Demo: Harbour Tools Ltd, 2026-Q2"


def test_demo_first_quarter_flags_its_gap(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "org.pdf"
    args = ["--org", DEMO_ORGANISATION, "--period", "2025-Q1", "-o", str(target)]
    result = run_cli(capsys, "report", *args, "--db", str(demo_db))

    assert result.status == 0, result.err
    page = pdftotext_page(target, 2)
    assert "⚠ Marketing and sales see meeting cadence differently" in page
    assert "No earlier period to compare with yet." in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give either an assessment ID or --org ORG --period P"),
        (["1", "--org", "Acme"], "give either an assessment ID or --org ORG --period P"),
        (["--org", "Acme"], "--org needs --period"),
        (["1", "--period", "2026-Q2"], "--period and --unit go with --org"),
        (["--org", DEMO_ORGANISATION, "--period", "2026-5"], "is not a period like 2026-Q3"),
        (["--org", "Nobody Ltd", "--period", "2026-Q2"], "no organisation named 'Nobody Ltd'"),
        (
            ["--org", DEMO_ORGANISATION, "--period", "2024-Q1"],
            "has no complete assessment in 2024-Q1 (complete periods: 2025-Q1, ",
        ),
    ],
)
def test_bad_organisation_requests_are_one_clear_line(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    target = tmp_path / "x.pdf"
    result = run_cli(capsys, "report", *args, "-o", str(target), "--db", str(demo_db))

    assert result.status == 1
    assert len(result.err.strip().splitlines()) == 1
    assert message in result.err
    assert not target.exists()


def test_a_crowded_summary_still_fits_page_two() -> None:
    long = "Alexandra Konstantinopoulou-Vanderbilt de la Fuente"
    people = [
        (role, f"{long} {number}", values)
        for number, (role, values) in enumerate(
            [
                ("ceo", FRAGILE_CADENCE),
                ("marketing", WORST),
                ("sales", ALL_SOUND),
                ("other", WORST),
                ("marketing", ALL_SOUND),
                ("sales", FRAGILE_CADENCE),
                ("other", ALL_SOUND),
                ("ceo", WORST),
            ]
        )
    ]
    report = build_organisation_report(_inputs(people), "2026-Q3", generated=date(2026, 11, 23))

    for pagesize in ("a4", "letter"):
        pages = _pages(organisation_pdf_bytes(report, pagesize))  # type: ignore[arg-type]
        for heading in SUMMARY_HEADINGS:
            assert heading in pages[1], (pagesize, heading)
        assert pages[2].count("Strengths") == 0
        assert f"{long} 7" in pages[1]

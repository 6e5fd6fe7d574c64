"""PDF figures add up and say what they are: changes are the differences of the printed figures,
halves round up, charts and tables say whose scores they show, and the document language is
set."""

from __future__ import annotations

import io
from dataclasses import replace
from itertools import pairwise

import pytest
from pypdf import PdfReader

from assessor.comparison.model import Comparison
from assessor.demo import DEMO_ORGANISATION, create_demo
from assessor.diagnosis.figures import points
from assessor.report.comparison_report import comparison_pdf_bytes
from assessor.report.model import Report
from assessor.report.render import pdf_bytes
from assessor.storage import Store
from assessor.storage.comparisons import comparison_for
from tests.helpers.reports import sample_report


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _language(data: bytes) -> object:
    return PdfReader(io.BytesIO(data)).trailer["/Root"].get("/Lang")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(db, automatic_backups=False) as store:
        create_demo(store)
        return comparison_for(store, DEMO_ORGANISATION)


@pytest.fixture(scope="module")
def demo_text(demo: Comparison) -> str:
    return _text(comparison_pdf_bytes(demo))


def _steps(demo: Comparison) -> list[tuple[float, float]]:
    return [
        (before.score, after.score)
        for series in (*demo.indices, *demo.dimensions)
        for before, after in pairwise(series.points)
        if before.score is not None and after.score is not None
    ]


def test_the_demo_has_changes_that_unrounded_arithmetic_gets_wrong(demo: Comparison) -> None:
    wrong = [
        (before, after)
        for before, after in _steps(demo)
        if f"{after - before:+.0f}" != f"{points(after) - points(before):+d}"
    ]
    assert wrong, "without such a change the next test could not fail"


def test_every_comparison_change_is_the_difference_of_the_printed_figures(
    demo: Comparison, demo_text: str
) -> None:
    for before, after in _steps(demo):
        change = points(after) - points(before)
        sign = "±" if change == 0 else "+" if change > 0 else "−"
        assert f"{points(after)} {sign}{abs(change)}" in demo_text, (before, after)


def test_comparison_tables_say_they_show_means_or_single_respondents(demo_text: str) -> None:
    assert "Index or dimension (mean)" in demo_text
    assert "the mean of its respondents'" in demo_text
    assert "Respondents and their overall index" in demo_text
    assert "Who answered each period with their own overall index" in demo_text


@pytest.fixture(scope="module")
def report() -> Report:
    built, _ = sample_report("hamster-wheel", history=["two-islands", "servitude"])
    assert built.since_last is not None
    # two dimensions whose change, unrounded, is not the difference of the printed figures
    first, *others = built.questionnaires
    one, two, *rest = first.dimensions
    one = replace(one, title="Ten six to twenty-two four", previous=10.6)
    one = replace(one, result=replace(one.result, score=22.4))
    two = replace(two, title="Fifty-four half to fifty-five half", previous=54.5)
    two = replace(two, result=replace(two.result, score=55.5))
    questionnaires = (replace(first, dimensions=(one, two, *rest)), *others)
    stand = built.summary.stand
    summary = replace(
        built.summary, stand=replace(stand, overall=replace(stand.overall, score=55.5))
    )
    return replace(
        built,
        overall=replace(built.overall, score=55.5),
        questionnaires=questionnaires,
        summary=summary,
    )


def test_report_changes_are_the_difference_of_the_printed_figures(report: Report) -> None:
    text = _text(pdf_bytes(report))

    # on the chart: the score printed, then its change since the previous period
    assert "Ten six to twenty-two four 22 +11" in text
    assert "Fifty-four half to fifty-five half 56 +1" in text


def test_a_half_point_rounds_up(report: Report) -> None:
    text = _text(pdf_bytes(report))

    assert "Where you stand 56 Overall index" in text


def test_the_report_says_whose_scores_its_chart_compares(report: Report) -> None:
    text = _text(pdf_bytes(report))

    assert "Indices by period" not in text  # the chart carries each dimension's change
    assert (
        "single respondents' scores, Dana Whitfield's now and then the respondent in the same "
        "role (Marketing lead) where there was one, else the first; the comparison report "
        "shows the organisation's means." in text
    )


def test_both_pdfs_declare_their_language(report: Report, demo: Comparison) -> None:
    assert _language(pdf_bytes(report)) == "en-GB"
    assert _language(comparison_pdf_bytes(demo)) == "en-GB"

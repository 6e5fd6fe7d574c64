"""The report as a diagnosis, parsed back: summary page, plan, finding kinds, method, chart."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import Assessment, Respondent
from assessor.questionnaire.loading import parse_questionnaire
from assessor.report.builder import build_report
from assessor.report.chart import chart_svg
from assessor.report.render import pdf_bytes, write_pdf
from tests.helpers.answer_sets import answer
from tests.helpers.questionnaires import MINIMAL_TOML
from tests.helpers.reports import (
    NOTHING_TO_DO,
    assert_diagnosis_page,
    pdftotext_page,
)
from tests.helpers.reports import (
    between as _between,
)
from tests.helpers.v2_fixture import (
    ALL_SOUND,
    BEST,
    FRAGILE_CADENCE,
    PILOT_TOML,
    WORST,
    pilot_report,
)


def _pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def worst_pages() -> list[str]:
    return _pages(pdf_bytes(pilot_report(WORST, previous=ALL_SOUND)))


def test_summary_page_is_the_diagnosis(worst_pages: list[str]) -> None:
    page = worst_pages[1]

    assert_diagnosis_page(page)
    stand = _between(page, "Where you stand", "What is wrong")
    assert "Overall index 0 of 100 — At risk: the first of four stages" in stand
    assert "Down 67 points since 2026-Q2 (then 67, now 0)" in stand
    wrong = _between(page, "What is wrong", "Why it matters")
    assert "1. Leads leak at the hand-off." in wrong
    assert "2. New leads wait until someone has time. Flag · medium" in wrong
    assert "3. Nobody can say what marketing is for." in wrong
    why = _between(page, "Why it matters", "What to do first")
    # the finding's own consequence, then its dimension's, then the report's general text
    assert "Opportunities marketing paid for go cold" in why
    assert "Leads that nobody follows up are marketing money spent for nothing." in why
    assert "slower sales, a higher cost of each sale" in why
    first = _between(page, "What to do first", "Strengths")
    assert "# Action Owner When Effort" in first
    assert "Agree one definition of a qualified lead. For problem 1" in first
    assert "Leadership team This month" in first
    assert "Sales lead This month" in first
    assert "Done when: The definition is written down" in first
    assert "For the leadership team to decide: agree actions 1, 2 and 3 as shown" in first
    strengths = page[page.index("Strengths") :]
    # never a dimension below Sound under "Strengths"
    assert strengths == "Strengths No dimension is Sound or Strong yet."


def test_a_sound_organisation_is_told_plainly_that_no_action_is_written() -> None:
    report = pilot_report(ALL_SOUND)
    page = _pages(pdf_bytes(report))[1]

    assert not report.findings and not report.actions
    assert_diagnosis_page(page)
    wrong = _between(page, "What is wrong", "Why it matters")
    assert "Lead hand-off is Sound at 63. Leads pass on an agreed rule" in wrong
    assert "below Strong" in wrong
    assert "No earlier period to compare with yet." in page
    first = _between(page, "What to do first", "Strengths")
    # no invented action: each weak dimension is said plainly to have none
    assert "# Action" not in first
    assert (
        "No action for 1 (Lead hand-off, Sound at 63): no finding proposes one, and the report "
        "does not invent one." in first
    )
    assert "No action for 3 (Meeting cadence, Sound at 75)" in first
    assert (
        "For the leadership team to decide: name who proposes a next step for lead hand-off, "
        "role clarity and meeting cadence." in first
    )
    strengths = page[page.index("Strengths") :]
    assert "Meeting cadence 75 Sound" in strengths


def test_a_strong_organisation_reads_as_strong() -> None:
    report = pilot_report(BEST)
    page = _pages(pdf_bytes(report))[1]

    assert report.summary.all_strong
    assert "Nothing stands out: every dimension is Strong" in page
    assert "Keep the fortnightly meeting." in page
    assert "Marketing and sales work as one team." in page[page.index("Strengths") :]
    assert NOTHING_TO_DO not in page


def test_change_since_last_period_is_in_rounded_points() -> None:
    report = pilot_report(FRAGILE_CADENCE, previous=ALL_SOUND)
    page = _pages(pdf_bytes(report))[1]

    # 70.8 now and 66.7 before print as 71 and 67: the change printed is their difference.
    assert "Up 4 points since 2026-Q2 (then 67, now 71)" in page
    assert "1. Meetings between the teams are irregular. Watch · low" in page


def test_v1_actions_show_no_owner_and_are_unscheduled() -> None:
    mini = parse_questionnaire(MINIMAL_TOML.encode(), "mini.toml")
    definitions = {"mini": mini}
    answers = {"mini": {"a-1": answer(mini, "a-1", 1), "a-2": answer(mini, "a-2", "no")}}
    assessment = Assessment(
        uuid="7a3e0c55-3333-4aaa-8bbb-1234567890ab",
        organisation="Old Files Ltd",
        respondent=Respondent(name="Ann", role="ceo"),
        period="2026-Q3",
        status="complete",
        questionnaires={"mini": 1},
        answers=answers,
    )
    report = build_report(
        assessment, definitions, diagnose(definitions, answers), generated=date(2026, 11, 23)
    )
    pages = _pages(pdf_bytes(report))
    first = _between(pages[1], "What to do first", "Strengths")

    assert "1 Do better. For problem 1 — Unscheduled —" in first  # no owner, date or effort
    plan = next(p for p in pages if "The 90-day plan" in p)
    assert "Unscheduled (the questionnaire gives no date)" in plan


def test_plan_holds_ten_actions_by_horizon_and_lists_the_rest_as_later(
    worst_pages: list[str],
) -> None:
    text = " ".join(worst_pages)
    plan = text[text.index("The 90-day plan") : text.index("Appendix: every answer")]
    groups = ["This month", "This quarter", "Within six months", "Unscheduled"]
    positions = [plan.index(group) for group in groups]

    assert positions == sorted(positions)
    later = plan[plan.index("Later") :]
    proper = plan[: plan.index("Later")]
    assert "The 10 most pressing actions" in proper
    assert "Action Owner Effort" in proper
    for number in range(1, 11):
        assert f"{number}. " in proper
    # the later action is counted under its finding (a medium one); the app lists it in full
    assert (
        "Later, once these are under way: action 11, named under their findings (a "
        "high-severity one's with its text) and listed in full in the app." in later
    )
    assert "12" not in later
    findings = text[text.index("Findings and what to do") : text.index("The 90-day plan")]
    assert "What to do: actions 8, 9 and 10 of the plan; 1 for later (action 11)" in findings
    assert "What to do: actions 1, 2, 3, 4 and 5 of the plan" in findings
    # each action's text is printed once: in the plan table, not again under its finding
    assert "Agree one definition of a qualified lead." not in findings
    assert "Sales lead" in proper and "Marketing lead" in proper and "Chief executive" in proper
    assert "Done when: Three monthly reports exist." in proper
    # the At-risk cadence, which no finding covers, gets no invented action
    assert "Find out" not in text
    assert "Priority" not in plan


def test_finding_kinds_basis_and_consequence_are_said(worst_pages: list[str]) -> None:
    text = " ".join(worst_pages)
    findings = text[text.index("Findings and what to do") : text.index("The 90-day plan")]

    # a flag is a row of "Watches and flags", with the answer that raised it
    assert (
        "New leads wait until someone has time. Flag · medium severity · Lead hand-off 0 · new "
        "since 2026-Q2 “Who follows up a new lead, and when?” — “Sales, when someone has time” "
        "actions 6 and 7 of the plan" in findings
    )
    assert "High severity · Lead hand-off 0 · new since 2026-Q2" in findings
    assert "rests on standard practice, not on the articles" in findings
    assert "rests on “An article” (2024-01-01)" in findings
    # page 2 gives the consequence of its three problems: the findings do not repeat it
    assert "Why it matters" not in findings
    appendix = text[text.index("Appendix: every answer") : text.index("Method and sources")]
    # one line per answer, with its note; the arguments stay in the app
    assert "2. Who follows up a new lead, and when?† — Sales, when someone has time" in appendix
    assert "The article's point" not in text
    assert "A lead only moves when both sides agree what it is." not in text


def test_dimensions_mean_what_their_own_bands_say() -> None:
    # a dimension named on page 2 comes with its own meaning for its band
    page = _pages(pdf_bytes(pilot_report(ALL_SOUND)))[1]

    assert "Lead hand-off is Sound at 63. Leads pass on an agreed rule, checked now and then." in (
        page
    )


def test_no_questionnaire_section_repeats_the_chart_or_the_stance() -> None:
    text = " ".join(_pages(pdf_bytes(pilot_report(WORST, previous=ALL_SOUND))))

    assert "Band and what it means" not in text
    assert text.count("A small version-2 questionnaire for report tests.") == 1  # method page


def test_how_to_read_and_method_and_limits(worst_pages: list[str]) -> None:
    guide = worst_pages[2]
    for term in ("How to read this report", "Index:", "Band:", "Coverage:", "“Don't know”"):
        assert term in guide
    assert "not a norm or a benchmark" in guide
    assert "read from the whole number printed (39.6 prints as 40 and is Fragile)" in guide
    # the Effort column of page 2 and of the plan is defined here
    assert (
        "an effort: Hours (a decision, a message, a meeting booked), Days (a document to "
        "write, a review or workshop to prepare) or Project (several people over weeks)"
    ) in guide
    last = worst_pages[-1]
    assert "Method and sources" in last
    assert "shown in the app beside each question" in last
    assert "this tool's judgement" in last
    assert "rate their own organisation higher" in last
    assert "“An article” (2024-01-01)" in last
    assert "4 rest on a claim of the articles and 2 on standard practice" in last


def test_the_chart_marks_the_previous_period() -> None:
    with_previous = pilot_report(FRAGILE_CADENCE, previous=ALL_SOUND)
    without = pilot_report(FRAGILE_CADENCE)
    legend = with_previous.band_legend

    marked = chart_svg(with_previous.questionnaires, legend, previous_label="2026-Q2")
    plain = chart_svg(without.questionnaires, legend)

    black = re.compile(r"<rect[^>]*fill: rgb\(0%,0%,0%\)")
    assert len(black.findall(marked)) == 3 + 1  # one per dimension, one in the legend
    assert not black.findall(plain)
    assert "2026-Q2" in marked
    page = _pages(pdf_bytes(with_previous))[2]
    assert "The black tick marks the score of 2026-Q2, and the figure after each score" in page
    # the change since then follows each score: cadence 50 now, 75 before
    assert "Meeting cadence 50 −25" in page


def test_questionnaire_text_is_never_markup() -> None:
    hostile = PILOT_TOML.replace(
        'title = "Leads leak at the hand-off."', 'title = "<b>Leads</b> & <font size=40>"'
    ).replace(
        'done_when = "The definition is written down and signed by both leads."',
        'done_when = "</para><br/> & done"',
    )
    definitions = {"pilot": parse_questionnaire(hostile.encode(), "pilot.toml")}
    assessment = Assessment(
        uuid="7a3e0c55-4444-4aaa-8bbb-1234567890ab",
        organisation="Pilot Works",
        respondent=Respondent(name="Dana", role="ceo"),
        period="2026-Q3",
        status="complete",
        questionnaires={"pilot": 2},
        answers={"pilot": {k: answer(definitions["pilot"], k, v) for k, v in WORST.items()}},
    )
    diagnosis = diagnose(definitions, assessment.answers, "ceo")
    report = build_report(assessment, definitions, diagnosis, generated=date(2026, 11, 23))

    page = _pages(pdf_bytes(report))[1]

    assert "<b>Leads</b> & <font size=40>" in page
    assert "Done when: </para><br/> & done" in page


def test_letter_summary_fits_one_page(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    write_pdf(pilot_report(WORST, previous=ALL_SOUND), target, "letter")

    page = pdftotext_page(target, 2)

    assert_diagnosis_page(page)
    assert "Page 2 of" in page


def test_each_first_action_answers_the_problem_of_its_number() -> None:
    report = pilot_report(WORST)
    wrong, first = report.summary.wrong, report.summary.first

    assert [p.text for p in wrong] == [
        "Leads leak at the hand-off.",
        "New leads wait until someone has time.",
        "Nobody can say what marketing is for.",
    ]
    assert [a.text for a in first] == [
        "Agree one definition of a qualified lead.",
        "Name who follows up each lead on the day it arrives.",
        "Write marketing's remit.",
    ]
    assert [a.owner_label for a in first] == ["Leadership team", "Sales lead", "Chief executive"]


def test_a_weak_dimension_no_finding_covers_gets_no_invented_action() -> None:
    values = {**BEST, "c-1": 1, "c-2": 1}  # cadence 0, and no finding speaks of it
    report = pilot_report(values)
    text = " ".join(_pages(pdf_bytes(report)))
    page = _pages(pdf_bytes(report))[1]

    assert report.actions == ()  # the healthy pattern is blocked; nothing is made up
    assert "Find out" not in text
    assert "Meeting cadence is At risk at 0." in _between(page, "What is wrong", "Why it matters")
    assert (
        "No action for 1 (Meeting cadence, At risk at 0): no finding proposes one, and the "
        "report does not invent one." in page
    )
    assert "name who proposes a next step for meeting cadence." in page

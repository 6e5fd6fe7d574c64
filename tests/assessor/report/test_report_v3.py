"""The respondent report with v3 content (issue 19): page 2 says "Read with care" with each
caution; checklists read "Decks: yes · …" in the appendix; a profile is listed among the
answers and nowhere among the scores; fallback and next-step findings are labelled."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from assessor.diagnosis.findings import diagnose
from assessor.report.builder import build_report
from assessor.report.model import Report
from assessor.report.render import pdf_bytes
from tests.helpers.reports import make_assessment
from tests.helpers.v3_fixture import FAVOURABLE, MIDDLING, answers, definitions

UNIFORM_SENTENCE = (
    "12 of 13 answers sit at the most favourable end of their scale; answers this uniform "
    "deserve a second look before anyone acts on them."
)


def _report(values: dict[str, Any], profile: dict[str, Any] | None = None) -> Report:
    given = answers(values, profile)
    used = definitions()
    assessment = make_assessment(given, used, organisation="Acme <b>&amp;</b> Co")
    diagnosis = diagnose(used, given, "ceo")
    return build_report(assessment, used, diagnosis, generated=date(2026, 11, 23))


def _pages(report: Report, tmp_path: Path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(report))
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_page_2_says_read_with_care_for_a_uniform_respondent(tmp_path: Path) -> None:
    report = _report({**FAVOURABLE, "t-1": 4, "r-8": {"decks": True}})

    pages = _pages(report, tmp_path)

    assert report.cautions == (UNIFORM_SENTENCE,)
    assert "The diagnosis in one page" in pages[1]
    assert "Read with care" in pages[1]
    assert UNIFORM_SENTENCE in pages[1]
    assert "Where you stand" in pages[1].split("Read with care")[0]
    assert all("Read with care" not in page for page in pages[2:])


def test_an_authored_caution_is_printed_escaped(tmp_path: Path) -> None:
    report = _report({**MIDDLING, "t-1": 5, "r-8": {"decks": True}})

    pages = _pages(report, tmp_path)

    assert len(report.cautions) == 1
    assert report.cautions[0].startswith("Marketing and sales are said never to have disagreed")
    assert "Read with care" in pages[1] and "few teams can say that" in pages[1]


def test_page_2_has_no_caution_box_for_others(tmp_path: Path) -> None:
    report = _report({**MIDDLING, "r-8": {"decks": True}})

    pages = _pages(report, tmp_path)

    assert report.cautions == ()
    assert not any("Read with care" in page for page in pages)


def test_a_profile_is_in_the_appendix_and_not_among_the_scores(tmp_path: Path) -> None:
    report = _report(
        {**MIDDLING, "r-8": {"decks": True, "events": False}},
        {"sales-force": "own", "people": 4, "teams": {"marketing": True}},
    )

    assert [q.questionnaire_id for q in report.questionnaires] == ["pilot-v3"]
    assert [index.label for index in report.summary.stand.indices] == ["Pilot v3"]
    assert [section.title for section in report.appendix] == ["Organisation profile", "Pilot v3"]
    profile_answers = {row.text: row.answer for row in report.appendix[0].answers}
    assert profile_answers["How do you sell?"] == "Our own salespeople"
    assert profile_answers["Which of these teams do you have?"] == (
        "A marketing team: yes · A sales team: don't know"
    )
    pilot_answers = {row.text: row.answer for row in report.appendix[1].answers}
    assert pilot_answers["Which of these does marketing do?"] == (
        "Decks: yes · Events: no · Web: don't know"
    )
    assert "Organisation profile (version 1)" in report.versions
    text = " ".join(_pages(report, tmp_path))
    assert "Decks: yes · Events: no · Web: don't know" in text
    assert "A marketing team: yes" in text


def test_fallback_and_next_step_findings_are_labelled(tmp_path: Path) -> None:
    worst: dict[str, Any] = {
        "r-1": 1,
        "r-2": 5,
        "r-3": "never",
        "r-4": "sales",
        "r-5": 1,
        "r-6": 1,
        "r-7": 1,
        "r-8": {"web": False, "decks": False},
    }
    report = _report({**worst, **{k: v for k, v in MIDDLING.items() if k.startswith("t-")}})

    kinds = {finding.finding_id: finding.kind for finding in report.findings}
    assert kinds["reach-fallback"] == "fallback"
    text = " ".join(_pages(report, tmp_path))
    assert "Fallback · high severity" in text

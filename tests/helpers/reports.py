"""Build assessments and their reports for tests: real questionnaires, real scoring."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

import pytest

from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import Assessment, Respondent, Role
from assessor.questionnaire.model import Questionnaire
from assessor.report.builder import PeriodResult, build_report
from assessor.report.model import OWNER_LABELS, Report
from assessor.report.sections import SUMMARY_HEADINGS
from tests.helpers.answer_sets import (
    PATTERN_ORGANISATIONS,
    AnswerSet,
    bundled_definitions,
    calibration_role,
    pattern_organisation,
)

PERIODS = [f"{year}-Q{quarter}" for year in (2024, 2025, 2026) for quarter in (1, 2, 3, 4)]


def make_assessment(
    answers: AnswerSet,
    definitions: Mapping[str, Questionnaire],
    *,
    organisation: str = "Acme Industrial",
    respondent: str = "Dana Whitfield",
    period: str = "2026-Q3",
    unit: str = "",
    uuid: str = "7a3e0c55-1111-4aaa-8bbb-1234567890ab",
    role: Role = "ceo",
) -> Assessment:
    """A complete assessment of the given answers."""
    return Assessment(
        uuid=uuid,
        organisation=organisation,
        unit=unit,
        respondent=Respondent(name=respondent, role=role),
        period=period,
        status="complete",
        questionnaires={qid: q.version for qid, q in definitions.items()},
        answers=answers,
    )


def with_note(answers: AnswerSet, questionnaire_id: str, item_id: str, note: str) -> AnswerSet:
    """The answer set with a note added to one answer."""
    copied = {qid: dict(items) for qid, items in answers.items()}
    copied[questionnaire_id][item_id] = replace(copied[questionnaire_id][item_id], note=note)
    return copied


def history_of(
    definitions: Mapping[str, Questionnaire], patterns: list[str], before: str = "2026-Q3"
) -> list[PeriodResult]:
    """Earlier periods, one per pattern organisation (answered by its calibration
    organisation's respondent), in the quarters before ``before``."""
    periods = [p for p in PERIODS if p < before][-len(patterns) :] if patterns else []
    return [
        PeriodResult(
            period,
            definitions,
            diagnose(definitions, pattern_organisation(definitions, p), pattern_role(p)),
        )
        for period, p in zip(periods, patterns, strict=True)
    ]


def pattern_role(pattern: str) -> Role:
    """The role of the respondent of the calibration organisation behind ``pattern``."""
    role = calibration_role(PATTERN_ORGANISATIONS[pattern])
    assert role in ("ceo", "marketing", "sales", "other")
    return cast(Role, role)


def sample_report(
    pattern: str = "hamster-wheel",
    *,
    note: str = "We counted 41 ad-hoc requests in October.",
    history: list[str] | None = None,
    **fields: str,
) -> tuple[Report, Assessment]:
    """A report of the organisation behind ``pattern``, answered by its calibration
    organisation's respondent, with one note on four-freedoms errand-share (asked of marketing:
    the errand desk's marketing lead answers it)."""
    definitions = bundled_definitions()
    answers = pattern_organisation(definitions, pattern)
    answers = with_note(answers, "four-freedoms", "errand-share", note)
    role = pattern_role(pattern)
    assessment = make_assessment(answers, definitions, role=role, **fields)
    earlier = history_of(definitions, history or [])
    report = build_report(
        assessment,
        definitions,
        diagnose(definitions, answers, role),
        earlier,
        generated=date(2026, 11, 23),
    )
    return report, assessment


NOTHING_TO_DO = "No action is called for"


def between(text: str, start: str, end: str) -> str:
    """The text after the first ``start`` and before the first ``end``."""
    return text[text.index(start) + len(start) : text.index(end)]


def poppler(tool: str, *args: str) -> str:
    """The output of one of poppler's tools (``pdftotext``, ``pdfinfo``, ``pdffonts``); the
    test is skipped where poppler is not installed, and fails in CI."""
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} must be installed in CI (see .ci/run)")
        pytest.skip(f"{tool} is not installed")
    return subprocess.run([found, *args], capture_output=True, text=True, check=True).stdout


def pdftotext_page(path: Path, page: int) -> str:
    """``pdftotext -f N -l N`` of one page, whitespace squashed (skipped without poppler)."""
    return " ".join(poppler("pdftotext", "-f", str(page), "-l", str(page), str(path), "-").split())


def pdfinfo_pages(path: Path) -> int:
    """The page count ``pdfinfo`` reads (skipped without poppler)."""
    return int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", str(path)), re.M)[1])  # type: ignore[index]


def pdffonts_rows(path: Path) -> list[tuple[str, str]]:
    """(font name, "yes"/"no" embedded) of every font ``pdffonts`` lists (skipped without
    poppler)."""
    lines = poppler("pdffonts", str(path)).splitlines()[2:]
    # name, type (one or two words), encoding, emb, sub, uni, object, generation
    return [(line.split()[0], line.split()[-5]) for line in lines if line.strip()]


#: The filler the report used to invent for a weak dimension without an action (issue 22).
INVENTED = "Find out what holds"


def assert_diagnosis_page(text: str) -> None:
    """Page 2 decides: the five headings in order, never "nothing to do" and never an invented
    "find out" action; every action numbered with an owner under an "Effort" column; each
    problem answered by an action or said plainly to have none; one line for the leadership
    team to decide."""
    positions = [text.index(heading) for heading in SUMMARY_HEADINGS]
    assert positions == sorted(positions), positions
    assert NOTHING_TO_DO not in text
    assert INVENTED not in text
    wrong = between(text, SUMMARY_HEADINGS[1], SUMMARY_HEADINGS[2])
    problems = re.findall(r"(?:^|\s)([1-3])\. ", wrong)
    assert problems, wrong
    first = between(text, SUMMARY_HEADINGS[3], SUMMARY_HEADINGS[4])
    assert "For the leadership team to decide:" in first, first
    answered = re.findall(r"For problem ([1-3])", first)
    plainly = re.findall(r"No action (?:left )?for ([1-3]) \(", first)
    assert sorted(answered + plainly) == problems, first
    if answered or "Next in the plan" in first:
        assert "# Action Owner When Effort" in first, first
        owners = re.findall("|".join(OWNER_LABELS.values()), first)
        assert len(owners) >= len(answered), first

"""Benchmark: time to build and render one report, one with 8 earlier quarters, and the
organisation report of a period answered by three leaders (with the period before it and the
business outcomes of both).

Budgets (DESIGN.md §8, issue 12): one report under 0.5 s; with 8 earlier quarters under 1 s;
the organisation report under 1 s. Also prints the ratio against a baseline measured in the
same run: a one-page reportlab document with the same fonts, so the figures can be compared
across machines.

Run: .venv/bin/python tests/benchmarks/bench_report.py (about 10 s)
"""

from __future__ import annotations

import io
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assessor.comparison.respondents import RespondentInput
from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import Respondent
from assessor.exchange.outcomes import OutcomeValue
from assessor.questionnaire.metrics import bundled_metrics
from assessor.report.builder import build_report
from assessor.report.fonts import register_fonts
from assessor.report.organisation import build_organisation_report
from assessor.report.organisation_render import organisation_pdf_bytes
from assessor.report.render import pdf_bytes
from tests.benchmarks.timing import median_time, ratio_note, verdict
from tests.helpers.answer_sets import bundled_definitions, pattern_organisation
from tests.helpers.reports import history_of, make_assessment, with_note

RUNS = 7


def baseline() -> None:
    """A one-page PDF with one paragraph in the same font."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    regular, _ = register_fonts()
    document = SimpleDocTemplate(io.BytesIO())
    document.build([Paragraph("Baseline", ParagraphStyle("b", fontName=regular))])


def main(runs: int = RUNS, *, warm_up: bool = True) -> None:
    """Print the figures (``runs`` and ``warm_up`` smaller only for the smoke test)."""
    definitions = bundled_definitions()
    answers = with_note(
        pattern_organisation(definitions, "hamster-wheel"),
        "four-freedoms",
        "errand-share",
        "A note.",
    )
    assessment = make_assessment(answers, definitions)
    patterns = ["two-islands", "blame-game", "servitude", "hamster-wheel"] * 2
    history = history_of(definitions, patterns)
    assert len(history) == 8

    def one_report() -> bytes:
        diagnosis = diagnose(definitions, assessment.answers)
        model = build_report(assessment, definitions, diagnosis, generated=date(2026, 11, 23))
        return pdf_bytes(model)

    def with_history() -> bytes:
        diagnosis = diagnose(definitions, assessment.answers)
        model = build_report(
            assessment, definitions, diagnosis, history, generated=date(2026, 11, 23)
        )
        return pdf_bytes(model)

    roles = [
        ("ceo", "Dana Whitfield", "healthy-partnership", "servitude"),
        ("marketing", "Sam Okafor", "hamster-wheel", "hamster-wheel"),
        ("sales", "Lee Moreau", "two-islands", "blame-game"),
    ]
    leaders: list[RespondentInput] = []
    for number, (role, name, now, before) in enumerate(roles):
        for period, pattern in (("2026-Q3", now), ("2026-Q2", before)):
            record = make_assessment(
                pattern_organisation(definitions, pattern),
                definitions,
                period=period,
                uuid=f"7a3e0c55-1111-4aaa-8bbb-{number}{period[-1]}4567890ab",
            )
            record = replace(record, respondent=Respondent(name=name, role=role))  # type: ignore[arg-type]
            leaders.append(RespondentInput(record, definitions, assessment_id=len(leaders) + 1))

    # Business outcomes of both periods: every metric, so their section is in the report.
    outcomes = [
        OutcomeValue(period, metric.id, metric.min + (metric.max - metric.min) * share, "Kim")
        for period, share in (("2026-Q2", 0.2), ("2026-Q3", 0.3))
        for metric in bundled_metrics()
    ]

    def organisation_report() -> bytes:
        current = [s for s in leaders if s.assessment.period == "2026-Q3"]
        previous = [s for s in leaders if s.assessment.period == "2026-Q2"]
        model = build_organisation_report(
            current, "2026-Q3", previous, generated=date(2026, 11, 23), outcomes=outcomes
        )
        return organisation_pdf_bytes(model)

    base, _ = median_time(baseline, runs, warm_up=warm_up)
    single, pdf = median_time(one_report, runs, warm_up=warm_up)
    eight, _ = median_time(with_history, runs, warm_up=warm_up)
    organisation, _ = median_time(organisation_report, runs, warm_up=warm_up)
    assert pdf.startswith(b"%PDF")
    note = "a one-page PDF"
    print(f"baseline, a one-page PDF in the same font: {base * 1000:.1f} ms (median of {runs})")
    verdict(
        "full report, one assessment", single * 1000, 500, "ms", note=ratio_note(single, base, note)
    )
    verdict(
        "full report with 8 earlier quarters",
        eight * 1000,
        1000,
        "ms",
        note=ratio_note(eight, base, note),
    )
    verdict(
        "organisation report, 3 leaders",
        organisation * 1000,
        1000,
        "ms",
        note=ratio_note(organisation, base, note),
    )


if __name__ == "__main__":
    main()

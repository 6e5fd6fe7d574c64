"""Benchmark: time to build and render one report, and one with 8 earlier quarters.

Budgets (DESIGN.md §8): one report under 0.5 s; with 8 earlier quarters under 1 s. Also prints
the ratio against a baseline measured in the same run: a one-page reportlab document with the
same fonts, so the figures can be compared across machines.

Run: .venv/bin/python tests/benchmarks/bench_report.py
"""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assessor.diagnosis import diagnose
from assessor.report.builder import build_report
from assessor.report.fonts import register_fonts
from assessor.report.render import pdf_bytes
from tests.benchmarks.timing import median_time
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


def main() -> None:
    """Print the figures."""
    definitions = bundled_definitions()
    answers = with_note(
        pattern_organisation(definitions, "hamster-wheel"), "four-freedoms", "ff-01", "A note."
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

    base, _ = median_time(baseline, RUNS)
    single, _ = median_time(one_report, RUNS)
    eight, _ = median_time(with_history, RUNS)
    print(f"baseline one-page PDF:          {base * 1000:8.1f} ms")
    print(
        f"one report:                     {single * 1000:8.1f} ms  "
        f"(budget 500 ms; {single / base:5.1f}x baseline) {'OK' if single < 0.5 else 'OVER'}"
    )
    print(
        f"report with 8 earlier quarters: {eight * 1000:8.1f} ms  "
        f"(budget 1000 ms; {eight / base:5.1f}x baseline) {'OK' if eight < 1.0 else 'OVER'}"
    )


if __name__ == "__main__":
    main()

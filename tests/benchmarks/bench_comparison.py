"""Benchmark: compute a comparison over 8 quarters × 3 respondents, and render its PDF.

Budgets (issue 7): the comparison under 50 ms, its PDF under 1 s (both with 8 quarters of
every business outcome, issue 21). Also prints each as a ratio
against a baseline measured in the same run: one ``diagnose()`` of one assessment, so figures
compare across machines. The comparison is timed twice: from assessments in memory (what the
budget is about) and loaded from a temporary database (what the History view pays).

Run: .venv/bin/python tests/benchmarks/bench_comparison.py (about 5 s)
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assessor.comparison.build import build_comparison
from assessor.comparison.outcomes import with_outcomes
from assessor.comparison.respondents import RespondentInput
from assessor.demo import demo_answers
from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import Assessment, Respondent, Role
from assessor.exchange.outcomes import OutcomeValue
from assessor.questionnaire.metrics import bundled_metrics
from assessor.report.comparison_report import comparison_pdf_bytes
from assessor.storage.comparisons import comparison_for
from assessor.storage.store import Store
from tests.benchmarks.timing import median_time, ratio_note, verdict
from tests.helpers.answer_sets import bundled_definitions

RUNS = 9
COMPUTE_BUDGET_MS = 50.0
PDF_BUDGET_MS = 1000.0
PERIODS = [f"{year}-Q{quarter}" for year in (2024, 2025) for quarter in (1, 2, 3, 4)]
ROLES: tuple[Role, ...] = ("ceo", "marketing", "sales")


def assessments() -> list[Assessment]:
    """8 quarters × 3 respondents, answered along the demo's story (stretched to 8 quarters)."""
    import random

    definitions = bundled_definitions()
    rng = random.Random(7)
    records = []
    for index, period in enumerate(PERIODS):
        quarter = min(5, index * 6 // len(PERIODS))
        for role in ROLES:
            records.append(
                Assessment(
                    uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    organisation="Bench Ltd",
                    respondent=Respondent(role.capitalize(), role),
                    period=period,
                    status="complete",
                    questionnaires={qid: q.version for qid, q in definitions.items()},
                    answers=demo_answers(list(definitions.values()), quarter, role, rng),
                )
            )
    return records


def main(runs: int = RUNS, *, warm_up: bool = True) -> None:
    """Print the figures (``runs`` and ``warm_up`` smaller only for the smoke test)."""
    definitions = bundled_definitions()
    records = assessments()
    inputs = [RespondentInput(a, definitions, n) for n, a in enumerate(records, start=1)]
    metrics = bundled_metrics()
    outcomes = [
        OutcomeValue(period, metric.id, metric.min + (metric.max - metric.min) * index / 20)
        for index, period in enumerate(PERIODS)
        for metric in metrics
    ]
    comparison = with_outcomes(build_comparison(inputs), outcomes, metrics)
    assert len(comparison.periods) == 8 and comparison.respondent_count == 24
    assert len(comparison.outcomes) == len(metrics)

    base, _ = median_time(lambda: diagnose(definitions, records[0].answers), runs, warm_up=warm_up)
    compute, _ = median_time(
        lambda: with_outcomes(build_comparison(inputs), outcomes, metrics), runs, warm_up=warm_up
    )
    render, pdf = median_time(
        lambda: comparison_pdf_bytes(comparison), min(runs, 5), warm_up=warm_up
    )
    assert pdf.startswith(b"%PDF")
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "bench.db", automatic_backups=False) as store,
    ):
        store.import_assessments(records, lambda qid, version: definitions.get(qid))
        store.save_outcomes("Bench Ltd", "", outcomes)
        loaded, _ = median_time(lambda: comparison_for(store, "Bench Ltd"), runs, warm_up=warm_up)

    note = "one diagnose()"
    print(f"baseline, one diagnose(): {base * 1000:.2f} ms (median of {runs})")
    print(
        f"comparison loaded from a database (no budget): {loaded * 1000:.1f} ms "
        f"{ratio_note(loaded, base, note)}"
    )
    verdict(
        "comparison, 8 quarters x 3 respondents",
        compute * 1000,
        COMPUTE_BUDGET_MS,
        "ms",
        note=ratio_note(compute, base, note),
    )
    verdict(
        "comparison PDF, 8 quarters x 3 respondents",
        render * 1000,
        PDF_BUDGET_MS,
        "ms",
        note=ratio_note(render, base, note),
    )


if __name__ == "__main__":
    main()

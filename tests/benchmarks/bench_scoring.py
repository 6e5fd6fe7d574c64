"""Benchmark: diagnose 1,000 complete, varied assessments on one core (budget: under 1 s).

Run from the project folder with ``.venv/bin/python tests/benchmarks/bench_scoring.py``
(or ``-m tests.benchmarks.bench_scoring``). It prints the total and per-assessment time of
:func:`assessor.diagnosis.findings.diagnose` (scores, findings and the ranked plan), and the ratio
to a
baseline measured in the same run: reading and checking the same answers from their
exchange-file form, which every real use of the scores must do first anyway.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

COUNT = 1_000
BUDGET_SECONDS = 1.0
DONT_KNOW_RATE = 0.08
SEED = 20260
#: Each measurement is repeated and the best time kept.
REPEATS = 5


def _pin_to_one_core() -> str:
    """Run on a single CPU where the system allows it; say what was done."""
    setter = getattr(os, "sched_setaffinity", None)
    getter = getattr(os, "sched_getaffinity", None)
    if setter is None or getter is None:
        return "one thread (CPU pinning not available here)"
    cpu = min(getter(0))
    setter(0, {cpu})
    return f"pinned to CPU {cpu}"


def _random_value(rng: random.Random, item: Any) -> Any:
    """A random valid exchange-file value for ``item``."""
    if item.kind == "agreement":
        return rng.randint(1, 5)
    if item.kind in ("frequency", "choice"):
        return rng.choice(item.options).id
    if item.kind == "multi":
        ids = [option.id for option in item.options]
        return rng.sample(ids, rng.randint(0, len(ids)))
    if item.kind == "number":
        return round(rng.uniform(item.min or 0, item.max or 100), 1)
    return rng.choice(["", "More time to plan.", "Meet sales every fortnight."])


def build_raw_assessments(definitions: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """``count`` complete assessments as exchange-file answers, every one different."""
    rng = random.Random(SEED)
    assessments = []
    for _ in range(count):
        answers: dict[str, Any] = {}
        for qid, questionnaire in definitions.items():
            answers[qid] = {
                item.id: {"dont_know": True}
                if item.scored and rng.random() < DONT_KNOW_RATE
                else {"value": _random_value(rng, item)}
                for item in questionnaire.items
            }
        assessments.append(answers)
    return assessments


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """The best of REPEATS timings of ``work()`` (the least disturbed by other processes)."""
    best = float("inf")
    result: Any = None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    """Run the benchmark and print the figures; always exits 0."""
    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from assessor.diagnosis.answers import answer_from_json
    from assessor.diagnosis.findings import diagnose
    from tests.helpers.answer_sets import bundled_definitions

    pinning = _pin_to_one_core()
    definitions = bundled_definitions()
    raw = build_raw_assessments(definitions, COUNT)

    def parse_all() -> list[dict[str, dict[str, Any]]]:
        return [
            {
                qid: {
                    item_id: answer_from_json(definitions[qid], item_id, data)
                    for item_id, data in by_item.items()
                }
                for qid, by_item in answers.items()
            }
            for answers in raw
        ]

    parse_all()  # warm up imports and caches before measuring
    baseline, parsed = _timed(parse_all)
    elapsed, diagnoses = _timed(lambda: [diagnose(definitions, answers) for answers in parsed])

    fired = sum(len(diagnosis.fired) for diagnosis in diagnoses)
    items = sum(len(q.items) for q in definitions.values())
    print(
        f"scoring benchmark: {COUNT} complete assessments, {items} items each "
        f"({pinning}; best of {REPEATS})"
    )
    print(
        f"  diagnose (scores, findings, plan): {elapsed:.3f} s total, "
        f"{elapsed / COUNT * 1000:.3f} ms per assessment"
    )
    print(
        f"  baseline (read and check the answers): {baseline:.3f} s total, "
        f"{baseline / COUNT * 1000:.3f} ms per assessment"
    )
    print(f"  ratio diagnose / baseline: {elapsed / baseline:.2f}")
    print(f"  findings fired: {fired} ({fired / COUNT:.1f} per assessment)")
    verdict = "within" if elapsed < BUDGET_SECONDS else "OVER"
    print(f"  budget: under {BUDGET_SECONDS:.1f} s for {COUNT}: {verdict} budget")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

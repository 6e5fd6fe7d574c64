"""Benchmark: diagnose 1,000 complete, varied assessments on one core (budget: under 1 s).

Run from the project folder with ``.venv/bin/python tests/benchmarks/bench_scoring.py``
(or ``-m tests.benchmarks.bench_scoring``); about 10 s on the 2-core development machine. It
prints the total and per-assessment time of :func:`assessor.diagnosis.findings.diagnose`
(scores, findings and the ranked plan), and the ratio to a baseline measured in the same run:
reading and checking the same answers from their exchange-file form, which every real use of the
scores must do first anyway.

The answers are drawn at random but valid: a multi-select's exclusive option ("None of these")
is only ever ticked alone (:func:`assessor.diagnosis.answers.without_clash`).
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assessor.diagnosis.answers import Answer, answer_from_json, without_clash  # noqa: E402
from assessor.diagnosis.findings import diagnose  # noqa: E402
from assessor.questionnaire.model import Item, Questionnaire  # noqa: E402
from tests.benchmarks.timing import ratio_note, verdict  # noqa: E402
from tests.helpers.answer_sets import bundled_definitions  # noqa: E402

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


def random_value(rng: random.Random, item: Item) -> Any:
    """A random valid exchange-file value for ``item``."""
    if item.kind == "agreement":
        return rng.randint(1, 5)
    if item.kind in ("frequency", "choice"):
        return rng.choice(item.options).id
    if item.kind == "multi":
        ids = [option.id for option in item.options]
        exclusive = [option.id for option in item.options if option.exclusive]
        if exclusive and rng.random() < 0.2:
            return [rng.choice(exclusive)]  # "none of these" and its kind, ticked alone
        # An exclusive option stays only when it was drawn alone.
        return without_clash(item, rng.sample(ids, rng.randint(0, len(ids))))
    if item.kind == "checklist":
        known = rng.sample(item.options, rng.randint(1, len(item.options)))
        return {option.id: rng.random() < 0.5 for option in known}
    if item.kind == "number":
        return round(rng.uniform(item.min or 0, item.max or 100), 1)
    if item.kind == "checklist":
        # Some options yes or no (at least one); the rest left out (not known).
        marks = {option.id: rng.random() < 0.5 for option in item.options if rng.random() < 0.8}
        return marks or {item.options[0].id: True}
    if item.kind == "text":
        return rng.choice(["", "More time to plan.", "Meet sales every fortnight."])
    raise ValueError(f"{item.id}: no random value for a {item.kind} item")


def build_raw_assessments(
    definitions: Mapping[str, Questionnaire], count: int
) -> list[dict[str, Any]]:
    """``count`` complete assessments as exchange-file answers, every one different."""
    rng = random.Random(SEED)
    assessments = []
    for _ in range(count):
        answers: dict[str, Any] = {}
        for qid, questionnaire in definitions.items():
            answers[qid] = {
                item.id: {"dont_know": True}
                if item.scored and rng.random() < DONT_KNOW_RATE
                else {"value": random_value(rng, item)}
                for item in questionnaire.items
            }
        assessments.append(answers)
    return assessments


def parse_all(
    definitions: Mapping[str, Questionnaire], raw: list[dict[str, Any]]
) -> list[dict[str, dict[str, Answer]]]:
    """Read and check every answer of ``raw`` (the baseline)."""
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


def _timed(work: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The best of ``repeats`` timings of ``work()`` (the least disturbed by other processes)."""
    best = float("inf")
    result: Any = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(count: int = COUNT, repeats: int = REPEATS, *, pin: bool = True) -> int:
    """Run the benchmark and print the figures; always exits 0."""
    pinning = _pin_to_one_core() if pin else "not pinned"
    definitions = bundled_definitions()
    raw = build_raw_assessments(definitions, count)

    parse_all(definitions, raw)  # warm up imports and caches before measuring
    baseline, parsed = _timed(lambda: parse_all(definitions, raw), repeats)
    elapsed, diagnoses = _timed(
        lambda: [diagnose(definitions, answers) for answers in parsed], repeats
    )

    fired = sum(len(diagnosis.fired) for diagnosis in diagnoses)
    items = sum(len(q.items) for q in definitions.values())
    print(
        f"scoring benchmark: {count:,} complete assessments, {items} items each "
        f"({pinning}; best of {repeats})"
    )
    print(
        f"  diagnose (scores, findings, plan): {elapsed:.3f} s total, "
        f"{elapsed / count * 1000:.3f} ms per assessment"
    )
    print(
        f"  baseline (read and check the answers): {baseline:.3f} s total, "
        f"{baseline / count * 1000:.3f} ms per assessment"
    )
    print(f"  findings fired: {fired} ({fired / count:.1f} per assessment)")
    # The budget is for 1,000 assessments; a smaller run is scaled up to it.
    verdict(
        f"diagnose {COUNT:,} assessments (one core)",
        elapsed * COUNT / count,
        BUDGET_SECONDS,
        "s",
        note=ratio_note(elapsed, baseline, "reading and checking the answers"),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

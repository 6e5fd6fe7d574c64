"""Benchmark: what hostile inputs cost (issue 23), printed, never asserted.

- the PDF report of an assessment with a note of 20,000 characters in 10,000 lines, next to the
  same report with a one-line note (issue 23: under 3 s; it took 25–40 s before the report
  printed at most 60 lines of a note, in paragraphs of 10 lines);
- ``validate`` of a questionnaire with 8,000 broken items (under 3 s and at most 60 lines; it
  took 4.8–11 s and printed 32,000 lines when repeated messages were found with a list search);
- ``score`` of an exchange file answering 200,000 items that do not exist (at most 60 lines; it
  printed 200,000).

Each budget prints one VERDICT line (:func:`tests.benchmarks.timing.verdict`).

Run: .venv/bin/python tests/benchmarks/bench_hostile_inputs.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assessor.errors import AssessorError
from assessor.exchange.exchange_file import parse_exchange
from assessor.questionnaire.loading import parse_questionnaire
from assessor.questionnaire.model import Questionnaire
from assessor.report.render import pdf_bytes
from tests.benchmarks.timing import median_time, ratio_note, verdict
from tests.helpers.answer_sets import bundled_definitions
from tests.helpers.hostile import exchange_record
from tests.helpers.reports import sample_report
from tests.hostile.test_output_caps import broken_items_toml

RUNS = 3


def _refused(action: object) -> int:
    """Run a reader that must refuse its input; the number of lines it would print."""
    assert callable(action)
    try:
        action()
    except AssessorError as error:
        return len(error.lines)
    raise AssertionError("the hostile input was accepted")


def main(*, runs: int = RUNS, broken: int = 8_000, unknown: int = 200_000) -> None:
    """Print the figures and their verdicts (smaller inputs for a smoke run)."""
    short, _ = sample_report(note="One line.")
    huge, _ = sample_report(note="x\n" * 10_000)
    short_time, _ = median_time(lambda: pdf_bytes(short), runs)
    huge_time, _ = median_time(lambda: pdf_bytes(huge), runs)
    print(f"report, one-line note:             {short_time:6.2f} s")
    verdict(
        "report, 10,000-line note",
        huge_time,
        3,
        "s",
        note=ratio_note(huge_time, short_time, "the one-line note"),
    )

    toml = broken_items_toml(broken).encode("utf-8")
    validate_time, lines = median_time(
        lambda: _refused(lambda: parse_questionnaire(toml, "broken.toml")), runs
    )
    verdict(f"validate, {broken:,} broken items", validate_time, 3, "s")
    verdict(f"validate, {broken:,} broken items, lines printed", lines, 60, "lines", at_most=True)

    definitions = bundled_definitions()
    record = exchange_record()
    by_item = next(iter(record["answers"].values()))
    for index in range(unknown):
        by_item[f"zz-{index}"] = {"value": 3}
    content = json.dumps(record).encode("utf-8")

    def lookup(questionnaire_id: str, version: int) -> Questionnaire | None:
        found = definitions.get(questionnaire_id)
        return found if found is not None and found.version == version else None

    _, lines = median_time(
        lambda: _refused(lambda: parse_exchange(content, "unknown.json", lookup)),
        1,
        warm_up=False,
    )
    verdict(f"score, {unknown:,} unknown items, lines printed", lines, 60, "lines", at_most=True)


if __name__ == "__main__":
    main()

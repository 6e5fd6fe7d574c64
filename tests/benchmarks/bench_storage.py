"""Storage benchmark (a script, not collected by pytest).

Prints the answer-save median and 99th percentile (budget: median under 5 ms), and with
100,000 stored assessments the time to list one organisation, to fetch one organisation's
dimension scores per period (its trend), and Home's list as the app shows it (budget: each under
100 ms). ``--kill-rounds N`` also runs the kill test for N rounds (the suite runs 200; 2,000 is a
good long run).

It takes 30–45 s on the 2-core development machine, most of it writing the 100,000
assessments (a 220 MB database in a temporary folder; about 230 MB of memory at the peak).

    .venv/bin/python tests/benchmarks/bench_storage.py [--assessments 100000] [--kill-rounds 2000]
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from assessor.diagnosis.answers import make_answer  # noqa: E402
from assessor.exchange.exchange_file import new_uuid  # noqa: E402
from assessor.storage import Store  # noqa: E402
from assessor.storage.snapshots import snapshot_of  # noqa: E402
from tests.benchmarks.timing import median_time, verdict  # noqa: E402
from tests.helpers.storage import bundled, kill_rounds, sample_value  # noqa: E402

SAVE_BUDGET_MS = 5.0
QUERY_BUDGET_MS = 100.0
#: Home shows a card for at most this many organisations (ui.home_page.CARD_LIMIT).
HOME_CARDS = 12
ROLES = ("ceo", "marketing", "sales", "other")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def bench_saves(folder: Path, saves: int) -> None:
    """Time ``save_answer`` (each one committed with synchronous=FULL)."""
    questionnaires = bundled()
    targets = [(q, item) for q in questionnaires for item in q.items]
    with Store.open(folder / "saves.db") as store:
        assessment_id = store.create_assessment(
            "Bench", "Ann", "ceo", "2026-Q3", questionnaires=questionnaires
        ).id
        timings: list[float] = []
        for n in range(saves):
            questionnaire, item = targets[n % len(targets)]
            answer = make_answer(questionnaire, item.id, sample_value(item, n), note=f"n{n}")
            start = time.perf_counter()
            store.save_answer(assessment_id, questionnaire.id, item.id, answer)
            timings.append(time.perf_counter() - start)
    timings.sort()
    median = statistics.median(timings)
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"answer save ({saves:,} saves, each committed): p99 {_ms(p99)}")
    verdict(f"answer saved, median of {saves:,}", median * 1000, SAVE_BUDGET_MS, "ms")


def _periods(count: int) -> list[str]:
    periods = []
    year, quarter = 2026, 4
    for _ in range(count):
        periods.append(f"{year}-Q{quarter}")
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return periods


def populate(path: Path, assessments: int, organisations: int) -> str:
    """Bulk-insert assessments with cached scores (sqlite-utils insert_all); returns one org."""
    Store.open(path, automatic_backups=False).close()  # the schema, through the migrations
    questionnaires = bundled()
    snapshots = [snapshot_of(q) for q in questionnaires]
    per_org = max(1, assessments // organisations)
    periods = _periods(max(1, per_org // len(ROLES)) + 1)
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    db = Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # bulk loading only
    with db.atomic():
        db["definitions"].insert_all(
            [
                {
                    "hash": s.hash,
                    "questionnaire_id": s.questionnaire_id,
                    "version": s.version,
                    "definition": s.definition,
                }
                for s in snapshots
            ]
        )
        db["organisations"].insert_all(
            {"id": org + 1, "name": f"Organisation {org + 1:05d}", "created": now}
            for org in range(organisations)
        )

        def assessment_rows() -> Iterator[dict[str, Any]]:
            for index in range(assessments):
                org = index % organisations
                slot = index // organisations
                yield {
                    "id": index + 1,
                    "uuid": new_uuid(),
                    "organisation_id": org + 1,
                    "unit": "",
                    "respondent_name": f"Person {slot}",
                    "role": ROLES[slot % len(ROLES)],
                    "period": periods[slot // len(ROLES) % len(periods)],
                    "status": "complete",
                    "created": now,
                    "updated": now,
                    "completed": now,
                }

        db["assessments"].insert_all(assessment_rows(), batch_size=2000)
        db["assessment_questionnaires"].insert_all(
            (
                {
                    "assessment_id": index + 1,
                    "questionnaire_id": q.id,
                    "position": position,
                    "version": q.version,
                    "hash": snapshots[position].hash,
                }
                for index in range(assessments)
                for position, q in enumerate(questionnaires)
            ),
            batch_size=2000,
        )
        db["dimension_scores"].insert_all(
            (
                {
                    "assessment_id": index + 1,
                    "questionnaire_id": q.id,
                    "dimension_id": d.id,
                    "position": position,
                    "score": (index * 7 + position * 13) % 101,
                    "coverage": 1.0,
                    "band": "Bench",
                    "answered": 5,
                    "dont_know": 0,
                    "total": 5,
                    "computed_at": now,
                }
                for index in range(assessments)
                for q in questionnaires
                for position, d in enumerate(q.dimensions)
            ),
            batch_size=5000,
        )
        # Answers for every assessment of the measured organisation and 1 in 20 of the rest.
        db["answers"].insert_all(
            (
                {
                    "assessment_id": index + 1,
                    "questionnaire_id": q.id,
                    "item_id": item.id,
                    "value": "3" if item.kind == "agreement" else None,
                    "dont_know": 0 if item.kind == "agreement" else 1,
                    "note": "",
                    "answered_at": now,
                }
                for index in range(assessments)
                if index % organisations == 0 or index % 20 == 0
                for q in questionnaires
                for item in q.items
            ),
            batch_size=5000,
        )
    db.close()
    return "Organisation 00001"


def bench_queries(folder: Path, assessments: int, organisations: int, runs: int) -> None:
    """List one organisation and fetch its dimension scores in a large database."""
    path = folder / "large.db"
    start = time.perf_counter()
    organisation = populate(path, assessments, organisations)
    print(
        f"populated {assessments:,} assessments across {organisations:,} organisations "
        f"with cached dimension scores in {time.perf_counter() - start:.1f} s "
        f"({path.stat().st_size / 1e6:.0f} MB)"
    )
    start = time.perf_counter()
    with Store.open(path, automatic_backups=False) as store:
        print(f"opening (quick_check, version checks): {_ms(time.perf_counter() - start)}")
        listed, entries = median_time(
            lambda: store.list_assessments(organisation), runs, warm_up=False
        )
        scored, rows = median_time(
            lambda: store.dimension_scores(organisation), runs, warm_up=False
        )
        names, found = median_time(store.organisations, runs, warm_up=False)
        cards, _ = median_time(
            lambda: [store.overview(name) for name in found[:HOME_CARDS]], runs, warm_up=False
        )
        home, everything = median_time(lambda: store.list_assessments(), 3, warm_up=False)
    assert isinstance(entries, list) and isinstance(rows, list) and isinstance(everything, list)
    assert isinstance(found, list)
    print(
        f"medians of {runs}: the {len(found):,} organisations {names * 1000:.2f} ms; Home's cards "
        f"(index, change, trend, respondents, drafts) for the first {HOME_CARDS} "
        f"{cards * 1000:.1f} ms; one organisation has {len(entries)} assessments and a trend of "
        f"{len(rows)} dimension scores"
    )
    print(f"(for information) list all {len(everything):,} assessments at once: {_ms(home)}")
    stored = f"{assessments:,} stored"
    verdict(f"one organisation listed, {stored}", listed * 1000, QUERY_BUDGET_MS, "ms")
    verdict(f"one organisation's trend, {stored}", scored * 1000, QUERY_BUDGET_MS, "ms")
    verdict(
        f"home list + one organisation, {stored}", (names + listed) * 1000, QUERY_BUDGET_MS, "ms"
    )
    verdict(
        f"home, {HOME_CARDS} cards + one organisation, {stored}",
        (names + cards + listed) * 1000,
        QUERY_BUDGET_MS,
        "ms",
    )


def bench_kill(folder: Path, rounds: int) -> None:
    """Run the kill test for ``rounds`` rounds."""
    start = time.perf_counter()
    report = kill_rounds(folder / "kill.db", rounds, seed=int(time.time()))
    elapsed = time.perf_counter() - start
    print(
        f"kill test: {report.rounds} rounds, {report.acknowledged} acknowledged saves, "
        f"none lost, quick_check ok every round ({report.unacknowledged_commits} rounds where "
        f"the save in flight had committed before its acknowledgement) in {elapsed:.1f} s"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Run the storage benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=2000)
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--kill-rounds", type=int, default=20)
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="assessor-bench-") as name:
        folder = Path(name)
        bench_saves(folder, arguments.saves)
        bench_queries(folder, arguments.assessments, arguments.organisations, arguments.runs)
        if arguments.kill_rounds:
            bench_kill(folder, arguments.kill_rounds)


if __name__ == "__main__":
    main()

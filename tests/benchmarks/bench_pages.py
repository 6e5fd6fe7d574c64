"""Benchmark: the page counts of the demo's reports (budget, DESIGN.md §8: at most 8 pages each).

Through the command line, in a temporary database: ``assessor demo``, then ``assessor report``
for each of its 18 assessments, ``assessor report --org`` for each of its 6 periods and
``assessor compare``, each on A4 and on US Letter paper; pages counted with pypdf. Prints the
longest of each kind, and which one it was.

Run: .venv/bin/python tests/benchmarks/bench_pages.py (about 15 s)
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from assessor.cli import cli  # noqa: E402
from assessor.demo import DEMO_ORGANISATION  # noqa: E402
from tests.benchmarks.timing import verdict  # noqa: E402

PAGE_BUDGET = 8
PAPER = ("a4", "letter")


def _run(db: Path, *arguments: str) -> str:
    """Run ``assessor --db DB ARGUMENTS`` in this process; its output."""
    result = CliRunner().invoke(cli, ["--db", str(db), *arguments], catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(f"assessor {' '.join(arguments)}: {result.output.strip()}")
    return result.output


def _pages(db: Path, target: Path, *arguments: str) -> int:
    """Write a PDF with ``assessor ARGUMENTS -o TARGET``; its page count."""
    _run(db, *arguments, "-o", str(target))
    return len(PdfReader(target).pages)


def main(paper: Sequence[str] = PAPER, *, every_period: bool = True) -> None:
    """Print the longest report of each kind (only the latest period's, without
    ``every_period``: the smoke test)."""
    with tempfile.TemporaryDirectory(prefix="assessor-bench-") as name:
        folder = Path(name)
        db = folder / "demo.db"
        _run(db, "demo")
        entries = json.loads(_run(db, "list", "--org", DEMO_ORGANISATION, "--json"))
        periods = sorted({entry["period"] for entry in entries})
        if not every_period:
            periods = periods[-1:]
            entries = [entry for entry in entries if entry["period"] in periods]
        respondent: list[tuple[int, str]] = []
        organisation: list[tuple[int, str]] = []
        comparison: list[tuple[int, str]] = []
        for size in paper:
            for entry in entries:
                pages = _pages(db, folder / "r.pdf", "report", str(entry["id"]), "--pagesize", size)
                respondent.append((pages, f"{entry['period']} {entry['role']}, {size}"))
            for period in periods:
                arguments = ("report", "--org", DEMO_ORGANISATION, "--period", period)
                pages = _pages(db, folder / "o.pdf", *arguments, "--pagesize", size)
                organisation.append((pages, f"{period}, {size}"))
            arguments = ("compare", "--org", DEMO_ORGANISATION, "--pagesize", size)
            comparison.append((_pages(db, folder / "c.pdf", *arguments), size))
    print(
        f"demo reports on {', '.join(paper)}: respondent reports "
        f"{min(respondent)[0]}–{max(respondent)[0]} pages, organisation reports "
        f"{min(organisation)[0]}–{max(organisation)[0]}, comparison "
        f"{min(comparison)[0]}–{max(comparison)[0]}"
    )
    for label, counts in (
        (f"respondent report, longest of {len(entries)} (demo)", respondent),
        (f"organisation report, longest of {len(periods)} (demo)", organisation),
        (f"comparison of {len(periods)} quarters (demo)", comparison),
    ):
        pages, which = max(counts)
        verdict(label, pages, PAGE_BUDGET, "pages", at_most=True, note=f"({which})")


if __name__ == "__main__":
    main()

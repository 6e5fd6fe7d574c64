"""Run every benchmark script (``make benchmarks``): each one's output as it comes, then a summary.

Every ``tests/benchmarks/bench_*.py`` runs in its own process (offscreen Qt, this project on
the import path), one after the other, and a failing one does not stop the rest. The summary
repeats every verdict line (see :mod:`tests.benchmarks.timing`) under the script that printed
it, and names every script that crashed (exited non-zero) or printed no verdict at all.

Exits 1 when a script crashed or printed no verdict, 0 otherwise, whatever the verdicts say:
a budget that is over is a figure for people, not a failure.

    .venv/bin/python tests/benchmarks/run_all.py [bench_scoring.py ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.timing import PREFIX, is_over  # noqa: E402

#: How many of a crashed script's last lines the summary repeats.
TAIL = 3


@dataclass
class Outcome:
    """What one script printed and how it ended."""

    script: Path
    returncode: int
    seconds: float
    verdicts: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)

    @property
    def crashed(self) -> bool:
        """Exited non-zero."""
        return self.returncode != 0

    @property
    def failed(self) -> bool:
        """Crashed, or ran to the end without a single verdict."""
        return self.crashed or not self.verdicts


def scripts() -> list[Path]:
    """Every benchmark script, in name order."""
    return sorted(HERE.glob("bench_*.py"))


def environment() -> dict[str, str]:
    """The scripts' environment: offscreen Qt, and this project first on the import path."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def run(script: Path, *, python: str = sys.executable) -> Outcome:
    """Run one script, echoing its output (stderr merged in) line by line."""
    print(f"=== {script.name}", flush=True)
    start = time.perf_counter()
    lines: list[str] = []
    with subprocess.Popen(
        [python, str(script)],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line.rstrip("\n"))
    seconds = time.perf_counter() - start
    verdicts = [line for line in lines if line.startswith(PREFIX + " ")]
    tail = [line for line in lines if line.strip()][-TAIL:]
    return Outcome(script, process.returncode, seconds, verdicts, tail)


def summary(outcomes: Sequence[Outcome]) -> list[str]:
    """The summary lines: every verdict by script, every failure, and the totals."""
    lines = ["", "=== summary"]
    for outcome in outcomes:
        state = f"exit {outcome.returncode}, CRASHED" if outcome.crashed else "ran to the end"
        lines.append(f"{outcome.script.name} ({state}, {outcome.seconds:.0f} s)")
        lines.extend(f"  {verdict}" for verdict in outcome.verdicts)
        if outcome.crashed:
            lines.extend(f"  | {line}" for line in outcome.tail)
        elif not outcome.verdicts:
            lines.append("  printed no verdict")
    verdicts = [verdict for outcome in outcomes for verdict in outcome.verdicts]
    over = sum(1 for verdict in verdicts if is_over(verdict))
    crashed = [outcome.script.name for outcome in outcomes if outcome.crashed]
    silent = [o.script.name for o in outcomes if not o.crashed and not o.verdicts]
    lines.append(
        f"{len(outcomes)} scripts, {len(verdicts)} verdicts ({over} OVER), "
        f"{len(crashed)} crashed{': ' + ', '.join(crashed) if crashed else ''}"
        + (f", no verdict from {', '.join(silent)}" if silent else "")
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the named scripts (all by default); 1 when one crashed or printed no verdict."""
    names = list(sys.argv[1:] if argv is None else argv)
    chosen = [HERE / name for name in names] if names else scripts()
    outcomes = [run(script) for script in chosen]
    print("\n".join(summary(outcomes)), flush=True)
    return 1 if any(outcome.failed for outcome in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())

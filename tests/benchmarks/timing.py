"""Shared by the benchmark scripts: the median wall time of repeated runs, and the verdict line.

Every budget a benchmark measures is printed by :func:`verdict` as one line of one shape::

    VERDICT  answer saved, median of 2,000             0.23 ms  budget 5 ms  within

(``OVER`` instead of ``within`` when the figure is over its budget), optionally followed by a
note such as the ratio to a baseline measured in the same run. ``run_all.py`` (``make
benchmarks``) gathers these lines by their :data:`PREFIX`. Benchmarks print verdicts; they never
assert timings.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: The first word of every verdict line.
PREFIX = "VERDICT"
#: Width of the label column, so the verdicts of every script line up.
LABEL_WIDTH = 50


def median_time(
    action: Callable[[], object], runs: int, *, warm_up: bool = True
) -> tuple[float, Any]:
    """The median seconds of ``runs`` calls of ``action``, and what the last call returned.

    With ``warm_up``, one call first is left out (caches, imports, font loading).
    """
    if warm_up:
        action()
    timings = []
    result: Any = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result


def figure(value: float) -> str:
    """A measured figure with about three significant digits: 0.23, 57.2, 295 (a count as is)."""
    if isinstance(value, int):
        return str(value)
    size = abs(value)
    if size < 10:
        return f"{value:.2f}"
    if size < 100:
        return f"{value:.1f}"
    return f"{value:.0f}"


def _with_unit(text: str, unit: str) -> str:
    """``1.50x`` for a ratio, ``57.2 ms`` for anything else."""
    return f"{text}{unit}" if unit == "x" else f"{text} {unit}"


@dataclass(frozen=True)
class Verdict:
    """One measured figure against its budget, in the budget's unit ("ms", "s", "x", "MB",
    "pages")."""

    label: str
    value: float
    budget: float
    unit: str
    #: True when the budget is "at most" (a ratio "within 1.5x"), False for "under".
    at_most: bool = False
    note: str = ""

    @property
    def within(self) -> bool:
        """Whether the figure keeps to its budget."""
        return self.value <= self.budget if self.at_most else self.value < self.budget

    def line(self) -> str:
        """The verdict line (see the module docstring)."""
        measured = _with_unit(figure(self.value), self.unit)
        budget = _with_unit(f"{self.budget:g}", self.unit)
        text = (
            f"{PREFIX}  {self.label:<{LABEL_WIDTH}}  {measured:>10}  budget {budget}  "
            f"{'within' if self.within else 'OVER'}"
        )
        return f"{text}  {self.note}" if self.note else text


def verdict(
    label: str, value: float, budget: float, unit: str, *, at_most: bool = False, note: str = ""
) -> Verdict:
    """Print the verdict line for ``value`` against ``budget`` (both in ``unit``); return it."""
    result = Verdict(label, value, budget, unit, at_most, note)
    print(result.line(), flush=True)
    return result


def ratio_note(seconds: float, baseline: float, what: str) -> str:
    """The note giving a figure as a ratio to a baseline measured in the same run."""
    return f"({seconds / baseline:.1f}x {what})"


def is_over(line: str) -> bool:
    """Whether a verdict line (as printed by :func:`verdict`) says OVER."""
    _, _, after = line.partition("  budget ")
    words = after.split("  ")
    return len(words) > 1 and words[1] == "OVER"

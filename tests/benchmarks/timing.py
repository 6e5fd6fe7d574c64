"""Timing for the benchmark scripts: the median wall time of repeated runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


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

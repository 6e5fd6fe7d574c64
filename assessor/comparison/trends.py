"""Score series and their trends: each period's score, the change from the previous period and
the trend over all periods.

Periods are placed on a quarter axis (:func:`quarter_index`), so a skipped quarter counts. The
trend is the least-squares slope in points per quarter, read as rising (≥ +:data:`TREND_STEP`),
falling (≤ −:data:`TREND_STEP`) or steady. A change is None when either side has no score, or
the series is absent in one of the two periods (a dimension dropped by a questionnaire version
change).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from assessor.comparison.model import Series, SeriesPoint

#: A trend steeper than this many points per quarter is rising or falling; else steady.
TREND_STEP = 1.0


def quarter_index(period: str) -> int:
    """The period ``YYYY-Qn`` as a count of quarters (consecutive quarters differ by one)."""
    year, quarter = period.split("-Q")
    return int(year) * 4 + int(quarter) - 1


def _slope(points: Sequence[SeriesPoint]) -> float | None:
    """Least-squares slope of the scores against the quarter index (points per quarter)."""
    pairs = [(quarter_index(p.period), p.score) for p in points if p.score is not None]
    if len(pairs) < 2:
        return None
    xs = [float(x) for x, _ in pairs]
    ys = [float(y) for _, y in pairs]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def trend_label(slope: float | None) -> str:
    """rising / steady / falling for a slope in points per quarter ("" when unknown)."""
    if slope is None or math.isnan(slope):
        return ""
    if slope >= TREND_STEP:
        return "rising"
    if slope <= -TREND_STEP:
        return "falling"
    return "steady"


def series(
    key: str,
    title: str,
    questionnaire_id: str,
    dimension_id: str | None,
    periods: Sequence[str],
    scores: Sequence[float | None],
    present: Sequence[bool],
) -> Series:
    """The series of ``scores`` over ``periods``; ``present`` says where the series exists.

    A change is computed only between consecutive periods where the series is present in both.
    """
    points: list[SeriesPoint] = []
    for index, (period, score) in enumerate(zip(periods, scores, strict=True)):
        change = None
        if index and present[index - 1] and present[index]:
            before = scores[index - 1]
            if before is not None and score is not None:
                change = score - before
        points.append(SeriesPoint(period, score, change))
    slope = _slope(points)
    return Series(
        key, title, questionnaire_id, dimension_id, tuple(points), slope, trend_label(slope)
    )

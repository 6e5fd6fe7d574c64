"""How scores are printed and banded: whole points, halves rounded up, changes that add up.

Every score printed in a PDF or on screen goes through :func:`points`, and every change printed
beside two scores is the difference of the two printed figures (:func:`points_change`):
"11 → 22" always comes with "+11", never with the "+12" of the unrounded values.

A score is rounded once, and its band is the band of that rounded figure (:func:`printed`):
39.9 prints as 40 and is Fragile, never "40" in the At-risk colour. The engine's bands and its
score conditions read the same figure (:func:`assessor.diagnosis.scores.band_for`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def points(value: float) -> int:
    """A score as printed: a whole number of points, halves rounded up (55.5 → 56)."""
    # round() first drops the float noise of means (55.49999999 is a 55.5 that lost a bit).
    return int(Decimal(repr(round(value, 6))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def printed(value: float) -> float:
    """The figure a score prints as (:func:`points`), as the float its band is read from."""
    return float(points(value))


def points_text(value: float | None, missing: str = "—") -> str:
    """A score as printed (:func:`points`), or ``missing`` when there is none."""
    return missing if value is None else str(points(value))


def points_change(before: float | None, after: float | None) -> int | None:
    """The change between two printed scores, or None when either is missing."""
    if before is None or after is None:
        return None
    return points(after) - points(before)

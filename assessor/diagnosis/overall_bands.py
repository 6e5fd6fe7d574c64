"""The bands of the overall index as plain data: what the score says about the organisation.

They live apart from the questionnaire model so that the app's home can band an index read
from the database before the model (pydantic) has loaded.
:data:`assessor.diagnosis.scores.OVERALL_BANDS`
is built from this table; a score belongs to the band with ``min <= score < max``, and the top
band also holds its max.
"""

from __future__ import annotations

from typing import NamedTuple

from assessor.diagnosis.figures import printed


class OverallBand(NamedTuple):
    """One band of the overall index."""

    min: float
    max: float
    label: str
    meaning: str


#: From worst to best.
OVERALL_BAND_TABLE: tuple[OverallBand, ...] = (
    OverallBand(
        0,
        40,
        "At risk",
        "Marketing is boxed in and confused with sales: it runs errands, is judged on the "
        "wrong things and works apart from the people who sell.",
    ),
    OverallBand(
        40,
        60,
        "Fragile",
        "Parts of the organisation let marketing do its job, but unplanned work, blurred "
        "roles or thin contact with sales still hold it back.",
    ),
    OverallBand(
        60,
        80,
        "Sound",
        "Marketing mostly has room to work, a clear role and regular contact with sales; a "
        "few habits still pull the organisation back.",
    ),
    OverallBand(
        80,
        100,
        "Strong",
        "Marketing is free to do its own work, accountable for opportunities and works as "
        "one team with sales.",
    ),
)


def overall_band_index(score: float | None) -> int:
    """The index in :data:`OVERALL_BAND_TABLE` of the band a score falls in (-1 for none)."""
    if score is None:
        return -1
    score = printed(score)  # the band of the figure as printed (39.9 prints 40: Fragile)
    for index, band in enumerate(OVERALL_BAND_TABLE):
        if band.min <= score < band.max:
            return index
    top = len(OVERALL_BAND_TABLE) - 1
    return top if score == OVERALL_BAND_TABLE[top].max else -1

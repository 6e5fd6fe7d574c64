"""The report's colours, as plain hex strings: one source for the PDF, its charts and the app.

Nothing here imports reportlab, so the app's home can use the band colours at start-up.
"""

from __future__ import annotations

#: Band colours from worst to best: a colour-blind-safe diverging palette that stays distinct
#: when printed in grey.
BAND_COLOURS: tuple[str, ...] = ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac")
NO_SCORE_COLOUR = "#6b6b6b"


def band_colour(index: int) -> str:
    """The colour of the band at ``index`` (0 = worst), grey when unknown."""
    if index < 0:
        return NO_SCORE_COLOUR
    return BAND_COLOURS[min(index, len(BAND_COLOURS) - 1)]

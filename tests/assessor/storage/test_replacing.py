"""Which copy wins when an import meets an assessment already stored."""

from __future__ import annotations

import pytest

from assessor.storage.replacing import replacement_reason

EARLY = "2026-07-01T09:00:00Z"
LATE = "2026-07-02T09:00:00Z"


@pytest.mark.parametrize(
    ("stored", "incoming", "replace", "reason"),
    [
        (("draft", LATE), ("complete", EARLY), True, "the returned complete copy replaces"),
        (("complete", EARLY), ("draft", LATE), False, "the copy here is complete"),
        (("draft", EARLY), ("draft", LATE), True, "is newer than the one here"),
        (("complete", EARLY), ("complete", LATE), True, "is newer than the one here"),
        (("complete", LATE), ("complete", EARLY), False, "copy here (updated 2026-07-02"),
        (("draft", LATE), ("draft", EARLY), False, "draft copy here"),
        (
            ("complete", LATE),
            ("complete", LATE),
            False,
            "already here, as recent (updated 2026-07-02T09:00:00Z)",
        ),
        (("draft", EARLY), ("draft", ""), False, "(updated unknown)"),
    ],
)
def test_the_better_copy_wins(
    stored: tuple[str, str], incoming: tuple[str, str], replace: bool, reason: str
) -> None:
    decided = replacement_reason(*stored, *incoming)
    assert decided.replace is replace
    assert reason in decided.reason

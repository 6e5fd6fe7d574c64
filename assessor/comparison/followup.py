"""Action follow-up: what became of the actions of the previous period's report.

When a new assessment starts, the leader is shown the top actions of the previous period's
report for the same organisation and unit (the same respondent role preferred) and says of
each whether it is done, in progress or not started. The answers are stored with the new
assessment (see :mod:`assessor.storage.followups`) and the comparison shows them beside the
change in the dimension each action aimed at (see :mod:`assessor.comparison.followup_rows`).

Plain data only: no storage and no Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FollowUpStatus = Literal["done", "in-progress", "not-started"]
#: The answers a follow-up can have, from the most to the least advanced.
FOLLOW_UP_STATUSES: tuple[str, ...] = ("done", "in-progress", "not-started")
#: How each status (and an action nobody answered about) reads.
STATUS_LABELS: dict[str, str] = {
    "done": "Done",
    "in-progress": "In progress",
    "not-started": "Not started",
    "unanswered": "Not answered",
    "mixed": "Answers differ",
}
#: How many of the previous report's ranked actions are followed up: the report's top five.
FOLLOW_UP_LIMIT = 5


def action_key(text: str) -> str:
    """The identity of an action text: spacing and case ignored."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class PreviousAction:
    """One ranked action of the previous period's report, to be followed up.

    ``status`` is the answer already saved for it with the new assessment, if any.
    """

    text: str
    priority: float
    questionnaire_id: str
    dimension_id: str | None
    #: "Questionnaire title: dimension title" (or the questionnaire title alone)
    aims_at: str
    source_period: str
    source_assessment_id: int
    status: str | None = None


@dataclass(frozen=True)
class FollowUp:
    """A stored answer about one previous action, kept with the *new* assessment."""

    assessment_id: int
    action_text: str
    source_period: str
    questionnaire_id: str
    dimension_id: str | None
    status: str
    answered_at: str
    position: int = 0

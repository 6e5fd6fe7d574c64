"""The comparison on one page: what the board asks of several quarters, as plain data.

Built from a :class:`assessor.comparison.model.Comparison` (no reportlab here). Every change is the
difference of the rounded scores printed beside it, so "11 → 22" always reads "+11".

- **Indices**: each index's first and latest score, the change between them and the trend.
- **What improved and what did not**: each dimension from the previous period to the latest
  (where both score it); a rise of at least the smallest change that counts for this
  organisation (:func:`assessor.comparison.noise.smallest_change`, from its questions' steps and
  its number of respondents) improved; anything less did not, and a fall of that much or more
  fell. Changes under it are within noise. The span from the first period shows in the indices.
- **Version changes**: the steps across which a questionnaire's version changed, marked on the
  trend and said on the page.
- **Actions against their dimension**: every action followed up in any period, grouped by what
  became of it, with how far the dimension it aimed at moved meanwhile (mean of the rounded
  changes) and how the business outcomes related to those dimensions moved (better or worse by
  each metric's own direction).
- **Open perception gaps**: the latest period's flagged gaps (or its widest ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assessor.comparison.followup import STATUS_LABELS
from assessor.comparison.model import Comparison, PerceptionGap, Series
from assessor.comparison.noise import smallest_change
from assessor.comparison.outcomes import OutcomeTally, tally_by_status
from assessor.diagnosis.figures import points_change

#: How many dimensions each of "improved" and "did not" lists.
LISTED = 4
#: Follow-up statuses in the order the summary lists them.
STATUS_ORDER = ("done", "in-progress", "not-started", "mixed", "unanswered")


@dataclass(frozen=True)
class Movement:
    """One series from its first scored period to the latest."""

    title: str
    questionnaire_title: str
    first_period: str
    first: float
    latest: float
    trend: str

    @property
    def change(self) -> int:
        """The change in printed points (the difference of the two figures as printed)."""
        change = points_change(self.first, self.latest)
        assert change is not None
        return change


@dataclass(frozen=True)
class StatusGroup:
    """The actions followed up with one status, and how their dimensions moved."""

    status: str
    label: str
    count: int
    mean_change: float | None
    #: how the business outcomes related to these actions' dimensions moved meanwhile
    outcomes: OutcomeTally = field(default_factory=OutcomeTally)


@dataclass(frozen=True)
class VersionChange:
    """A step between two periods across which questionnaire versions changed."""

    before: str
    after: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ComparisonSummary:
    """Everything the comparison's summary page says.

    ``noise`` is the smallest change, in printed points, that counts between the previous and
    the latest period; ``one_step`` what one respondent moving one answer one step changes, and
    ``respondents`` how many answered the latest period.
    """

    first_period: str
    previous_period: str
    latest_period: str
    indices: tuple[Movement, ...]
    improved: tuple[Movement, ...]
    not_improved: tuple[Movement, ...]
    actions: tuple[StatusGroup, ...]
    followed_up: int
    gaps: tuple[PerceptionGap, ...]
    gaps_flagged: bool
    noise: int = 2
    one_step: float | None = None
    respondents: int = 0
    version_changes: tuple[VersionChange, ...] = ()

    @property
    def last_step_changed_version(self) -> bool:
        """Whether questionnaire versions changed between the previous and the latest period."""
        return any(
            change.before == self.previous_period and change.after == self.latest_period
            for change in self.version_changes
        )


def movement(series: Series, questionnaire_title: str = "") -> Movement | None:
    """The series from its first scored period to its latest (None with fewer than two)."""
    scored = [p for p in series.points if p.score is not None]
    if len(scored) < 2:
        return None
    first, last = scored[0], scored[-1]
    assert first.score is not None and last.score is not None
    return Movement(
        series.title, questionnaire_title, first.period, first.score, last.score, series.trend
    )


def last_step(series: Series, questionnaire_title: str = "") -> Movement | None:
    """The series from the previous period to the latest (None when either has no score)."""
    if len(series.points) < 2 or series.points[-1].change is None:
        return None
    before, after = series.points[-2], series.points[-1]
    if before.score is None or after.score is None:
        return None
    return Movement(
        series.title, questionnaire_title, before.period, before.score, after.score, series.trend
    )


def _actions(comparison: Comparison) -> tuple[list[StatusGroup], int]:
    changes: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    outcomes = tally_by_status(comparison)
    for step in comparison.steps:
        for row in step.followups:
            counts[row.status] = counts.get(row.status, 0) + 1
            change = points_change(row.before, row.after)
            if change is not None:
                changes.setdefault(row.status, []).append(change)
    groups = []
    for status in STATUS_ORDER:
        if status not in counts:
            continue
        moved = changes.get(status, [])
        groups.append(
            StatusGroup(
                status,
                STATUS_LABELS.get(status, status),
                counts[status],
                sum(moved) / len(moved) if moved else None,
                outcomes.get(status, OutcomeTally()),
            )
        )
    return groups, sum(counts.values())


def _gaps(comparison: Comparison) -> tuple[tuple[PerceptionGap, ...], bool]:
    if not comparison.period_views:
        return (), False
    latest = comparison.period_views[-1]
    if latest.flagged_gaps:
        return latest.flagged_gaps, True
    return tuple(sorted(latest.gaps, key=lambda g: -g.gap)[:2]), False


def comparison_summary(comparison: Comparison) -> ComparisonSummary:
    """The summary page's content for ``comparison``."""
    titles = {q.questionnaire_id: q.title for q in comparison.questionnaires}
    indices = [m for s in comparison.indices if (m := movement(s)) is not None]
    dimensions: Sequence[Movement] = [
        m
        for s in comparison.dimensions
        if (m := last_step(s, titles.get(s.questionnaire_id, ""))) is not None
    ]
    views = comparison.period_views
    steps = [view.one_step for view in views[-2:]]
    noise = smallest_change(*steps)
    improved = sorted((m for m in dimensions if m.change >= noise), key=lambda m: -m.change)
    not_improved = sorted((m for m in dimensions if m.change < noise), key=lambda m: m.change)
    groups, followed_up = _actions(comparison)
    gaps, flagged = _gaps(comparison)
    periods = comparison.periods
    known = [step for step in steps if step is not None]
    return ComparisonSummary(
        first_period=periods[0] if periods else "",
        previous_period=periods[-2] if len(periods) > 1 else "",
        latest_period=periods[-1] if periods else "",
        indices=tuple(indices),
        improved=tuple(improved),
        not_improved=tuple(not_improved),
        actions=tuple(groups),
        followed_up=followed_up,
        gaps=gaps,
        gaps_flagged=flagged,
        noise=noise,
        one_step=max(known) if known else None,
        respondents=len(views[-1].respondents) if views else 0,
        version_changes=tuple(
            VersionChange(step.before, step.after, step.version_notes)
            for step in comparison.steps
            if step.version_notes
        ),
    )

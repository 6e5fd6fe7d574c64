"""Business outcomes in a comparison: each metric's series beside the indices, and how the
outcomes related to an action moved beside what became of it.

Pure data (no storage, no reportlab, no Qt):

- :func:`outcome_series`: one :class:`OutcomeSeries` per metric with a value, over the periods
  compared and those with outcomes, each point with its change from the previous period and
  whether that change is for the better (which way is better is the metric's own);
- :func:`related_moves`: for an action aimed at a dimension, how each metric related to that
  dimension (``dimensions`` in ``questionnaires/outcomes.toml``) moved between two periods;
- :func:`with_outcomes`: a :class:`~assessor.comparison.model.Comparison` with its outcome series
  and every follow-up row with its related moves;
- :func:`tally_by_status`: per follow-up status (done, in progress, not started…), how many
  related outcomes moved for the better, for the worse or stayed level.

Movement beside an action suggests, but does not prove, an effect
(:data:`~assessor.questionnaire.metrics.NOT_PROOF`): every view that shows these says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from assessor.comparison.model import (
    Comparison,
    FollowUpRow,
    OutcomeMove,
    OutcomePoint,
    OutcomeSeries,
    Step,
)
from assessor.exchange.outcomes import OutcomeValue
from assessor.questionnaire.metrics import Metrics


def outcome_series(
    values: Iterable[OutcomeValue], metrics: Metrics, periods: Sequence[str] = ()
) -> tuple[OutcomeSeries, ...]:
    """One series per metric that has a value, in the metrics' order, over ``periods`` and
    every period with a value (sorted). Values of metrics not defined are left out."""
    given = [v for v in values if v.metric in metrics]
    axis = sorted({*periods, *(v.period for v in given)})
    by_key = {(v.metric, v.period): v.value for v in given}
    found: list[OutcomeSeries] = []
    for metric in metrics:
        if not any(v.metric == metric.id for v in given):
            continue
        points: list[OutcomePoint] = []
        before: float | None = None
        for period in axis:
            value = by_key.get((metric.id, period))
            if value is None or before is None:
                points.append(OutcomePoint(period, value))
            else:
                points.append(
                    OutcomePoint(period, value, value - before, metric.is_better(before, value))
                )
            before = value
        found.append(OutcomeSeries(metric, tuple(points)))
    return tuple(found)


def related_moves(
    series: Sequence[OutcomeSeries],
    metrics: Metrics,
    questionnaire_id: str,
    dimension_id: str | None,
    before: str,
    after: str,
) -> tuple[OutcomeMove, ...]:
    """How the metrics related to a dimension moved from ``before`` to ``after`` (metrics
    without a value in either period are left out)."""
    by_metric = {s.metric.id: s for s in series}
    moves: list[OutcomeMove] = []
    for metric in metrics.related(questionnaire_id, dimension_id):
        found = by_metric.get(metric.id)
        if found is None:
            continue
        first, last = found.value(before), found.value(after)
        if first is None or last is None:
            continue
        moves.append(OutcomeMove(metric, first, last, metric.is_better(first, last)))
    return tuple(moves)


def _with_moves(
    row: FollowUpRow, step: Step, series: Sequence[OutcomeSeries], metrics: Metrics
) -> FollowUpRow:
    moves = related_moves(
        series, metrics, row.questionnaire_id, row.dimension_id, step.before, step.after
    )
    return replace(row, outcomes=moves)


def with_outcomes(
    comparison: Comparison, values: Iterable[OutcomeValue], metrics: Metrics
) -> Comparison:
    """The comparison with its outcome series, and each follow-up row with the moves of the
    outcomes related to the dimension its action aimed at."""
    series = outcome_series(values, metrics, comparison.periods)
    if not series:
        return comparison
    steps = tuple(
        replace(
            step, followups=tuple(_with_moves(row, step, series, metrics) for row in step.followups)
        )
        for step in comparison.steps
    )
    return replace(comparison, outcomes=series, steps=steps)


@dataclass(frozen=True)
class OutcomeTally:
    """How the outcomes related to a group of actions moved: for the better, worse, level."""

    better: int = 0
    worse: int = 0
    level: int = 0

    @property
    def total(self) -> int:
        """How many moves were counted."""
        return self.better + self.worse + self.level

    def text(self) -> str:
        """``4 better, 1 worse, 1 level`` (or a dash when none was measured)."""
        if not self.total:
            return "—"
        parts = [f"{self.better} better", f"{self.worse} worse"]
        if self.level:
            parts.append(f"{self.level} level")
        return ", ".join(parts)


def tally(moves: Iterable[OutcomeMove]) -> OutcomeTally:
    """Count moves for the better, for the worse and level."""
    better = worse = level = 0
    for move in moves:
        if move.better is None:
            level += 1
        elif move.better:
            better += 1
        else:
            worse += 1
    return OutcomeTally(better, worse, level)


def tally_by_status(comparison: Comparison) -> dict[str, OutcomeTally]:
    """Per follow-up status, how the outcomes related to its actions moved (every step)."""
    moves: dict[str, list[OutcomeMove]] = {}
    for step in comparison.steps:
        for row in step.followups:
            moves.setdefault(row.status, []).extend(row.outcomes)
    return {status: tally(found) for status, found in moves.items()}

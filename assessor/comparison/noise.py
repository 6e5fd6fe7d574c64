"""How large a change must be before it is more than noise.

A dimension's score is the weighted mean of its answered questions × 100, and the organisation's
score the mean over its respondents. So one respondent moving one answer by one step of its scale
(from "agree" to "strongly agree", say) moves the organisation's score of a dimension by

    100 × step × weight / (the weights of the dimension's questions put to that respondent)
        / (the respondents who scored the dimension)

where a question's *step* is the distance between two neighbouring scores it can give: a quarter
for an agreement question, a third for a four-option scale. The *one-step change* of a period is
the median over its dimensions of that change (each dimension's the mean over its respondents and
their questions): few questions and few respondents make it large.

A change between two periods counts when it is larger than one such step in either period by
more than the rounding of the printed figures can account for (one point): the smallest change
that counts is the larger one-step change rounded up, plus one point, and never less than
:data:`MINIMUM_CHANGE`, since a change of one printed point can come from rounding alone.
Changes under it are within noise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median

from assessor.comparison.respondents import ComparedRespondent
from assessor.questionnaire.model import AGREEMENT_LABELS, Item, Questionnaire

#: The smallest change that ever counts: one printed point can come from rounding alone.
MINIMUM_CHANGE = 2
#: The step of a question whose scale does not say (an agreement question's).
DEFAULT_STEP = 1 / (len(AGREEMENT_LABELS) - 1)


def item_step(item: Item) -> float:
    """The 0–1 distance between two neighbouring scores the question can give."""
    if item.kind == "agreement":
        return DEFAULT_STEP
    if item.kind == "multi":
        ticks = [abs(option.score) for option in item.options if option.score]
        return min(min(ticks), 1.0) if ticks else DEFAULT_STEP
    if item.kind == "checklist":
        # a yes scores the option's score and a no 1 − it; the item is the mean over its options
        flips = [
            abs(2 * o.score - 1) for o in item.options if o.score is not None and o.score != 0.5
        ]
        return min(flips) / len(item.options) if flips else DEFAULT_STEP
    scores = {option.score for option in item.options if option.score is not None}
    levels = sorted(scores | {r.score for r in item.ranges})
    if len(levels) < 2:
        return DEFAULT_STEP
    return (levels[-1] - levels[0]) / (len(levels) - 1)


def _dimension_steps(questionnaire: Questionnaire, role: str) -> dict[str, float]:
    """Per dimension, the change in points one step of one answer makes for a respondent of
    ``role``: the mean over the dimension's questions put to that role."""
    weighted: dict[str, list[tuple[float, float]]] = {}
    for item in questionnaire.items:
        dimension = item.dimension
        if item.scored and dimension is not None and item.weight > 0 and item.asks(role):
            weighted.setdefault(dimension, []).append((item_step(item), item.weight))
    steps: dict[str, float] = {}
    for dimension, items in weighted.items():
        total = sum(weight for _, weight in items)
        steps[dimension] = sum(100 * step * weight / total for step, weight in items) / len(items)
    return steps


def one_step_change(respondents: Sequence[ComparedRespondent]) -> float | None:
    """The period's one-step change in points (see the module), or None with nothing scored."""
    cache: dict[tuple[int, str], dict[str, float]] = {}
    per_dimension: dict[tuple[str, str], list[float]] = {}
    for respondent in respondents:
        role = respondent.view.role
        for (qid, did), score in respondent.view.dimensions.items():
            questionnaire = respondent.source.definitions.get(qid)
            if score is None or questionnaire is None:
                continue
            key = (id(questionnaire), role)
            if key not in cache:
                cache[key] = _dimension_steps(questionnaire, role)
            step = cache[key].get(did)
            if step is not None:
                per_dimension.setdefault((qid, did), []).append(step)
    # the mean over the respondents who scored a dimension, divided by how many they are
    changes = [sum(steps) / len(steps) / len(steps) for steps in per_dimension.values()]
    return median(changes) if changes else None


def smallest_change(*one_steps: float | None) -> int:
    """The smallest change, in printed points, that counts between periods with these one-step
    changes: the larger of them rounded up, plus one point of rounding, and at least
    :data:`MINIMUM_CHANGE`."""
    known = [step for step in one_steps if step is not None]
    if not known:
        return MINIMUM_CHANGE
    return max(MINIMUM_CHANGE, math.ceil(round(max(known), 6)) + 1)

"""Roles compared on the same questions: dimension scores on the items asked of every role.

A sales lead is not asked what only marketing can know, so a dimension's score rests on
different items for different roles. Perception gaps compare roles on the items every
leadership role is asked (:data:`SHARED_ROLES`; questionnaires of version 3 have at least two
per dimension): each respondent's *shared score* of a dimension is scored as usual
(:func:`assessor.diagnosis.scoring.score_dimension`: weights, coverage, "not enough answers")
over those items only.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessor.comparison.model import DimensionKey
from assessor.diagnosis.answers import Answer
from assessor.diagnosis.scores import Context
from assessor.diagnosis.scoring import score_dimension
from assessor.diagnosis.visibility import visible_items
from assessor.questionnaire.model import Item, Questionnaire

#: The roles whose views are compared; an item asked of all of them is shared.
SHARED_ROLES = frozenset({"ceo", "marketing", "sales"})


def is_shared(item: Item) -> bool:
    """Whether every leadership role (:data:`SHARED_ROLES`) is asked this item."""
    return set(item.ask) >= SHARED_ROLES


def shared_scores(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None,
) -> dict[DimensionKey, float | None]:
    """Each dimension's score over the shared items the respondent met (None: not enough
    answers there, or no shared item)."""
    context = Context(role, definitions, answers)
    scores: dict[DimensionKey, float | None] = {}
    for qid, questionnaire in definitions.items():
        if questionnaire.is_profile:
            continue
        given = answers.get(qid, {})
        shared = [i for i in visible_items(questionnaire, given, context) if is_shared(i)]
        for dimension in questionnaire.dimensions:
            scored = score_dimension(questionnaire, dimension.id, shared, given)
            scores[(qid, dimension.id)] = scored.score
    return scores

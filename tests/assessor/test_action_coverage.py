"""Every weak dimension gets an action (issue 19, DESIGN.md §11), for any answers of any role.

Random answers of a random role (each answer "don't know" with probability 0.3, every item
asked of the role answered, the organisation profile answered at random or left open) are
diagnosed; every scored dimension of a version-3 questionnaire under 80 must have an action
aimed at it (the action's questionnaire and dimension), and the plan may be empty only when
every scored dimension is Strong. Every scored questionnaire is at version 3 and must hold both.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.diagnosis.findings import diagnose
from tests.helpers.answer_sets import (
    DONT_KNOW,
    AnswerSet,
    answer,
    bundled_definitions,
    value_strategy,
)

DEFINITIONS = bundled_definitions()
RESPONDENT_ROLES = ("ceo", "marketing", "sales")
SCORED = sorted(qid for qid, q in DEFINITIONS.items() if not q.is_profile)
STRONG = 80.0


@st.composite
def _any_answers(draw: st.DrawFn) -> tuple[str, AnswerSet]:
    role = draw(st.sampled_from(RESPONDENT_ROLES))
    answers: AnswerSet = {}
    for qid, questionnaire in DEFINITIONS.items():
        by_item = {}
        for item in questionnaire.items:
            if questionnaire.is_profile or item.screener:
                if draw(st.booleans()):
                    by_item[item.id] = answer(questionnaire, item.id, draw(value_strategy(item)))
                continue
            if role not in item.ask or item.kind == "text":
                continue
            value = draw(value_strategy(item))
            unknown = draw(st.integers(0, 9)) < 3
            by_item[item.id] = answer(questionnaire, item.id, DONT_KNOW if unknown else value)
        answers[qid] = by_item
    return role, answers


@pytest.mark.parametrize("questionnaire_id", SCORED)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=_any_answers())
def test_every_dimension_under_strong_gets_an_action_aimed_at_it(
    questionnaire_id: str, drawn: tuple[str, AnswerSet]
) -> None:
    role, answers = drawn
    diagnosis = diagnose(DEFINITIONS, answers, role)
    aimed = {(a.questionnaire_id, a.dimension_id) for a in diagnosis.actions}
    scored = diagnosis.scores.questionnaires.get(questionnaire_id)
    assert scored is not None
    silent = [
        (dimension_id, round(dimension.score, 1))
        for dimension_id, dimension in scored.dimensions.items()
        if dimension.score is not None
        and dimension.score < STRONG
        and (questionnaire_id, dimension_id) not in aimed
    ]
    assert silent == [], (role, silent)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=_any_answers())
def test_the_plan_is_empty_only_when_every_scored_dimension_is_strong(
    drawn: tuple[str, AnswerSet],
) -> None:
    role, answers = drawn
    diagnosis = diagnose(DEFINITIONS, answers, role)
    if not diagnosis.actions:
        scores = [
            dimension.score
            for scored in diagnosis.scores.questionnaires.values()
            for dimension in scored.dimensions.values()
            if dimension.score is not None
        ]
        assert all(score >= STRONG for score in scores), (role, scores)

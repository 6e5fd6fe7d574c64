"""Conditions: three-valued all/any/not, score tests and answer tests."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from pydantic import TypeAdapter

from assessor.diagnosis.answers import Answer, make_answer
from assessor.diagnosis.conditions import all_of, any_of, evaluate
from assessor.diagnosis.scores import AssessmentScore
from assessor.diagnosis.scoring import score_assessment
from assessor.questionnaire.model import Condition
from tests.helpers.answer_sets import lab, mini

LAB = lab()
MINI = mini()
CONDITION: TypeAdapter[Condition] = TypeAdapter(Condition)
TRUTHS = (True, False, None)


def condition(data: dict[str, Any]) -> Condition:
    """A condition written as in a questionnaire file."""
    return CONDITION.validate_python(data)


def lab_answers(**values: Any) -> dict[str, Answer]:
    return {
        item_id: make_answer(LAB, item_id, dont_know=True)
        if value == "dk"
        else make_answer(LAB, item_id, value)
        for item_id, value in values.items()
    }


def check(data: dict[str, Any], scores: AssessmentScore | None = None, **values: Any) -> Any:
    return evaluate(condition(data), LAB, lab_answers(**values), scores)


@pytest.fixture(scope="module")
def scores() -> AssessmentScore:
    """lab: one = 56.25, two = 50, index 53.125; mini: alpha = 50."""
    answers = lab_answers(
        ag=4, rev=2, freq="never", ch="b", mc=["x", "y"], mp=["p"], num=30, gate="no"
    )
    mini_answers = {"a-1": make_answer(MINI, "a-1", 5), "a-2": make_answer(MINI, "a-2", "no")}
    return score_assessment({"lab": LAB, "mini": MINI}, {"lab": answers, "mini": mini_answers})


# --- Three-valued logic -------------------------------------------------------------------------


def _kleene_and(values: tuple[bool | None, ...]) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def _kleene_or(values: tuple[bool | None, ...]) -> bool | None:
    if True in values:
        return True
    return None if None in values else False


@pytest.mark.parametrize("values", list(itertools.product(TRUTHS, repeat=3)))
def test_all_and_any_follow_three_valued_logic(values: tuple[bool | None, ...]) -> None:
    assert all_of(values) is _kleene_and(values)
    assert any_of(values) is _kleene_or(values)


TRUE = {"dimension": "one", "at_least": 50}
FALSE = {"dimension": "one", "below": 50}
UNKNOWN = {"dimension": "one", "below": 50, "questionnaire": "absent"}
LEAVES = {True: TRUE, False: FALSE, None: UNKNOWN}


@pytest.mark.parametrize("pair", list(itertools.product(TRUTHS, repeat=2)))
def test_nested_conditions_combine_three_valued(
    pair: tuple[bool | None, bool | None], scores: AssessmentScore
) -> None:
    left, right = (LEAVES[value] for value in pair)

    assert check({"all": [left, right]}, scores) is _kleene_and(pair)
    assert check({"any": [left, right]}, scores) is _kleene_or(pair)
    negated = None if pair[0] is None else not pair[0]
    assert check({"not": left}, scores) is negated


# --- Score tests --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"dimension": "one", "below": 60}, True),
        ({"dimension": "one", "below": 56}, False),  # below is strict (56.25 prints as 56)
        ({"dimension": "one", "at_least": 56}, True),  # at_least includes the bound
        # a score is read as printed, like its band: 56.25 is 56, so below 56.25 and not at least
        ({"dimension": "one", "below": 56.25}, True),
        ({"dimension": "one", "at_least": 56.25}, False),
        ({"dimension": "two", "at_least": 40, "below": 60}, True),
        ({"dimension": "two", "at_least": 50, "below": 50}, False),
        ({"dimension": "two", "at_least": 60, "below": 70}, False),
        ({"at_least": 53}, True),  # no dimension: the questionnaire's index
        ({"below": 53}, False),
        ({"questionnaire": "mini", "dimension": "alpha", "at_least": 50}, True),
        ({"questionnaire": "mini", "below": 50}, False),
        ({"questionnaire": "lab", "dimension": "two", "below": 51}, True),
    ],
)
def test_score_tests_read_dimensions_and_indices(
    data: dict[str, Any], expected: bool, scores: AssessmentScore
) -> None:
    assert check(data, scores) is expected


@pytest.mark.parametrize(
    "data",
    [
        {"questionnaire": "other", "at_least": 0},  # not part of the assessment
        {"questionnaire": "mini", "dimension": "nope", "at_least": 0},
        {"dimension": "nope", "below": 100},
    ],
)
def test_a_missing_score_is_not_evaluated(data: dict[str, Any], scores: AssessmentScore) -> None:
    assert check(data, scores) is None


def test_a_dimension_without_enough_answers_is_not_evaluated() -> None:
    thin = score_assessment({"lab": LAB}, {"lab": lab_answers(ag=1)})

    assert check({"dimension": "two", "below": 101}, thin) is None
    assert check({"dimension": "two", "at_least": 0}, thin) is None
    assert check({"not": {"dimension": "two", "below": 50}}, thin) is None


def test_score_tests_are_not_evaluated_without_scores() -> None:
    assert check({"dimension": "one", "at_least": 0}, None) is None


# --- Answer tests -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "values", "expected"),
    [
        ({"item": "ch", "equals": "c"}, {"ch": "c"}, True),
        ({"item": "ch", "equals": "c"}, {"ch": "a"}, False),
        ({"item": "ag", "equals": 4}, {"ag": 4}, True),
        ({"item": "ag", "equals": 4.0}, {"ag": 4}, True),
        ({"item": "freq", "in": ["never", "sometimes"]}, {"freq": "never"}, True),
        ({"item": "freq", "in": ["never", "sometimes"]}, {"freq": "always"}, False),
        ({"item": "mc", "includes": "y"}, {"mc": ["x", "y"]}, True),
        ({"item": "mc", "includes": "y"}, {"mc": ["x"]}, False),
        ({"item": "num", "below": 20}, {"num": 19.5}, True),
        ({"item": "num", "below": 20}, {"num": 20}, False),
        ({"item": "num", "at_least": 20, "below": 40}, {"num": 20}, True),
        ({"item": "ag", "at_least": 4}, {"ag": 3}, False),
        ({"item": "rev", "score_below": 0.5}, {"rev": 5}, True),  # reverse-keyed: 5 scores 0
        ({"item": "mp", "score_at_least": 0.7}, {"mp": ["p"]}, True),
        ({"item": "mp", "score_at_least": 0.71}, {"mp": ["p"]}, False),
        ({"item": "ch", "dont_know": True}, {"ch": "a"}, False),
        ({"item": "ch", "dont_know": False}, {"ch": "a"}, True),
        ({"item": "ch", "answered": True}, {"ch": "a"}, True),
        ({"item": "ch", "answered": False}, {"ch": "a"}, False),
        ({"item": "ch", "equals": "a", "answered": True}, {"ch": "a"}, True),
        ({"item": "ch", "equals": "b", "answered": True}, {"ch": "a"}, False),
        ({"item": "note", "equals": "yes"}, {"note": "yes"}, True),
    ],
)
def test_answer_tests_read_the_value(data: dict[str, Any], values: Any, expected: bool) -> None:
    assert check(data, None, **values) is expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"item": "ch", "equals": "c"}, None),
        ({"item": "mc", "includes": "x"}, None),
        ({"item": "num", "below": 20}, None),
        ({"item": "ch", "score_below": 0.5}, None),
        ({"item": "ch", "dont_know": True}, None),
        ({"item": "ch", "answered": True}, False),
        ({"item": "ch", "answered": False}, True),
        ({"item": "ch", "answered": True, "equals": "c"}, False),  # False wins over not evaluated
        ({"item": "ch", "answered": False, "equals": "c"}, None),
    ],
)
def test_an_unanswered_item_evaluates_only_answered(data: dict[str, Any], expected: Any) -> None:
    assert check(data, None) is expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"item": "ch", "equals": "c"}, None),
        ({"item": "ch", "in": ["a", "b"]}, None),
        ({"item": "num", "at_least": 0}, None),
        ({"item": "ch", "score_at_least": 0}, None),
        ({"item": "ch", "dont_know": True}, True),
        ({"item": "ch", "dont_know": False}, False),
        ({"item": "ch", "answered": True}, True),
        ({"item": "ch", "dont_know": True, "equals": "c"}, None),
    ],
)
def test_dont_know_evaluates_only_dont_know_and_answered(
    data: dict[str, Any], expected: Any
) -> None:
    assert check(data, None, ch="dk", num="dk") is expected


def test_a_check_that_does_not_fit_the_value_is_not_evaluated() -> None:
    assert check({"item": "ch", "includes": "a"}, None, ch="a") is None
    assert check({"item": "ch", "below": 3}, None, ch="a") is None
    assert check({"item": "note", "score_below": 1}, None, note="text") is None


def test_an_unknown_item_is_not_evaluated() -> None:
    assert evaluate(condition({"item": "zz", "answered": True}), LAB, {}, None) is None


def test_not_of_an_unanswered_equals_stays_not_evaluated() -> None:
    follow_rule = {"not": {"item": "ch", "equals": "c"}}

    assert check(follow_rule, None) is None
    assert check(follow_rule, None, ch="a") is True
    assert check(follow_rule, None, ch="c") is False

"""Evaluating the structured conditions of questionnaires (``show_if`` and finding ``when``).

Evaluation is three-valued: True, False, or None for "not evaluated" because an input the
condition needs is missing (an unanswered item, a dimension without enough answers, a
questionnaire that is not part of the assessment). Missing inputs therefore never fire a
finding by accident:

- ``all``: False if any part is False, else None if any part is None, else True;
- ``any``: True if any part is True, else None if any part is None, else False;
- ``not``: the negation; None stays None.

Nothing is ever evaluated as code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from assessor.diagnosis.answers import Answer, Checks
from assessor.diagnosis.figures import printed
from assessor.diagnosis.scores import AssessmentScore, Context, item_score
from assessor.questionnaire.model import (
    AllOf,
    AnswerTest,
    AnyOf,
    Condition,
    EveryDimensionTest,
    Item,
    NotOf,
    Questionnaire,
    ScoreTest,
)

Truth = bool | None


def all_of(values: Iterable[Truth]) -> Truth:
    """Three-valued AND: False wins, then None (not evaluated), else True."""
    unknown = False
    for value in values:
        if value is False:
            return False
        if value is None:
            unknown = True
    return None if unknown else True


def any_of(values: Iterable[Truth]) -> Truth:
    """Three-valued OR: True wins, then None (not evaluated), else False."""
    unknown = False
    for value in values:
        if value is True:
            return True
        if value is None:
            unknown = True
    return None if unknown else False


def _in_range(value: float, below: float | None, at_least: float | None) -> bool:
    """Whether ``at_least <= value < below`` (a bound that is None does not apply)."""
    return (below is None or value < below) and (at_least is None or value >= at_least)


def _score_test(
    test: ScoreTest, questionnaire: Questionnaire, scores: AssessmentScore | None
) -> Truth:
    if scores is None:
        return None
    read = scores.questionnaires.get(test.questionnaire or questionnaire.id)
    if read is None:
        return None
    if test.dimension is None:
        value = read.score
    else:
        dimension = read.dimensions.get(test.dimension)
        value = None if dimension is None else dimension.score
    if value is None:
        return None
    # Read as printed, like the bands: a dimension printed as 40 is not "below 40".
    return _in_range(printed(value), test.below, test.at_least)


def every_dimension(
    test: EveryDimensionTest, questionnaire: Questionnaire, scores: AssessmentScore | None
) -> Truth:
    """Whether every scored dimension of a questionnaire reaches the bound, with enough scored.

    False when a scored dimension is below ``every_dimension_at_least``; None when no dimension
    has a score or the share of scored dimensions (among those that apply: a dimension none of
    whose items is asked has ``total`` 0 and is left out) is below ``scored_share_at_least``;
    else True.
    """
    if scores is None:
        return None
    read = scores.questionnaires.get(test.questionnaire or questionnaire.id)
    if read is None:
        return None
    applying = [dimension for dimension in read.dimensions.values() if dimension.total > 0]
    scored = [dimension.score for dimension in applying if dimension.score is not None]
    if any(score < test.every_dimension_at_least for score in scored):
        return False
    if not scored or len(scored) < test.scored_share_at_least * len(applying) - 1e-9:
        return None
    return True


def _option_check(value: object, option_id: str, wanted: bool) -> Truth:
    """Whether ``option_id`` is ticked (multi) or answered yes (checklist), as ``wanted`` says.

    An option a checklist answer leaves unknown gives None; a value of another kind too.
    """
    if isinstance(value, tuple):
        return (option_id in value) == wanted
    if isinstance(value, Checks):
        mark = value.get(option_id)
        return None if mark is None else mark == wanted
    return None


def _reads_value(test: AnswerTest) -> bool:
    """Whether ``test`` has a check that needs the answer's value."""
    return any(
        check is not None
        for check in (
            test.equals,
            test.in_,
            test.includes,
            test.excludes,
            test.below,
            test.at_least,
            test.score_below,
            test.score_at_least,
        )
    )


def _value_checks(test: AnswerTest, item: Item, answer: Answer) -> list[Truth]:
    """The checks of ``test`` that read the value of a (non-"don't know") answer.

    A check that does not apply to the value (``includes`` on a single value, ``below`` on an
    option id, a score check on a text item) is None: it can never be true.
    """
    value = answer.value
    checks: list[Truth] = []
    if test.equals is not None:
        checks.append(value == test.equals)
    if test.in_ is not None:
        checks.append(value in test.in_)
    if test.includes is not None:
        checks.append(_option_check(value, test.includes, True))
    if test.excludes is not None:
        checks.append(_option_check(value, test.excludes, False))
    if test.below is not None or test.at_least is not None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            checks.append(None)
        else:
            checks.append(_in_range(value, test.below, test.at_least))
    if test.score_below is not None or test.score_at_least is not None:
        score = item_score(item, answer)
        checks.append(
            None if score is None else _in_range(score, test.score_below, test.score_at_least)
        )
    return checks


def _answer_test(
    test: AnswerTest,
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    context: Context | None,
) -> Truth:
    if test.questionnaire not in (None, questionnaire.id):
        # Another questionnaire's item (a screening question, say), read from the assessment.
        other = None if context is None else context.definitions.get(test.questionnaire)
        if other is None:
            # Not part of this assessment: nothing is answered there.
            return None if test.answered is None else not test.answered
        questionnaire = other
        answers = context.answers.get(other.id, {}) if context is not None else {}
    try:
        item = questionnaire.item(test.item)
    except KeyError:
        return None
    answer = answers.get(test.item)
    checks: list[Truth] = []
    if test.answered is not None:
        checks.append((answer is not None) == test.answered)
    if answer is None:
        if _reads_value(test) or test.dont_know is not None:
            checks.append(None)
        return all_of(checks)
    if test.dont_know is not None:
        checks.append(answer.dont_know == test.dont_know)
    if answer.dont_know:
        if _reads_value(test):
            checks.append(None)
        return all_of(checks)
    return all_of([*checks, *_value_checks(test, item, answer)])


def evaluate(
    condition: Condition,
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    scores: AssessmentScore | None,
    context: Context | None = None,
) -> bool | None:
    """Evaluate a condition of ``questionnaire``: True, False, or None for "not evaluated".

    ``answers`` are this questionnaire's answers by item id. ``scores`` are the assessment's
    scores; score tests read this questionnaire's dimensions or index, or another
    questionnaire's with ``questionnaire =``. A missing score or questionnaire (or
    ``scores=None``, as when deciding which items to show) makes a score test None. With both
    ``below`` and ``at_least`` a test holds when ``at_least <= score < below``. A test on every
    dimension follows :func:`every_dimension`.

    Answer tests follow :class:`assessor.questionnaire.model.AnswerTest`: an unanswered item makes
    every check
    but ``answered`` None; a "don't know" answer makes every check but ``dont_know`` and
    ``answered`` None. Several checks in one test must all hold. A test on another
    questionnaire's item reads ``context`` (the whole assessment); a questionnaire the
    assessment does not hold counts as unanswered, so ``answered = false`` is true there.
    """
    if isinstance(condition, AllOf):
        return all_of(
            evaluate(part, questionnaire, answers, scores, context) for part in condition.all
        )
    if isinstance(condition, AnyOf):
        return any_of(
            evaluate(part, questionnaire, answers, scores, context) for part in condition.any
        )
    if isinstance(condition, NotOf):
        inner = evaluate(condition.not_, questionnaire, answers, scores, context)
        return None if inner is None else not inner
    if isinstance(condition, AnswerTest):
        return _answer_test(condition, questionnaire, answers, context)
    if isinstance(condition, EveryDimensionTest):
        return every_dimension(condition, questionnaire, scores)
    return _score_test(condition, questionnaire, scores)

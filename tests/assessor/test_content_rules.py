"""The content rules of version 2 (DESIGN.md §10, issue 11) for every bundled questionnaire.

A leader must not be able to tell from a question which answer scores well, every finding must
rest on an answer that observes what its title says, every action says who does what by when,
and the middle of the scale must speak. The per-questionnaire rules run on each bundled file;
the whole-assessment rules (roles, Fragile answers, favourable and unfavourable answers) on all
of them together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest

from assessor.diagnosis.findings import diagnose
from assessor.questionnaire.model import (
    Action,
    AllOf,
    AnswerTest,
    AnyOf,
    Condition,
    Item,
    NotOf,
    Questionnaire,
    ScoreTest,
)
from tests.helpers.answer_sets import (
    AnswerSet,
    answer,
    best_value,
    bundled_definitions,
    middle_value,
    worst_value,
)

#: Words that tell a respondent which answer is wanted; none may stand in a ``why``.
EVALUATIVE = (
    "should",
    "ought",
    "healthy",
    "unhealthy",
    "warning",
    "sign of",
    "signals",
    "counts against",
    "good",
    "bad",
    "best",
    "worst",
    "ideal",
    "ideally",
    "problem",
    "symptom",
    "red flag",
    "must",
    "better",
    "worse",
    "wrong",
    "failure",
    "failing",
    "mistake",
    "danger",
    "trap",
    "too many",
    "too much",
    "too little",
    "the healthy answer",
)
#: Respondents whose answers the whole-assessment rules try one by one.
RESPONDENT_ROLES = ("ceo", "marketing", "sales")
#: The screening question that says how the company sells, and the answer with a sales force.
SCREENER = ("organisation-profile", "how-we-sell")
WITH_SALES_FORCE = "own-sales-force"

DEFINITIONS = bundled_definitions()


def _questionnaires() -> list[Questionnaire]:
    return list(DEFINITIONS.values())


def _ids() -> list[str]:
    return list(DEFINITIONS)


def _conditions(condition: Condition) -> Iterator[Condition]:
    yield condition
    if isinstance(condition, AllOf):
        for part in condition.all:
            yield from _conditions(part)
    elif isinstance(condition, AnyOf):
        for part in condition.any:
            yield from _conditions(part)
    elif isinstance(condition, NotOf):
        yield from _conditions(condition.not_)


def _reads_value(test: AnswerTest) -> bool:
    checks = test.model_dump(exclude_none=True, exclude={"item", "questionnaire", "answered"})
    return bool(checks) and "dont_know" not in checks


@pytest.fixture(params=_ids())
def questionnaire(request: pytest.FixtureRequest) -> Questionnaire:
    return DEFINITIONS[request.param]


# --- One questionnaire at a time --------------------------------------------------------------


def test_is_version_two_or_later(questionnaire: Questionnaire) -> None:
    # The organisation profile is new with the v3 content (issue 19): its first version is 1.
    assert questionnaire.version >= (1 if questionnaire.is_profile else 2)


def test_every_item_and_finding_has_a_basis(questionnaire: Questionnaire) -> None:
    assert [item.id for item in questionnaire.items if item.basis is None] == []
    assert [f.id for f in questionnaire.findings if f.basis is None] == []


def test_every_scored_item_carries_its_argument(questionnaire: Questionnaire) -> None:
    assert [item.id for item in questionnaire.items if item.scored and not item.argument] == []


def test_why_never_says_which_answer_is_wanted(questionnaire: Questionnaire) -> None:
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in EVALUATIVE) + r")\b", re.I)
    offending = {
        item.id: pattern.findall(item.why)
        for item in questionnaire.items
        if pattern.search(item.why)
    }
    assert offending == {}
    assert not re.search(r"healthy answer|right answer", questionnaire.description, re.I)


def _sorted_by_score(item: Item) -> bool:
    scores = [option.score for option in item.options if not option.exclusive]
    if len(scores) < 3 or len(set(scores)) == 1:
        return False
    rising = all(a <= b for a, b in pairwise(scores))
    falling = all(a >= b for a, b in pairwise(scores))
    return rising or falling


def test_choices_are_not_listed_in_score_order(questionnaire: Questionnaire) -> None:
    """Frequency scales keep their natural order; choice and multi options must not give away
    the scoring by their order (an exclusive "None of these" may stand last)."""
    sorted_items = [
        item.id
        for item in questionnaire.items
        if item.kind in ("choice", "multi") and not item.screener and _sorted_by_score(item)
    ]
    assert sorted_items == []


def test_every_negative_finding_observes_an_answer(questionnaire: Questionnaire) -> None:
    """A pattern or flag rests on at least one answer to an item other than a screener."""
    screeners = {item.id for item in questionnaire.items if item.screener}
    unobserved = []
    for finding in questionnaire.findings:
        if finding.positive or finding.kind in ("watch", "fallback", "next-step"):
            continue
        observed = [
            test
            for test in _conditions(finding.when)
            if isinstance(test, AnswerTest)
            and _reads_value(test)
            and not (test.questionnaire in (None, questionnaire.id) and test.item in screeners)
            and (test.questionnaire, test.item) != SCREENER
        ]
        if not observed:
            unobserved.append(finding.id)
    assert unobserved == []


def test_every_flag_names_the_item_it_reads(questionnaire: Questionnaire) -> None:
    for finding in questionnaire.findings:
        if finding.kind != "flag":
            continue
        assert finding.item is not None, finding.id
        tests = [t for t in _conditions(finding.when) if isinstance(t, AnswerTest)]
        assert finding.item in {t.item for t in tests}, finding.id
        assert finding.severity in ("low", "medium"), finding.id


def test_every_action_says_who_when_and_how_to_tell(questionnaire: Questionnaire) -> None:
    for finding in questionnaire.findings:
        assert 1 <= len(finding.actions) <= 4, finding.id
        for action in finding.actions:
            assert isinstance(action, Action), (finding.id, action)
            assert action.done_when.strip(), (finding.id, action.text)
            dimension = action.dimension or finding.dimension
            assert dimension is not None, (finding.id, action.text)


def test_every_dimension_has_a_watch_finding_for_its_fragile_range(
    questionnaire: Questionnaire,
) -> None:
    for dimension in questionnaire.dimensions:
        watches = [
            f
            for f in questionnaire.findings
            if f.kind == "watch" and f.dimension == dimension.id and f.severity == "low"
        ]
        assert len(watches) == 1, dimension.id
        tests = [t for t in _conditions(watches[0].when) if isinstance(t, ScoreTest)]
        assert any(
            t.dimension == dimension.id and t.below == 60 and t.at_least == 40 for t in tests
        ), dimension.id
        assert watches[0].actions, dimension.id


def test_every_dimension_has_its_own_meanings(questionnaire: Questionnaire) -> None:
    assert [d.id for d in questionnaire.dimensions if len(d.bands) < 3] == []


def test_every_role_is_asked_enough_of_every_dimension(questionnaire: Questionnaire) -> None:
    for dimension in questionnaire.dimensions:
        for role in RESPONDENT_ROLES:
            asked = [
                item
                for item in questionnaire.items
                if item.dimension == dimension.id and item.scored and role in item.ask
            ]
            assert len(asked) >= 2, (dimension.id, role)


def test_no_pejorative_labels(questionnaire: Questionnaire) -> None:
    titles = [questionnaire.title] + [d.title for d in questionnaire.dimensions]
    titles += [f.title for f in questionnaire.findings]
    assert [t for t in titles if re.search(r"sleaz", t, re.I)] == []


# --- The whole assessment -------------------------------------------------------------------


def _answers_for(role: str, pick: Any) -> AnswerSet:
    """Every item asked of ``role`` answered with ``pick(item)``; the screener says the company
    has its own salespeople, so every item about them is asked."""
    answers: AnswerSet = {}
    for qid, q in DEFINITIONS.items():
        by_item = {}
        for item in q.items:
            if role not in item.ask:
                continue
            if (qid, item.id) == SCREENER:
                by_item[item.id] = answer(q, item.id, WITH_SALES_FORCE)
            else:
                by_item[item.id] = answer(q, item.id, pick(item))
        answers[qid] = by_item
    return answers


@pytest.mark.parametrize("role", RESPONDENT_ROLES)
def test_fragile_answers_get_an_action_for_every_dimension_under_60(role: str) -> None:
    diagnosis = diagnose(DEFINITIONS, _answers_for(role, middle_value), role)
    aimed = {(a.questionnaire_id, a.dimension_id) for a in diagnosis.actions}
    for qid, scored in diagnosis.scores.questionnaires.items():
        for dimension_id, dimension in scored.dimensions.items():
            assert dimension.score is not None, (role, qid, dimension_id)
            assert 40 <= dimension.score <= 60, (role, qid, dimension_id, dimension.score)
            if dimension.score < 60:
                assert (qid, dimension_id) in aimed, (role, qid, dimension_id)


@pytest.mark.parametrize("role", RESPONDENT_ROLES)
def test_fully_favourable_is_a_healthy_partnership_with_nothing_serious(role: str) -> None:
    diagnosis = diagnose(DEFINITIONS, _answers_for(role, best_value), role)
    fired = {r.finding.id: r.finding for r in diagnosis.fired}

    assert "healthy-partnership" in fired
    assert [f.id for f in fired.values() if f.severity in ("medium", "high")] == []


@pytest.mark.parametrize("role", RESPONDENT_ROLES)
def test_fully_unfavourable_has_no_positive_finding(role: str) -> None:
    diagnosis = diagnose(DEFINITIONS, _answers_for(role, worst_value), role)

    assert [r.finding.id for r in diagnosis.fired if r.finding.positive] == []
    assert len(diagnosis.actions) > 0


def test_every_dimension_says_what_a_weak_score_costs(questionnaire: Questionnaire) -> None:
    """The report's "Why it matters" reads the dimension's own consequence, not a general one."""
    assert [d.id for d in questionnaire.dimensions if not d.consequence.strip()] == []

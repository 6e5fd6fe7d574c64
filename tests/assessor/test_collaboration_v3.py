"""Collaboration version 3 (issue 19): structure read from the organisation profile, partner
selling, habits instead of single events, an action for every weak dimension, and cautions."""

from __future__ import annotations

from typing import Any

from assessor.diagnosis.findings import diagnose
from assessor.questionnaire.model import (
    AllOf,
    AnswerTest,
    AnyOf,
    Condition,
    EveryDimensionTest,
    NotOf,
    ScoreTest,
)
from assessor.questionnaire.validation import external_tests
from tests.helpers.answer_sets import (
    AnswerSet,
    answer,
    best_value,
    bundled_definitions,
    middle_value,
)

DEFINITIONS = bundled_definitions()
COLLABORATION = DEFINITIONS["collaboration"]
PROFILE = "organisation-profile"


def _answer_tests(condition: Condition) -> list[AnswerTest]:
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        return [test for part in parts for test in _answer_tests(part)]
    if isinstance(condition, NotOf):
        return _answer_tests(condition.not_)
    return [condition] if isinstance(condition, AnswerTest) else []


def _answers(role: str, profile: dict[str, Any], pick: Any = best_value) -> AnswerSet:
    """Every scored item asked of ``role`` answered with ``pick``; the profile as given."""
    answers: AnswerSet = {}
    for qid, questionnaire in DEFINITIONS.items():
        if questionnaire.is_profile:
            answers[qid] = {k: answer(questionnaire, k, v) for k, v in profile.items()}
            continue
        answers[qid] = {
            item.id: answer(questionnaire, item.id, pick(item))
            for item in questionnaire.items
            if item.scored and not item.screener and role in item.ask
        }
    return answers


def test_is_version_3_and_reads_only_the_profile_and_other_dimensions() -> None:
    assert COLLABORATION.version == 3
    for where, test in external_tests(COLLABORATION):
        if isinstance(test, AnswerTest):
            assert test.questionnaire == PROFILE, where
        else:
            assert isinstance(test, ScoreTest | EveryDimensionTest), where
    assert not any(item.screener for item in COLLABORATION.items)


def test_habits_over_a_window_and_a_checklist_for_partial_knowledge() -> None:
    texts = [item.text.lower() for item in COLLABORATION.items]

    assert not [text for text in texts if "the last time" in text]
    assert any(item.kind == "checklist" for item in COLLABORATION.items)
    assert {item.id for item in COLLABORATION.items if item.fact} >= {
        "meeting-frequency",
        "field-routes",
        "shared-target",
        "written-expectations",
        "requests-on-time",
    }


def test_every_dimension_has_a_fallback_and_next_steps_reading_all_its_items() -> None:
    for dimension in COLLABORATION.dimensions:
        scored = {
            item.id
            for item in COLLABORATION.items
            if item.dimension == dimension.id and item.scored
        }
        fallbacks = [
            f
            for f in COLLABORATION.findings
            if f.kind == "fallback" and f.dimension == dimension.id
        ]
        steps = [
            f
            for f in COLLABORATION.findings
            if f.kind == "next-step" and f.dimension == dimension.id
        ]
        assert len(fallbacks) == 1, dimension.id
        read = {t.item for t in _answer_tests(fallbacks[0].when) if t.score_below == 0.4}
        assert read == scored, dimension.id
        assert steps, dimension.id
        read = {t.item for f in steps for t in _answer_tests(f.when) if t.score_below == 0.81}
        assert read == scored, dimension.id


def test_a_partner_seller_with_partner_managers_gets_every_dimension_scored() -> None:
    profile = {"how-we-sell": "partners", "partner-managers": "yes"}
    for role in ("ceo", "marketing", "sales"):
        diagnosis = diagnose(DEFINITIONS, _answers(role, profile, middle_value), role)
        scored = diagnosis.scores.questionnaires["collaboration"].dimensions
        assert {d: s.score is not None for d, s in scored.items()} == dict.fromkeys(scored, True)
        fired = {r.finding.id for r in diagnosis.fired}
        assert not fired & {"two-islands", "blame-game", "servitude", "rogue-collateral"}


def test_without_partner_managers_the_partner_items_are_not_asked() -> None:
    profile = {"how-we-sell": "partners", "partner-managers": "no"}
    diagnosis = diagnose(DEFINITIONS, _answers("ceo", profile), "ceo")
    scored = diagnosis.scores.questionnaires["collaboration"].dimensions

    assert scored["cadence"].total == 0 and scored["cadence"].score is None
    assert scored["voice-of-field"].score == 100


def test_favourable_extremes_and_contradictions_raise_cautions() -> None:
    profile = {"how-we-sell": "own-sales-force"}
    ids = {c.id for c in diagnose(DEFINITIONS, _answers("ceo", profile), "ceo").cautions}
    assert "no-friction-at-all" in ids

    answers = _answers("ceo", profile, middle_value)
    answers["collaboration"]["plan-together"] = answer(COLLABORATION, "plan-together", 5)
    answers["collaboration"]["sales-input-in-plans"] = answer(
        COLLABORATION, "sales-input-in-plans", 5
    )
    answers["collaboration"]["lead-disagreements"] = answer(
        COLLABORATION, "lead-disagreements", "never"
    )
    ids = {c.id for c in diagnose(DEFINITIONS, answers, "ceo").cautions}
    assert {"plans-both-ways", "never-disagreed"} <= ids

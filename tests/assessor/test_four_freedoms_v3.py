"""Version 3 of the four freedoms (issue 19): stances, windows, roles, cautions and actions.

The rules every bundled questionnaire shares live in test_content_rules.py and
test_action_coverage.py; these are the four-freedoms points the issue names one by one.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from assessor.comparison.build import build_comparison
from assessor.comparison.respondents import RespondentInput
from assessor.diagnosis.findings import Diagnosis, diagnose
from assessor.diagnosis.scores import item_score
from assessor.exchange.exchange_file import Assessment, Respondent
from assessor.questionnaire.catalogue import load_catalogue
from assessor.questionnaire.model import AnswerTest, AnyOf, Item
from tests.helpers.answer_sets import (
    DONT_KNOW,
    AnswerSet,
    answer,
    best_value,
    bundled_definitions,
    uniform,
    worst_value,
)

DEFINITIONS = bundled_definitions()
FF = DEFINITIONS["four-freedoms"]
PROFILE = "organisation-profile"
RESPONDENT_ROLES = ("ceo", "marketing", "sales")


def _item(item_id: str) -> Item:
    return FF.item(item_id)


def _score(item_id: str, value: Any) -> float | None:
    return item_score(_item(item_id), answer(FF, item_id, value))


def _answers_for(role: str, pick: Callable[[Item], Any], every: int = 0) -> AnswerSet:
    """Every scored item asked of ``role`` answered with ``pick``; with ``every``, each
    ``every``-th of them "don't know". The profile says the company has its own salespeople."""
    answers: AnswerSet = {
        PROFILE: {"how-we-sell": answer(DEFINITIONS[PROFILE], "how-we-sell", "own-sales-force")}
    }
    count = 0
    for qid, questionnaire in DEFINITIONS.items():
        if questionnaire.is_profile:
            continue
        by_item = {}
        for item in questionnaire.items:
            if role not in item.ask or not item.scored:
                continue
            count += 1
            unknown = every and count % every == 0
            by_item[item.id] = answer(questionnaire, item.id, DONT_KNOW if unknown else pick(item))
        answers[qid] = by_item
    return answers


def _own(diagnosis: Diagnosis) -> list[str]:
    return [c.id for c in diagnosis.cautions if c.questionnaire_id == FF.id]


# --- The file ----------------------------------------------------------------------------------


def test_is_version_3_without_a_screener_or_single_events() -> None:
    assert FF.version == 3
    assert [item.id for item in FF.items if item.screener] == []
    assert [item.id for item in FF.items if re.search(r"the last time", item.text, re.I)] == []
    assert [d.id for d in FF.dimensions] == ["chaos", "think", "stand-out", "mandate"]


def test_habits_over_a_window_offer_it_did_not_happen() -> None:
    windowed = [
        item
        for item in FF.items
        if item.kind in ("choice", "frequency") and re.search(r"last 12 months", item.text)
    ]
    assert {item.id for item in windowed} >= {
        "postponed-work",
        "on-time-share",
        "untested-idea",
        "ideas-tried",
        "new-approach",
    }
    for item in windowed:
        labels = [option.label.lower() for option in item.options]
        assert any(
            label.startswith(("it did not happen", "none", "not once")) for label in labels
        ), item.id


def test_every_show_if_on_the_profile_hides_nothing_while_the_profile_is_open() -> None:
    for item in FF.items:
        if item.show_if is None:
            continue
        assert isinstance(item.show_if, AnyOf), item.id
        tests = [t for t in item.show_if.any if isinstance(t, AnswerTest)]
        assert all(t.questionnaire == PROFILE for t in tests), item.id
        assert any(t.answered is False for t in tests), item.id


def test_errands_is_a_checklist_of_production_chores() -> None:
    errands = _item("errands")
    assert errands.kind == "checklist"
    assert "attend-meeting" not in {option.id for option in errands.options}
    assert _score("errands", {"polish-deck": False, "social-post": False}) == 1.0
    assert _score("errands", {"polish-deck": True, "social-post": False}) == 0.5


# --- Stances the issue fixes ---------------------------------------------------------------------


def test_a_business_case_scores_no_lower_than_leadership_liking_an_idea() -> None:
    assert _score("untested-idea", "business-case") >= _score("untested-idea", "adopted-if-liked")


def test_waiting_until_chased_scores_no_higher_than_squeezing_a_request_in() -> None:
    waits = _score("out-of-plan-request", "waits")
    assert waits is not None
    assert waits <= _score("out-of-plan-request", "squeezed-in")
    assert _score("out-of-plan-request", "declined") > _score("out-of-plan-request", "squeezed-in")


def test_errand_share_scores_the_distance_from_a_reserve_for_deal_support() -> None:
    reserve = _score("errand-share", 20)
    assert reserve == 1.0
    assert _score("errand-share", 2) < reserve
    assert _score("errand-share", 40) < _score("errand-share", 10) < reserve
    assert _score("errand-share", 60) == 0.0


# --- Candour -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", RESPONDENT_ROLES)
def test_answers_at_the_favourable_end_raise_a_caution_of_this_questionnaire(role: str) -> None:
    diagnosis = diagnose(DEFINITIONS, _answers_for(role, best_value), role)
    assert _own(diagnosis) != []


@pytest.mark.parametrize(
    ("values", "caution"),
    [
        ({"strategy-seat": 4, "strategy-voice": 5}, "strategy-both-ways"),
        ({"strategy-seat": 1, "strategy-voice": 2}, "strategy-both-ways"),
        ({"plans-pushed-aside": 5, "postponed-work": "once-or-twice"}, "postponements-both-ways"),
        ({"plans-pushed-aside": 1, "postponed-work": "monthly"}, "postponements-both-ways"),
        ({"on-time-share": "every-one"}, "every-request-on-time"),
        ({"postponed-work": "never"}, "never-postponed"),
    ],
)
def test_contradictions_and_implausible_answers_raise_their_caution(
    values: dict[str, Any], caution: str
) -> None:
    answers = _answers_for("marketing", worst_value)
    answers[FF.id].update({item_id: answer(FF, item_id, v) for item_id, v in values.items()})
    assert caution in _own(diagnose(DEFINITIONS, answers, "marketing"))


def test_consistent_middling_answers_raise_no_caution_of_this_questionnaire() -> None:
    answers = _answers_for("ceo", worst_value)
    consistent = {"strategy-seat": 2, "strategy-voice": 4, "plans-pushed-aside": 2}
    consistent |= {"postponed-work": "few-months", "on-time-share": "most"}
    answers[FF.id].update({item_id: answer(FF, item_id, v) for item_id, v in consistent.items()})
    assert _own(diagnose(DEFINITIONS, answers, "ceo")) == []


# --- Actions for every weak dimension --------------------------------------------------------


@pytest.mark.parametrize("role", RESPONDENT_ROLES)
def test_favourable_answers_with_a_quarter_unknown_fire_nothing_serious_here(role: str) -> None:
    diagnosis = diagnose(DEFINITIONS, _answers_for(role, best_value, every=4), role)
    serious = [
        r.finding.id
        for r in diagnosis.fired
        if r.questionnaire_id == FF.id and r.finding.severity in ("medium", "high")
    ]
    assert serious == []
    scores = diagnosis.scores.questionnaires[FF.id].dimensions
    assert all(d.score is None or d.score >= 80 for d in scores.values()), role


def test_a_weak_dimension_whose_pattern_waits_on_a_dont_know_gets_its_fallback() -> None:
    answers = _answers_for("sales", worst_value)
    answers[FF.id]["stretched-for-ideas"] = answer(FF, "stretched-for-ideas", DONT_KNOW)
    diagnosis = diagnose(DEFINITIONS, answers, "sales")

    assert diagnosis.scores.questionnaires[FF.id].dimensions["think"].score == 0.0
    fired = {r.finding.id for r in diagnosis.fired if r.questionnaire_id == FF.id}
    assert "fallback-think" in fired
    assert (FF.id, "think") in {(a.questionnaire_id, a.dimension_id) for a in diagnosis.actions}


def test_the_hamster_wheel_speaks_for_think_instead_of_the_fallback() -> None:
    answers = _answers_for("marketing", worst_value)
    diagnosis = diagnose(DEFINITIONS, answers, "marketing")
    fired = {r.finding.id for r in diagnosis.fired if r.questionnaire_id == FF.id}

    assert "hamster-wheel" in fired
    assert "fallback-think" not in fired
    assert (FF.id, "think") in {(a.questionnaire_id, a.dimension_id) for a in diagnosis.actions}


@pytest.mark.parametrize("dimension", ["chaos", "think", "stand-out", "mandate"])
def test_a_sound_dimension_gets_a_next_step(dimension: str) -> None:
    """Every item of the dimension at 0.75 (agreement 4, or the nearest option) keeps it Sound."""
    answers = _answers_for("marketing", best_value)
    for item in FF.items:
        if item.dimension != dimension or not item.scored or item.id not in answers[FF.id]:
            continue
        answers[FF.id][item.id] = answer(FF, item.id, _near(item, 0.7))
    diagnosis = diagnose(DEFINITIONS, answers, "marketing")
    score = diagnosis.scores.questionnaires[FF.id].dimensions[dimension].score
    assert score is not None and 60 <= score < 80, score
    fired = [r.finding for r in diagnosis.fired if r.questionnaire_id == FF.id]
    assert any(f.kind == "next-step" and f.dimension == dimension for f in fired)


def _near(item: Item, target: float) -> Any:
    """A value of ``item`` whose score is closest to ``target``."""
    if item.kind == "agreement":
        return 2 if item.reverse else 4
    if item.kind == "number":
        return 10
    if item.kind == "checklist":
        return {option.id: index % 4 == 0 for index, option in enumerate(item.options)}
    return min(item.options, key=lambda option: abs(option.worth - target)).id


# --- Version 2 in the archive ----------------------------------------------------------------


def test_a_v2_assessment_still_scores_and_compares_beside_a_v3_one() -> None:
    catalogue = load_catalogue()
    v2 = catalogue.find(FF.id, 2)
    assert v2 is not None and v2.version == 2
    old = {**DEFINITIONS, FF.id: v2}
    inputs = []
    for period, definitions, pick in (
        ("2026-Q1", old, worst_value),
        ("2026-Q2", DEFINITIONS, best_value),
    ):
        answers = uniform(definitions, pick)
        inputs.append(
            RespondentInput(
                assessment=Assessment(
                    uuid=str(uuid.uuid4()),
                    organisation="Acme",
                    respondent=Respondent(name="Cleo", role="ceo"),
                    period=period,
                    status="complete",
                    questionnaires={qid: q.version for qid, q in definitions.items()},
                    answers=answers,
                ),
                definitions=definitions,
            )
        )
    comparison = build_comparison(inputs)

    (note,) = [n for n in comparison.version_notes if "four freedoms" in n.lower()]
    assert "changed from v2 to v3 between 2026-Q1 and 2026-Q2" in note
    chaos = next(s for s in comparison.dimensions if s.dimension_id == "chaos")
    assert chaos.points[0].score == 0.0 and chaos.points[1].score == 100.0

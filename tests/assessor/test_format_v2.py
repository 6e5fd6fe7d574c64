"""The version 2 format in the engine: who is asked, screening questions read across
questionnaires, action tables in the plan, per-dimension meanings, and the rules that guard them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assessor.diagnosis.answers import Answer, make_answer
from assessor.diagnosis.findings import diagnose, diagnosis_to_json, missing_required
from assessor.diagnosis.scoring import score_assessment
from assessor.diagnosis.walkthrough import Walk
from assessor.errors import QuestionnaireError
from assessor.questionnaire.catalogue import Catalogue, Entry, check_cross_references
from assessor.questionnaire.loading import parse_questionnaire
from assessor.questionnaire.model import Questionnaire
from tests.helpers.cli import run_cli
from tests.helpers.questionnaires import FRONT_TOML, TEAM_TOML, write_questionnaire


def _load(*texts: str) -> dict[str, Questionnaire]:
    loaded = [parse_questionnaire(text.encode(), f"q{n}.toml") for n, text in enumerate(texts)]
    return {q.id: q for q in loaded}


DEFS = _load(FRONT_TOML, TEAM_TOML)


def _answers(**values: Any) -> dict[str, dict[str, Answer]]:
    answers: dict[str, dict[str, Answer]] = {}
    for key, value in values.items():
        qid, item_id = key.split("__")
        answers.setdefault(qid, {})[item_id] = make_answer(DEFS[qid], item_id, value)
    return answers


def _walked(role: str | None, **values: Any) -> list[str]:
    return [f"{s.questionnaire_id}.{s.item.id}" for s in Walk(DEFS, _answers(**values), role).steps]


def test_the_walk_asks_each_role_only_its_items() -> None:
    assert _walked("marketing") == ["front.sell", "front.b-1", "team.all", "team.mkt", "team.ticks"]
    assert _walked("sales") == ["front.sell", "front.b-1", "team.all", "team.field", "team.ticks"]
    assert len(_walked(None)) == 6


def test_a_screener_in_another_questionnaire_hides_items_that_do_not_apply() -> None:
    assert "team.field" in _walked("sales", front__sell="own")
    assert "team.field" not in _walked("sales", front__sell="partners")


def test_without_the_screeners_questionnaire_items_stay_asked() -> None:
    only_team = {"team": DEFS["team"]}
    steps = Walk(only_team, {}, "sales").steps
    assert "field" in [step.item.id for step in steps]


def test_items_not_asked_of_the_role_are_neither_scored_nor_required() -> None:
    answers = _answers(team__all=3, team__mkt=1, team__ticks=["x"])
    sales = score_assessment(DEFS, answers, "sales").questionnaires["team"].dimensions["work"]
    everyone = score_assessment(DEFS, answers).questionnaires["team"].dimensions["work"]

    assert sales.total == 3 and sales.answered == 2
    assert everyone.total == 4 and everyone.answered == 3
    assert ("team", "mkt") not in missing_required(DEFS, answers, "sales")
    assert ("team", "mkt") in missing_required(DEFS, {}, "marketing")


def test_a_screener_is_never_scored() -> None:
    answers = _answers(front__sell="own")
    answers["front"]["b-1"] = make_answer(DEFS["front"], "b-1", 5)
    base = score_assessment(DEFS, answers).questionnaires["front"].dimensions["base"]
    assert (base.total, base.answered, base.score) == (1, 1, 100.0)


def test_plan_carries_owner_horizon_and_test_of_done_and_keeps_authored_order() -> None:
    answers = _answers(front__sell="own", team__all=5, team__mkt=3, team__ticks=["x"])
    diagnosis = diagnose(DEFS, answers, "marketing")

    texts = [a.text for a in diagnosis.actions]
    assert texts == ["Second authored.", "Third authored."]
    first = diagnosis.actions[0]
    assert (first.owner, first.horizon, first.done_when) == ("ceo", "month", "A memo.")
    data = diagnosis_to_json(DEFS, diagnosis)
    assert data["actions"][0] | {"priority": 0, "gap": 0, "importance": 0} == {
        "text": "Second authored.",
        "owner": "ceo",
        "horizon": "month",
        "done_when": "A memo.",
        "priority": 0,
        "questionnaire": "team",
        "dimension": "work",
        "findings": ["pattern"],
        "importance": 0,
        "gap": 0,
    }
    assert {f["id"]: f["kind"] for f in data["findings"]} == {"pattern": "pattern"}


def test_a_positive_finding_never_stands_beside_a_serious_negative_one() -> None:
    calm = diagnose(DEFS, _answers(team__all=2, team__mkt=5, team__ticks=["x", "y"]), "marketing")
    tense = diagnose(DEFS, _answers(team__all=5, team__mkt=5, team__ticks=["x"]), "marketing")

    assert [r.finding.id for r in calm.fired] == ["good"]
    assert [r.finding.id for r in tense.fired] == ["pattern"]
    assert "Keep going." not in [a.text for a in tense.actions]


def test_dimension_meanings_fall_back_to_none_outside_their_own_bands() -> None:
    base = DEFS["front"].dimension("base")
    assert base.meaning_for(20) == "Base is low."
    assert base.meaning_for(100) == "Base is high."
    assert DEFS["team"].dimension("work").meaning_for(50) is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'kind = "choice"\nscreener = true',
            'kind = "agreement"\nscreener = true',
            "a screening question is a choice item, not agreement",
        ),
        (
            '{ id = "partners", label = "Through partners", score = 0.5 }',
            '{ id = "partners", label = "Through partners", score = 0.5, exclusive = true }',
            "exclusive only applies to the options of multi items",
        ),
        (
            '{ min = 50, max = 100, meaning = "Base is high." }',
            '{ min = 60, max = 100, meaning = "Base is high." }',
            "gap: nothing covers 50 to 60",
        ),
    ],
)
def test_v2_fields_are_checked(old: str, new: str, message: str) -> None:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(FRONT_TOML.replace(old, new).encode(), "front.toml")
    assert message in "\n".join(caught.value.lines)


def test_an_action_aimed_at_an_unknown_dimension_is_reported() -> None:
    text = TEAM_TOML.replace('owner = "ceo", horizon', 'owner = "ceo", dimension = "wrk", horizon')
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text.encode(), "team.toml")
    assert list(caught.value.lines) == [
        'team.toml: findings[0] (id "pattern").actions[0].dimension: dimension "wrk" is not '
        "defined (defined: work)"
    ]


def test_a_cross_questionnaire_item_that_does_not_exist_is_reported() -> None:
    broken = TEAM_TOML.replace('item = "sell", equals', 'item = "sel", equals')
    catalogue = Catalogue()
    catalogue.entries = {
        "front": Entry(parse_questionnaire(FRONT_TOML.encode(), "front.toml"), "front.toml"),
        "team": Entry(parse_questionnaire(broken.encode(), "team.toml"), "team.toml"),
    }

    assert check_cross_references(catalogue) == [
        "team.toml: items.2.show_if.any.0: questionnaire 'front' has no item 'sel' "
        "(defined: sell, b-1)"
    ]


def test_validate_accepts_a_v2_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_questionnaire(tmp_path, "front.toml", FRONT_TOML)
    result = run_cli(capsys, "validate", str(path))
    assert result.status == 0, result.err


def test_a_finding_on_questions_the_role_is_not_asked_is_not_applicable() -> None:
    """Not "not evaluated" (which the report lists as answers missing): nobody can answer it."""
    flagged = (
        TEAM_TOML
        + """
[[findings]]
id = "flag-mkt"
title = "Marketing says no."
severity = "low"
kind = "flag"
item = "mkt"
explanation = "A single answer."
dimension = "work"
when = { item = "mkt", below = 2 }
actions = [{ text = "Ask.", owner = "ceo", horizon = "month", done_when = "Asked." }]
"""
    )
    defs = {"front": DEFS["front"], "team": parse_questionnaire(flagged.encode(), "team.toml")}
    statuses = {
        role: {r.finding.id: r.status for r in diagnose(defs, {}, role).findings}
        for role in ("sales", "marketing")
    }

    assert statuses["sales"]["flag-mkt"] == "not-applicable"
    assert statuses["marketing"]["flag-mkt"] == "not-evaluated"  # asked, not yet answered
    assert statuses["sales"]["watch-work"] == "not-evaluated"  # the work items are asked

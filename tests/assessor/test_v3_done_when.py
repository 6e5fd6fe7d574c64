"""Issue 19's "Done when", checked the way a user would: on exchange files, with the command line.

The engine-level rules have their own tests (the hypothesis property in test_action_coverage.py,
the favourable and unfavourable sets in test_content_rules.py, the cautions in
test_engine_v3.py, the calibration suite); this file holds each Done-when line as written:

- random answers of any role, 30 % "don't know", scored by ``assessor score FILE --json``: every
  scored dimension under 80 has an action whose ``questionnaire`` and ``dimension`` name it;
- fully favourable answers with every fourth item "don't know" name the healthy pattern and no
  medium or high finding, for a chief executive, a marketing and a sales respondent;
- answers at the favourable end of every item carry a non-empty ``caution``; the calibration
  suite's healthy organisations carry none beyond what their expectation pins;
- ``assessor validate questionnaires/*.toml`` passes, the scored questionnaires are version 3,
  the organisation profile and a checklist item exist, and no item of any questionnaire asks
  about "the last time" (every dimension's two scored items per role:
  test_content_rules.test_every_role_is_asked_enough_of_every_dimension).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from assessor.questionnaire.catalogue import bundled_files
from assessor.questionnaire.model import Item
from tests.calibration.organisations import load, names
from tests.helpers.answer_sets import best_value, bundled_definitions
from tests.helpers.cli import run_cli

BUNDLED = bundled_definitions()
ROLES = ("ceo", "marketing", "sales")
SCORED = [qid for qid, questionnaire in BUNDLED.items() if not questionnaire.is_profile]
PROFILE = next(qid for qid, questionnaire in BUNDLED.items() if questionnaire.is_profile)
STRONG = 80
#: Seeds of the random files: two per role.
SEEDS = range(6)
DONT_KNOW = {"dont_know": True}


def _record(role: str, answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One assessment in the exchange-file shape, answered by ``role``."""
    return {
        "format": "assessor.assessment",
        "format_version": 1,
        "uuid": "0d3c5e1a-9b7f-4c2e-8a61-5f4b3d2c1e0f",
        "organisation": "Done When Ltd",
        "unit": "",
        "respondent": {"name": f"A {role}", "role": role},
        "period": "2026-Q4",
        "status": "complete",
        "questionnaires": {qid: questionnaire.version for qid, questionnaire in BUNDLED.items()},
        "answers": answers,
    }


def _score(capsys: pytest.CaptureFixture[str], tmp_path: Path, record: dict[str, Any]) -> Any:
    """``assessor score FILE --json`` on ``record`` written to a file."""
    path = tmp_path / "assessment.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = run_cli(capsys, "score", str(path), "--json")
    assert result.status == 0, result.err
    return json.loads(result.out)


def _random_value(item: Item, rng: random.Random) -> Any:
    """Any valid value of ``item``."""
    options = [option.id for option in item.options]
    if item.kind == "agreement":
        return rng.randint(1, 5)
    if item.kind in ("frequency", "choice"):
        return rng.choice(options)
    if item.kind == "multi":
        exclusive = [option.id for option in item.options if option.exclusive]
        plain = [option for option in options if option not in exclusive]
        if exclusive and rng.random() < 0.2:
            return [rng.choice(exclusive)]
        return rng.sample(plain, rng.randint(1, len(plain)))
    if item.kind == "checklist":
        known = rng.sample(options, rng.randint(1, len(options)))
        return {option: rng.random() < 0.5 for option in options if option in known}
    if item.kind == "number":
        low = item.min if item.min is not None else min(span.min for span in item.ranges)
        high = item.max if item.max is not None else max(span.max for span in item.ranges)
        return rng.randint(int(low), int(high))
    return "Something to say."


def _random_answers(role: str, seed: int) -> dict[str, dict[str, Any]]:
    """Every scored item asked of ``role`` answered at random, each "don't know" with
    probability 0.3; each profile item answered at random or left open."""
    rng = random.Random(seed)
    answers: dict[str, dict[str, Any]] = {}
    for qid, questionnaire in BUNDLED.items():
        by_item: dict[str, Any] = {}
        for item in questionnaire.items:
            if questionnaire.is_profile:
                if rng.random() < 0.5:
                    by_item[item.id] = {"value": _random_value(item, rng)}
            elif item.scored and item.asks(role):
                unknown = rng.random() < 0.3
                by_item[item.id] = DONT_KNOW if unknown else {"value": _random_value(item, rng)}
        answers[qid] = by_item
    return answers


def _favourable(role: str, every_fourth_unknown: bool) -> dict[str, dict[str, Any]]:
    """Every scored item asked of ``role`` at its most favourable value (every fourth one, in
    walk order, "don't know" when asked); the profile says the company has its own salespeople."""
    answers: dict[str, dict[str, Any]] = {PROFILE: {"how-we-sell": {"value": "own-sales-force"}}}
    position = 0
    for qid in SCORED:
        by_item: dict[str, Any] = {}
        for item in BUNDLED[qid].items:
            if not item.scored or not item.asks(role):
                continue
            position += 1
            unknown = every_fourth_unknown and position % 4 == 0
            by_item[item.id] = DONT_KNOW if unknown else {"value": best_value(item)}
        answers[qid] = by_item
    return answers


@pytest.mark.parametrize("seed", SEEDS)
def test_random_answers_get_an_action_for_every_dimension_under_strong(
    seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    role = ROLES[seed % len(ROLES)]
    scored = _score(capsys, tmp_path, _record(role, _random_answers(role, seed)))

    aimed = {(action["questionnaire"], action["dimension"]) for action in scored["actions"]}
    weak = [
        (qid, dimension_id, dimension["score"])
        for qid, by_questionnaire in scored["questionnaires"].items()
        for dimension_id, dimension in by_questionnaire["dimensions"].items()
        if dimension["score"] is not None and dimension["score"] < STRONG
    ]
    assert weak, "random answers leave some dimension under Strong"
    assert [w for w in weak if w[:2] not in aimed] == [], role


@pytest.mark.parametrize("role", ROLES)
def test_favourable_answers_with_a_quarter_unknown_name_the_healthy_pattern(
    role: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _favourable(role, every_fourth_unknown=True)
    unknown = sum(1 for qid in SCORED for a in answers[qid].values() if a == DONT_KNOW)
    assert unknown >= 10

    scored = _score(capsys, tmp_path, _record(role, answers))

    fired = {finding["id"]: finding for finding in scored["findings"]}
    assert "healthy-partnership" in fired
    serious = [f for f, finding in fired.items() if finding["severity"] in ("medium", "high")]
    assert serious == []


@pytest.mark.parametrize("role", ROLES)
def test_answers_at_the_favourable_end_of_every_item_carry_a_caution(
    role: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scored = _score(capsys, tmp_path, _record(role, _favourable(role, every_fourth_unknown=False)))

    assert scored["caution"] != []
    assert all(isinstance(sentence, str) and sentence.strip() for sentence in scored["caution"])


def test_the_healthy_calibration_organisations_carry_no_caution_but_what_they_pin(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """healthy_small pins the built-in uniform-answers caution: its chief executive answers
    nearly every item at the top, which is what that caution is for."""
    healthy = [load(name) for name in names()]
    healthy = [o for o in healthy if "healthy-partnership" in o.expectation.expected]
    assert len(healthy) >= 5
    pinned = {}
    for organisation in healthy:
        result = run_cli(capsys, "score", str(organisation.path), "--json")
        cautions = json.loads(result.out)["caution"]
        assert len(cautions) == len(organisation.expectation.cautions), organisation.name
        if cautions:
            pinned[organisation.name] = organisation.expectation.cautions
    assert pinned == {"healthy_small": ("uniform-answers",)}


# --- The questionnaires -------------------------------------------------------------------------


def test_validate_passes_on_every_file_of_the_questionnaires_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = bundled_files()[0].parent
    files = sorted(str(path) for path in folder.glob("*.toml"))

    result = run_cli(capsys, "validate", *files)

    assert result.status == 0, result.err
    assert result.out.count(": ok (") == len(files)


def test_the_scored_questionnaires_are_version_3_beside_a_profile_and_a_checklist() -> None:
    assert {qid: BUNDLED[qid].version for qid in SCORED} == {
        "four-freedoms": 3,
        "role-clarity": 3,
        "collaboration": 3,
    }
    assert PROFILE == "organisation-profile"
    checklists = [
        (qid, item.id)
        for qid in SCORED
        for item in BUNDLED[qid].items
        if item.kind == "checklist" and item.scored
    ]
    assert len(checklists) >= 1


def test_no_item_asks_about_the_last_time() -> None:
    asking = [
        (qid, item.id)
        for qid, questionnaire in BUNDLED.items()
        for item in questionnaire.items
        if "the last time" in item.text.lower()
    ]
    assert asking == []

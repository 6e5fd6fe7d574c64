"""The v3 engine (issue 19): checklist scores and coverage, includes/excludes, the test on every
dimension, fallback and next-step findings, cautions (authored and the built-in one on uniform
answers) and unscored profile questionnaires."""

from __future__ import annotations

from typing import Any

import pytest

from assessor.diagnosis.answers import Answer, Checks, describe_answer, make_answer
from assessor.diagnosis.cautions import UNIFORM_ID, uniform_caution, uniform_counts
from assessor.diagnosis.conditions import evaluate, every_dimension
from assessor.diagnosis.findings import Diagnosis, diagnose, diagnosis_to_json
from assessor.diagnosis.scores import (
    AssessmentScore,
    DimensionScore,
    QuestionnaireScore,
    answered_share,
    item_score,
)
from assessor.diagnosis.scoring import score_assessment
from assessor.diagnosis.walkthrough import Walk
from assessor.questionnaire.model import AnswerTest, EveryDimensionTest
from tests.helpers.v3_fixture import (
    FAVOURABLE,
    MIDDLING,
    answers,
    definitions,
    pilot,
)

PILOT = pilot()
CHECKLIST = PILOT.item("r-8")
#: Reach at 0 on its scale items (r-2 is reverse-keyed).
REACH_WORST: dict[str, Any] = {
    "r-1": 1,
    "r-2": 5,
    "r-3": "never",
    "r-4": "sales",
    "r-5": 1,
    "r-6": 1,
    "r-7": 1,
}
#: Reach at 75 on its scale items.
REACH_SOUND: dict[str, Any] = {
    "r-1": 4,
    "r-2": 2,
    "r-3": "always",
    "r-4": "nobody",
    "r-5": 4,
    "r-6": 4,
    "r-7": 4,
}
TEAM_WORST: dict[str, Any] = {
    "t-1": 1,
    "t-2": "never",
    "t-3": 1,
    "t-4": 1,
    "t-5": "never",
    "t-6": 1,
}
#: Team at 75.
TEAM_SOUND: dict[str, Any] = {
    "t-1": 4,
    "t-2": "always",
    "t-3": 4,
    "t-4": 4,
    "t-5": "sometimes",
    "t-6": 4,
}


def checklist(marks: dict[str, bool]) -> Answer:
    """A checked answer to the pilot's checklist."""
    return make_answer(PILOT, "r-8", marks)


def statuses(diagnosis: Diagnosis) -> dict[str, str]:
    """Finding id → status."""
    return {result.finding.id: result.status for result in diagnosis.findings}


def run(values: dict[str, Any], profile: dict[str, Any] | None = None) -> Diagnosis:
    """The diagnosis of the pilot (with the profile) for raw values (None = don't know)."""
    return diagnose(definitions(), answers(values, profile), "ceo")


# --- checklist ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marks", "score", "share"),
    [
        ({"decks": True, "events": True, "web": False}, 1.0, 1.0),
        ({"decks": True, "events": False, "web": True}, 1 / 3, 1.0),
        ({"decks": True}, 1.0, 1 / 3),
        ({"web": True}, 0.0, 1 / 3),
        ({"web": False, "events": False}, 0.5, 2 / 3),
    ],
)
def test_a_checklist_scores_the_mean_of_its_known_options(
    marks: dict[str, bool], score: float, share: float
) -> None:
    answer = checklist(marks)

    assert item_score(CHECKLIST, answer) == pytest.approx(score)
    assert answered_share(CHECKLIST, answer) == pytest.approx(share)


def test_a_checklist_answer_keeps_the_options_order_and_compares_as_a_dict() -> None:
    answer = checklist({"web": False, "decks": True})

    assert isinstance(answer.value, Checks)
    assert list(answer.value) == ["decks", "web"]
    assert answer.value == {"decks": True, "web": False}
    assert answer.to_json() == {"value": {"decks": True, "web": False}}
    assert hash(answer) == hash(checklist({"decks": True, "web": False}))
    assert str(answer.value) == "decks=yes;web=no"


def test_dont_know_on_a_checklist_has_no_score() -> None:
    answer = make_answer(PILOT, "r-8", dont_know=True)

    assert item_score(CHECKLIST, answer) is None
    assert answered_share(CHECKLIST, answer) == 0.0


def test_a_checklist_counts_its_known_share_of_the_weight_in_coverage_and_score() -> None:
    middling = {key: MIDDLING[key] for key in REACH_WORST}
    given = answers({**middling, "r-8": {"decks": True}})

    reach = score_assessment({"pilot-v3": PILOT}, given).dimension("pilot-v3", "reach")

    assert reach is not None
    # Seven items of weight 1 at 0.5, and the checklist (weight 2) known on 1 of its 3 options.
    assert reach.coverage == pytest.approx((7 + 2 / 3) / 9)
    assert reach.score == pytest.approx(100 * (3.5 + 2 / 3) / (7 + 2 / 3))
    assert (reach.answered, reach.dont_know, reach.total) == (8, 0, 8)


def test_a_fully_answered_checklist_weighs_its_whole_weight() -> None:
    middling = {key: MIDDLING[key] for key in REACH_WORST}
    given = answers({**middling, "r-8": {"decks": True, "events": True, "web": False}})

    reach = score_assessment({"pilot-v3": PILOT}, given).dimension("pilot-v3", "reach")

    assert reach is not None and reach.coverage == pytest.approx(1.0)
    assert reach.score == pytest.approx(100 * (3.5 + 2) / 9)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({}, "it is empty"),
        ({"slides": True}, 'unknown option "slides" (options: decks, events, web)'),
        ({"decks": "yes"}, "option \"decks\" is answered true (yes) or false (no), not 'yes'"),
        (["decks"], "a checklist answer is an object of option ids and true/false"),
        ("decks", "a checklist answer is an object of option ids and true/false"),
    ],
)
def test_a_bad_checklist_answer_is_refused(value: Any, message: str) -> None:
    from assessor.diagnosis.answers import AnswerError

    with pytest.raises(AnswerError) as caught:
        make_answer(PILOT, "r-8", value)

    assert caught.value.lines[0].startswith("pilot-v3 item r-8: ")
    assert message in caught.value.lines[0]


def test_a_checklist_reads_as_options_with_yes_no_and_dont_know() -> None:
    answer = checklist({"decks": True, "events": False})

    assert describe_answer(CHECKLIST, answer) == "Decks: yes · Events: no · Web: don't know"


# --- includes and excludes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marks", "includes_web", "excludes_decks"),
    [
        ({"web": True, "decks": False}, True, True),
        ({"web": False, "decks": True}, False, False),
        ({"events": True}, None, None),
    ],
)
def test_includes_and_excludes_read_a_checklist_three_ways(
    marks: dict[str, bool], includes_web: bool | None, excludes_decks: bool | None
) -> None:
    given = {"r-8": checklist(marks)}

    includes = evaluate(AnswerTest(item="r-8", includes="web"), PILOT, given, None)
    excludes = evaluate(AnswerTest(item="r-8", excludes="decks"), PILOT, given, None)

    assert (includes, excludes) == (includes_web, excludes_decks)


def test_excludes_reads_an_unticked_option_of_a_multi_select() -> None:
    from tests.helpers.answer_sets import lab

    questionnaire = lab()
    given = {"mc": make_answer(questionnaire, "mc", ["x"])}

    assert evaluate(AnswerTest(item="mc", excludes="y"), questionnaire, given, None) is True
    assert evaluate(AnswerTest(item="mc", excludes="x"), questionnaire, given, None) is False
    assert evaluate(AnswerTest(item="mc", includes="x"), questionnaire, given, None) is True


def test_a_flag_on_an_option_answered_no_fires() -> None:
    diagnosis = run({**REACH_SOUND, **TEAM_SOUND, "r-8": {"decks": False}})

    assert statuses(diagnosis)["no-decks"] == "fired"
    assert statuses(run({**REACH_SOUND, **TEAM_SOUND, "r-8": {"decks": True}}))["no-decks"] == (
        "not-fired"
    )


def test_a_finding_on_an_option_left_unknown_is_not_evaluated() -> None:
    diagnosis = run({**REACH_WORST, **TEAM_SOUND, "r-8": {"decks": True}})

    assert statuses(diagnosis)["list-buying"] == "not-evaluated"
    assert statuses(diagnosis)["no-decks"] == "not-fired"


# --- every dimension -----------------------------------------------------------------------------


def _scores(*dimensions: tuple[float | None, int]) -> AssessmentScore:
    made = {
        f"d{index}": DimensionScore(f"d{index}", score, 1.0, None, total, 0, total)
        for index, (score, total) in enumerate(dimensions)
    }
    scored = QuestionnaireScore("pilot-v3", None, None, made)
    return AssessmentScore(None, None, {"pilot-v3": scored})


@pytest.mark.parametrize(
    ("dimensions", "share", "expected"),
    [
        (((70, 3), (60, 3)), 1.0, True),
        (((70, 3), (59.9, 3)), 1.0, False),
        (((None, 3), (50, 3)), 1.0, False),
        (((None, 3), (None, 3)), 0.0, None),
        (((None, 3), (80, 3), (80, 3), (80, 3)), 1.0, None),
        (((None, 3), (80, 3), (80, 3), (80, 3)), 0.75, True),
        (((None, 3), (None, 3), (80, 3), (80, 3)), 0.75, None),
        # A dimension none of whose items is asked is left out of the share.
        (((None, 0), (80, 3)), 1.0, True),
    ],
)
def test_every_dimension_is_three_valued(
    dimensions: tuple[tuple[float | None, int], ...], share: float, expected: bool | None
) -> None:
    test = EveryDimensionTest(every_dimension_at_least=60, scored_share_at_least=share)

    assert every_dimension(test, PILOT, _scores(*dimensions)) is expected


def test_every_dimension_reads_another_questionnaire() -> None:
    from tests.helpers.v3_fixture import profile

    test = EveryDimensionTest(every_dimension_at_least=60, questionnaire="pilot-v3")

    assert every_dimension(test, profile(), _scores((70, 2))) is True
    assert every_dimension(test, profile(), _scores((50, 2))) is False
    assert every_dimension(test, profile(), None) is None
    other = EveryDimensionTest(every_dimension_at_least=60, questionnaire="absent")
    assert every_dimension(other, profile(), _scores((70, 2))) is None


def test_the_healthy_pattern_fires_with_a_quarter_dont_know() -> None:
    values: dict[str, Any] = {**REACH_SOUND, **TEAM_SOUND, "r-8": {"decks": True}}
    for key in ("r-5", "r-6", "t-5", "t-6"):
        values[key] = None

    diagnosis = run(values)

    assert statuses(diagnosis)["healthy"] == "fired"


def test_the_healthy_pattern_does_not_fire_below_60_nor_without_enough_scored() -> None:
    low_team = run({**REACH_SOUND, **TEAM_WORST, "r-8": {"decks": True}})
    no_team = run({**REACH_SOUND, "r-8": {"decks": True}, **dict.fromkeys(TEAM_SOUND)})

    assert statuses(low_team)["healthy"] == "not-fired"
    assert statuses(no_team)["healthy"] == "not-evaluated"


# --- fallback and next step --------------------------------------------------------------------


def test_a_fallback_is_not_reported_beside_a_high_pattern_on_its_dimension() -> None:
    diagnosis = run({**REACH_WORST, **TEAM_SOUND, "r-8": {"web": True}})

    assert statuses(diagnosis)["list-buying"] == "fired"
    assert statuses(diagnosis)["reach-fallback"] == "not-fired"
    planned = [action.text for action in diagnosis.actions]
    assert "Stop buying lists." in planned
    assert "Review how marketing reaches the market." not in planned


def test_a_fallback_fires_alone_when_no_pattern_settles_its_dimension() -> None:
    refuted = run({**REACH_WORST, **TEAM_SOUND, "r-8": {"web": False, "decks": False}})
    unsettled = run({**REACH_WORST, **TEAM_SOUND, "r-8": {"decks": True}})

    for diagnosis in (refuted, unsettled):
        assert statuses(diagnosis)["reach-fallback"] == "fired"
        assert statuses(diagnosis)["list-buying"] in ("not-fired", "not-evaluated")
        assert "Review how marketing reaches the market." in [a.text for a in diagnosis.actions]


def test_a_fallback_on_another_dimension_stays() -> None:
    diagnosis = run({**REACH_WORST, **TEAM_WORST, "r-8": {"web": True}})

    assert statuses(diagnosis)["reach-fallback"] == "not-fired"
    assert statuses(diagnosis)["team-fallback"] == "fired"
    assert statuses(diagnosis)["healthy"] == "not-fired"


def test_a_next_step_fires_in_60_to_80() -> None:
    diagnosis = run({**REACH_SOUND, **TEAM_SOUND, "r-8": {"decks": True, "events": False}})

    reach = diagnosis.scores.dimension("pilot-v3", "reach")
    assert reach is not None and reach.score is not None and 60 <= reach.score < 80
    assert statuses(diagnosis)["reach-next"] == "fired"
    assert statuses(diagnosis)["reach-fallback"] == "not-fired"
    fired = {result.finding.id: result.finding.kind for result in diagnosis.fired}
    assert fired["reach-next"] == "next-step"
    assert "Write next quarter's channel plan." in [a.text for a in diagnosis.actions]


def test_a_next_step_does_not_fire_at_strong() -> None:
    strong = {key: FAVOURABLE[key] for key in REACH_SOUND}
    diagnosis = run({**strong, **TEAM_SOUND, "r-8": {"decks": True, "web": False}})

    assert statuses(diagnosis)["reach-next"] == "not-fired"


# --- cautions ----------------------------------------------------------------------------------


def test_authored_cautions_are_raised_by_their_conditions() -> None:
    values = {**REACH_SOUND, **TEAM_SOUND, "t-1": 5, "r-1": 4, "r-2": 4}

    raised = run(values).cautions

    assert [(c.id, c.questionnaire_id) for c in raised] == [
        ("never-disagreed", "pilot-v3"),
        ("both-ways", "pilot-v3"),
    ]
    assert raised[0].text == PILOT.cautions[0].text


def test_a_caution_that_cannot_be_evaluated_is_not_raised() -> None:
    values = {**REACH_SOUND, **TEAM_SOUND, "r-1": 4, "r-2": None}

    assert run(values).cautions == ()


def _favourable(count: int, middling: int = 0) -> dict[str, Any]:
    keys = list(FAVOURABLE)
    chosen = {key: FAVOURABLE[key] for key in keys[:count]}
    chosen.update({key: MIDDLING[key] for key in keys[count : count + middling]})
    return chosen


def test_the_uniform_caution_fires_at_12_of_12_favourable() -> None:
    diagnosis = run(_favourable(12))

    assert [c.id for c in diagnosis.cautions if c.questionnaire_id is None] == [UNIFORM_ID]
    assert diagnosis.cautions[-1].text == (
        "12 of 12 answers sit at the most favourable end of their scale; answers this uniform "
        "deserve a second look before anyone acts on them."
    )


def test_the_uniform_caution_needs_12_answers() -> None:
    values = {**_favourable(11), "t-5": None, "t-6": None}

    assert uniform_counts(definitions(), answers(values)) == (11, 11)
    assert uniform_caution(definitions(), answers(values)) is None


@pytest.mark.parametrize(("favourable", "middling", "fires"), [(11, 2, False), (12, 1, True)])
def test_the_uniform_caution_needs_90_percent(favourable: int, middling: int, fires: bool) -> None:
    values = _favourable(favourable, middling)

    caution = uniform_caution(definitions(), answers(values))

    assert uniform_counts(definitions(), answers(values)) == (favourable, favourable + middling)
    assert (caution is not None) is fires


def test_the_uniform_caution_does_not_fire_below_90_percent() -> None:
    own = {"sales-force": "own"}
    # With the profile's follow-up shown, 14 scale items: 12 favourable is 86 %, 13 is 93 %.
    twelve = {**_favourable(11, 2), "t-sf": 5}
    thirteen = {**_favourable(12, 1), "t-sf": 5}
    eighty = {**_favourable(8, 2)}

    assert uniform_counts(definitions(), answers(twelve, own)) == (12, 14)
    assert uniform_caution(definitions(), answers(twelve, own)) is None
    assert uniform_counts(definitions(), answers(thirteen, own)) == (13, 14)
    assert uniform_caution(definitions(), answers(thirteen, own)) is not None
    assert uniform_counts(definitions(), answers(eighty)) == (8, 10)
    assert uniform_caution(definitions(), answers(eighty)) is None


def test_the_uniform_caution_reads_only_scale_items_shown() -> None:
    values = {**_favourable(11), "t-sf": 5, "r-8": {"decks": True, "events": True, "web": False}}
    profile = {"sales-force": "partners", "people": 4, "teams": {"marketing": True}}

    # t-sf is hidden (no own salespeople), the checklist and the profile are no scale items.
    assert uniform_counts(definitions(), answers(values, profile)) == (11, 11)
    assert uniform_caution(definitions(), answers(values, profile)) is None


def test_dont_know_is_left_out_of_the_uniform_count() -> None:
    values = {**_favourable(12), "t-6": None}

    assert uniform_counts(definitions(), answers(values)) == (12, 12)


def test_score_json_carries_the_cautions() -> None:
    uniform = run(_favourable(13))
    plain = run({**REACH_SOUND, **TEAM_SOUND})

    assert diagnosis_to_json(definitions(), uniform)["caution"] == [
        PILOT.cautions[0].text,
        "13 of 13 answers sit at the most favourable end of their scale; answers this uniform "
        "deserve a second look before anyone acts on them.",
    ]
    assert len(uniform.cautions) == 2  # never-disagreed (t-1 = 5) and the uniform one
    assert diagnosis_to_json(definitions(), plain)["caution"] == []


# --- profiles ----------------------------------------------------------------------------------


def test_a_profile_has_no_place_in_the_scores() -> None:
    diagnosis = run({**REACH_SOUND, **TEAM_SOUND}, {"sales-force": "own", "people": 3})

    assert list(diagnosis.scores.questionnaires) == ["pilot-v3"]
    alone = diagnose({"pilot-v3": PILOT}, answers({**REACH_SOUND, **TEAM_SOUND}), "ceo")
    assert diagnosis.scores.overall == alone.scores.overall
    assert "org-profile" not in diagnosis_to_json(definitions(), diagnosis)["questionnaires"]


def test_the_walk_starts_with_the_profile() -> None:
    walk = Walk(definitions(), {}, "ceo")

    assert [section.questionnaire_id for section in walk.sections] == ["org-profile", "pilot-v3"]
    assert [step.item.id for step in walk.steps[:3]] == ["sales-force", "people", "teams"]


@pytest.mark.parametrize(("sells", "shown"), [("own", True), ("partners", False), (None, False)])
def test_show_if_reads_the_profile(sells: str | None, shown: bool) -> None:
    profile = {} if sells is None else {"sales-force": sells}

    walk = Walk(definitions(), answers({}, profile), "ceo")

    assert (walk.index_of("pilot-v3", "t-sf") is not None) is shown


def test_the_comparison_leaves_a_profile_out() -> None:
    from assessor.comparison.build import build_comparison
    from assessor.comparison.respondents import RespondentInput
    from tests.helpers.reports import make_assessment

    used = definitions()
    inputs = [
        RespondentInput(
            make_assessment(
                answers({**REACH_SOUND, **TEAM_SOUND}, {"sales-force": "own"}),
                used,
                period=period,
                uuid=f"7a3e0c55-1111-4aaa-8bbb-12345678900{index}",
            ),
            used,
            assessment_id=index,
        )
        for index, period in enumerate(("2026-Q2", "2026-Q3"), start=1)
    ]

    comparison = build_comparison(inputs)

    assert [q.questionnaire_id for q in comparison.questionnaires] == ["pilot-v3"]
    assert [series.key for series in comparison.indices] == ["overall", "pilot-v3"]

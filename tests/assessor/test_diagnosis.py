"""Diagnosis: the patterns of DESIGN.md §2 on the bundled questionnaires, the action plan, and
completion."""

from __future__ import annotations

from typing import Any

import pytest

from assessor.diagnosis.answers import Answer, make_answer
from assessor.diagnosis.findings import (
    DEFAULT_GAP,
    Diagnosis,
    IncompleteError,
    check_complete,
    diagnose,
    diagnosis_to_json,
    finding_gap,
    missing_required,
    shorten,
)
from assessor.diagnosis.scoring import score_assessment
from assessor.errors import AssessorError
from tests.helpers.answer_sets import (
    DONT_KNOW,
    PATTERN_ORGANISATIONS,
    AnswerSet,
    bundled_definitions,
    favourable,
    lab,
    mini,
    override,
    pattern_organisation,
    unfavourable,
    without,
    worst_value,
)
from tests.helpers.questionnaires import DESIGN_PATTERNS

BUNDLED = bundled_definitions()
LAB = lab()
MINI = mini()
POSITIVE = {f.id for q in BUNDLED.values() for f in q.findings if f.positive}
NEGATIVE = {f.id for q in BUNDLED.values() for f in q.findings if not f.positive}

#: What each calibration organisation fires in full when every item its respondent was not
#: asked is answered at its best (see ``pattern_organisation``): the pattern itself and what the
#: same article describes alongside it, with the watches and flags its answers call for.
#: Nothing else may fire. Collaboration v3 (issue 19) adds its next-step findings wherever a
#: dimension is Sound; the closed-deal yardstick's monthly disputes over leads (no agreed lead
#: definition) now put its shared accountability in the Fragile range, with its watch.
EXPECTED = {
    "errand_desk": {
        "sales-support-desk",
        "hamster-wheel",
        "lookalike-marketing",
        "flag-errand-share",
        "flag-request-route",
        "flag-idea-time",
        "flag-campaign-start",
        "watch-cadence",
        "watch-voice-of-field",
        "next-message-material",
        "next-message-story",
        "next-company-rhythm",
        "next-company-customers",
        "next-scope",
        "next-funnel",
        "next-handoff",
    },
    "closed_deal_yardstick": {
        "wrong-yardstick",
        "handoff-leak",
        "no-feedback-loop",
        "next-stand-out-sources",
        "next-stand-out-tests",
        "watch-shared-accountability",
        "next-voice-contact",
        "next-voice-use",
        "next-company-rhythm",
        "next-company-customers",
        "flag-rc-44",
        "flag-rc-40",
        "flag-rc-43",
        "flag-rc-45",
        "next-scope",
        "next-funnel",
    },
    "advertising_vp": {
        "advertising-desk",
        "sales-support-desk",
        "next-stand-out-sources",
        "next-stand-out-tests",
        "next-voice-contact",
        "next-voice-use",
        "next-company-rhythm",
        "next-company-customers",
        "next-funnel",
        "next-yardstick",
        "next-handoff",
    },
    "conversion_push": {
        "sleazy-blend",
        "wrong-yardstick",
        "blurred-stages",
        "next-stand-out-sources",
        "next-stand-out-tests",
        "next-mandate-remit",
        "next-mandate-voice",
        "next-voice-contact",
        "next-voice-use",
        "next-message-material",
        "next-message-story",
        "next-company-rhythm",
        "next-company-customers",
        "flag-rc-42",
        "next-scope",
        "next-yardstick",
        "next-handoff",
    },
    # four-freedoms v3: requests that wait until chased score 0.15 (v2: 0.5), so the sales lead's
    # view of freedom from chaos is Fragile and ivory-tower (which needs it Sound) stays quiet.
    "two_islands": {
        "two-islands",
        "blame-game",
        "rogue-collateral",
        "handoff-leak",
        "no-feedback-loop",
        "flag-request-route",
        "watch-chaos",
        "next-stand-out-sources",
        "next-stand-out-tests",
        "next-mandate-remit",
        "next-mandate-voice",
        "next-company-rhythm",
        "next-company-customers",
        "flag-rc-43",
        "flag-rc-45",
        "next-scope",
        "next-funnel",
        "next-yardstick",
    },
    "ivory_tower": {
        "ivory-tower",
        "two-islands",
        "next-mandate-remit",
        "next-mandate-voice",
        "next-shared-targets",
        "next-shared-reviews",
        "next-message-material",
        "next-message-story",
        "next-company-rhythm",
        "next-company-customers",
        "next-scope",
        "next-funnel",
        "next-handoff",
    },
    "servitude": {
        "servitude",
        "hamster-wheel",
        "sales-support-desk",
        "flag-errand-share",
        "flag-request-route",
        "flag-idea-time",
        "flag-untested-idea",
        "flag-hears-customers",
        "watch-voice-of-field",
        "next-stand-out-sources",
        "next-stand-out-tests",
        "next-cadence-planning",
        "next-company-rhythm",
        "next-company-customers",
        "next-scope",
        "next-funnel",
        "next-handoff",
    },
    "healthy_small": {"healthy-partnership"},
}


def fired_ids(diagnosis: Diagnosis) -> set[str]:
    return {result.finding.id for result in diagnosis.fired}


def status_of(diagnosis: Diagnosis, finding_id: str) -> str:
    return next(r.status for r in diagnosis.findings if r.finding.id == finding_id)


# --- Scenarios: one per pattern -------------------------------------------------------------------


def test_every_pattern_has_a_scenario() -> None:
    assert set(PATTERN_ORGANISATIONS) >= DESIGN_PATTERNS
    assert set(PATTERN_ORGANISATIONS.values()) == set(EXPECTED)


def _reads_dont_know(questionnaire_id: str, finding_id: str, answers: AnswerSet) -> bool:
    """Whether the finding reads an item of its questionnaire answered "don't know"."""
    finding = next(f for f in BUNDLED[questionnaire_id].findings if f.id == finding_id)
    unknown = {i for i, a in answers.get(questionnaire_id, {}).items() if a.dont_know}
    return any(f'"item":"{item_id}"' in finding.when.model_dump_json() for item_id in unknown)


@pytest.mark.parametrize("pattern", list(PATTERN_ORGANISATIONS))
def test_the_organisation_behind_a_pattern_fires_it(pattern: str) -> None:
    answers = pattern_organisation(BUNDLED, pattern)
    diagnosis = diagnose(BUNDLED, answers)

    assert pattern in fired_ids(diagnosis)
    assert fired_ids(diagnosis) == EXPECTED[PATTERN_ORGANISATIONS[pattern]]
    # Only what rests on a "don't know" answer is left unjudged.
    unjudged = [(r.questionnaire_id, r.finding.id) for r in diagnosis.not_evaluated]
    assert [u for u in unjudged if not _reads_dont_know(*u, answers)] == []


def test_the_errand_desk_is_a_sales_support_desk_and_not_a_healthy_partnership() -> None:
    diagnosis = diagnose(BUNDLED, pattern_organisation(BUNDLED, "hamster-wheel"))

    assert {"sales-support-desk", "hamster-wheel"} <= fired_ids(diagnosis)
    assert status_of(diagnosis, "healthy-partnership") == "not-fired"
    assert diagnosis.fired[0].finding.severity == "high"


def test_a_fully_favourable_set_fires_healthy_partnership_and_nothing_negative() -> None:
    diagnosis = diagnose(BUNDLED, favourable(BUNDLED))

    assert fired_ids(diagnosis) == {"healthy-partnership"}
    assert {r.status for r in diagnosis.findings if r.finding.id in NEGATIVE} == {"not-fired"}
    assert diagnosis.scores.overall == 100


def test_a_fully_unfavourable_set_fires_no_positive_finding() -> None:
    diagnosis = diagnose(BUNDLED, unfavourable(BUNDLED))  # with a sales force of its own

    assert not fired_ids(diagnosis) & POSITIVE
    assert fired_ids(diagnosis) >= {"sales-support-desk", "two-islands", "sleazy-blend"}
    # A few worst options keep a sliver of credit (a complaint-filled meeting still is contact).
    assert diagnosis.scores.overall is not None and diagnosis.scores.overall < 1
    assert diagnosis.scores.overall_band is not None
    assert diagnosis.scores.overall_band.label == "At risk"
    bands = {
        d.band.label if d.band else None
        for scored in diagnosis.scores.questionnaires.values()
        for d in scored.dimensions.values()
    }
    assert bands == {"At risk"}


# --- Missing inputs -------------------------------------------------------------------------------


def test_nothing_answered_evaluates_nothing_and_plans_nothing() -> None:
    diagnosis = diagnose(BUNDLED, {})

    assert {r.status for r in diagnosis.findings} == {"not-evaluated"}
    assert diagnosis.fired == []
    assert diagnosis.actions == []


def test_a_finding_that_reads_a_missing_questionnaire_is_not_applicable() -> None:
    """Answering more could not settle it, so it is not listed as "answers missing"."""
    without_freedoms = {qid: BUNDLED[qid] for qid in ("role-clarity", "collaboration")}
    diagnosis = diagnose(without_freedoms, unfavourable(without_freedoms))

    # ivory-tower needs four-freedoms' chaos and think, which this assessment does not hold.
    assert status_of(diagnosis, "ivory-tower") == "not-applicable"
    # servitude reads chaos too, but its own part (meetings about requests) is false already.
    assert status_of(diagnosis, "servitude") == "not-fired"
    # Without the screening question a sales force is presumed, so the islands are judged.
    assert status_of(diagnosis, "two-islands") == "fired"


STAND_OUT = [i.id for i in BUNDLED["four-freedoms"].items if i.dimension == "stand-out"]
CHAOS = [i.id for i in BUNDLED["four-freedoms"].items if i.dimension == "chaos"]


def test_a_dimension_without_enough_answers_never_fires_by_accident() -> None:
    *left_out, unknown = STAND_OUT
    answers = override(
        BUNDLED,
        without(unfavourable(BUNDLED), "four-freedoms", *left_out),
        {"four-freedoms": {unknown: DONT_KNOW}},
    )

    diagnosis = diagnose(BUNDLED, answers)

    assert diagnosis.scores.questionnaires["four-freedoms"].dimensions["stand-out"].score is None
    assert status_of(diagnosis, "lookalike-marketing") == "not-evaluated"  # stand-out unknown
    assert status_of(diagnosis, "sales-support-desk") == "fired"


def test_a_false_part_decides_even_when_another_is_missing() -> None:
    answers = without(favourable(BUNDLED), "four-freedoms", *CHAOS)

    diagnosis = diagnose(BUNDLED, answers)

    assert diagnosis.scores.questionnaires["four-freedoms"].dimensions["chaos"].score is None
    # servitude needs chaos, which is unknown; but the meetings are not about requests.
    assert status_of(diagnosis, "servitude") == "not-fired"


def _cadence(diagnosis: Diagnosis) -> object:
    return diagnosis.scores.questionnaires["collaboration"].dimensions["cadence"]


def test_an_answer_left_on_a_hidden_item_fires_nothing() -> None:
    # What the meetings are about is asked only when marketing and sales meet at all; chaos at
    # its worst, so meetings spent handing marketing tasks would be servitude if they counted.
    chaos_low = {item: worst_value(BUNDLED["four-freedoms"].item(item)) for item in CHAOS}
    base = override(
        BUNDLED,
        favourable(BUNDLED),
        {"four-freedoms": chaos_low, "collaboration": {"meeting-frequency": "rarely-never"}},
    )
    left_behind = override(
        BUNDLED, base, {"collaboration": {"meeting-content": "requests-for-marketing"}}
    )
    clean = without(base, "collaboration", "meeting-content")

    hidden, plain = diagnose(BUNDLED, left_behind), diagnose(BUNDLED, clean)

    assert _cadence(hidden) == _cadence(plain)
    assert fired_ids(hidden) == fired_ids(plain)
    assert "servitude" not in fired_ids(hidden)


# --- The action plan ------------------------------------------------------------------------------


def lab_answers(**values: Any) -> dict[str, Answer]:
    return {item_id: make_answer(LAB, item_id, value) for item_id, value in values.items()}


LOW_LAB = lab_answers(ag=2, rev=4, freq="never", ch="c", mc=["z"], mp=["q"], num=60, gate="no")


def test_actions_are_ranked_by_importance_times_gap() -> None:
    diagnosis = diagnose({"lab": LAB}, {"lab": LOW_LAB})
    one = diagnosis.scores.questionnaires["lab"].dimensions["one"].score
    two = diagnosis.scores.questionnaires["lab"].dimensions["two"].score
    assert one is not None and two is not None

    planned = {action.text: action for action in diagnosis.actions}
    assert planned["Fix one."].priority == pytest.approx(2 * (100 - one))
    assert planned["Fix one."].gap == pytest.approx(100 - one)
    assert planned["Fix two."].priority == pytest.approx(1 * (100 - two))
    priorities = [action.priority for action in diagnosis.actions]
    assert priorities == sorted(priorities, reverse=True)


def test_identical_actions_are_merged_keeping_the_highest_priority() -> None:
    diagnosis = diagnose({"lab": LAB}, {"lab": LOW_LAB})

    shared = [a for a in diagnosis.actions if a.text.casefold().startswith("shared")]
    assert len(shared) == 1
    assert shared[0].finding_ids == ("low-one", "low-two")
    assert shared[0].priority == max(
        a.priority for a in diagnosis.actions if a.finding_ids == ("low-one",)
    )
    assert shared[0].dimension_id == "one"


def test_equal_priorities_are_ordered_by_text() -> None:
    diagnosis = diagnose({"lab": LAB}, {"lab": LOW_LAB})
    top = [a for a in diagnosis.actions if a.priority == diagnosis.actions[0].priority]

    assert [a.text for a in top] == sorted(a.text for a in top)


def test_a_finding_without_a_dimension_uses_the_questionnaire_index_as_gap() -> None:
    diagnosis = diagnose({"lab": LAB}, {"lab": LOW_LAB})
    index = diagnosis.scores.questionnaires["lab"].score
    assert index is not None

    action = next(a for a in diagnosis.actions if a.text == "Stop picking C.")
    assert action.gap == pytest.approx(100 - index)
    assert action.dimension_id is None


def test_without_any_score_the_gap_is_50() -> None:
    picked_c = LAB.findings[2]
    scores = score_assessment({"lab": LAB}, {"lab": lab_answers(ch="c")})

    assert scores.questionnaires["lab"].score is None
    assert finding_gap("lab", picked_c, scores) == DEFAULT_GAP
    assert finding_gap("absent", picked_c, scores) == DEFAULT_GAP


def test_fired_findings_come_most_severe_first() -> None:
    diagnosis = diagnose({"lab": LAB, "mini": MINI}, {"lab": LOW_LAB})

    assert [r.finding.id for r in diagnosis.fired] == ["low-two", "low-one", "picked-c"]
    assert status_of(diagnosis, "with-mini") == "not-fired"  # lab's index is low: False wins
    assert status_of(diagnosis, "low-alpha") == "not-evaluated"


def test_the_healthy_partnership_plan_keeps_the_good_habits_at_low_priority() -> None:
    diagnosis = diagnose(BUNDLED, favourable(BUNDLED))
    healthy = next(f for f in BUNDLED["collaboration"].findings if f.id == "healthy-partnership")

    assert len(diagnosis.actions) == len(healthy.actions) >= 2
    assert all(action.priority == 0 for action in diagnosis.actions)
    assert {a.finding_ids for a in diagnosis.actions} == {("healthy-partnership",)}


# --- Completion -----------------------------------------------------------------------------------


def test_missing_required_lists_visible_required_items_without_an_answer() -> None:
    assert missing_required({"lab": LAB}, {}) == [
        ("lab", item_id) for item_id in ("ag", "rev", "freq", "ch", "mc", "mp", "num", "gate")
    ]
    shown = {"lab": lab_answers(gate="yes")}
    assert ("lab", "follow") in missing_required({"lab": LAB}, shown)


def test_dont_know_counts_as_an_answer_and_text_is_optional() -> None:
    answers = {item.id: make_answer(LAB, item.id, dont_know=True) for item in LAB.items}
    del answers["note"], answers["follow"]

    assert missing_required({"lab": LAB}, {"lab": answers}) == []
    check_complete({"lab": LAB}, {"lab": answers})


def test_a_complete_bundled_assessment_can_be_marked_complete() -> None:
    answers = favourable(BUNDLED)
    for qid, questionnaire in BUNDLED.items():
        for item in questionnaire.items:
            if not item.is_required:
                answers[qid].pop(item.id)

    check_complete(BUNDLED, answers)


def test_check_complete_lists_every_missing_item_with_its_text() -> None:
    answers = {"lab": lab_answers(rev=1, freq="always", ch="a", mc=[], mp=[], num=5, gate="yes")}

    with pytest.raises(IncompleteError) as caught:
        check_complete({"lab": LAB}, answers)

    error = caught.value
    assert isinstance(error, AssessorError)
    assert error.missing == [("lab", "ag"), ("lab", "follow")]
    assert error.lines[0].startswith(
        "the assessment cannot be marked complete: 2 required items are not answered"
    )
    assert error.lines[1] == (
        'lab item ag is not answered: "We agree with this statement, which is long enough to be…"'
    )
    assert error.lines[2] == 'lab item follow is not answered: "It goes well."'


def test_shorten_cuts_at_a_word_and_flattens_lines() -> None:
    assert shorten("short\n text") == "short text"
    assert shorten("word " * 30, 20) == "word word word word…"


# --- JSON -----------------------------------------------------------------------------------------


def test_diagnosis_to_json_has_the_documented_shape() -> None:
    answers = pattern_organisation(BUNDLED, "hamster-wheel")
    answers = without(answers, "four-freedoms", *STAND_OUT)

    data = diagnosis_to_json(BUNDLED, diagnose(BUNDLED, answers))

    assert set(data) >= {"overall", "questionnaires", "findings", "actions"}
    assert set(data["overall"]) == {"score", "band"}
    chaos = data["questionnaires"]["four-freedoms"]["dimensions"]["chaos"]
    assert {"score", "coverage", "band"} <= set(chaos)
    stand_out = data["questionnaires"]["four-freedoms"]["dimensions"]["stand-out"]
    assert (stand_out["score"], stand_out["band"]) == (None, None)
    assert stand_out["coverage"] == round(stand_out["coverage"], 3)
    assert {"id", "questionnaire", "title", "severity"} <= set(data["findings"][0])
    assert {"text", "priority", "questionnaire", "dimension", "findings"} <= set(data["actions"][0])
    assert {"id": "lookalike-marketing", "questionnaire": "four-freedoms"} in data["not_evaluated"]


WEAK_SPOTS = [(q.id, d.id) for q in BUNDLED.values() for d in q.dimensions]
#: Patterns that contradict "one team, not confused for each other". Lookalike work is about
#: distinctiveness, not the relationship, so it may stand beside a healthy partnership.
CONTRADICTING = {
    f.id
    for q in BUNDLED.values()
    for f in q.findings
    if not f.positive and (q.id != "four-freedoms" or f.dimension == "chaos")
}


@pytest.mark.parametrize("weak", WEAK_SPOTS, ids=[f"{q}:{d}" for q, d in WEAK_SPOTS])
def test_healthy_partnership_never_fires_beside_a_contradicting_finding(
    weak: tuple[str, str],
) -> None:
    questionnaire_id, dimension_id = weak
    worst = {
        item.id: worst_value(item)
        for item in BUNDLED[questionnaire_id].items
        if item.dimension == dimension_id and item.scored
    }
    one_weak_spot = override(BUNDLED, favourable(BUNDLED), {questionnaire_id: worst})

    fired = {result.finding.id for result in diagnose(BUNDLED, one_weak_spot).fired}

    assert fired, "a whole dimension at its worst fires something"
    assert not ("healthy-partnership" in fired and fired & CONTRADICTING), sorted(fired)


# --- role-clarity version 3 (issue 19) ----------------------------------------------------------

ROLE_CLARITY = BUNDLED["role-clarity"]
PROFILE_ID = "organisation-profile"
HANDOFF_ITEMS = {i.id for i in ROLE_CLARITY.items if i.dimension == "handoff"}


def _role_clarity(values: dict[str, Any], profile: dict[str, Any] | None = None) -> Diagnosis:
    """The fully favourable assessment with some role-clarity (and profile) answers changed."""
    changed: dict[str, dict[str, Any]] = {"role-clarity": values}
    if profile is not None:
        changed[PROFILE_ID] = profile
    return diagnose(BUNDLED, override(BUNDLED, favourable(BUNDLED), changed))


@pytest.mark.parametrize(
    ("item_id", "value", "flag"),
    [
        ("rc-43", "case-by-case", "flag-rc-43"),
        ("rc-43", "habit", "flag-rc-43"),
        ("rc-45", "each-salesperson", "flag-rc-45"),
        ("rc-45", "aim-unset", "flag-rc-45"),
        ("rc-30", "nothing", "flag-rc-30"),
        ("rc-44", 40, "flag-rc-44"),
        ("rc-40", "cut-first", "flag-rc-40"),
        ("rc-42", "several", "flag-rc-42"),
    ],
)
def test_role_clarity_flags_a_warning_answer_with_an_action_on_its_dimension(
    item_id: str, value: Any, flag: str
) -> None:
    diagnosis = _role_clarity({item_id: value})

    assert flag in fired_ids(diagnosis)
    assert status_of(_role_clarity({}), flag) == "not-fired"
    dimension = ROLE_CLARITY.item(item_id).dimension
    assert any(
        flag in action.finding_ids and action.dimension_id == dimension
        for action in diagnosis.actions
    )


@pytest.mark.parametrize(
    ("sells", "asked"),
    [
        ("own-sales-force", True),
        ("mixed", True),
        (None, True),
        ("partners", False),
        ("online", False),
        ("online-and-partners", False),
    ],
)
def test_role_clarity_reads_the_sales_force_from_the_profile(
    sells: str | None, asked: bool
) -> None:
    answers = favourable(BUNDLED)
    if sells is None:
        answers = without(answers, PROFILE_ID, "how-we-sell")
    else:
        answers = override(BUNDLED, answers, {PROFILE_ID: {"how-we-sell": sells}})

    diagnosis = diagnose(BUNDLED, answers, "ceo")
    handoff = diagnosis.scores.questionnaires["role-clarity"].dimensions["handoff"]

    assert (handoff.score is not None) is asked
    if not asked:
        assert handoff.total == 0
        assert status_of(diagnosis, "handoff-leak") == "not-applicable"


@pytest.mark.parametrize("head", ["one-head", "ceo-leads-both", "separate"])
def test_role_clarity_asks_the_same_whoever_leads_both_functions(head: str) -> None:
    from assessor.diagnosis.scores import Context
    from assessor.diagnosis.visibility import visible_items

    answers = override(BUNDLED, favourable(BUNDLED), {PROFILE_ID: {"one-head": head}})
    context = Context("marketing", BUNDLED, answers)

    shown = {item.id for item in visible_items(ROLE_CLARITY, answers["role-clarity"], context)}

    assert shown == {item.id for item in ROLE_CLARITY.items if item.asks("marketing")}


@pytest.mark.parametrize(
    ("values", "raised"),
    [
        ({}, {"every-lead-followed"}),
        ({"rc-46": 4}, set()),
        ({"rc-46": 4, "rc-36": 4}, {"leads-followed-and-left"}),
        ({"rc-46": 4, "rc-44": 30}, {"leads-followed-but-slow"}),
        ({"rc-46": 2, "rc-36": 4, "rc-44": 30}, set()),
    ],
)
def test_role_clarity_cautions_read_its_candour_item_and_consistency_pairs(
    values: dict[str, Any], raised: set[str]
) -> None:
    cautions = _role_clarity(values).cautions

    assert {c.id for c in cautions if c.questionnaire_id == "role-clarity"} == raised


@pytest.mark.parametrize(
    "score", [0.0, 39.4, 39.6, 40.0, 59.4, 59.6, 60.0, 79.4, 79.6, 80.4], ids=str
)
def test_every_role_clarity_dimension_under_strong_has_a_finding_for_its_printed_band(
    score: float,
) -> None:
    """Score tests read the printed score: 79.6 prints as 80 yet is under 80, so the next step
    reads "below 80.5"; 39.6 prints as 40, where the watch takes over from the fallback."""
    from assessor.diagnosis.conditions import evaluate
    from assessor.diagnosis.scores import AssessmentScore, DimensionScore, QuestionnaireScore

    dimensions = {
        d.id: DimensionScore(d.id, score, 1.0, None, 4, 0, 4) for d in ROLE_CLARITY.dimensions
    }
    scores = AssessmentScore(
        None, None, {"role-clarity": QuestionnaireScore("role-clarity", None, None, dimensions)}
    )
    for dimension in ROLE_CLARITY.dimensions:
        standing = [
            f.id
            for f in ROLE_CLARITY.findings
            if f.kind in ("fallback", "watch", "next-step")
            and f.dimension == dimension.id
            and evaluate(f.when, ROLE_CLARITY, {}, scores) is True
        ]
        assert len(standing) == 1, (dimension.id, standing)


def test_role_clarity_asks_habits_over_a_window_and_marks_its_facts() -> None:
    texts = {item.id: item.text for item in ROLE_CLARITY.items}

    assert [i for i, text in texts.items() if "the last time" in text.lower()] == []
    assert [i.id for i in ROLE_CLARITY.items if i.kind == "checklist"] == ["rc-37", "rc-38"]
    facts = {item.id for item in ROLE_CLARITY.items if item.fact}
    assert {"rc-30", "rc-33", "rc-34", "rc-35", "rc-43", "rc-44", "rc-45"} <= facts
    assert facts >= HANDOFF_ITEMS

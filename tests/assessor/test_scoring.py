"""Scoring: item scores, dimension scores with coverage, indices, bands, branching, properties."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.diagnosis.answers import Answer, make_answer
from assessor.diagnosis.scores import (
    OVERALL_BANDS,
    AssessmentScore,
    answered_share,
    band_for,
    item_score,
)
from assessor.diagnosis.scoring import score_assessment
from assessor.diagnosis.visibility import visible_answers, visible_items
from assessor.questionnaire.model import (
    AllOf,
    AnswerTest,
    AnyOf,
    Band,
    Condition,
    Item,
    NotOf,
    Questionnaire,
)
from tests.helpers.answer_sets import (
    AnswerSet,
    assessment_strategy,
    bundled_definitions,
    lab,
    mini,
)

LAB = lab()
MINI = mini()
BUNDLED = bundled_definitions()
PROPERTIES = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def answers(**values: Any) -> dict[str, Answer]:
    """Lab answers from keyword values; the string "dk" means "don't know"."""
    return {
        item_id: make_answer(LAB, item_id, dont_know=True)
        if value == "dk"
        else make_answer(LAB, item_id, value)
        for item_id, value in values.items()
    }


def lab_score(**values: Any) -> AssessmentScore:
    return score_assessment({"lab": LAB}, {"lab": answers(**values)})


# --- Item scores --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item_id", "value", "expected"),
    [
        ("ag", 1, 0.0),
        ("ag", 2, 0.25),
        ("ag", 3, 0.5),
        ("ag", 5, 1.0),
        ("rev", 1, 1.0),
        ("rev", 2, 0.75),
        ("rev", 5, 0.0),
        ("freq", "sometimes", 0.5),
        ("ch", "b", 0.3),
        ("mc", ["x"], 0.6),
        ("mc", ["x", "y"], 1.0),  # credit is capped at 1
        ("mc", ["z"], 0.0),
        ("mc", [], 0.0),
        ("mp", [], 1.0),
        ("mp", ["p"], 0.7),
        ("mp", ["p", "q"], 0.0),  # penalty never goes below 0
        ("mp", ["none"], 1.0),
        ("num", 0, 1.0),
        ("num", 9.99, 1.0),
        ("num", 10, 0.5),  # min <= value < max
        ("num", 50, 0.0),
        ("num", 100, 0.0),  # the last range includes its max
    ],
)
def test_item_score_maps_each_kind_to_0_1(item_id: str, value: Any, expected: float) -> None:
    item = LAB.item(item_id)

    assert item_score(item, make_answer(LAB, item_id, value)) == pytest.approx(expected)


@pytest.mark.parametrize("item_id", ["ag", "freq", "mc", "num"])
def test_no_answer_and_dont_know_have_no_score(item_id: str) -> None:
    item = LAB.item(item_id)

    assert item_score(item, None) is None
    assert item_score(item, make_answer(LAB, item_id, dont_know=True)) is None


def test_text_items_are_never_scored() -> None:
    assert item_score(LAB.item("note"), make_answer(LAB, "note", "All fine.")) is None


def test_a_value_that_does_not_fit_has_no_score() -> None:
    assert item_score(LAB.item("ch"), Answer(value="gone")) is None
    assert item_score(LAB.item("ag"), Answer(value=9)) is None
    assert item_score(LAB.item("num"), Answer(value="ten")) is None


# --- Dimension scores, coverage, indices, bands ---------------------------------------------------


def test_dimension_score_is_the_weighted_mean_times_100() -> None:
    scores = lab_score(
        ag=4, rev=2, freq="never", note="x", ch="b", mc=["x", "y"], mp=["p"], num=30, gate="no"
    )
    lab_scores = scores.questionnaires["lab"]
    one, two = lab_scores.dimensions["one"], lab_scores.dimensions["two"]

    assert one.score == pytest.approx(100 * (2 * 0.75 + 0.75 + 0) / 4)
    assert (one.coverage, one.answered, one.dont_know, one.total) == (1.0, 3, 0, 3)
    assert one.band is not None and one.band.label == "High"
    assert two.score == pytest.approx(100 * (0.3 + 1 + 0.7 + 0.5 + 0) / 5)
    assert two.total == 5  # "follow" is hidden while gate is "no"
    assert lab_scores.score == pytest.approx((56.25 + 50) / 2)
    assert lab_scores.band is not None and lab_scores.band.label == "High"


def test_dont_know_does_not_cover_and_below_60_percent_there_is_no_score() -> None:
    scores = lab_score(ag="dk", rev=2, freq="never")
    one = scores.questionnaires["lab"].dimensions["one"]

    assert one.coverage == pytest.approx(0.5)  # 2 of 4 weight answered
    assert (one.answered, one.dont_know, one.total) == (2, 1, 3)
    assert one.score is None
    assert one.band is None
    assert not one.enough


def test_coverage_exactly_at_the_threshold_is_enough() -> None:
    scores = lab_score(gate="no", ch="a", mc=["x"])  # 3 of 5 equal weights
    two = scores.questionnaires["lab"].dimensions["two"]

    assert two.coverage == pytest.approx(0.6)
    assert two.enough
    assert two.score == pytest.approx(100 * (0 + 1 + 0.6) / 3)


def test_questionnaire_index_is_the_mean_of_the_available_dimensions() -> None:
    scores = lab_score(ag=5, rev=1, freq="always")  # "two" has nothing answered

    lab_scores = scores.questionnaires["lab"]
    assert lab_scores.dimensions["two"].score is None
    assert lab_scores.score == 100
    assert scores.overall == 100


def test_nothing_answered_gives_no_scores_at_all() -> None:
    scores = score_assessment({"lab": LAB, "mini": MINI}, {})

    assert scores.overall is None
    assert scores.overall_band is None
    for scored in scores.questionnaires.values():
        assert scored.score is None and scored.band is None
        assert all(d.score is None and d.coverage == 0 for d in scored.dimensions.values())


def test_overall_is_the_mean_of_all_available_dimension_scores() -> None:
    lab_answers = answers(
        ag=4, rev=2, freq="never", ch="b", mc=["x", "y"], mp=["p"], num=30, gate="no"
    )
    mini_answers = {
        "a-1": make_answer(MINI, "a-1", 5),
        "a-2": make_answer(MINI, "a-2", "no"),
    }

    scores = score_assessment(
        {"lab": LAB, "mini": MINI}, {"lab": lab_answers, "mini": mini_answers}
    )

    assert list(scores.questionnaires) == ["lab", "mini"]
    assert scores.questionnaires["mini"].score == 50
    assert scores.overall == pytest.approx((56.25 + 50 + 50) / 3)  # not the mean of the indices
    assert scores.overall_band is not None and scores.overall_band.label == "Fragile"


def test_overall_bands_cover_0_to_100_with_the_four_labels() -> None:
    assert [band.label for band in OVERALL_BANDS] == ["At risk", "Fragile", "Sound", "Strong"]
    assert [(band.min, band.max) for band in OVERALL_BANDS] == [
        (0, 40),
        (40, 60),
        (60, 80),
        (80, 100),
    ]
    assert all(
        "organisation" in band.meaning or "marketing" in band.meaning.lower()
        for band in OVERALL_BANDS
    )


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (0, "At risk"),
        (39.49, "At risk"),
        (39.5, "Fragile"),  # printed as 40: the band is the printed figure's (issue 22)
        (40, "Fragile"),
        (79.4, "Sound"),
        (79.9, "Strong"),  # printed as 80
        (80, "Strong"),
        (100, "Strong"),
    ],
)
def test_band_for_bands_the_printed_figure_and_the_top_band_holds_100(
    score: float, label: str
) -> None:
    band = band_for(OVERALL_BANDS, score)

    assert band is not None and band.label == label


def test_band_for_outside_every_band_is_none() -> None:
    bands = [Band(min=0, max=50, label="Low", meaning="Low.")]

    assert band_for(bands, 75) is None
    assert band_for([], 10) is None


def test_a_score_of_exactly_a_threshold_is_not_below_it() -> None:
    # 0.7 * 100 is 70.00000000000001 in floating point; scores are tidied so bands see 70.
    scores = lab_score(gate="yes", follow=5, ch="a", mc=["x"], mp=["p"], num=0)
    two = scores.questionnaires["lab"].dimensions["two"]

    assert two.score is not None
    assert two.score == round(two.score, 9)


# --- Branching ----------------------------------------------------------------------------------


def test_follow_up_is_hidden_until_the_question_it_follows_is_answered() -> None:
    def shown(**values: Any) -> list[str]:
        return [item.id for item in visible_items(LAB, answers(**values))]

    assert "follow" not in shown()
    assert "follow" not in shown(gate="dk")
    assert "follow" not in shown(gate="no")
    assert "follow" in shown(gate="yes")


def test_a_hidden_item_is_left_out_of_scoring_even_if_answered() -> None:
    hidden = lab_score(gate="no", follow=1, ch="a", mc=["x", "y"], mp=[], num=0)
    without = lab_score(gate="no", ch="a", mc=["x", "y"], mp=[], num=0)

    assert hidden == without
    assert "follow" not in visible_answers(LAB, answers(gate="no", follow=1))


def test_a_shown_follow_up_counts() -> None:
    scores = lab_score(gate="yes", follow=1, ch="a", mc=["x", "y"], mp=[], num=0)
    two = scores.questionnaires["lab"].dimensions["two"]

    assert two.total == 6
    assert two.score == pytest.approx(100 * 5 / 6)


# --- Properties over the bundled questionnaires --------------------------------------------------


def _condition_items(condition: Condition) -> set[str]:
    if isinstance(condition, AllOf | AnyOf):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        return set().union(*(_condition_items(part) for part in parts))
    if isinstance(condition, NotOf):
        return _condition_items(condition.not_)
    return {condition.item} if isinstance(condition, AnswerTest) else set()


def controllers(questionnaire: Questionnaire) -> set[str]:
    """Items whose answer decides whether another item is shown."""
    found: set[str] = set()
    for item in questionnaire.items:
        if item.show_if is not None:
            found |= _condition_items(item.show_if)
    return found


def _option_step(item: Item, value: Any) -> Any:
    current = next(option.score for option in item.options if option.id == value)
    better = [option for option in item.options if option.score > current]
    return min(better, key=lambda option: option.score).id if better else None


def _multi_step(item: Item, value: tuple[str, ...]) -> Any:
    scores = {option.id: option.score for option in item.options}
    if item.multi_scoring == "credit":
        if any(o.exclusive and o.id in value for o in item.options):
            return None  # an exclusive option ticked alone: no tick is one step up from it
        # Only options that may be ticked beside others; an exclusive one stands alone.
        add = [o.id for o in item.options if o.score > 0 and o.id not in value and not o.exclusive]
        # Ticking a credited option clears an exclusive one ("None of these").
        kept = [o.id for o in item.options if o.id in value and not o.exclusive]
        return [*kept, add[0]] if add else None
    drop = [option_id for option_id in value if scores[option_id] > 0]
    return [option_id for option_id in value if option_id != drop[0]] if drop else None


def _number_step(item: Item, value: float) -> Any:
    current = item_score(item, Answer(value=value))
    assert current is not None
    better = [span for span in item.ranges if span.score > current]
    return min(better, key=lambda span: span.score).min if better else None


def favourable_step(item: Item, value: Any) -> Any:
    """The value one step towards the item's favourable end, or None at that end."""
    if item.kind == "agreement":
        moved = value - 1 if item.reverse else value + 1
        return moved if 1 <= moved <= 5 else None
    if item.kind in ("frequency", "choice"):
        return _option_step(item, value)
    if item.kind == "multi":
        return _multi_step(item, value)
    return _number_step(item, value)


def weighted_mean(
    questionnaire: Questionnaire, by_item: Mapping[str, Answer], dimension_id: str
) -> float | None:
    """An independent oracle: the weighted mean × 100 of the visible answered items (a checklist
    weighs the share of its options answered)."""
    pairs = [
        (item.weight * answered_share(item, by_item.get(item.id)), score)
        for item in visible_items(questionnaire, by_item)
        if item.dimension == dimension_id
        and (score := item_score(item, by_item.get(item.id))) is not None
    ]
    total = sum(weight for weight, _ in pairs)
    return 100 * sum(weight * score for weight, score in pairs) / total if total else None


@PROPERTIES
@given(assessment_strategy(BUNDLED))
def test_every_score_lies_in_0_100_and_is_banded(given_answers: AnswerSet) -> None:
    scores = score_assessment(BUNDLED, given_answers)

    values = [scores.overall]
    for qid, scored in scores.questionnaires.items():
        values.append(scored.score)
        for dimension in scored.dimensions.values():
            values.append(dimension.score)
            assert 0 <= dimension.coverage <= 1
            enough = dimension.coverage + 1e-9 >= BUNDLED[qid].min_coverage
            assert (dimension.score is not None) == (enough and dimension.answered > 0)
            assert (dimension.band is None) == (dimension.score is None)
        assert (scored.band is None) == (scored.score is None)
    assert (scores.overall_band is None) == (scores.overall is None)
    assert all(0 <= value <= 100 for value in values if value is not None)


@PROPERTIES
@given(assessment_strategy(BUNDLED))
def test_dont_know_never_changes_the_contribution_of_any_other_item(
    given_answers: AnswerSet,
) -> None:
    # Items that show or hide others are left out: changing them changes which items count.
    for qid, questionnaire in BUNDLED.items():
        by_item = given_answers[qid]
        for item in questionnaire.items:
            if not item.scored or item.id in controllers(questionnaire):
                continue
            unsure = {**by_item, item.id: make_answer(questionnaire, item.id, dont_know=True)}
            blank = {k: v for k, v in by_item.items() if k != item.id}
            with_dk = score_assessment({qid: questionnaire}, {qid: unsure}).questionnaires[qid]
            without = score_assessment({qid: questionnaire}, {qid: blank}).questionnaires[qid]
            before = score_assessment({qid: questionnaire}, {qid: by_item}).questionnaires[qid]
            for dimension_id, result in with_dk.dimensions.items():
                assert result.score == without.dimensions[dimension_id].score
                assert result.coverage == without.dimensions[dimension_id].coverage
                if dimension_id != item.dimension:
                    assert result == before.dimensions[dimension_id]
                elif result.score is not None:
                    expected = weighted_mean(questionnaire, unsure, dimension_id)
                    assert result.score == pytest.approx(expected, abs=1e-6)


@PROPERTIES
@given(assessment_strategy(BUNDLED, complete=True))
def test_one_step_towards_the_favourable_end_never_lowers_the_dimension(
    given_answers: AnswerSet,
) -> None:
    for qid, questionnaire in BUNDLED.items():
        if questionnaire.is_profile:
            continue  # never scored
        by_item = given_answers[qid]
        before = score_assessment({qid: questionnaire}, {qid: by_item}).questionnaires[qid]
        for item in visible_items(questionnaire, by_item):
            answer = by_item[item.id]
            if not item.scored or answer.dont_know or item.id in controllers(questionnaire):
                continue
            moved = favourable_step(item, answer.value)
            if moved is None:
                continue
            better = {**by_item, item.id: make_answer(questionnaire, item.id, moved)}
            after = score_assessment({qid: questionnaire}, {qid: better}).questionnaires[qid]
            old = before.dimensions[item.dimension].score
            new = after.dimensions[item.dimension].score
            assert (old is None) == (new is None)
            if old is not None and new is not None:
                assert new >= old, (item.id, answer.value, moved)


AGREEMENT_ITEMS = [
    (qid, item.id) for qid, q in BUNDLED.items() for item in q.items if item.kind == "agreement"
]


@pytest.mark.parametrize(("qid", "item_id"), AGREEMENT_ITEMS)
def test_reverse_keying_mirrors_item_scores_exactly(qid: str, item_id: str) -> None:
    item = BUNDLED[qid].item(item_id)
    flipped = item.model_copy(update={"reverse": not item.reverse})
    for value in range(1, 6):
        mine = item_score(item, Answer(value=value))
        theirs = item_score(flipped, Answer(value=value))
        mirrored = item_score(flipped, Answer(value=6 - value))
        assert mine is not None and theirs is not None
        assert mine == 1 - theirs
        assert mine == mirrored


@PROPERTIES
@given(assessment_strategy(BUNDLED), st.sampled_from(AGREEMENT_ITEMS))
def test_reverse_keying_mirrors_whole_assessments_exactly(
    given_answers: AnswerSet, chosen: tuple[str, str]
) -> None:
    qid, item_id = chosen
    questionnaire = BUNDLED[qid]
    items = [
        item.model_copy(update={"reverse": not item.reverse}) if item.id == item_id else item
        for item in questionnaire.items
    ]
    flipped = {**BUNDLED, qid: questionnaire.model_copy(update={"items": items})}
    mirrored = {key: dict(value) for key, value in given_answers.items()}
    answer = mirrored[qid].get(item_id)
    if answer is not None and not answer.dont_know:
        assert isinstance(answer.value, int)
        mirrored[qid][item_id] = Answer(value=6 - answer.value, note=answer.note)

    assert score_assessment(flipped, mirrored) == score_assessment(BUNDLED, given_answers)


@PROPERTIES
@given(st.data())
def test_the_result_does_not_depend_on_the_order_answers_were_given(data: st.DataObject) -> None:
    given_answers = data.draw(assessment_strategy(BUNDLED))
    shuffled: AnswerSet = {}
    for qid in data.draw(st.permutations(list(given_answers))):
        order = data.draw(st.permutations(list(given_answers[qid])))
        shuffled[qid] = {item_id: given_answers[qid][item_id] for item_id in order}

    assert score_assessment(BUNDLED, shuffled) == score_assessment(BUNDLED, given_answers)
    # the organisation profile is never scored: it has no entry
    scored = [qid for qid, questionnaire in BUNDLED.items() if not questionnaire.is_profile]
    assert list(score_assessment(BUNDLED, shuffled).questionnaires) == scored

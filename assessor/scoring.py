"""Scoring: answers to 0–1, dimension scores with their coverage, indices and bands.

The rules (DESIGN.md §4, issue 3):

- Each answer maps to 0–1 (:func:`item_score`). "Don't know", no answer and free text have no
  score: they are left out, never counted as zero.
- Items hidden by their ``show_if``, and items not asked of the respondent's role (``ask``), are
  left out of scoring altogether (:func:`visible_items`). Screening questions are never scored.
- A dimension's score is the weighted mean of its answered items × 100. Its *coverage* is the
  answered weight over the weight of its visible scored items; below the questionnaire's
  ``min_coverage`` (default 60 %) the dimension has no score ("not enough answers").
- A questionnaire's index is the mean of its available dimension scores.
- The overall index is the mean of **all** available dimension scores across the questionnaires
  of the assessment, so every dimension weighs the same whichever questionnaire it belongs to
  (a questionnaire with five dimensions counts a little more than one with four). It is banded
  with :data:`OVERALL_BANDS`.

Scores are rounded to 9 decimal places so that a score that is exactly 70 on paper never
compares as 69.99999999999999; displays round further.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from assessor.answers import Answer
from assessor.model import AGREEMENT_LABELS, Band, Item, Questionnaire
from assessor.overall_bands import OVERALL_BAND_TABLE

#: The bands of the overall index: what the score says about the organisation as a whole.
OVERALL_BANDS: list[Band] = [
    Band(min=band.min, max=band.max, label=band.label, meaning=band.meaning)
    for band in OVERALL_BAND_TABLE
]

_PRECISION = 9
#: Tolerance when comparing coverage with the threshold (weights are floats).
_EPSILON = 1e-9


def band_for(bands: Sequence[Band], score: float) -> Band | None:
    """The band with ``min <= score < max`` (the top band also holds its max); None if no band."""
    for band in bands:
        if band.min <= score < band.max:
            return band
    top = max(bands, key=lambda band: band.max, default=None)
    return top if top is not None and score == top.max else None


def _option_score(item: Item, option_id: object) -> float | None:
    for option in item.options:
        if option.id == option_id:
            return option.score
    return None


def _multi_score(item: Item, ticked: object) -> float | None:
    if not isinstance(ticked, tuple | list):
        return None
    scores = [_option_score(item, option_id) for option_id in ticked]
    if any(score is None for score in scores):
        return None
    total = sum(score for score in scores if score is not None)
    if item.multi_scoring == "penalty":
        return max(0.0, 1.0 - total)
    return min(1.0, total)


def _number_score(item: Item, value: float) -> float | None:
    if not item.ranges:
        return None
    for span in item.ranges:
        if span.min <= value < span.max:
            return span.score
    top = max(item.ranges, key=lambda span: span.max)
    return top.score if value == top.max else None


def item_score(item: Item, answer: Answer | None) -> float | None:
    """The 0–1 score of one answer; None for no answer, "don't know" and text items.

    agreement: (value − 1) / 4, and 1 minus that when the item is reverse-keyed. frequency and
    choice: the chosen option's score. multi: ``credit`` = min(1, sum of ticked scores),
    ``penalty`` = max(0, 1 − sum of ticked scores). number: the score of the range with
    ``min <= value < max`` (the last range includes its max). A value that does not fit the item
    (which :func:`assessor.answers.make_answer` never lets through) also has no score.
    """
    if answer is None or answer.dont_know or not item.scored:
        return None
    value = answer.value
    if item.kind == "agreement":
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        if not 1 <= value <= len(AGREEMENT_LABELS):
            return None
        score = (value - 1) / (len(AGREEMENT_LABELS) - 1)
        return 1.0 - score if item.reverse else score
    if item.kind in ("frequency", "choice"):
        return _option_score(item, value)
    if item.kind == "multi":
        return _multi_score(item, value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return _number_score(item, value)


@dataclass(frozen=True)
class Context:
    """Who answers and what else the assessment holds, as visibility and conditions need it.

    ``role`` hides the items not asked of that role (None asks every item). ``definitions`` and
    ``answers`` are the whole assessment's, read by tests on another questionnaire's item (such
    as a screening question).
    """

    role: str | None = None
    definitions: Mapping[str, Questionnaire] = field(default_factory=dict)
    answers: Mapping[str, Mapping[str, Answer]] = field(default_factory=dict)


def visible_items(
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    context: Context | None = None,
) -> list[Item]:
    """The items to ask and score: those asked of the role whose ``show_if`` is absent or true.

    Conditions are evaluated in questionnaire order over the answers to the items already found
    visible, so an answer left behind on a hidden item never shows or hides anything. A
    ``show_if`` that cannot be evaluated (its earlier item is unanswered or "don't know") hides
    the item until that answer is given: the follow-up question appears once the question it
    follows has been answered.
    """
    from assessor.conditions import evaluate

    role = None if context is None else context.role
    shown: list[Item] = []
    seen: dict[str, Answer] = {}
    for item in questionnaire.items:
        if not item.asks(role):
            continue
        if (
            item.show_if is None
            or evaluate(item.show_if, questionnaire, seen, None, context) is True
        ):
            shown.append(item)
            answer = answers.get(item.id)
            if answer is not None:
                seen[item.id] = answer
    return shown


def visible_answers(
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    context: Context | None = None,
) -> dict[str, Answer]:
    """The answers to visible items only; answers to hidden or unknown items are left out."""
    return {
        item.id: answers[item.id]
        for item in visible_items(questionnaire, answers, context)
        if item.id in answers
    }


@dataclass(frozen=True)
class DimensionScore:
    """One dimension's score (0–100, or None when coverage is too low) and its coverage.

    ``coverage`` is the answered weight over the weight of the visible scored items (0–1);
    "don't know" does not cover. ``answered``, ``dont_know`` and ``total`` count visible scored
    items.
    """

    dimension_id: str
    score: float | None
    coverage: float
    band: Band | None
    answered: int
    dont_know: int
    total: int

    @property
    def enough(self) -> bool:
        """Whether enough was answered for the dimension to have a score."""
        return self.score is not None


@dataclass(frozen=True)
class QuestionnaireScore:
    """A questionnaire's index (mean of its available dimension scores) and its dimensions."""

    questionnaire_id: str
    score: float | None
    band: Band | None
    dimensions: dict[str, DimensionScore]


@dataclass(frozen=True)
class AssessmentScore:
    """The overall index (mean of all available dimension scores) and each questionnaire's."""

    overall: float | None
    overall_band: Band | None
    questionnaires: dict[str, QuestionnaireScore]

    def dimension(self, questionnaire_id: str, dimension_id: str) -> DimensionScore | None:
        """The score of one dimension, or None when the assessment has no such dimension."""
        found = self.questionnaires.get(questionnaire_id)
        return None if found is None else found.dimensions.get(dimension_id)


def _mean(values: Iterable[float]) -> float | None:
    listed = list(values)
    return round(sum(listed) / len(listed), _PRECISION) if listed else None


def score_dimension(
    questionnaire: Questionnaire,
    dimension_id: str,
    items: Sequence[Item],
    answers: Mapping[str, Answer],
) -> DimensionScore:
    """Score one dimension from its visible ``items`` (others in the sequence are skipped)."""
    total_weight = answered_weight = weighted = 0.0
    answered = dont_know = total = 0
    for item in items:
        if item.dimension != dimension_id or not item.scored:
            continue
        total += 1
        total_weight += item.weight
        answer = answers.get(item.id)
        if answer is not None and answer.dont_know:
            dont_know += 1
        score = item_score(item, answer)
        if score is not None:
            answered += 1
            answered_weight += item.weight
            weighted += item.weight * score
    coverage = answered_weight / total_weight if total_weight > 0 else 0.0
    value: float | None = None
    if answered_weight > 0 and coverage + _EPSILON >= questionnaire.min_coverage:
        value = round(100 * weighted / answered_weight, _PRECISION)
    return DimensionScore(
        dimension_id=dimension_id,
        score=value,
        coverage=coverage,
        band=None if value is None else band_for(questionnaire.bands, value),
        answered=answered,
        dont_know=dont_know,
        total=total,
    )


def score_questionnaire(
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    context: Context | None = None,
) -> QuestionnaireScore:
    """Score every dimension of one questionnaire and its index."""
    groups: dict[str, list[Item]] = {dimension.id: [] for dimension in questionnaire.dimensions}
    for item in visible_items(questionnaire, answers, context):
        if item.scored and item.dimension in groups:
            groups[item.dimension].append(item)
    dimensions = {
        dimension_id: score_dimension(questionnaire, dimension_id, items, answers)
        for dimension_id, items in groups.items()
    }
    index = _mean(d.score for d in dimensions.values() if d.score is not None)
    return QuestionnaireScore(
        questionnaire_id=questionnaire.id,
        score=index,
        band=None if index is None else band_for(questionnaire.bands, index),
        dimensions=dimensions,
    )


def score_assessment(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None = None,
) -> AssessmentScore:
    """Score every questionnaire of an assessment, in the order of ``definitions``.

    ``answers`` maps questionnaire id → item id → answer; a questionnaire with no entry has
    nothing answered. ``role`` is the respondent's: items not asked of it are left out (None
    scores every item). The overall index is the mean of all available dimension scores.
    """
    context = Context(role, definitions, answers)
    questionnaires = {
        questionnaire_id: score_questionnaire(
            questionnaire, answers.get(questionnaire_id, {}), context
        )
        for questionnaire_id, questionnaire in definitions.items()
    }
    overall = _mean(
        dimension.score
        for scored in questionnaires.values()
        for dimension in scored.dimensions.values()
        if dimension.score is not None
    )
    return AssessmentScore(
        overall=overall,
        overall_band=None if overall is None else band_for(OVERALL_BANDS, overall),
        questionnaires=questionnaires,
    )

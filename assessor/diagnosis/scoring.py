"""Scoring: answers to 0–1, dimension scores with their coverage, indices and bands.

The rules (DESIGN.md §4, issue 3):

- Each answer maps to 0–1 (:func:`assessor.diagnosis.scores.item_score`). "Don't know", no answer
  and free text have no
  score: they are left out, never counted as zero.
- Items hidden by their ``show_if``, and items not asked of the respondent's role (``ask``), are
  left out of scoring altogether (:func:`assessor.diagnosis.visibility.visible_items`). Screening
  questions are never scored.
- A dimension's score is the weighted mean of its answered items × 100. Its *coverage* is the
  answered weight over the weight of its visible scored items; below the questionnaire's
  ``min_coverage`` (default 60 %) the dimension has no score ("not enough answers"). A checklist
  answered on some of its options counts for that share of its weight, in the mean and in the
  coverage alike (weight × known / total); its total weight stays its weight.
- Profile questionnaires are never scored and have no place in the scores or the indices.
- A questionnaire's index is the mean of its available dimension scores.
- The overall index is the mean of **all** available dimension scores across the questionnaires
  of the assessment, so every dimension weighs the same whichever questionnaire it belongs to
  (a questionnaire with five dimensions counts a little more than one with four). It is banded
  with :data:`assessor.diagnosis.scores.OVERALL_BANDS`.

Scores are rounded to 9 decimal places so that a score that is exactly 70 on paper never
compares as 69.99999999999999; displays round further.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from assessor.diagnosis.answers import Answer
from assessor.diagnosis.scores import (
    OVERALL_BANDS,
    PRECISION,
    AssessmentScore,
    Context,
    DimensionScore,
    QuestionnaireScore,
    answered_share,
    band_for,
    item_score,
)
from assessor.diagnosis.visibility import visible_items
from assessor.questionnaire.model import Item, Questionnaire

#: Tolerance when comparing coverage with the threshold (weights are floats).
_EPSILON = 1e-9


def _mean(values: Iterable[float]) -> float | None:
    listed = list(values)
    return round(sum(listed) / len(listed), PRECISION) if listed else None


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
            share = item.weight * answered_share(item, answer)
            answered_weight += share
            weighted += share * score
    coverage = answered_weight / total_weight if total_weight > 0 else 0.0
    value: float | None = None
    if answered_weight > 0 and coverage + _EPSILON >= questionnaire.min_coverage:
        value = round(100 * weighted / answered_weight, PRECISION)
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
    Profile questionnaires are left out: they have no scores.
    """
    context = Context(role, definitions, answers)
    questionnaires = {
        questionnaire_id: score_questionnaire(
            questionnaire, answers.get(questionnaire_id, {}), context
        )
        for questionnaire_id, questionnaire in definitions.items()
        if not questionnaire.is_profile
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

"""Scores as values: one answer's 0–1 score, the score records of dimensions, questionnaires and
assessments, bands, and the context (role, other questionnaires) that conditions read.

"Don't know", no answer and free text have no score: they are left out, never counted as zero.
Scores are rounded to 9 decimal places so that a score that is exactly 70 on paper never
compares as 69.99999999999999; displays round further.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assessor.diagnosis.answers import Answer, Checks
from assessor.diagnosis.figures import printed
from assessor.diagnosis.overall_bands import OVERALL_BAND_TABLE
from assessor.questionnaire.model import AGREEMENT_LABELS, Band, Item, Questionnaire

#: The bands of the overall index: what the score says about the organisation as a whole.
OVERALL_BANDS: list[Band] = [
    Band(min=band.min, max=band.max, label=band.label, meaning=band.meaning)
    for band in OVERALL_BAND_TABLE
]

#: Decimal places kept in scores (see the module's docstring).
PRECISION = 9


def band_for(bands: Sequence[Band], score: float) -> Band | None:
    """The band of the score as printed (whole points, halves up: :func:`printed`), with
    ``min <= figure < max`` (the top band also holds its max); None if no band.

    So 39.9, printed as 40, is in the band that starts at 40.
    """
    score = printed(score)
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


def _checklist_score(item: Item, marks: object) -> float | None:
    """The mean over the known options: a yes scores the option's score, a no 1 − it."""
    if not isinstance(marks, Checks) or not marks:
        return None
    scores: list[float] = []
    for option_id, yes in marks.items():
        option = next((o for o in item.options if o.id == option_id), None)
        if option is None or option.score is None:
            return None
        scores.append(option.score if yes else 1.0 - option.score)
    return sum(scores) / len(scores)


def answered_share(item: Item, answer: Answer | None) -> float:
    """How much of the item an answer covers, 0–1: all of it for a scored answer, except a
    checklist, which covers the share of its options answered yes or no; 0 without a score."""
    if item_score(item, answer) is None or answer is None:
        return 0.0
    if item.kind == "checklist" and isinstance(answer.value, Checks) and item.options:
        return len(answer.value) / len(item.options)
    return 1.0


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
    ``penalty`` = max(0, 1 − sum of ticked scores). checklist: the mean over the options answered
    yes or no, a yes scoring the option's score and a no 1 minus it (options left out are
    unknown; see :func:`answered_share`). number: the score of the range with
    ``min <= value < max`` (the last range includes its max). A value that does not fit the item
    (which :func:`assessor.diagnosis.answers.make_answer` never lets through) also has no score.
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
    if item.kind == "checklist":
        return _checklist_score(item, value)
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

"""Cautions: reasons to read a respondent's scores with care (answers too good to be true, or
inconsistent), each one plain sentence said to the reader.

Two sources:

- a questionnaire's own ``cautions`` (:class:`assessor.questionnaire.model.CautionRule`), raised
  when their ``when`` holds, evaluated like a finding's condition (on the answers to visible
  items, the scores, and the other questionnaires of the assessment); "not evaluated" raises
  nothing;
- one built in: when a respondent answered at least :data:`UNIFORM_MIN_ANSWERS` scale items
  (agreement, frequency and choice items that are scored; "don't know" left out) and at least
  :data:`UNIFORM_SHARE` of them sit at the item's most favourable option (its highest score: for
  agreement 5, or 1 when reverse-keyed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assessor.diagnosis.answers import Answer
from assessor.diagnosis.conditions import evaluate
from assessor.diagnosis.scores import AssessmentScore, Context, item_score
from assessor.diagnosis.visibility import visible_answers, visible_items
from assessor.questionnaire.model import SCALE_KINDS, Item, Questionnaire

#: The fewest answered scale items for the built-in caution on uniform answers.
UNIFORM_MIN_ANSWERS = 12
#: The share of those answers at the most favourable end that raises it.
UNIFORM_SHARE = 0.9
#: The built-in caution's id.
UNIFORM_ID = "uniform-answers"
#: What it says: the counts, then why it matters.
UNIFORM_TEXT = (
    "{favourable} of {answered} answers sit at the most favourable end of their scale; answers "
    "this uniform deserve a second look before anyone acts on them."
)
#: Tolerance when comparing a score with the most favourable one.
_EPSILON = 1e-9


@dataclass(frozen=True)
class Caution:
    """One caution raised: its id, the questionnaire that defines it (None for the built-in
    one) and the sentence said to the reader."""

    id: str
    questionnaire_id: str | None
    text: str


def best_score(item: Item) -> float:
    """The score of an item's most favourable answer: 1 for agreement, else its best option's."""
    if item.kind == "agreement":
        return 1.0
    return max((option.worth for option in item.options), default=1.0)


def uniform_counts(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None = None,
) -> tuple[int, int]:
    """(favourable, answered): the scale items answered, and how many at their best option."""
    context = Context(role, definitions, answers)
    favourable = answered = 0
    for questionnaire_id, questionnaire in definitions.items():
        given = answers.get(questionnaire_id, {})
        for item in visible_items(questionnaire, given, context):
            if not item.scored or item.kind not in SCALE_KINDS:
                continue
            score = item_score(item, given.get(item.id))
            if score is None:
                continue
            answered += 1
            if score >= best_score(item) - _EPSILON:
                favourable += 1
    return favourable, answered


def uniform_caution(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    role: str | None = None,
) -> Caution | None:
    """The built-in caution when the answers are too uniformly favourable, else None."""
    favourable, answered = uniform_counts(definitions, answers, role)
    if answered < UNIFORM_MIN_ANSWERS or favourable < UNIFORM_SHARE * answered - _EPSILON:
        return None
    text = UNIFORM_TEXT.format(favourable=favourable, answered=answered)
    return Caution(UNIFORM_ID, None, text)


def raise_cautions(
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    scores: AssessmentScore,
    role: str | None = None,
) -> tuple[Caution, ...]:
    """Every caution raised: the questionnaires' own, in questionnaire and file order, then the
    built-in one."""
    context = Context(role, definitions, answers)
    raised: list[Caution] = []
    for questionnaire_id, questionnaire in definitions.items():
        if not questionnaire.cautions:
            continue
        shown = visible_answers(questionnaire, answers.get(questionnaire_id, {}), context)
        raised.extend(
            Caution(rule.id, questionnaire_id, rule.text)
            for rule in questionnaire.cautions
            if evaluate(rule.when, questionnaire, shown, scores, context) is True
        )
    uniform = uniform_caution(definitions, answers, role)
    if uniform is not None:
        raised.append(uniform)
    return tuple(raised)

"""Which items a respondent meets: those asked of their role whose ``show_if`` holds."""

from __future__ import annotations

from collections.abc import Mapping

from assessor.diagnosis.answers import Answer
from assessor.diagnosis.conditions import evaluate
from assessor.diagnosis.scores import Context
from assessor.questionnaire.model import Item, Questionnaire


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

"""The order in which a respondent meets the questions, and how far along they are.

A :class:`Walk` lists the visible items of every questionnaire of an assessment, one step each,
given the answers so far (an item whose ``show_if`` is false is skipped). Profile
questionnaires come first, since the others' questions may depend on them; the rest keep their
order. It is recomputed after
every answer, so branching is always up to date. Items given as ``settled`` (the organisation
profile answers a respondent file brought along) keep their answers but are not walked; a
questionnaire left with no step is not listed. No Qt here: the desktop walk-through shows it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from assessor.diagnosis.answers import Answer
from assessor.diagnosis.scores import Context
from assessor.diagnosis.visibility import visible_items
from assessor.questionnaire.model import Item, Questionnaire


def walk_order(definitions: Mapping[str, Questionnaire]) -> list[tuple[str, Questionnaire]]:
    """The questionnaires in the order they are walked: profiles first, then the others, each
    group in the order given."""
    return sorted(definitions.items(), key=lambda entry: not entry[1].is_profile)


@dataclass(frozen=True)
class Step:
    """One question of the walk: which questionnaire, which item, and its place."""

    questionnaire_id: str
    item: Item
    #: 1-based position among the visible items of its questionnaire
    number: int
    #: how many items of its questionnaire are visible
    of: int


@dataclass(frozen=True)
class Section:
    """One questionnaire's share of the walk: where it starts and how much is answered."""

    questionnaire_id: str
    title: str
    first_step: int
    steps: int
    answered: int


class Walk:
    """The visible questions of an assessment, in order, for the given answers.

    ``role`` is the respondent's: only the items asked of it are walked (None: every item).
    ``settled`` names (questionnaire id, item id) pairs answered elsewhere and not the
    respondent's to change: they count for ``show_if`` but are not walked.
    """

    def __init__(
        self,
        definitions: Mapping[str, Questionnaire],
        answers: Mapping[str, Mapping[str, Answer]],
        role: str | None = None,
        settled: Collection[tuple[str, str]] = (),
    ) -> None:
        self.steps: list[Step] = []
        self.sections: list[Section] = []
        context = Context(role, definitions, answers)
        for questionnaire_id, questionnaire in walk_order(definitions):
            given = answers.get(questionnaire_id, {})
            visible = visible_items(questionnaire, given, context)
            shown = [item for item in visible if (questionnaire_id, item.id) not in settled]
            if visible and not shown:
                continue
            self.sections.append(
                Section(
                    questionnaire_id=questionnaire_id,
                    title=questionnaire.title,
                    first_step=len(self.steps),
                    steps=len(shown),
                    answered=sum(1 for item in shown if item.id in given),
                )
            )
            self.steps.extend(
                Step(questionnaire_id, item, number, len(shown))
                for number, item in enumerate(shown, start=1)
            )
        self._answered = {
            (questionnaire_id, item_id)
            for questionnaire_id, by_item in answers.items()
            for item_id in by_item
        }

    def __len__(self) -> int:
        return len(self.steps)

    def is_answered(self, index: int) -> bool:
        """Whether the step at ``index`` has an answer (a value or "don't know")."""
        step = self.steps[index]
        return (step.questionnaire_id, step.item.id) in self._answered

    @property
    def answered(self) -> int:
        """How many visible steps have an answer."""
        return sum(section.answered for section in self.sections)

    def index_of(self, questionnaire_id: str, item_id: str) -> int | None:
        """The position of an item in the walk, or None when it is hidden."""
        for index, step in enumerate(self.steps):
            if step.questionnaire_id == questionnaire_id and step.item.id == item_id:
                return index
        return None

    def first_unanswered(self, start: int = 0) -> int | None:
        """The first step from ``start`` on (wrapping round) with no answer; None if all are."""
        count = len(self.steps)
        for offset in range(count):
            index = (start + offset) % count
            if not self.is_answered(index):
                return index
        return None

    def first_required_unanswered(self) -> int | None:
        """The first visible required step without an answer; None when the walk can finish."""
        for index, step in enumerate(self.steps):
            if step.item.is_required and not self.is_answered(index):
                return index
        return None

    def section_of(self, index: int) -> Section:
        """The section that the step at ``index`` belongs to."""
        questionnaire_id = self.steps[index].questionnaire_id
        return next(s for s in self.sections if s.questionnaire_id == questionnaire_id)

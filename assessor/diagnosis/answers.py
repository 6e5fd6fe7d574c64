"""Answers as given: a value of the item's kind, or "don't know", either with an optional note.

A value that does not fit its item raises :class:`AnswerError`, whose message names the
questionnaire, the item and the problem. Values are stored exactly as given; scores are derived
from them (see :mod:`assessor.diagnosis.scoring`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from assessor.errors import AssessorError
from assessor.questionnaire.model import AGREEMENT_LABELS, Item, Option, Questionnaire

#: How a checklist answer reads each option: yes, no; an option left out is "don't know".
CHECK_WORDS: dict[bool | None, str] = {True: "yes", False: "no", None: "don't know"}


class Checks(Mapping[str, bool]):
    """A checklist answer: option id → True (yes) or False (no); options left out are unknown.

    Immutable and hashable, so an :class:`Answer` stays a value; it compares equal to a plain
    dict with the same entries. Its text form (``decks=yes;events=no``) is what a spreadsheet
    export shows.
    """

    __slots__ = ("_marks",)

    def __init__(self, marks: Mapping[str, bool] | Iterable[tuple[str, bool]] = ()) -> None:
        pairs = marks.items() if isinstance(marks, Mapping) else marks
        self._marks: tuple[tuple[str, bool], ...] = tuple((str(k), bool(v)) for k, v in pairs)

    def __getitem__(self, option_id: str) -> bool:
        for key, mark in self._marks:
            if key == option_id:
                return mark
        raise KeyError(option_id)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._marks)

    def __len__(self) -> int:
        return len(self._marks)

    def __hash__(self) -> int:
        return hash(frozenset(self._marks))

    def __repr__(self) -> str:
        return f"Checks({dict(self._marks)!r})"

    def __str__(self) -> str:
        return ";".join(f"{key}={CHECK_WORDS[mark]}" for key, mark in self._marks)


#: An answer value: 1–5 (agreement), an option id (frequency, choice), option ids (multi),
#: option id → yes/no (checklist), a number (number) or a string (text).
AnswerValue = int | float | str | tuple[str, ...] | Checks


class AnswerError(AssessorError):
    """An answer that does not fit its questionnaire or item."""


@dataclass(frozen=True)
class Answer:
    """One answer: a value, or "don't know"; ``note`` is the respondent's evidence, if any."""

    value: AnswerValue | None = None
    dont_know: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        if self.dont_know and self.value is not None:
            raise ValueError("an answer is either a value or don't know, not both")
        if not self.dont_know and self.value is None:
            raise ValueError("an answer needs a value or don't know")

    def to_json(self) -> dict[str, Any]:
        """The exchange-file form: ``{"value": V}`` or ``{"dont_know": true}``, plus ``note``."""
        data: dict[str, Any] = {"dont_know": True} if self.dont_know else {"value": plain(self)}
        if self.note:
            data["note"] = self.note
        return data


def plain(answer: Answer) -> Any:
    """The answer's value as JSON holds it: a list for a multi-select, an object for a
    checklist, else the value itself (None for "don't know")."""
    value = answer.value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Checks):
        return dict(value)
    return value


def exclusive_clash(item: Item, ticked: Iterable[str]) -> Option | None:
    """The exclusive option of a multi item ticked together with other options, if any."""
    chosen = set(ticked)
    if len(chosen) < 2:
        return None
    return next((o for o in item.options if o.exclusive and o.id in chosen), None)


def tick(item: Item, ticked: Iterable[str], option_id: str, checked: bool) -> tuple[str, ...]:
    """A multi item's ticks after ticking (or unticking) ``option_id``, in option order.

    Ticking an exclusive option ("None of these") clears the others; ticking any other option
    clears the exclusive ones.
    """
    chosen = set(ticked) - {option_id}
    if checked:
        exclusive = {o.id for o in item.options if o.exclusive}
        chosen = set() if option_id in exclusive else chosen - exclusive
        chosen.add(option_id)
    return tuple(o.id for o in item.options if o.id in chosen)


def without_clash(item: Item, ticked: Iterable[str]) -> list[str]:
    """``ticked`` made valid for a multi item: exclusive options ticked with others are
    dropped (the others are kept)."""
    listed = list(ticked)
    if exclusive_clash(item, listed) is None:
        return listed
    exclusive = {o.id for o in item.options if o.exclusive}
    return [option_id for option_id in listed if option_id not in exclusive]


def _fits(item: Item, value: Any) -> str | None:
    """Why ``value`` does not fit ``item``, or None when it does."""
    option_ids = [option.id for option in item.options]
    if item.kind == "agreement":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"an agreement answer is a whole number from 1 to 5, not {value!r}"
        if not 1 <= value <= len(AGREEMENT_LABELS):
            return f"an agreement answer is from 1 to 5, not {value}"
    elif item.kind in ("frequency", "choice"):
        if not isinstance(value, str):
            return f"a {item.kind} answer is an option id ({', '.join(option_ids)}), not {value!r}"
        if value not in option_ids:
            return f'unknown option "{value}" (options: {", ".join(option_ids)})'
    elif item.kind == "multi":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return f"a multi answer is a list of option ids, not {value!r}"
        unknown = [v for v in value if v not in option_ids]
        if unknown:
            return f'unknown option "{unknown[0]}" (options: {", ".join(option_ids)})'
        if len(set(value)) != len(value):
            return "an option is ticked twice"
        clash = exclusive_clash(item, value)
        if clash is not None:
            return (
                f'option "{clash.id}" ({clash.label}) excludes the others: tick it alone, '
                "or only the others"
            )
    elif item.kind == "checklist":
        return _checklist_fault(option_ids, value)
    elif item.kind == "number":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return f"a number answer is a number, not {value!r}"
        low, high = item.min, item.max
        if low is not None and high is not None and not low <= value <= high:
            return f"{value:g} is outside {low:g}–{high:g}"
    elif item.kind == "text" and not isinstance(value, str):
        return f"a text answer is a string, not {value!r}"
    return None


def _checklist_fault(option_ids: list[str], value: Any) -> str | None:
    """Why ``value`` is not a checklist answer (option id → true/false), or None."""
    shape = 'a checklist answer is an object of option ids and true/false, like {"a": true}'
    if not isinstance(value, Mapping):
        return f"{shape}, not {value!r}"
    if not value:
        return f"{shape}; it is empty (answer at least one option, or don't know)"
    for option_id, mark in value.items():
        if option_id not in option_ids:
            return f'unknown option "{option_id}" (options: {", ".join(option_ids)})'
        if not isinstance(mark, bool):
            return f'option "{option_id}" is answered true (yes) or false (no), not {mark!r}'
    return None


def make_answer(
    questionnaire: Questionnaire,
    item_id: str,
    value: Any = None,
    *,
    dont_know: bool = False,
    note: str = "",
) -> Answer:
    """An answer to ``item_id`` checked against its item; raises :class:`AnswerError`."""
    where = f"{questionnaire.id} item {item_id}"
    try:
        item = questionnaire.item(item_id)
    except KeyError:
        raise AnswerError(
            f"{where}: unknown item (questionnaire {questionnaire.id} v{questionnaire.version})"
        ) from None
    if not isinstance(note, str):
        raise AnswerError(f"{where}: a note is text, not {note!r}")
    if dont_know:
        if value is not None:
            raise AnswerError(f"{where}: an answer is either a value or don't know, not both")
        return Answer(dont_know=True, note=note)
    if value is None:
        raise AnswerError(f"{where}: the answer has no value (give a value or don't know)")
    problem = _fits(item, value)
    if problem:
        raise AnswerError(f"{where}: {problem}")
    if item.kind == "multi":
        ticked = set(value)
        value = tuple(option.id for option in item.options if option.id in ticked)
    elif item.kind == "checklist":
        value = Checks((o.id, value[o.id]) for o in item.options if o.id in value)
    elif item.kind == "number" and isinstance(value, float) and value.is_integer():
        value = int(value)
    return Answer(value=value, note=note)


def answer_from_json(questionnaire: Questionnaire, item_id: str, data: Any) -> Answer:
    """Read the exchange-file form of an answer (see :meth:`Answer.to_json`)."""
    where = f"{questionnaire.id} item {item_id}"
    if not isinstance(data, Mapping):
        raise AnswerError(f'{where}: an answer is an object like {{"value": ...}}, not {data!r}')
    unknown = sorted(set(data) - {"value", "dont_know", "note"})
    if unknown:
        raise AnswerError(f"{where}: unknown field {unknown[0]!r} (use value, dont_know, note)")
    dont_know = data.get("dont_know", False)
    if not isinstance(dont_know, bool):
        raise AnswerError(f"{where}: dont_know is true or false, not {dont_know!r}")
    return make_answer(
        questionnaire, item_id, data.get("value"), dont_know=dont_know, note=data.get("note", "")
    )


def describe_answer(item: Item, answer: Answer | None) -> str:
    """The answer as a person reads it: option labels, "Agree (4 of 5)", "Don't know"."""
    if answer is None:
        return "Not answered"
    if answer.dont_know:
        return "Don't know"
    value = answer.value
    labels = {option.id: option.label for option in item.options}
    if item.kind == "agreement" and isinstance(value, int):
        return f"{AGREEMENT_LABELS[value - 1]} ({value} of 5)"
    if item.kind in ("frequency", "choice") and isinstance(value, str):
        return labels.get(value, value)
    if item.kind == "multi" and isinstance(value, tuple):
        return "; ".join(labels.get(v, v) for v in value) if value else "None ticked"
    if item.kind == "checklist" and isinstance(value, Checks):
        return " · ".join(
            f"{option.label}: {CHECK_WORDS[value.get(option.id)]}" for option in item.options
        )
    if item.kind == "number" and isinstance(value, int | float):
        shown = f"{round(value, 1):g}"
        return f"{shown} {item.unit}".strip()
    return str(value)

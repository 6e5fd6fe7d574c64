"""Answers: values checked against their items, "don't know", notes and the exchange form."""

from __future__ import annotations

import math
from typing import Any

import pytest

from assessor.diagnosis.answers import (
    Answer,
    AnswerError,
    answer_from_json,
    exclusive_clash,
    make_answer,
    tick,
    without_clash,
)
from assessor.questionnaire.loading import parse_questionnaire
from assessor.questionnaire.model import Questionnaire
from tests.helpers.answer_sets import LAB_TOML, lab


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return lab()


@pytest.mark.parametrize(
    ("item_id", "value", "stored"),
    [
        ("ag", 1, 1),
        ("ag", 5, 5),
        ("freq", "sometimes", "sometimes"),
        ("ch", "a", "a"),
        ("mc", ["y", "x"], ("x", "y")),  # kept in the item's option order
        ("mc", [], ()),
        ("mp", ("none",), ("none",)),
        ("num", 0, 0),
        ("num", 100, 100),
        ("num", 42.0, 42),  # a whole float is stored as an int
        ("num", 12.5, 12.5),
        ("note", "Évidence: “quoted” <b>not markup</b>", "Évidence: “quoted” <b>not markup</b>"),
    ],
)
def test_values_that_fit_their_item_are_kept(
    questionnaire: Questionnaire, item_id: str, value: Any, stored: Any
) -> None:
    answer = make_answer(questionnaire, item_id, value, note="seen in the CRM")

    assert answer == Answer(value=stored, note="seen in the CRM")
    assert not answer.dont_know


def test_dont_know_is_an_answer_with_an_optional_note(questionnaire: Questionnaire) -> None:
    answer = make_answer(questionnaire, "num", dont_know=True, note="ask finance")

    assert answer.dont_know
    assert answer.value is None
    assert answer.note == "ask finance"


@pytest.mark.parametrize(
    ("item_id", "value", "problem"),
    [
        ("ag", 0, "an agreement answer is from 1 to 5, not 0"),
        ("ag", 6, "an agreement answer is from 1 to 5, not 6"),
        ("ag", 3.5, "an agreement answer is a whole number from 1 to 5, not 3.5"),
        ("ag", True, "an agreement answer is a whole number from 1 to 5, not True"),
        ("ag", "4", "an agreement answer is a whole number from 1 to 5, not '4'"),
        ("freq", "often", 'unknown option "often" (options: always, sometimes, never)'),
        ("ch", 1, "a choice answer is an option id (a, b, c), not 1"),
        ("mc", "x", "a multi answer is a list of option ids, not 'x'"),
        ("mc", ["x", "w"], 'unknown option "w" (options: x, y, z)'),
        ("mc", ["x", "x"], "an option is ticked twice"),
        ("num", 101, "101 is outside 0–100"),
        ("num", -0.5, "-0.5 is outside 0–100"),
        ("num", "ten", "a number answer is a number, not 'ten'"),
        ("num", math.nan, "a number answer is a number, not nan"),
        ("num", False, "a number answer is a number, not False"),
        ("note", 3, "a text answer is a string, not 3"),
    ],
)
def test_a_value_that_does_not_fit_names_questionnaire_item_and_problem(
    questionnaire: Questionnaire, item_id: str, value: Any, problem: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        make_answer(questionnaire, item_id, value)

    assert caught.value.lines == (f"lab item {item_id}: {problem}",)


def test_an_unknown_item_is_an_error_naming_the_questionnaire_version(
    questionnaire: Questionnaire,
) -> None:
    with pytest.raises(AnswerError) as caught:
        make_answer(questionnaire, "zz-99", 3)

    assert caught.value.lines == ("lab item zz-99: unknown item (questionnaire lab v1)",)


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"value": 3, "dont_know": True}, "an answer is either a value or don't know, not both"),
        ({}, "the answer has no value (give a value or don't know)"),
        ({"value": 3, "note": 7}, "a note is text, not 7"),
    ],
)
def test_an_answer_is_a_value_or_dont_know(
    questionnaire: Questionnaire, kwargs: dict[str, Any], problem: str
) -> None:
    with pytest.raises(AnswerError, match=r"^lab item ag: ") as caught:
        make_answer(questionnaire, "ag", **kwargs)

    assert caught.value.lines[0].endswith(problem)


def test_the_answer_record_itself_refuses_both_or_neither() -> None:
    with pytest.raises(ValueError, match="either a value or don't know"):
        Answer(value=3, dont_know=True)
    with pytest.raises(ValueError, match="needs a value or don't know"):
        Answer()


@pytest.mark.parametrize(
    ("item_id", "data"),
    [
        ("ag", {"value": 4}),
        ("ag", {"value": 2, "note": "from the survey"}),
        ("mc", {"value": ["x", "z"]}),
        ("num", {"value": 12.5}),
        ("num", {"dont_know": True}),
        ("num", {"dont_know": True, "note": "nobody tracks it"}),
    ],
)
def test_the_exchange_form_round_trips(
    questionnaire: Questionnaire, item_id: str, data: dict[str, Any]
) -> None:
    answer = answer_from_json(questionnaire, item_id, data)

    assert answer.to_json() == data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([4], 'an answer is an object like {"value": ...}, not [4]'),
        ({"value": 4, "comment": "x"}, "unknown field 'comment' (use value, dont_know, note)"),
        ({"dont_know": "yes"}, "dont_know is true or false, not 'yes'"),
        ({"value": 9}, "an agreement answer is from 1 to 5, not 9"),
        ({"note": "only a note"}, "the answer has no value (give a value or don't know)"),
    ],
)
def test_a_broken_exchange_answer_is_one_clear_line(
    questionnaire: Questionnaire, data: Any, problem: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        answer_from_json(questionnaire, "ag", data)

    assert caught.value.lines == (f"lab item ag: {problem}",)


# --- exclusive options ("None of these") -------------------------------------------------------


@pytest.fixture(scope="module")
def exclusive() -> Questionnaire:
    """The lab questionnaire with "None" of item mp marked exclusive."""
    text = LAB_TOML.replace(
        '{ id = "none", label = "None", score = 0.0 },',
        '{ id = "none", label = "None", score = 0.0, exclusive = true },',
    )
    assert text != LAB_TOML
    return parse_questionnaire(text.encode(), "lab.toml")


def test_an_exclusive_option_ticked_with_others_is_refused(exclusive: Questionnaire) -> None:
    with pytest.raises(AnswerError) as caught:
        make_answer(exclusive, "mp", ["p", "none"])

    assert caught.value.lines == (
        'lab item mp: option "none" (None) excludes the others: tick it alone, or only the others',
    )


@pytest.mark.parametrize("value", [["none"], ["p", "q"], ["q"], []])
def test_an_exclusive_option_alone_or_the_others_alone_are_kept(
    exclusive: Questionnaire, value: list[str]
) -> None:
    assert make_answer(exclusive, "mp", value).value == tuple(value)


def test_an_exclusive_answer_is_refused_in_an_exchange_file_too(exclusive: Questionnaire) -> None:
    with pytest.raises(AnswerError, match="excludes the others"):
        answer_from_json(exclusive, "mp", {"value": ["none", "q"]})


def test_ticking_follows_the_exclusive_rule(exclusive: Questionnaire) -> None:
    item = exclusive.item("mp")

    assert tick(item, ["p", "q"], "none", True) == ("none",)
    assert tick(item, ["none"], "q", True) == ("q",)
    assert tick(item, ["q"], "p", True) == ("p", "q")
    assert tick(item, ["p", "q"], "p", False) == ("q",)
    assert exclusive_clash(item, ["p", "none"]) is not None
    assert exclusive_clash(item, ["none"]) is None
    assert without_clash(item, ["none", "q"]) == ["q"]

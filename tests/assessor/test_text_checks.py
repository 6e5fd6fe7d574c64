"""The one check for text people give Assessor (:mod:`assessor.files.text_checks`)."""

from __future__ import annotations

import pytest

from assessor.files.text_checks import (
    ACTION,
    NAME,
    NOTE,
    OPTIONAL_NAME,
    TextError,
    TextRule,
    checked_text,
    is_visible,
    text_problem,
)


@pytest.mark.parametrize(
    "name",
    ["Acme", "Zoë Ångström", "Ελένη", "株式会社", "مرحبا", "👩‍💻 Team", "A" * 200, "O'Brien & Co."],
)
def test_ordinary_names_pass(name: str) -> None:
    assert text_problem(name, NAME) is None
    assert checked_text(name, NAME, "organisation") == name


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("\u200b\u200b", "holds only invisible characters"),
        ("\ufeff\u2060\u200d", "holds only invisible characters"),
        ("\u3164", "holds only invisible characters"),
        ("\u0301\u0301", "holds only invisible characters"),
        ("Acme\u2028Ltd", "contains the control character '\\u2028' at position 4"),
        ("Acme\u2029", "contains the control character '\\u2029' at position 4"),
        ("Esc\x1b[31mOrg", "contains the control character '\\x1b' at position 3"),
        ("Ann\tLee", "contains the control character '\\t' at position 3"),
        ("Ann\nLee", "contains the control character '\\n' at position 3"),
        ("EMEA\u202e", "contains the control character '\\u202e' at position 4"),
        ("x\x85", "contains the control character '\\x85' at position 1"),
        ("Acme \ud800", "contains a lone surrogate '\\ud800' at position 5"),
        ("O" * 201, "is 201 characters long; a name has at most 200"),
        (5, "must be text, not 5"),
        (None, "must be text, not None"),
        (["a"] * 10_000, "must be text, not a list"),
    ],
)
def test_names_that_are_refused_say_why_in_one_short_line(value: object, fragment: str) -> None:
    problem = text_problem(value, NAME)

    assert problem is not None and fragment in problem
    assert "\n" not in problem and len(problem) < 200


def test_an_optional_name_may_be_empty_but_not_invisible() -> None:
    assert text_problem("", OPTIONAL_NAME) is None
    assert text_problem("  ", OPTIONAL_NAME) is None
    assert "invisible" in (text_problem("\u200b", OPTIONAL_NAME) or "")


def test_a_note_may_hold_tabs_and_line_breaks_but_no_other_control_character() -> None:
    assert text_problem("Line one\n\tindented\r\nline three", NOTE) is None
    assert text_problem("", NOTE) is None
    assert text_problem("\u200b", NOTE) is None  # notes may hold what names may not
    assert text_problem("\u202eright-to-left", NOTE) is None
    assert "'\\x07' at position 4; only tabs and line breaks" in (
        text_problem("ring\x07", NOTE) or ""
    )
    assert "lone surrogate" in (text_problem("x\udc00", NOTE) or "")
    assert text_problem("n" * 20_000, NOTE) is None
    assert (
        text_problem("n" * 20_001, NOTE) == "is 20,001 characters long; a note has at most 20,000"
    )


def test_an_action_must_show_something() -> None:
    assert text_problem("Meet sales\ntwice a month.", ACTION) is None
    assert text_problem("\n\n", ACTION) == "must not be empty"
    assert "invisible" in (text_problem("\u200b\n", ACTION) or "")


def test_a_new_kind_of_field_is_a_rule() -> None:
    metric_unit = TextRule("a unit of measure", 20)

    assert text_problem("%", metric_unit) is None
    assert text_problem("x" * 21, metric_unit) == (
        "is 21 characters long; a unit of measure has at most 20"
    )


def test_checked_text_raises_one_line_naming_the_field() -> None:
    with pytest.raises(TextError) as caught:
        checked_text("Esc\x1b[31m", NAME, "--org")

    assert caught.value.lines == (
        "--org: contains the control character '\\x1b' at position 3; a name is one line of "
        "plain text",
    )


def test_visible_characters() -> None:
    assert all(is_visible(character) for character in "aZ9€✓ë中")
    assert not any(is_visible(character) for character in " \u00a0\u200b\u2028\ufeff\u3164\u0301")

"""Messages never carry raw control characters: they are escaped as Python would write them."""

from __future__ import annotations

from assessor.errors import AssessorError, printable


def test_control_characters_are_escaped() -> None:
    assert printable("a\x00b\x1b[31mc\nd\te\x7f\u202ef") == "a\\x00b\\x1b[31mc\\nd\\te\\x7f\\u202ef"


def test_ordinary_text_is_left_alone() -> None:
    text = "Ünïcode ✓ — « quotes » 2026-Q3: 55 %"

    assert printable(text) == text


def test_every_line_of_an_error_is_printable_and_stays_one_line() -> None:
    error = AssessorError("file\x00.json: bad\nname", "second")

    assert error.lines == ("file\\x00.json: bad\\nname", "second")
    assert str(error).splitlines() == list(error.lines)

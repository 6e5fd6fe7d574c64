"""Messages never carry raw control characters: they are escaped as Python would write them."""

from __future__ import annotations

from assessor.errors import MAX_SHOWN_LINES, AssessorError, printable


def test_control_characters_are_escaped() -> None:
    assert printable("a\x00b\x1b[31mc\nd\te\x7f\u202ef") == "a\\x00b\\x1b[31mc\\nd\\te\\x7f\\u202ef"


def test_ordinary_text_is_left_alone() -> None:
    text = "Ünïcode ✓ — « quotes » 2026-Q3: 55 %"

    assert printable(text) == text


def test_every_line_of_an_error_is_printable_and_stays_one_line() -> None:
    error = AssessorError("file\x00.json: bad\nname", "second")

    assert error.lines == ("file\\x00.json: bad\\nname", "second")
    assert str(error).splitlines() == list(error.lines)


def test_lone_surrogates_and_line_separators_are_escaped() -> None:
    assert printable("a\ud800b\u2028c\u2029d") == "a\\ud800b\\u2028c\\u2029d"
    assert AssessorError("bad \udcff byte").lines[0].encode("utf-8") == b"bad \\udcff byte"


def test_an_error_shows_50_lines_and_counts_the_rest() -> None:
    error = AssessorError(*(f"fault {number}" for number in range(200_000)))

    assert len(error.lines) == MAX_SHOWN_LINES + 1
    assert error.lines[:2] == ("fault 0", "fault 1")
    assert error.lines[-1] == f"and {200_000 - MAX_SHOWN_LINES:,} more problems"
    assert len(error.all_lines) == 200_000
    assert str(error).splitlines() == list(error.lines)


def test_a_line_given_twice_is_shown_once_in_its_first_place() -> None:
    error = AssessorError(*(["b", "a", "b"] * 100_000), "c")

    assert error.lines == ("b", "a", "c")


def test_an_error_gathering_others_counts_all_their_lines() -> None:
    first = AssessorError(*(f"one.json: fault {n}" for n in range(40)))
    second = AssessorError(*(f"two.json: fault {n}" for n in range(40)))

    gathered = AssessorError(*first.all_lines, *second.all_lines)

    assert gathered.lines[-1] == "and 30 more problems"

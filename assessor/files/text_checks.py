"""One check for every piece of text people give Assessor: names, notes, invitations, follow-ups.

Text comes in from exchange and respondent files, from the command line and from the app. Each
place names the kind of field it reads (a :class:`TextRule`) and asks :func:`text_problem` (or
:func:`checked_text`, which raises) whether the value may be kept. A value is refused, with one
line saying why, when it

- is not text, or is empty where the field is required;
- is longer than the field allows (:data:`NAME`: 200 characters; :data:`NOTE`: 20,000);
- holds a lone surrogate (half of a character, from a JSON ``\\ud800`` escape or from bytes
  that are not UTF-8 on the command line): it cannot be stored, printed or written as UTF-8;
- holds a control character other than a tab in multi-line text, or a line break where the field
  is one line (:data:`NAME`); one-line fields refuse tabs, the line and paragraph separators
  U+2028 and U+2029 and the bidirectional overrides and isolates as well, which make a name read
  differently from what it is;
- holds nothing visible where something must show (a name of zero-width spaces only).

The rules are data, so a new kind of field (an outcome's label, a metric's unit) takes a rule
of its own: ``TextRule(max_length=…, multiline=…)``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assessor.errors import AssessorError


@dataclass(frozen=True)
class TextRule:
    """What one kind of text field may hold."""

    #: how messages name the kind of field ("a name", "a note")
    kind: str
    #: the most characters (code points) the field may hold
    max_length: int
    #: whether line breaks (and tabs) are allowed
    multiline: bool = False
    #: whether the field must hold something visible (empty is refused)
    required: bool = False


#: Names that must be given: an organisation, a respondent.
NAME = TextRule("a name", 200, required=True)
#: Names that may be left empty: a unit, who sent an invitation.
OPTIONAL_NAME = TextRule("a name", 200)
#: Notes and free-text answers: several lines, up to 20,000 characters.
NOTE = TextRule("a note", 20_000, multiline=True)
#: Free-text answers: as a note.
TEXT_ANSWER = TextRule("a text answer", 20_000, multiline=True)
#: The text of an action followed up (as the questionnaire wrote it; it may hold line breaks).
ACTION = TextRule("an action", 20_000, multiline=True, required=True)

_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: One line: every C0 and C1 control character and DEL, the line and paragraph separators,
#: the bidirectional overrides and isolates.
_ONE_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Several lines: control characters but tab, line feed and carriage return.
_MULTILINE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Categories that draw nothing: separators, controls, format characters (zero-width space,
#: joiners, the byte order mark), surrogates, private use, unassigned, and marks on their own.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"})
#: Letters and symbols that fonts draw as blank space.
_BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


class TextError(AssessorError):
    """Text that cannot be taken in; the one line names the field and says why."""


def is_visible(character: str) -> bool:
    """Whether a character draws something (a zero-width space or a lone accent does not)."""
    return (
        character not in _BLANK_CHARACTERS
        and unicodedata.category(character) not in _INVISIBLE_CATEGORIES
    )


def surrogate_problem(value: str) -> str | None:
    """Why ``value`` is not text because it holds a lone surrogate, or None when it holds none.

    Every reader of JSON asks this of every string and key (a JSON ``\\ud800`` escape decodes
    to one), before the text is stored, sealed or printed.
    """
    surrogate = _SURROGATE.search(value)
    if surrogate is None:
        return None
    return (
        f"contains a lone surrogate {surrogate.group()!r} at position {surrogate.start()} "
        "(half of a character, not text: the file or the terminal is not proper UTF-8)"
    )


def _character_problem(value: str, rule: TextRule) -> str | None:
    """Why ``value`` holds a character its field may not, or None."""
    surrogate = surrogate_problem(value)
    if surrogate is not None:
        return surrogate
    forbidden = (_MULTILINE_FORBIDDEN if rule.multiline else _ONE_LINE_FORBIDDEN).search(value)
    if forbidden is None:
        return None
    allowed = (
        "only tabs and line breaks are allowed"
        if rule.multiline
        else f"{rule.kind} is one line of plain text"
    )
    return (
        f"contains the control character {forbidden.group()!r} at position "
        f"{forbidden.start()}; {allowed}"
    )


def _shown(value: object) -> str:
    """A value that is not text, as a message shows it (short, whatever its size)."""
    if value is None or isinstance(value, bool | int | float):
        return repr(value)[:40]
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def text_problem(value: object, rule: TextRule) -> str | None:
    """Why ``value`` cannot be kept in a field of this ``rule``, or None when it can.

    The message is the part after the field's name, such as ``is 500 characters long; a name
    has at most 200``; the caller puts the field (and file and place) in front. Surrounding
    spaces count: callers strip names after checking them.
    """
    if not isinstance(value, str):
        return f"must be text, not {_shown(value)}"
    if not value:  # the commonest case by far (an answer without a note): nothing to search
        return "must not be empty" if rule.required else None
    if len(value) > rule.max_length:
        return f"is {len(value):,} characters long; {rule.kind} has at most {rule.max_length:,}"
    problem = _character_problem(value, rule)
    if problem is not None:
        return problem
    if not value.strip():
        return "must not be empty" if rule.required else None
    needs_visible = rule.required or not rule.multiline
    if needs_visible and not any(is_visible(character) for character in value):
        return (
            "holds only invisible characters (such as zero-width spaces); "
            f"{rule.kind} needs something that shows"
        )
    return None


def checked_text(value: object, rule: TextRule, field: str) -> str:
    """``value`` when a field of this ``rule`` may hold it; else :class:`TextError`.

    The error is one line: ``field: why`` (``field`` names the field and its place, such as
    ``--org`` or ``notes.four-freedoms.ff-01``).
    """
    problem = text_problem(value, rule)
    if problem is not None:
        raise TextError(f"{field}: {problem}")
    assert isinstance(value, str)
    return value

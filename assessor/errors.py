"""The errors Assessor reports to people: each carries lines that are complete, plain messages.

Every line is made printable first (:func:`printable`): a control character that came from a
file name, an id or a value in a hostile file is shown escaped (``\\x00``, ``\\n``), never sent
raw to a terminal or a dialog.
"""

from __future__ import annotations

import re

#: C0 and C1 control characters, DEL, lone surrogates and the bidirectional overrides and
#: isolates (which can make a line read differently from what it says).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED_ESCAPES.get(character)
    if named is not None:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character escaped as Python would write it (``\\x00``)."""
    return _UNPRINTABLE.sub(_escape, text)


class AssessorError(Exception):
    """A problem with the user's input or environment, told as one or more plain lines.

    The command line prints each line on stderr and exits with status 1; the desktop app shows
    them in a dialog. Neither shows a traceback for these. Control characters in a line are
    escaped (see :func:`printable`), so each line stays one line.
    """

    def __init__(self, *lines: str) -> None:
        shown = tuple(printable(line) for line in lines)
        super().__init__("\n".join(shown))
        self.lines: tuple[str, ...] = shown


class QuestionnaireError(AssessorError):
    """A questionnaire file that cannot be used; each line names the file and the place."""

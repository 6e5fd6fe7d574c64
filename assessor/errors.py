"""The errors Assessor reports to people: each carries lines that are complete, plain messages.

Every line is made printable first (:func:`printable`): a control character that came from a
file name, an id or a value in a hostile file is shown escaped (``\\x00``, ``\\n``), never sent
raw to a terminal or a dialog. Lines given twice are shown once, and an error shows at most
:data:`MAX_SHOWN_LINES` lines, then one saying how many more there are: a file with 200,000
faults gets a readable answer, fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: C0 and C1 control characters, DEL, lone surrogates, the line and paragraph separators and the
#: bidirectional overrides and isolates (which can make a line read differently from what it says).
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: The most lines one error shows; a last line counts the others.
MAX_SHOWN_LINES = 50


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


def capped(lines: tuple[str, ...], limit: int = MAX_SHOWN_LINES) -> tuple[str, ...]:
    """The first ``limit`` of ``lines``, then ``and N more problems`` when there are more."""
    if len(lines) <= limit:
        return lines
    return (*lines[:limit], f"and {len(lines) - limit:,} more problems")


class AssessorError(Exception):
    """A problem with the user's input or environment, told as one or more plain lines.

    The command line prints each line on stderr and exits with status 1; the desktop app shows
    them in a dialog. Neither shows a traceback for these. Control characters in a line are
    escaped (see :func:`printable`), so each line stays one line. A line given twice is kept
    once (in linear time), and :attr:`lines` holds at most :data:`MAX_SHOWN_LINES` of them and
    a count of the rest (:func:`capped`); :attr:`all_lines` holds every one, for an error that
    gathers the lines of others.
    """

    def __init__(self, *lines: str) -> None:
        every = tuple(dict.fromkeys(printable(line) for line in lines))
        shown = capped(every)
        super().__init__("\n".join(shown))
        #: the lines to show: at most MAX_SHOWN_LINES, then how many more there are
        self.lines: tuple[str, ...] = shown
        #: every line, each once
        self.all_lines: tuple[str, ...] = every


class QuestionnaireError(AssessorError):
    """A questionnaire file that cannot be used; each line names the file and the place."""


class Cancelled(AssessorError):
    """Long work stopped by the user (its progress callback said no); whatever it had done is
    taken back, so the data is exactly as before it started."""


#: A callback long work calls as it goes with how much is done of how much (such as assessments
#: imported of those in the file); returning False cancels the work (:class:`Cancelled`).
Progress = Callable[[int, int], bool]

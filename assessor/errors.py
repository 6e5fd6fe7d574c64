"""The errors Assessor reports to people: each carries lines that are complete, plain messages."""

from __future__ import annotations


class AssessorError(Exception):
    """A problem with the user's input or environment, told as one or more plain lines.

    The command line prints each line on stderr and exits with status 1; the desktop app shows
    them in a dialog. Neither shows a traceback for these.
    """

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines: tuple[str, ...] = lines


class QuestionnaireError(AssessorError):
    """A questionnaire file that cannot be used; each line names the file and the place."""

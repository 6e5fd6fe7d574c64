"""A progress line for long commands: on a terminal only, rewritten in place, gone at the end.

``Importing 1,200 of 2,000 assessments…`` is written to stderr with a carriage return, at most
ten times a second (and at the end), and wiped when the work ends, so the command's own output
starts on a clean line. When stderr is not a terminal (a pipe, a file, a test runner) nothing is
written at all: logs and scripts see only the command's output.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from assessor.errors import Progress

#: The least time between two updates of the line, in seconds.
INTERVAL = 0.1


def progress_text(verb: str, done: int, total: int, what: str) -> str:
    """``Importing 1,200 of 2,000 assessments…``."""
    return f"{verb} {done:,} of {total:,} {what}…"


@contextmanager
def progress_line(verb: str, what: str, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A progress callback that keeps one line up to date on ``stream`` (default stderr), or
    None when ``stream`` is not a terminal; the line is wiped when the block ends."""
    out = sys.stderr if stream is None else stream
    try:
        terminal = out.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream: no terminal
        terminal = False
    if not terminal:
        yield None
        return
    shown = ""
    last = 0.0

    def show(done: int, total: int) -> bool:
        """Rewrite the line (not more often than :data:`INTERVAL`, except the last time)."""
        nonlocal shown, last
        now = time.monotonic()
        if done < total and now - last < INTERVAL:
            return True
        last = now
        text = progress_text(verb, done, total, what)
        out.write("\r" + text + " " * max(0, len(shown) - len(text)))
        out.flush()
        shown = text
        return True

    try:
        yield show
    finally:
        if shown:
            out.write("\r" + " " * len(shown) + "\r")
            out.flush()

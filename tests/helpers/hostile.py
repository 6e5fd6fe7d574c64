"""Hostile inputs for tests/hostile: broken questionnaire and exchange files of every kind.

Each kind makes its file in a folder and names a fragment the one-line error must contain. The
kinds that could hang or exhaust a reader that is not careful (a FIFO, a link to ``/dev/zero``)
are run in a child process with a timeout by the tests, so a regression fails instead of hanging.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers.questionnaires import MINIMAL_TOML, mutate

#: A hang guard for child processes, not a speed goal: they finish in about a second.
CHILD_TIMEOUT = 60
FOUR_MB = 4 * 1024 * 1024
SIXTY_FOUR_MB = 64 * 1024 * 1024
MINIMAL_WHEN = (
    'when = { all = [ { dimension = "alpha", below = 50 }, { item = "a-2", equals = "no" } ] }'
)


def deep_condition(depth: int) -> str:
    """The minimal questionnaire whose finding's condition nests ``depth`` ``not`` tables."""
    inner = '{ dimension = "alpha", below = 50 }'
    when = "when = " + "{ not = " * depth + inner + " }" * depth
    return mutate(MINIMAL_WHEN, when)


def deep_list(depth: int) -> str:
    """JSON text of ``depth`` lists inside each other."""
    return "[" * depth + "]" * depth


def make_fifo(path: Path) -> Path:
    """A named pipe at ``path`` (nobody ever writes to it)."""
    os.mkfifo(path)
    return path


def link_to_dev_zero(path: Path) -> Path:
    """A symbolic link at ``path`` to the endless ``/dev/zero``."""
    path.symlink_to("/dev/zero")
    return path


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk."""
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


@dataclass(frozen=True)
class BrokenFile:
    """A way to make a broken file, and a fragment its one-line error contains."""

    make: Callable[[Path], Path]
    fragment: str


def _text(content: str | bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


#: Broken user questionnaires by kind (the file is named ``<kind>.toml``).
BROKEN_QUESTIONNAIRES: dict[str, BrokenFile] = {
    "fifo": BrokenFile(make_fifo, "is a FIFO (named pipe), not a regular file"),
    "link-to-dev-zero": BrokenFile(
        link_to_dev_zero, "is a character device (a link to /dev/zero), not a regular file"
    ),
    "folder": BrokenFile(_folder, "a folder"),
    "over-4-mb": BrokenFile(
        lambda path: sparse_file(path, FOUR_MB + 1),
        "is 4,194,305 bytes, more than the 4 MB limit for a questionnaire file",
    ),
    "condition-1000-deep": BrokenFile(
        _text(deep_condition(1000)), "line 52, column 392: nested more than 48 levels deep"
    ),
    "condition-100-deep": BrokenFile(
        _text(deep_condition(100)),
        'findings[0] (id "low-alpha").when.not.not.not.not.not.…: is nested more than 48 levels',
    ),
    "version-as-text": BrokenFile(
        _text(mutate("version = 1", 'version = "1"')), "version: must be a whole number, not text"
    ),
    "version-23-digits": BrokenFile(
        _text(mutate("version = 1", "version = 12345678901234567890123")),
        "version: must be at most 2147483647",
    ),
    "band-max-nan": BrokenFile(
        _text(mutate("max = 50", "max = nan")), "bands[0].max: nan is not a finite number"
    ),
    "score-as-text": BrokenFile(
        _text(mutate("score = 1.0", 'score = "1.0"')),
        'items[1] (id "a-2").options[0] (id "yes").score: must be a number, not text',
    ),
    "nul-in-title": BrokenFile(
        _text(mutate('title = "Mini"', 'title = "Mi\\u0000ni"')),
        "title: contains the control character '\\x00' at position 2",
    ),
    "escape-in-id": BrokenFile(
        _text(mutate('id = "mini"', 'id = "mini\\u001b[31m"')),
        "id: 'mini\\x1b[31m' is not a valid id",
    ),
    "version-of-5000-digits": BrokenFile(
        _text(mutate("version = 1", "version = " + "9" * 5000)),
        "line 2, column 11: a number of 5000 digits is far too long to read",
    ),
    "not-utf8": BrokenFile(
        _text(MINIMAL_TOML.encode("utf-8").replace(b"Mini", b"Mi\xffi", 1)),
        "the file is not UTF-8 text (byte 0xff",
    ),
    "duplicate-key": BrokenFile(
        _text(mutate('title = "Mini"', 'title = "Mini"\ntitle = "Twice"')),
        "TOML syntax error: Cannot overwrite a value",
    ),
    "empty": BrokenFile(_text(""), "the file is empty"),
}


def run_child(*args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m assessor ARGS`` in a child process with this process's environment.

    With ``umask`` the child runs under that umask (set by a shell, not by a ``preexec_fn``,
    which is unsafe in a process with threads).
    """
    command = [sys.executable, "-m", "assessor", *args]
    if umask is not None:
        command = ["/bin/sh", "-c", f'umask {umask:03o} && exec "$@"', "sh", *command]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def write_json(path: Path, content: Any) -> Path:
    """Write ``content`` (text as is, anything else as JSON) to ``path``."""
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


def exchange_record(**fields: Any) -> dict[str, Any]:
    """A valid exchange record (every bundled questionnaire answered favourably)."""
    from tests.helpers.answer_sets import bundled_definitions, favourable

    definitions = bundled_definitions()
    record: dict[str, Any] = {
        "format": "assessor.assessment",
        "format_version": 1,
        "uuid": "5d0c7d6e-8c1f-4b7a-9d38-2f8e1a6b4c01",
        "organisation": "Hostile Testers Ltd",
        "unit": "",
        "respondent": {"name": "Mallory", "role": "marketing"},
        "period": "2026-Q2",
        "status": "complete",
        "questionnaires": {qid: q.version for qid, q in definitions.items()},
        "answers": {
            qid: {item_id: answer.to_json() for item_id, answer in by_item.items()}
            for qid, by_item in favourable(definitions).items()
        },
        "created": "2026-05-01T08:00:00Z",
        "updated": "2026-05-01T09:00:00Z",
        "completed": "2026-05-01T09:00:00Z",
    }
    record.update(fields)
    return record


def first_answer(record: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """The questionnaire id, item id and answer object of the record's first answer."""
    questionnaire_id, by_item = next(iter(record["answers"].items()))
    item_id, answer = next(iter(by_item.items()))
    return questionnaire_id, item_id, answer


@contextlib.contextmanager
def hang_guard(seconds: float = CHILD_TIMEOUT) -> Iterator[None]:
    """Turn a hang in this process (a blocking open, an endless read) into a failure.

    A hang guard, not a speed goal: SIGALRM interrupts the blocked call and fails the test.
    """

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: a read blocked or never ended")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def exchange_records(
    count: int, organisation: str = "Many Records Ltd", first: int = 0
) -> list[dict[str, Any]]:
    """``count`` valid exchange records, each with its own UUID and respondent (numbered from
    ``first``, so two sets with different ``first`` never share a UUID)."""
    base = exchange_record(organisation=organisation)
    return [
        {
            **base,
            "uuid": f"00000000-0000-4000-8000-{n:012d}",
            "respondent": {"name": f"Person {n}", "role": "marketing"},
        }
        for n in range(first, first + count)
    ]


def table_counts(database: Path) -> dict[str, int]:
    """How many rows each table of a real SQLite file holds (read by a fresh connection)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(database)) as connection:
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for table in tables
        }

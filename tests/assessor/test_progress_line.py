"""The command line's progress line: on a terminal only, rewritten in place, wiped at the end."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from assessor.commands.progress import progress_line
from tests.helpers.cli import run_cli
from tests.helpers.hostile import CHILD_TIMEOUT, exchange_records, table_counts, write_json


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_line_is_rewritten_in_place_and_wiped() -> None:
    stream = _Terminal()
    with progress_line("Importing", "assessments", stream) as progress:
        assert progress is not None
        assert progress(0, 2000)
        assert progress(1200, 2000)  # within 0.1 s of the last: not shown
        assert progress(2000, 2000)  # the last is always shown
    written = stream.getvalue()
    assert written.startswith("\rImporting 0 of 2,000 assessments…")
    assert "\rImporting 2,000 of 2,000 assessments…" in written
    assert "1,200" not in written
    assert written.endswith("\r" + " " * len("Importing 2,000 of 2,000 assessments…") + "\r")
    assert "\n" not in written


def test_elsewhere_there_is_no_line_at_all() -> None:
    stream = io.StringIO()
    with progress_line("Importing", "assessments", stream) as progress:
        assert progress is None
    assert stream.getvalue() == ""


def test_an_import_piped_says_nothing_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_json(tmp_path / "many.json", exchange_records(5))
    result = run_cli(capsys, "--db", str(tmp_path / "a.db"), "import", str(source))
    assert result.status == 0
    assert result.err == ""
    assert result.out == f"imported 5 assessments from {source}\n"


def test_an_import_on_a_terminal_shows_the_counts_on_stderr(tmp_path: Path) -> None:
    source = write_json(tmp_path / "many.json", exchange_records(40))
    db = tmp_path / "a.db"
    leader, follower = pty.openpty()
    try:
        child = subprocess.run(
            [sys.executable, "-m", "assessor", "--db", str(db), "import", str(source)],
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
        os.close(follower)
        follower = -1
        said = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            said += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    text = said.decode()
    assert child.returncode == 0
    assert child.stdout == f"imported 40 assessments from {source}\n"
    assert "\rImporting 40 of 40 assessments…" in text
    assert text.endswith("\r")
    assert table_counts(db)["assessments"] == 40

"""Hostile outcome CSV files: not ordinary files, too large, binary, control characters, formula
cells; each refused in one line, the database untouched, nothing hanging."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.storage import Store
from tests.helpers.cli import run_cli
from tests.helpers.hostile import FOUR_MB, link_to_dev_zero, make_fifo, run_child, sparse_file
from tests.helpers.storage import sha256_of


def _one_line(status: int, err: str, path: Path) -> str:
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {path}: "), lines[0]
    assert "Traceback" not in err and "error: unexpected" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("kind", "make", "fragment"),
    [
        ("fifo", make_fifo, "is a FIFO (named pipe), not a regular file"),
        ("link-to-dev-zero", link_to_dev_zero, "is a character device (a link to /dev/zero)"),
        (
            "over-4-mb",
            lambda path: sparse_file(path, FOUR_MB + 1),
            "is 4,194,305 bytes, more than the 4 MB limit for an outcomes CSV file",
        ),
    ],
)
def test_a_file_that_is_not_an_ordinary_small_file_is_refused_at_once(
    kind: str, make: Callable[[Path], Path], fragment: str, tmp_path: Path, data_home: Path
) -> None:
    Store.open(data_home / "assessor.db").close()
    before = sha256_of(data_home / "assessor.db")
    path = make(tmp_path / f"{kind}.csv")

    child = run_child("outcomes", "import", str(path), "--org", "Acme")

    assert fragment in _one_line(child.returncode, child.stderr, path)
    assert sha256_of(data_home / "assessor.db") == before


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"period,win-rate\n2026-Q1,2\x002\n", "holds a NUL character"),
        (b'period,win-rate\n2026-Q1,"22\n', "row 2: not valid CSV: a quoted cell is never"),
        (b"period,win-rate\n2026-Q1,=1+1\n", "'=1+1' is not a number"),
        (b"period,win-rate\n2026-Q1,nan\n", "'nan' is not a number"),
        (b"period,win-rate\n2026-Q1,1e3\n", "'1e3' is not a number"),
        (b"period,win-rate\n2026-Q1,1,234\n", "row 2: 3 cells, but the header has 2 columns"),
        (b"period;win-rate,sales-cycle-days\n", "row 1: the header mixes commas and semicolons"),
        (b"period\n2026-Q1\n", "row 1: the header has one column"),
        ("period,win-rate\n2026-Q1\u202e,22\n".encode(), "is not a period like 2026-Q3"),
    ],
)
def test_hostile_content_is_refused_in_one_line_and_stores_nothing(
    content: bytes,
    fragment: str,
    tmp_path: Path,
    data_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Store.open(data_home / "assessor.db").close()
    path = tmp_path / "hostile.csv"
    path.write_bytes(content)

    result = run_cli(capsys, "outcomes", "import", str(path), "--org", "Acme")

    line = _one_line(result.status, result.err, path)
    assert fragment in line, line
    assert "\x00" not in line and "\u202e" not in line
    connection = sqlite3.connect(data_home / "assessor.db")
    try:
        assert connection.execute("SELECT count(*) FROM outcomes").fetchone() == (0,)
    finally:
        connection.close()


def test_an_organisation_name_with_control_characters_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "good.csv"
    path.write_text("period,win-rate\n2026-Q1,22\n", encoding="utf-8")

    result = run_cli(capsys, "outcomes", "import", str(path), "--org", "Acme\x1b[31m")

    assert result.status == 1
    assert result.err.strip() == (
        "error: --org/--unit: the organisation contains the control character '\\x1b' at "
        "position 4; an organisation's name is one line of plain text"
    )

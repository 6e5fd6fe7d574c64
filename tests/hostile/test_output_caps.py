"""Files with thousands of faults (issue 23): the readers show 50 lines and count the rest.

``validate`` of a questionnaire with 8,000 broken items, and ``score`` and ``import`` of an
exchange file answering 200,000 items that do not exist, each print at most 60 lines: the first
50 faults, in file order, and ``and N more problems``. (How long they take is measured by
``tests/benchmarks/bench_hostile_inputs.py``, not asserted here.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assessor.errors import MAX_SHOWN_LINES
from tests.helpers.cli import run_cli
from tests.helpers.hostile import exchange_record, write_json
from tests.helpers.questionnaires import MINIMAL_TOML

BROKEN_ITEMS = 8_000
UNKNOWN_ITEMS = 200_000


def broken_items_toml(count: int) -> str:
    """The minimal questionnaire with ``count`` more items, each with four faults."""
    items = "".join(
        f'\n[[items]]\nid = "b-{index}"\ndimension = "nowhere"\nkind = "agreement"\n'
        f'text = "T"\nwhy = "W"\nsource = "src"\nweight = "heavy"\nbogus = 1\n'
        f'required = "yes"\nreverse = 3\n'
        for index in range(count)
    )
    return MINIMAL_TOML + items


def _database(db_path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _capped(err: str, path: Path) -> list[str]:
    lines = err.splitlines()
    assert len(lines) == MAX_SHOWN_LINES + 1 <= 60, lines[-3:]
    assert all(line.startswith(f"error: {path}: ") for line in lines[:-1])
    assert "Traceback" not in err and "unexpected" not in err
    return lines


def test_validate_of_8000_broken_items_prints_50_faults_and_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(broken_items_toml(BROKEN_ITEMS), encoding="utf-8")

    result = run_cli(capsys, "validate", str(path))

    assert result.status == 1
    lines = _capped(result.err, path)
    assert lines[0] == (f'error: {path}: items[2] (id "b-0").weight: must be a number, not text')
    # Four faults per item (weight, bogus, required, reverse), each once: 32,000 in all.
    assert lines[-1] == f"error: and {4 * BROKEN_ITEMS - MAX_SHOWN_LINES:,} more problems"


def test_validate_of_several_broken_files_is_capped_as_a_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = []
    for number in range(3):
        path = tmp_path / f"broken-{number}.toml"
        path.write_text(broken_items_toml(40), encoding="utf-8")
        paths.append(str(path))

    result = run_cli(capsys, "validate", *paths)

    assert result.status == 1
    lines = result.err.splitlines()
    assert len(lines) == MAX_SHOWN_LINES + 1
    assert lines[-1] == f"error: and {3 * 4 * 40 - MAX_SHOWN_LINES:,} more problems"


def _unknown_items(tmp_path: Path) -> Path:
    record = exchange_record()
    by_item = next(iter(record["answers"].values()))
    for index in range(UNKNOWN_ITEMS):
        by_item[f"zz-{index}"] = {"value": 3}
    return write_json(tmp_path / "unknown.json", record)


def test_score_of_200000_unknown_items_prints_50_faults_and_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _unknown_items(tmp_path)

    result = run_cli(capsys, "score", str(path))

    assert result.status == 1
    lines = _capped(result.err, path)
    assert "zz-0: unknown item" in lines[0]
    assert lines[-1] == f"error: and {UNKNOWN_ITEMS - MAX_SHOWN_LINES:,} more problems"
    assert result.out == ""


def test_import_of_200000_unknown_items_prints_50_faults_and_changes_nothing(
    tmp_path: Path, db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _unknown_items(tmp_path)
    before = _database(db_path)

    result = run_cli(capsys, "import", str(path))

    assert result.status == 1
    _capped(result.err, path)
    assert _database(db_path) == before

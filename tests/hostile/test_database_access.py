"""Databases that cannot be written, mistyped ``--db`` paths, and failed backups.

The commands that only read (list, export, report, compare) open a database that cannot be
written read-only; a ``--db`` whose folder does not exist is an error for every command but demo
and import; a failed backup says what failed.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from assessor.diagnosis.answers import Answer
from assessor.storage import Store
from tests.helpers.cli import Result, run_cli
from tests.helpers.hostile import (
    exchange_record,
    link_to_dev_zero,
    make_fifo,
    run_child,
    write_json,
)
from tests.helpers.storage import bundled, read_only, sha256_of

#: The commands that only read, with what they need after their name.
READERS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "export": ("export", "-o", "{out}/all.json"),
    "report": ("report", "{id}", "-o", "{out}/report.pdf"),
    "compare": ("compare", "--org", "Target Ltd", "-o", "{out}/compare.pdf"),
}


def _args(command: tuple[str, ...], finished: int, out: Path) -> list[str]:
    return [arg.format(id=finished, out=out) for arg in command]


def _one_error(result: Result) -> str:
    assert result.status == 1
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err
    return lines[0]


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_database_in_a_read_only_folder_is_read_read_only(
    reader: str,
    db_path: Path,
    finished: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Store.open(db_path).close()  # checkpointed and closed: no -wal left beside it
    before = sha256_of(db_path)
    names = sorted(path.name for path in db_path.parent.iterdir())

    with read_only(db_path.parent):
        result = run_cli(capsys, *_args(READERS[reader], finished, tmp_path))

    assert result.status == 0, result.err
    assert result.err.splitlines() == [
        f"note: {db_path} cannot be written to; opened for reading only"
    ]
    assert sha256_of(db_path) == before
    assert sorted(path.name for path in db_path.parent.iterdir()) == names


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_read_only_database_file_is_read_read_only(
    reader: str,
    db_path: Path,
    finished: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Store.open(db_path).close()
    before = sha256_of(db_path)

    with read_only(db_path):
        result = run_cli(capsys, *_args(READERS[reader], finished, tmp_path))

    assert result.status == 0, result.err
    assert "opened for reading only" in result.err
    assert sha256_of(db_path) == before


def test_a_read_only_store_refuses_every_change_in_one_line(db_path: Path, finished: int) -> None:
    Store.open(db_path).close()
    with read_only(db_path.parent), Store.open(db_path, read_only=True) as store:
        assert [s.organisation for s in store.list_assessments()] == ["Target Ltd"]
        questionnaire = bundled()[0]
        with pytest.raises(Exception, match="open for reading only; nothing was changed"):
            store.save_answer(
                finished, questionnaire.id, questionnaire.items[0].id, Answer(dont_know=True)
            )


def test_a_command_that_writes_still_refuses_a_read_only_database(
    db_path: Path, finished: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(db_path).close()
    file = write_json(tmp_path / "one.json", [exchange_record()])

    with read_only(db_path.parent):
        line = _one_error(run_cli(capsys, "import", str(file)))

    assert "cannot be written to" in line


#: Every command, with what it needs besides --db.
COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "export": ("export", "-o", "{out}/all.json"),
    "report": ("report", "1", "-o", "{out}/report.pdf"),
    "compare": ("compare", "--org", "Target Ltd", "--json"),
    "backup": ("backup",),
    "restore": ("restore", "{out}/backup.db"),
    "rescore": ("rescore",),
    "questionnaires": ("questionnaires",),
    "validate": ("validate", "{out}/q.toml"),
    "score": ("score", "{out}/one.json"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_db_in_a_folder_that_does_not_exist_is_an_error_and_creates_nothing(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo" / "assessor.db"
    args = [arg.format(out=tmp_path) for arg in COMMANDS[command]]

    line = _one_error(run_cli(capsys, *args, "--db", str(missing)))

    assert f"the folder {missing.parent} does not exist; check the path" in line
    assert not missing.parent.exists()


@pytest.mark.parametrize("command", ["demo", "import"])
def test_demo_and_import_create_the_folder_they_are_given(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new" / "folder" / "assessor.db"
    args = (
        ["demo"]
        if command == "demo"
        else ["import", str(write_json(tmp_path / "one.json", [exchange_record()]))]
    )

    result = run_cli(capsys, *args, "--db", str(target))

    assert result.status == 0, result.err
    with Store.open(target) as store:
        assert store.list_assessments()


def test_the_app_refuses_a_db_folder_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "assessor.db"

    with pytest.raises(Exception, match="does not exist; check the path"):
        Store.open(missing, create_folder=False)
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    ("kind", "make", "fragment"),
    [
        ("fifo", make_fifo, "is a FIFO (named pipe), not a regular file"),
        ("link-to-dev-zero", link_to_dev_zero, "is a character device (a link to /dev/zero)"),
    ],
)
@pytest.mark.parametrize("command", ["list", "restore"])
def test_a_database_or_backup_that_is_not_a_file_is_refused_at_once(
    command: str, kind: str, make: object, fragment: str, tmp_path: Path
) -> None:
    path = make(tmp_path / f"{kind}.db")  # type: ignore[operator]

    child = (
        run_child(command, str(path))
        if command == "restore"
        else run_child(command, "--db", str(path))
    )

    assert child.returncode == 1
    lines = child.stderr.splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and fragment in lines[0], child.stderr


def test_a_failed_backup_says_what_failed(
    db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = db_path.parent / "backups"
    shutil.rmtree(backups)
    backups.write_text("not a folder", encoding="utf-8")

    result = run_cli(capsys, "backup")

    assert result.status == 1
    # The automatic backup at opening failed too (a warning), then the one asked for.
    *warnings, error = result.err.splitlines()
    assert error.startswith("error: the backup folder ")
    assert [line.split(": ", 1)[0] for line in warnings] == ["warning"]
    for line in (*warnings, error):
        assert f"the backup folder {backups} cannot be created (File exists)" in line
        assert "the database itself is unchanged" in line
        assert "last change was not saved" not in line


def test_a_failed_automatic_backup_is_a_warning_that_says_what_failed(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (db_path.parent / "backups").write_text("not a folder", encoding="utf-8")
    store = Store.open(db_path)
    store.create_assessment("Warned Ltd", "Ann", "ceo", "2026-Q1", questionnaires=bundled())

    store.close()  # the data changed and there is no backup yet: one is due

    assert len(store.warnings) == 1
    warning = store.warnings[0]
    assert "the automatic backup failed: the backup folder " in warning
    assert "cannot be created" in warning and "the database itself is unchanged" in warning
    assert "last change was not saved" not in warning
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM assessments").fetchone() == (1,)


def test_a_backup_that_cannot_be_written_says_so_and_names_it(
    db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = db_path.parent / "backups"
    before = sorted(path.name for path in backups.iterdir())

    with read_only(backups):
        line = _one_error(run_cli(capsys, "backup"))

    assert f"error: the backup {backups}/assessor-" in line
    assert "could not be written (" in line and "the database itself is unchanged" in line
    assert sorted(path.name for path in backups.iterdir()) == before

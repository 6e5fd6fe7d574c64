"""The storage commands: list, export, import, backup, restore, rescore; errors in one line."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from assessor.storage import Store
from assessor.storage.app_lock import lock_holder
from assessor.storage.backup import list_backups
from tests.helpers.app_lock import held_lock, own_program_name, write_lock_file
from tests.helpers.cli import Result, run_cli
from tests.helpers.storage import bundled, fill, sha256_of


@pytest.fixture
def filled(db_path: Path) -> list[int]:
    """Two assessments of Acme (one complete) and one of Beta; returns their ids."""
    with Store.open(db_path) as store:
        ids = []
        for organisation, name, period in (
            ("Acme", "Ann", "2026-Q2"),
            ("Acme", "Sam", "2026-Q3"),
            ("Beta", "Bo", "2026-Q3"),
        ):
            created = store.create_assessment(
                organisation, name, "ceo", period, questionnaires=bundled()
            )
            fill(store, created.id, bundled())
            ids.append(created.id)
        store.set_status(ids[0], "complete")
    return ids


def _error_line(result: Result) -> str:
    assert result.status == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "Traceback" not in result.err
    return lines[0]


def test_list_prints_entries_and_json(
    capsys: pytest.CaptureFixture[str], filled: list[int]
) -> None:
    text = run_cli(capsys, "list")
    assert text.status == 0 and len(text.out.splitlines()) == 3
    as_json = run_cli(capsys, "list", "--org", "acme", "--json")
    entries = json.loads(as_json.out)
    assert [entry["respondent"] for entry in entries] == ["Sam", "Ann"]
    for key in ("id", "uuid", "organisation", "unit", "respondent", "role", "period", "status"):
        assert key in entries[0]
    by_period = json.loads(run_cli(capsys, "list", "--period", "2026-Q3", "--json").out)
    assert len(by_period) == 2


def test_list_of_an_empty_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "list").out == "no assessments\n"
    assert json.loads(run_cli(capsys, "list", "--json").out) == []


def test_list_with_a_bad_period(capsys: pytest.CaptureFixture[str]) -> None:
    assert "--period" in _error_line(run_cli(capsys, "list", "--period", "2026-Q9"))


def test_export_import_round_trip_through_files(
    capsys: pytest.CaptureFixture[str], filled: list[int], tmp_path: Path
) -> None:
    first = tmp_path / "all.json"
    second = tmp_path / "again.json"
    other_db = tmp_path / "other.db"
    assert run_cli(capsys, "export", "-o", str(first)).out == f"exported 3 assessments to {first}\n"
    imported = run_cli(capsys, "import", str(first), "--db", str(other_db))
    assert imported.out == f"imported 3 assessments from {first}\n"
    run_cli(capsys, "export", "-o", str(second), "--db", str(other_db))
    assert first.read_bytes() == second.read_bytes()
    again = run_cli(capsys, "import", str(first), "--db", str(other_db))
    assert again.out.startswith("imported 0 assessments")
    assert again.out.count(": already here, as recent (updated ") == 3
    assert not list(tmp_path.glob(".*.part"))


def test_export_chosen_ids_organisation_and_csv(
    capsys: pytest.CaptureFixture[str], filled: list[int], tmp_path: Path
) -> None:
    out = tmp_path / "some.json"
    run_cli(capsys, "export", str(filled[0]), str(filled[2]), "-o", str(out))
    assert [r["respondent"]["name"] for r in json.loads(out.read_text())] == ["Ann", "Bo"]
    run_cli(capsys, "export", "--org", "Beta", "-o", str(out))
    assert [r["organisation"] for r in json.loads(out.read_text())] == ["Beta"]
    sheet = tmp_path / "answers.csv"
    result = run_cli(capsys, "export", "--csv", "-o", str(sheet))
    assert result.status == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    per_assessment = sum(len(q.items) for q in bundled())
    assert len(rows) == 3 * per_assessment
    assert {"uuid", "organisation", "questionnaire", "item", "value", "note"} <= set(rows[0])


def test_export_errors(
    capsys: pytest.CaptureFixture[str], filled: list[int], tmp_path: Path
) -> None:
    assert "no assessment '999'" in _error_line(
        run_cli(capsys, "export", "999", "-o", str(tmp_path / "x.json"))
    )
    assert not (tmp_path / "x.json").exists()
    folder_missing = tmp_path / "missing" / "x.json"
    assert "missing does not exist; nothing was written" in _error_line(
        run_cli(capsys, "export", "-o", str(folder_missing))
    )


def test_import_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    assert "cannot be read" in _error_line(run_cli(capsys, "import", str(missing)))
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    assert "not valid JSON" in _error_line(run_cli(capsys, "import", str(broken)))
    unknown = tmp_path / "unknown.json"
    unknown.write_text(
        json.dumps(
            {
                "format": "assessor.assessment",
                "organisation": "Acme",
                "respondent": {"name": "Ann", "role": "ceo"},
                "period": "2026-Q1",
                "questionnaires": {"four-freedoms": 99},
            }
        ),
        encoding="utf-8",
    )
    line = _error_line(run_cli(capsys, "import", str(unknown)))
    assert "unknown questionnaire 'four-freedoms' version 99" in line


def test_backup_and_restore(
    capsys: pytest.CaptureFixture[str], filled: list[int], db_path: Path
) -> None:
    result = run_cli(capsys, "backup")
    assert result.status == 0 and result.out.startswith("backed up to ")
    backup = Path(result.out.removeprefix("backed up to ").strip())
    assert backup in [b.path for b in list_backups(db_path)]
    with Store.open(db_path) as store:
        store.delete_assessment(filled[2])
    restored = run_cli(capsys, "restore", str(backup))
    assert restored.status == 0
    assert "the previous file is kept as " in restored.out
    assert len(json.loads(run_cli(capsys, "list", "--json").out)) == 3
    assert list(db_path.parent.glob("assessor.db.before-restore-*"))


def test_restore_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert "cannot be restored: no such file" in _error_line(
        run_cli(capsys, "restore", str(tmp_path / "none.db"))
    )


def test_rescore(capsys: pytest.CaptureFixture[str], filled: list[int]) -> None:
    assert run_cli(capsys, "rescore").out == "rescored 1 assessment\n"
    assert run_cli(capsys, "rescore", str(filled[1])).out == "rescored 0 assessments\n"


def test_a_damaged_database_is_one_error_line(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    db_path.write_bytes(b"\x00garbage" * 512)
    for command in (["list"], ["backup"], ["rescore"], ["export", "-o", "x.json"]):
        line = _error_line(run_cli(capsys, *command))
        assert "is damaged" in line and str(db_path) in line
    assert db_path.read_bytes() == b"\x00garbage" * 512


def test_restore_is_refused_while_the_app_has_the_database_open(
    capsys: pytest.CaptureFixture[str], filled: list[int], db_path: Path
) -> None:
    backup = Path(run_cli(capsys, "backup").out.removeprefix("backed up to ").strip())
    before = sha256_of(db_path)
    with held_lock(db_path):  # as a window of this process holds it
        refused = run_cli(capsys, "restore", str(backup))

    assert refused.status == 1
    assert _error_line(refused).endswith(
        f"is open in Assessor (process {os.getpid()} on {socket.gethostname()}); close that "
        "window first: nothing was restored"
    )
    assert sha256_of(db_path) == before
    assert not list(db_path.parent.glob("assessor.db.before-restore-*"))


def test_a_lock_left_by_a_crash_does_not_stop_a_restore(
    capsys: pytest.CaptureFixture[str], filled: list[int], db_path: Path
) -> None:
    backup = Path(run_cli(capsys, "backup").out.removeprefix("backed up to ").strip())
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    write_lock_file(db_path, int(finished.stdout), own_program_name())  # that process ended

    assert run_cli(capsys, "restore", str(backup)).status == 0
    assert lock_holder(db_path) is None

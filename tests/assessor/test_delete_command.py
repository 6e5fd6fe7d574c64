"""``assessor delete ID…`` and ``assessor delete --org ORG [--unit U] --yes``: a backup first.

Every deletion is preceded by a backup (``backups/…-before-delete.db``) that ``assessor
restore`` brings back; ``--org`` without ``--yes`` only says what would go; an id that matches
nothing is one error line and nothing is deleted.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from assessor.demo import DEMO_ORGANISATION
from assessor.storage import Store
from assessor.storage.backup import list_backups
from tests.helpers.cli import Result, run_cli
from tests.helpers.storage import bundled


@pytest.fixture
def db_path(data_home: Path) -> Path:
    """The test's database file (ASSESSOR_DB points at it)."""
    return data_home / "assessor.db"


@pytest.fixture
def acme(db_path: Path) -> list[int]:
    """Three assessments of Acme (two units) and one of Beta; returns their ids."""
    with Store.open(db_path) as store:
        return [
            store.create_assessment(org, name, "ceo", period, unit, bundled()).id
            for org, name, period, unit in (
                ("Acme", "Ann", "2026-Q2", ""),
                ("Acme", "Sam", "2026-Q3", ""),
                ("Acme", "Eve", "2026-Q3", "Europe"),
                ("Beta", "Bo", "2026-Q3", ""),
            )
        ]


def _listed(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    done = run_cli(capsys, "list", "--json")
    assert done.status == 0
    listed: list[dict[str, object]] = json.loads(done.out)
    return listed


def _errors(result: Result) -> list[str]:
    return [line for line in result.err.splitlines() if line.strip()]


def _before_delete(db_path: Path) -> list[Path]:
    """The backups taken before a deletion (an automatic daily one may be there too)."""
    return [b.path for b in list_backups(db_path) if "-before-delete" in b.path.name]


def _count_in(backup: Path) -> int:
    with Store.open(backup, read_only=True) as store:
        return len(store.list_assessments())


def test_delete_ids_takes_a_backup_first(
    capsys: pytest.CaptureFixture[str], db_path: Path, acme: list[int]
) -> None:
    done = run_cli(capsys, "delete", str(acme[0]), str(acme[3]))

    assert done.status == 0, done.err
    (backup,) = _before_delete(db_path)
    assert done.out.splitlines()[0] == f"backed up to {backup}"
    assert f"deleted {acme[0]}: Acme, 2026-Q2, Ann (ceo), draft" in done.out
    assert f"deleted {acme[3]}: Beta, 2026-Q3, Bo (ceo), draft" in done.out
    assert sorted(int(str(e["id"])) for e in _listed(capsys)) == [acme[1], acme[2]]
    assert _count_in(backup) == 4  # the backup holds what was deleted


def test_an_unknown_id_deletes_nothing_one_line_each(
    capsys: pytest.CaptureFixture[str], db_path: Path, acme: list[int]
) -> None:
    done = run_cli(capsys, "delete", str(acme[0]), "9999", "no-such-uuid")

    assert done.status == 1
    errors = _errors(done)
    assert len(errors) == 2
    assert all(line.startswith("error: ") for line in errors)
    assert "no assessment '9999'" in errors[0] and "no-such-uuid" in errors[1]
    assert len(_listed(capsys)) == 4
    assert _before_delete(db_path) == []


def test_delete_org_without_yes_says_what_it_would_delete(
    capsys: pytest.CaptureFixture[str], db_path: Path, acme: list[int]
) -> None:
    done = run_cli(capsys, "delete", "--org", "acme")

    assert done.status == 1
    (line,) = _errors(done)
    assert line == (
        "error: this would delete 3 assessments (2026-Q2 to 2026-Q3, 3 respondents) of 'Acme'; "
        "run it again with --yes to delete them (a backup is taken first): nothing was deleted"
    )
    assert len(_listed(capsys)) == 4
    assert _before_delete(db_path) == []


def test_delete_org_with_a_unit_deletes_only_that_unit(
    capsys: pytest.CaptureFixture[str], db_path: Path, acme: list[int]
) -> None:
    done = run_cli(capsys, "delete", "--org", "Acme", "--unit", "Europe", "--yes")

    assert done.status == 0, done.err
    assert "deleted 1 assessment (2026-Q3, 1 respondent) of 'Acme / Europe'" in done.out
    assert sorted(int(str(e["id"])) for e in _listed(capsys)) == [acme[0], acme[1], acme[3]]


def test_delete_org_removes_its_invitations_and_the_organisation(
    capsys: pytest.CaptureFixture[str], db_path: Path, acme: list[int], tmp_path: Path
) -> None:
    invited = run_cli(
        capsys,
        *("invite", "--org", "Acme", "--period", "2026-Q4", "--name", "Kim", "--role", "sales"),
        *("-o", str(tmp_path / "kim.assessor")),
    )
    assert invited.status == 0, invited.err

    done = run_cli(capsys, "delete", "--org", "ACME", "--yes")

    assert done.status == 0, done.err
    assert "deleted 3 assessments (2026-Q2 to 2026-Q3, 3 respondents) and 1 invitation" in done.out
    with Store.open(db_path) as store:
        assert store.organisations() == ["Beta"]
        assert store.invitations("Acme") == []
    with sqlite3.connect(db_path) as connection:  # the organisation's own row went too
        names = [row[0] for row in connection.execute("SELECT name FROM organisations")]
    assert names == ["Beta"]
    again = run_cli(capsys, "delete", "--org", "Acme", "--yes")
    assert again.status == 1
    assert _errors(again) == [f"error: {db_path}: no organisation 'Acme'"]


def test_the_demo_is_removed_after_a_backup_and_restored_from_it(
    capsys: pytest.CaptureFixture[str], db_path: Path, acme: list[int]
) -> None:
    """The Done-when line: ``assessor delete --org "Demo: Harbour Tools Ltd" --yes``."""
    assert run_cli(capsys, "demo").status == 0
    assert len(_listed(capsys)) == 4 + 18

    done = run_cli(capsys, "delete", "--org", DEMO_ORGANISATION, "--yes")

    assert done.status == 0, done.err
    (backup,) = _before_delete(db_path)
    first, second = done.out.splitlines()[:2]
    assert first == f"backed up to {backup}"
    assert second.startswith(
        "deleted 18 assessments (2025-Q1 to 2026-Q2, 3 respondents) of 'Demo: Harbour Tools Ltd'"
    )
    assert _count_in(backup) == 4 + 18
    assert {e["organisation"] for e in _listed(capsys)} == {"Acme", "Beta"}

    assert run_cli(capsys, "restore", str(backup)).status == 0
    assert len(_listed(capsys)) == 4 + 18


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "say what to delete"),
        (["1", "--org", "Acme"], "not both"),
        (["--unit", "Europe"], "--unit goes with --org"),
        (["--org", "  ", "--yes"], "the organisation's name is empty"),
    ],
)
def test_a_request_that_says_nothing_clear_is_one_line(
    capsys: pytest.CaptureFixture[str], acme: list[int], args: list[str], message: str
) -> None:
    done = run_cli(capsys, "delete", *args)

    assert done.status == 1
    (line,) = _errors(done)
    assert message in line
    assert len(_listed(capsys)) == 4


def test_two_deletions_on_one_day_keep_both_backups(
    capsys: pytest.CaptureFixture[str], db_path: Path, acme: list[int]
) -> None:
    """Thinning keeps one backup a day, but never the only copy of what a deletion removed."""
    assert run_cli(capsys, "delete", str(acme[0])).status == 0
    assert run_cli(capsys, "backup").status == 0  # a later backup of the same day
    assert run_cli(capsys, "delete", "--org", "Beta", "--yes").status == 0
    first, second = sorted(_before_delete(db_path), key=lambda path: path.stat().st_mtime_ns)
    assert _count_in(first) == 4  # Ann's assessment is still there to restore
    assert _count_in(second) == 3

"""An assessment's UUID is its identity (issue 23): a file that gives a stored UUID another
organisation, unit, respondent, role or period is refused in one line naming the UUID and
what differs, and replaces nothing, however much "newer" or more complete it claims to be."""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from assessor.exchange.exchange_file import assessment_to_json
from assessor.storage import Store
from tests.helpers.cli import run_cli
from tests.helpers.hostile import write_json
from tests.helpers.storage import bundled

#: A time after the stored copies were made (now), and not far enough ahead to be refused.
LATER = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)).strftime(
    "%Y-%m-%dT%H:%M:%SZ"
)


def _database(db_path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _exported(db_path: Path, assessment_id: int) -> dict[str, Any]:
    with Store.open(db_path) as store:
        (assessment,) = store.export_assessments([assessment_id])
    return assessment_to_json(assessment)


#: field changed -> (how the file's copy differs, the word the line names)
CHANGES: dict[str, tuple[dict[str, Any], str]] = {
    "organisation": ({"organisation": "Other Org"}, "another organisation"),
    "unit": ({"unit": "EMEA"}, "another unit"),
    "respondent-name": ({"respondent": {"name": "Eve", "role": "ceo"}}, "another respondent"),
    "role": ({"respondent": {"name": "Ann", "role": "sales"}}, "another role"),
    "period": ({"period": "2026-Q2"}, "another period"),
    "organisation-and-respondent": (
        {"organisation": "Other Org", "respondent": {"name": "Eve", "role": "sales"}},
        "another organisation, respondent and role",
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_stored_uuid_with_another_identity_replaces_nothing(
    change: str, tmp_path: Path, db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _exported(db_path, finished)
    fields, what = CHANGES[change]
    record.update(fields)
    record["updated"] = record["completed"] = LATER  # newer than the copy here
    path = write_json(tmp_path / f"{change}.json", [record])
    before = _database(db_path)

    result = run_cli(capsys, "import", str(path))

    assert result.status == 1
    (line,) = result.err.splitlines()
    assert line.startswith(f"error: {path}: assessment 1 ({record['uuid']}) is stored here as ")
    assert "Ann (ceo), Target Ltd 2026-Q1" in line
    assert f"the file gives it {what} (" in line
    assert "nothing was imported" in line
    assert "Traceback" not in result.err and "unexpected" not in result.err
    assert _database(db_path) == before


def test_a_complete_copy_with_another_identity_does_not_replace_a_draft(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_path) as store:
        draft = store.create_assessment("Acme", "Sam", "sales", "2026-Q3", questionnaires=bundled())
    record = _exported(db_path, draft.id)
    record.update(status="complete", organisation="Somebody Else Ltd")
    record["updated"] = record["completed"] = LATER
    path = write_json(tmp_path / "hijack.json", [record])
    before = _database(db_path)

    result = run_cli(capsys, "import", str(path))

    assert result.status == 1
    assert "another organisation (Sam (sales), Somebody Else Ltd 2026-Q3)" in result.err
    assert _database(db_path) == before


def test_the_same_identity_still_replaces_an_older_copy(
    tmp_path: Path, db_path: Path, finished: int, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _exported(db_path, finished)
    record["organisation"] = "TARGET LTD"  # the database matches names ignoring ASCII case
    record["updated"] = record["completed"] = LATER
    path = write_json(tmp_path / "newer.json", [record])

    result = run_cli(capsys, "import", str(path))

    assert result.status == 0, result.err
    assert "replaced Ann (ceo), TARGET LTD 2026-Q1" in result.out
    with Store.open(db_path) as store:
        stored = store.get_assessment(finished).assessment
    assert stored.organisation == "Target Ltd"
    assert stored.updated == LATER

"""When each answer was given travels through export and import (``answered_at``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.hostile import exchange_record, write_json


def _timed_record() -> tuple[dict[str, Any], dict[tuple[str, str], str]]:
    """A record whose every answer has its own time, and those times by (questionnaire, item)."""
    record = exchange_record()
    times: dict[tuple[str, str], str] = {}
    for questionnaire_id, by_item in record["answers"].items():
        for item_id, answer in by_item.items():
            minute = len(times)
            answer["answered_at"] = f"2026-04-{1 + minute // 60:02d}T07:{minute % 60:02d}:13Z"
            times[questionnaire_id, item_id] = answer["answered_at"]
    return record, times


def _exported_times(text: str) -> dict[tuple[str, str], str]:
    (record,) = json.loads(text)
    return {
        (questionnaire_id, item_id): answer["answered_at"]
        for questionnaire_id, by_item in record["answers"].items()
        for item_id, answer in by_item.items()
    }


def test_export_import_export_keeps_every_answered_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record, times = _timed_record()
    source = write_json(tmp_path / "timed.json", [record])
    first_db, second_db = tmp_path / "first.db", tmp_path / "second.db"
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    assert run_cli(capsys, "import", str(source), "--db", str(first_db)).status == 0
    assert run_cli(capsys, "export", "-o", str(first), "--db", str(first_db)).status == 0
    assert run_cli(capsys, "import", str(first), "--db", str(second_db)).status == 0
    assert run_cli(capsys, "export", "-o", str(second), "--db", str(second_db)).status == 0

    first_text = first.read_text(encoding="utf-8")
    assert _exported_times(first_text) == times
    assert len(set(times.values())) == len(times) > 20
    assert second.read_text(encoding="utf-8") == first_text


def test_the_csv_shows_the_imported_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record, times = _timed_record()
    source = write_json(tmp_path / "timed.json", [record])
    sheet = tmp_path / "answers.csv"

    assert run_cli(capsys, "import", str(source)).status == 0
    assert run_cli(capsys, "export", "--csv", "-o", str(sheet)).status == 0

    rows = csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8")))
    assert {(row["questionnaire"], row["item"]): row["answered_at"] for row in rows} == times


def test_a_time_with_an_offset_is_kept_as_the_same_moment_in_utc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = exchange_record(updated="2026-05-01T11:00:00+02:00")
    questionnaire_id, by_item = next(iter(record["answers"].items()))
    item_id = next(iter(by_item))
    by_item[item_id]["answered_at"] = "2026-05-01T10:30:00+02:00"
    exported = tmp_path / "out.json"

    assert run_cli(capsys, "import", str(write_json(tmp_path / "in.json", record))).status == 0
    assert run_cli(capsys, "export", "-o", str(exported)).status == 0

    (stored,) = json.loads(exported.read_text(encoding="utf-8"))
    assert stored["updated"] == "2026-05-01T09:00:00Z"
    assert stored["answers"][questionnaire_id][item_id]["answered_at"] == "2026-05-01T08:30:00Z"
    others = [a for i, a in stored["answers"][questionnaire_id].items() if i != item_id]
    assert {answer["answered_at"] for answer in others} == {"2026-05-01T09:00:00Z"}

"""Importing files as they are read: one transaction, all or nothing, progress that can cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor.errors import AssessorError, Cancelled
from assessor.questionnaire.catalogue import load_catalogue
from assessor.storage.file_import import import_files, survey
from assessor.storage.store import Store
from assessor.storage.transfer import export_json
from tests.helpers.hostile import exchange_records, table_counts, write_json


def _import(db: Path, *files: Path, progress: object = None) -> list[object]:
    with Store.open(db) as store:
        return list(import_files(store, list(files), load_catalogue().find, progress))  # type: ignore[arg-type]


def test_a_list_is_imported_record_by_record_with_counts(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    source = write_json(tmp_path / "many.json", exchange_records(12))
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    (report,) = _import(db, source, progress=progress)

    assert len(report.added) == 12  # type: ignore[attr-defined]
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert [done for done, _ in seen] == list(range(13))
    counts = table_counts(db)
    assert counts["assessments"] == 12
    assert counts["dimension_scores"] > 0


def test_a_broken_record_late_in_the_file_imports_nothing(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    records = exchange_records(30)
    records[28]["period"] = "2026-Q5"
    source = write_json(tmp_path / "late.json", records)
    with Store.open(db):
        pass
    before = table_counts(db)

    with pytest.raises(AssessorError) as raised:
        _import(db, source)

    assert raised.value.lines == (
        f"{source}: [28].period: '2026-Q5' is not a period like "
        "2026-Q3 (a year, -Q, and a quarter 1–4)",
    )
    assert table_counts(db) == before


def test_a_syntax_error_at_the_end_is_told_alone_with_its_line(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    text = json.dumps(exchange_records(5), indent=1)
    source = tmp_path / "cut.json"
    source.write_text(text[:-2] + ",]", encoding="utf-8")  # a trailing comma
    with Store.open(db):
        pass
    before = table_counts(db)
    lines = text[:-2].count("\n") + 1

    with pytest.raises(AssessorError) as raised:
        _import(db, source)

    (line,) = raised.value.lines
    assert line.startswith(f"{source}: line {lines}, column ")
    assert line.endswith("not valid JSON: Expecting value")
    assert table_counts(db) == before


def test_the_same_file_imports_the_same_as_an_export_round_trip(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    source = write_json(tmp_path / "many.json", exchange_records(4))
    _import(first, source)
    with Store.open(first) as store:
        exported = export_json(store, load_catalogue().find)
    again = tmp_path / "again.json"
    again.write_text(exported, encoding="utf-8")

    _import(second, again)

    with Store.open(second) as store:
        assert export_json(store, load_catalogue().find) == exported


def test_cancelling_takes_back_everything_already_stored(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    kept = write_json(tmp_path / "kept.json", exchange_records(3, organisation="Kept Ltd"))
    _import(db, kept)
    before = table_counts(db)
    source = write_json(tmp_path / "many.json", exchange_records(20))

    with pytest.raises(Cancelled) as raised:
        _import(db, source, progress=lambda done, total: done < 15)

    assert raised.value.lines == ("cancelled: nothing was imported",)
    assert table_counts(db) == before


def test_the_survey_counts_the_assessments_and_notices_definitions(tmp_path: Path) -> None:
    records = exchange_records(7)
    records[3]["definitions"] = {}
    found = survey(write_json(tmp_path / "s.json", records))
    assert (found.assessments, found.definitions) == (7, True)
    assert survey(tmp_path / "missing.json").assessments == 0


def test_cancelling_a_rescore_changes_no_score(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _import(db, write_json(tmp_path / "many.json", exchange_records(6)))
    with Store.open(db) as store:
        store.connection().execute("UPDATE dimension_scores SET score = 1")
        store.connection().commit()
    before = table_counts(db)

    with Store.open(db) as store, pytest.raises(Cancelled):
        store.rescore(progress=lambda done, total: done < 4)

    with Store.open(db) as store:
        scores = {
            row[0] for row in store.connection().execute("SELECT score FROM dimension_scores")
        }
        assert scores == {1}
        assert store.rescore(progress=lambda done, total: True) == 6
    assert table_counts(db) == before


def test_cancelling_an_export_raises_before_anything_is_written(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _import(db, write_json(tmp_path / "many.json", exchange_records(5)))
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    with Store.open(db) as store, pytest.raises(Cancelled):
        export_json(store, load_catalogue().find, progress=progress)
    assert seen == [(0, 5), (1, 5), (2, 5)]

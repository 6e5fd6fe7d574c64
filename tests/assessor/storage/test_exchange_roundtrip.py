"""Export → import into an empty database → export gives identical JSON; imports are all or
nothing and never duplicate an assessment."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from assessor.commands.storage import catalogue_lookup
from assessor.errors import AssessorError
from assessor.exchange.exchange_file import Assessment, Respondent
from assessor.storage import InvalidRecordError, Store
from assessor.storage.transfer import export_csv, export_json, read_import
from tests.helpers.storage import bundled, fill, first_scored, mini


def _populate(store: Store) -> None:
    first = store.create_assessment("Acme", "Ann", "ceo", "2026-Q2", questionnaires=bundled())
    fill(store, first.id, bundled(), seed=1)
    store.set_status(first.id, "complete")
    second = store.create_assessment(
        "Acme", "Sam Ünïcode", "sales", "2026-Q3", "EMEA", questionnaires=bundled()
    )
    fill(store, second.id, bundled()[:2], seed=2)
    store.save_note(second.id, bundled()[2].id, bundled()[2].items[0].id, "to check with ops")
    # A questionnaire the catalogue does not have: its definition travels in the file.
    third = store.create_assessment("Beta", "Bo", "other", "2025-Q4", questionnaires=[mini(3)])
    fill(store, third.id, [mini(3)])


def _import(store: Store, text: str) -> tuple[list[str], list[str]]:
    report = read_import(text.encode("utf-8"), "file.json", catalogue_lookup()).import_into(store)
    return report.added, report.skipped_uuids


def test_export_import_export_is_identical(tmp_path: Path, db_path: Path) -> None:
    with Store.open(db_path) as source:
        _populate(source)
        exported = export_json(source, catalogue_lookup())
        csv_before = export_csv(source)
    records = json.loads(exported)
    assert len(records) == 3
    assert "definitions" in records[-1] and "definitions" not in records[0]
    assert "notes" in records[1]
    with Store.open(tmp_path / "empty.db") as target:
        added, skipped = _import(target, exported)
        assert (len(added), skipped) == (3, [])
        assert export_json(target, catalogue_lookup()) == exported
        assert target.dimension_scores("Acme") != []
        csv_after = export_csv(target)
    assert _comparable(csv_after) == _comparable(csv_before)


def _comparable(text: str) -> list[dict[str, str]]:
    """CSV rows without what belongs to one database: its ids, and the times of notes on
    unanswered items (answers keep their times, notes alone are stamped when imported)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        del row["id"]
        if not row["answer"]:
            del row["answered_at"]
    return rows


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path, db_path: Path) -> None:
    with Store.open(db_path) as source:
        _populate(source)
        exported = export_json(source, catalogue_lookup())
    with Store.open(tmp_path / "other.db") as target:
        _import(target, exported)
        added, skipped = _import(target, exported)
        assert added == []
        assert skipped == [record["uuid"] for record in json.loads(exported)]
        assert len(target.list_assessments()) == 3


def test_a_bad_record_in_a_file_imports_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        _populate(store)
        records = json.loads(export_json(store, catalogue_lookup()))
        store.delete_assessment(records[0]["uuid"])
        agreement = next(item for item in first_scored().items if item.kind == "agreement")
        records[1]["answers"]["four-freedoms"][agreement.id] = {"value": 99}
        with pytest.raises(AssessorError) as caught:
            _import(store, json.dumps(records))
        assert any("file.json: [1].answers.four-freedoms" in line for line in caught.value.lines)
        assert len(store.list_assessments()) == 2


def test_an_import_stops_whole_at_a_bad_assessment(store: Store) -> None:
    good = Assessment(
        uuid="5a0c7e8e-1111-4222-8333-444455556666",
        organisation="Acme",
        respondent=Respondent("Ann", "ceo"),
        period="2026-Q1",
        questionnaires={"mini": 1},
    )
    bad = Assessment(
        uuid="5a0c7e8e-1111-4222-8333-444455556667",
        organisation="Acme",
        respondent=Respondent("Bob", "ceo"),
        period="2026-Q1",
        questionnaires={"mini": 7},
    )

    def lookup(questionnaire_id: str, version: int) -> object:
        return mini() if (questionnaire_id, version) == ("mini", 1) else None

    with pytest.raises(InvalidRecordError, match="unknown questionnaire 'mini' version 7"):
        store.import_assessments([good, bad], lookup)  # type: ignore[arg-type]
    assert store.list_assessments() == []
    report = store.import_assessments([good], lookup)  # type: ignore[arg-type]
    assert report.added == [good.uuid]


def test_export_by_id_and_by_organisation(store: Store) -> None:
    _populate(store)
    ids = [entry.id for entry in store.list_assessments(organisation="Acme")]
    assert len(json.loads(export_json(store, catalogue_lookup(), organisation="acme"))) == 2
    assert len(json.loads(export_json(store, catalogue_lookup(), ids=ids[:1]))) == 1


def test_csv_cells_are_never_formulas(store: Store) -> None:
    created = store.create_assessment("=Acme", "Ann", "ceo", "2026-Q1", questionnaires=[mini()])
    store.save_note(created.id, "mini", "a-1", '=HYPERLINK("x")')
    text = export_csv(store)
    assert ",'=Acme," in text and "'=HYPERLINK" in text

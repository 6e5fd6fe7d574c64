"""Notes stay with their author unless shared: the ``note_shared`` flag (migration
``m007_shared_notes``), sharing one note or all, and the respondent file sent back carrying only
the shared notes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from assessor.diagnosis.answers import make_answer
from assessor.exchange.responding import NoteSharing, strip_unshared_notes
from assessor.storage import Store
from assessor.storage.migrations import SCHEMA_VERSION, migrations, read_state
from assessor.storage.note_sharing import NoteSharing as StoredSharing
from tests.helpers.storage import asked_by_role


def _shared_column(db: Path) -> list[tuple[str, int]]:
    connection = sqlite3.connect(db)
    try:
        return [
            (str(item), int(flag))
            for item, flag in connection.execute(
                "SELECT item_id, note_shared FROM answers ORDER BY item_id"
            )
        ]
    finally:
        connection.close()


def _draft_with_notes(store: Store) -> int:
    """A draft with a note on an answered item (a-1), on another (m-1), and on an unanswered
    item (s-1)."""
    questionnaire = asked_by_role()
    created = store.create_assessment(
        "Acme", "Marta", "marketing", "2026-Q3", questionnaires=[questionnaire]
    )
    store.save_answer(
        created.id, "roles", "a-1", make_answer(questionnaire, "a-1", 4, note="the CRM says so")
    )
    store.save_answer(
        created.id, "roles", "m-1", make_answer(questionnaire, "m-1", 2, note="my private doubt")
    )
    store.save_note(created.id, "roles", "s-1", "pending thought")
    return created.id


def test_the_migration_is_named_m007_and_notes_start_private(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assessment_id = _draft_with_notes(store)
        assert store.note_sharing(assessment_id) == StoredSharing(
            frozenset(), frozenset({("roles", "a-1"), ("roles", "m-1"), ("roles", "s-1")})
        )
    connection = sqlite3.connect(db_path)
    try:
        assert "m007_shared_notes" in read_state(connection).applied
    finally:
        connection.close()
    assert _shared_column(db_path) == [("a-1", 0), ("m-1", 0), ("s-1", 0)]


def test_an_old_file_gets_the_column_with_its_rows_private(db_path: Path) -> None:
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    migrations.apply(Database(connection), stop_before="m007_shared_notes")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    connection.execute("INSERT INTO organisations (name, created) VALUES ('Old Co', 'x')")
    connection.execute(
        "INSERT INTO assessments (id, uuid, organisation_id, respondent_name, role, period, "
        "created, updated) VALUES (1, '0b2f1c55-0000-4000-8000-000000000007', 1, 'Olga', "
        "'sales', '2025-Q1', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
    )
    connection.execute("INSERT INTO definitions VALUES ('h', 'roles', 1, '{}')")
    connection.execute("INSERT INTO assessment_questionnaires VALUES (1, 'roles', 0, 1, 'h')")
    connection.execute(
        "INSERT INTO answers (assessment_id, questionnaire_id, item_id, note, answered_at) "
        "VALUES (1, 'roles', 'a-1', 'old note', '2025-01-01T00:00:00Z')"
    )
    connection.close()

    Store.open(db_path).close()

    assert _shared_column(db_path) == [("a-1", 0)]


def test_sharing_one_note_or_all_is_committed_to_the_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assessment_id = _draft_with_notes(store)
        before = store.get_assessment(assessment_id).assessment.updated
        assert store.set_note_shared(assessment_id, "roles", "a-1", True)
        assert not store.set_note_shared(assessment_id, "roles", "m-2", True)  # nothing there
    assert _shared_column(db_path) == [("a-1", 1), ("m-1", 0), ("s-1", 0)]

    with Store.open(db_path) as store:
        assert store.get_assessment(assessment_id).assessment.updated >= before
        assert store.share_all_notes(assessment_id) == 2
        assert store.note_sharing(assessment_id).all_shared
    assert _shared_column(db_path) == [("a-1", 1), ("m-1", 1), ("s-1", 1)]

    with Store.open(db_path) as store:
        assert store.share_all_notes(assessment_id, False) == 3
    assert _shared_column(db_path) == [("a-1", 0), ("m-1", 0), ("s-1", 0)]


def test_an_answer_changed_later_keeps_its_note_shared(db_path: Path) -> None:
    questionnaire = asked_by_role()
    with Store.open(db_path) as store:
        assessment_id = _draft_with_notes(store)
        store.set_note_shared(assessment_id, "roles", "a-1", True)
        store.save_answer(
            assessment_id, "roles", "a-1", make_answer(questionnaire, "a-1", 2, note="")
        )
        store.save_note(assessment_id, "roles", "a-1", "the CRM says so, mostly")
        assert store.note_sharing(assessment_id).is_shared("roles", "a-1")


def test_the_file_sent_back_carries_only_shared_notes(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assessment_id = _draft_with_notes(store)
        store.set_note_shared(assessment_id, "roles", "a-1", True)
        _, content = store.respondent_file(assessment_id)

    record = json.loads(content)
    shared, private = record["answers"]["roles"]["a-1"], record["answers"]["roles"]["m-1"]
    assert (shared["value"], shared["note"]) == (4, "the CRM says so")
    assert private["value"] == 2 and "note" not in private  # answered; the note stays here
    assert "notes" not in record  # the note on the unanswered item stays here
    assert "my private doubt" not in content.decode("utf-8")
    assert "pending thought" not in content.decode("utf-8")


def test_a_shared_note_on_an_unanswered_item_is_kept() -> None:
    record = {
        "answers": {
            "q": {"a": {"value": 1, "note": "kept"}, "b": {"dont_know": True, "note": "x"}}
        },
        "notes": {"q": {"c": "shared pending", "d": "private pending"}},
    }
    sharing = NoteSharing.of(shared=[("q", "a"), ("q", "c")])

    assert strip_unshared_notes(record, sharing) == {
        "answers": {"q": {"a": {"value": 1, "note": "kept"}, "b": {"dont_know": True}}},
        "notes": {"q": {"c": "shared pending"}},
    }


def test_a_cleared_note_is_no_longer_shared(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assessment_id = _draft_with_notes(store)
        store.set_note_shared(assessment_id, "roles", "a-1", True)
        store.save_note(assessment_id, "roles", "a-1", "")
        store.save_note(assessment_id, "roles", "a-1", "a new thought")
        assert not store.note_sharing(assessment_id).is_shared("roles", "a-1")

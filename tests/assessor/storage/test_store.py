"""The store's round trips: assessments, answers, notes, snapshots, status, listing, scores."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from assessor.diagnosis.answers import Answer, AnswerError
from assessor.questionnaire.model import Questionnaire
from assessor.storage import InvalidRecordError, NotFoundError, StorageError, Store
from assessor.storage.snapshots import snapshot_of
from tests.helpers.questionnaires import MINIMAL_TOML, mutate, write_questionnaire
from tests.helpers.storage import bundled, fill, first_scored, mini


def test_open_creates_the_folder_and_the_file_with_the_settings(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "assessor.db"
    with Store.open(path) as store:
        connection = store.connection()
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert connection.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert path.is_file()


def test_open_without_a_path_uses_assessor_db(data_home: Path) -> None:
    with Store.open() as store:
        assert store.path == (data_home / "assessor.db").absolute()


def test_a_created_assessment_reads_back(store: Store) -> None:
    created = store.create_assessment(
        " Acme ", " Ann Lee ", "marketing", "2026-Q3", unit=" EMEA ", questionnaires=bundled()
    )
    read = store.get_assessment(created.id)
    assert read == created
    assessment = read.assessment
    assert (assessment.organisation, assessment.unit) == ("Acme", "EMEA")
    assert (assessment.respondent.name, assessment.respondent.role) == ("Ann Lee", "marketing")
    assert assessment.status == "draft"
    assert assessment.questionnaires == {q.id: q.version for q in bundled()}
    assert assessment.created.endswith("Z") and len(assessment.created) == 20
    assert store.get_assessment(assessment.uuid).id == created.id
    assert store.get_assessment(str(created.id)).id == created.id


def test_every_answer_kind_round_trips(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    fill(store, created.id, bundled())
    answers = store.get_assessment(created.id).assessment.answers
    kinds = {
        item.kind
        for q in bundled()
        for item in q.items
        if item.id in answers.get(q.id, {}) and answers[q.id][item.id].value is not None
    }
    assert kinds == {"agreement", "frequency", "choice", "multi", "checklist", "number", "text"}
    for questionnaire in bundled():
        for item in questionnaire.items:
            assert item.id in answers[questionnaire.id]
    multi = next(answers[q.id][i.id] for q in bundled() for i in q.items if i.kind == "multi")
    assert isinstance(multi.value, tuple)


def test_save_answer_is_committed_when_it_returns(store: Store, db_path: Path) -> None:
    questionnaire = mini()
    created = store.create_assessment(
        "Acme", "Ann", "ceo", "2026-Q3", questionnaires=[questionnaire]
    )
    other = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        for value in (1, 4, 5):
            store.save_answer(created.id, "mini", "a-1", Answer(value=value, note="seen"))
            row = other.execute(
                "SELECT value, note FROM answers WHERE assessment_id = ? AND item_id = 'a-1'",
                (created.id,),
            ).fetchone()
            assert row == (str(value), "seen")
        store.save_note(created.id, "mini", "a-2", "typed before answering")
        row = other.execute("SELECT value, note FROM answers WHERE item_id = 'a-2'").fetchone()
        assert row == (None, "typed before answering")
    finally:
        other.close()


def test_notes_are_never_erased_by_an_answer_without_one(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=[mini()])
    store.save_note(created.id, "mini", "a-1", "evidence first")
    read = store.get_assessment(created.id)
    assert read.pending_notes == {"mini": {"a-1": "evidence first"}}
    assert read.assessment.answers == {}
    store.save_answer(created.id, "mini", "a-1", Answer(value=2))
    assert store.get_assessment(created.id).assessment.answers["mini"]["a-1"] == Answer(
        value=2, note="evidence first"
    )
    store.save_answer(created.id, "mini", "a-1", Answer(dont_know=True), keep_note=False)
    assert store.get_assessment(created.id).assessment.answers["mini"]["a-1"] == Answer(
        dont_know=True
    )
    store.save_note(created.id, "mini", "a-1", "back again")
    store.clear_answer(created.id, "mini", "a-1")
    read = store.get_assessment(created.id)
    assert read.assessment.answers == {}
    assert read.pending_notes == {"mini": {"a-1": "back again"}}
    store.save_note(created.id, "mini", "a-1", "")
    assert store.get_assessment(created.id).pending_notes == {}


def test_answers_are_checked_against_the_snapshot(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=[mini()])
    with pytest.raises(AnswerError, match="mini item a-1: an agreement answer is from 1 to 5"):
        store.save_answer(created.id, "mini", "a-1", Answer(value=9))
    with pytest.raises(InvalidRecordError, match="unknown item"):
        store.save_answer(created.id, "mini", "nope", Answer(value=1))
    with pytest.raises(InvalidRecordError, match="does not include questionnaire 'other'"):
        store.save_note(created.id, "other", "a-1", "x")
    with pytest.raises(NotFoundError, match="no assessment 999"):
        store.save_answer(999, "mini", "a-1", Answer(value=1))
    assert store.get_assessment(created.id).assessment.answers == {}


def test_new_assessments_are_checked(store: Store) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        store.create_assessment(" ", "", "boss", "2026-Q5", questionnaires=[])
    assert len(caught.value.lines) == 5
    assert store.list_assessments() == []


def test_snapshots_survive_a_changed_questionnaire_file(data_home: Path, db_path: Path) -> None:
    from assessor.questionnaire.catalogue import load_catalogue

    folder = data_home / "questionnaires"
    write_questionnaire(folder, "mini.toml", MINIMAL_TOML)
    original = load_catalogue().get("mini")
    with Store.open(db_path) as store:
        created = store.create_assessment(
            "Acme", "Ann", "ceo", "2026-Q3", questionnaires=[original]
        )
    write_questionnaire(folder, "mini.toml", mutate("We agree with this.", "Changed wording."))
    changed = load_catalogue().get("mini")
    assert changed.item("a-1").text == "Changed wording."
    with Store.open(db_path) as store:
        kept = store.definitions(created.id)["mini"]
    assert kept == original
    assert kept.item("a-1").text == "We agree with this."
    assert snapshot_of(kept).hash == snapshot_of(original).hash


def test_identical_definitions_are_stored_once(store: Store) -> None:
    for name in ("Ann", "Bob", "Cy"):
        store.create_assessment("Acme", name, "ceo", "2026-Q3", questionnaires=bundled())
    count = store.connection().execute("SELECT count(*) FROM definitions").fetchone()[0]
    assert count == len(bundled())


def test_completing_caches_dimension_scores_and_reopening_drops_them(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    fill(store, created.id, bundled())
    assert store.dimension_scores("Acme") == []
    completed = store.set_status(created.id, "complete")
    assert completed.assessment.status == "complete" and completed.assessment.completed
    rows = store.dimension_scores("acme")
    expected = [(q.id, d.id) for q in bundled() for d in q.dimensions]
    assert [(row.questionnaire_id, row.dimension_id) for row in rows] == expected
    assert all(row.period == "2026-Q3" and row.role == "ceo" for row in rows)
    assert any(row.score is not None for row in rows)
    with pytest.raises(InvalidRecordError, match="is complete"):
        store.save_answer(created.id, "four-freedoms", first_scored().items[0].id, Answer(value=1))
    store.set_status(created.id, "draft")
    assert store.dimension_scores("Acme") == []
    assert store.get_assessment(created.id).assessment.completed == ""


def test_cached_scores_match_the_scoring_module(store: Store) -> None:
    from assessor.diagnosis.scoring import score_assessment

    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    fill(store, created.id, bundled(), seed=3)
    store.set_status(created.id, "complete")
    read = store.get_assessment(created.id)
    scored = score_assessment(
        store.definitions(created.id), read.assessment.answers, read.assessment.respondent.role
    )
    for row in store.dimension_scores("Acme"):
        dimension = scored.questionnaires[row.questionnaire_id].dimensions[row.dimension_id]
        assert row.score == dimension.score
        assert row.coverage == dimension.coverage
    store.connection().execute("DELETE FROM dimension_scores")
    assert store.rescore() == 1
    assert len(store.dimension_scores("Acme")) == sum(len(q.dimensions) for q in bundled())


def test_listing_filters_and_orders(store: Store) -> None:
    for organisation, period, unit, name in (
        ("Beta", "2026-Q1", "", "Bea"),
        ("Acme", "2025-Q4", "", "Al"),
        ("Acme", "2026-Q2", "EMEA", "Ann"),
        ("acme", "2026-Q2", "", "Ann"),
    ):
        store.create_assessment(organisation, name, "ceo", period, unit, [mini()])
    everything = store.list_assessments()
    assert [(e.organisation, e.period, e.unit) for e in everything] == [  # newest first
        ("Acme", "2026-Q2", ""),
        ("Acme", "2026-Q2", "EMEA"),
        ("Beta", "2026-Q1", ""),
        ("Acme", "2025-Q4", ""),
    ]
    assert store.organisations() == ["Acme", "Beta"]
    assert len(store.list_assessments(organisation="ACME")) == 3
    assert len(store.list_assessments(organisation="Acme", period="2026-Q2")) == 2
    assert len(store.list_assessments(unit="EMEA")) == 1
    assert store.list_assessments(organisation="Nobody") == []
    entry = everything[0].to_json()
    for key in ("id", "uuid", "organisation", "unit", "respondent", "role", "period", "status"):
        assert key in entry


def test_answered_count_counts_answers_and_dont_knows_not_notes(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=[mini()])
    store.save_answer(created.id, "mini", "a-1", Answer(dont_know=True))
    store.save_note(created.id, "mini", "a-2", "just a note")
    assert store.list_assessments()[0].answered == 1


def test_delete_removes_answers_and_scores(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    fill(store, created.id, bundled())
    store.set_status(created.id, "complete")
    store.delete_assessment(created.assessment.uuid)
    connection = store.connection()
    for table in ("assessments", "answers", "dimension_scores", "assessment_questionnaires"):
        assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        store.get_assessment(created.id)
    assert store.organisations() == []


def test_each_thread_uses_its_own_connection(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    questionnaire: Questionnaire = next(q for q in bundled() if q.id == "four-freedoms")
    scored = [item for item in questionnaire.items if item.kind == "agreement"]
    assert scored
    errors: list[BaseException] = []

    def work(item_id: str) -> None:
        try:
            for value in (1, 2, 3, 4, 5):
                store.save_answer(created.id, questionnaire.id, item_id, Answer(value=value))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(item.id,)) for item in scored]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    answers = store.get_assessment(created.id).assessment.answers[questionnaire.id]
    assert {item.id: answers[item.id].value for item in scored} == {i.id: 5 for i in scored}
    assert len(store._connections) == 1 + len(scored)


def test_a_closed_store_refuses_work(db_path: Path) -> None:
    store = Store.open(db_path)
    store.close()
    store.close()
    with pytest.raises(StorageError, match="has been closed"):
        store.list_assessments()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        Store.open(tmp_path)

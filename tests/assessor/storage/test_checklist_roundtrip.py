"""A checklist answer and a profile questionnaire (issue 19) travel through SQLite, export and
import, respondent files and ``assessor score`` unchanged."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from assessor.commands.storage import catalogue_lookup
from assessor.diagnosis.answers import Checks, make_answer
from assessor.storage import Store
from assessor.storage.invitations import respondent_file_of
from assessor.storage.transfer import export_csv, export_json, read_import
from tests.helpers.cli import run_cli
from tests.helpers.questionnaires import write_questionnaire
from tests.helpers.v3_fixture import PILOT_FILE, PROFILE_FILE, pilot, profile

MARKS = {"decks": True, "web": False}


def _fill(store: Store) -> int:
    created = store.create_assessment(
        "Acme", "Ann", "ceo", "2026-Q3", questionnaires=[profile(), pilot()]
    )
    questionnaires = {"pilot-v3": pilot(), "org-profile": profile()}
    given = {
        ("pilot-v3", "r-8"): MARKS,
        ("pilot-v3", "r-1"): 4,
        ("org-profile", "sales-force"): "own",
        ("org-profile", "teams"): {"sales": True},
    }
    for (qid, item_id), value in given.items():
        answer = make_answer(questionnaires[qid], item_id, value, note="seen")
        store.save_answer(created.id, qid, item_id, answer)
    return created.id


def test_a_checklist_answer_is_stored_as_json_text(store: Store, db_path: Path) -> None:
    assessment_id = _fill(store)

    connection = sqlite3.connect(db_path)
    try:
        (value,) = connection.execute(
            "SELECT value FROM answers WHERE item_id = 'r-8' AND assessment_id = ?",
            (assessment_id,),
        ).fetchone()
    finally:
        connection.close()
    assert json.loads(value) == MARKS
    read = store.get_assessment(assessment_id).assessment.answers["pilot-v3"]["r-8"]
    assert isinstance(read.value, Checks) and read.value == MARKS and read.note == "seen"


def test_export_import_export_keeps_a_checklist(tmp_path: Path, db_path: Path) -> None:
    with Store.open(db_path) as source:
        _fill(source)
        exported = export_json(source, catalogue_lookup())
        csv_rows = list(csv.DictReader(io.StringIO(export_csv(source))))
    (record,) = json.loads(exported)
    assert record["answers"]["pilot-v3"]["r-8"]["value"] == MARKS
    assert record["definitions"]["org-profile"]["kind"] == "profile"
    with Store.open(tmp_path / "fresh.db") as target:
        bundle = read_import(exported.encode(), "file.json", catalogue_lookup())
        assert bundle.import_into(target).added == [record["uuid"]]
        assert export_json(target, catalogue_lookup()) == exported
        (stored,) = target.list_assessments()
        answers = target.get_assessment(stored.id).assessment.answers
        assert answers["pilot-v3"]["r-8"].value == MARKS
        assert answers["org-profile"]["teams"].value == {"sales": True}
        definitions = target.definitions(stored.id)
        assert definitions["org-profile"].is_profile
        assert not any(item.scored for item in definitions["org-profile"].items)
    row = next(row for row in csv_rows if row["item"] == "r-8")
    assert row["value"] == "decks=yes;web=no"
    assert row["answer"] == "Decks: yes · Events: don't know · Web: no"


def test_a_respondent_file_carries_a_checklist(tmp_path: Path, db_path: Path) -> None:
    with Store.open(db_path) as source:
        assessment_id = _fill(source)
        _, content = respondent_file_of(source, assessment_id)

    bundle = read_import(content, "back.assessor", lambda questionnaire_id, version: None)

    (assessment,) = bundle.assessments
    assert assessment.answers["pilot-v3"]["r-8"].value == MARKS
    assert bundle.lookup("org-profile", 1) == profile()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({}, "it is empty"),
        ({"slides": True}, 'unknown option "slides"'),
        ({"decks": 1}, 'option "decks" is answered true (yes) or false (no)'),
    ],
)
def test_a_bad_checklist_value_in_a_file_is_refused_with_its_place(
    value: object, message: str, db_path: Path
) -> None:
    with Store.open(db_path) as source:
        _fill(source)
        exported = json.loads(export_json(source, catalogue_lookup()))
    exported[0]["answers"]["pilot-v3"]["r-8"]["value"] = value

    from assessor.errors import AssessorError

    with pytest.raises(AssessorError) as caught:
        read_import(json.dumps(exported).encode(), "file.json", catalogue_lookup())

    text = "\n".join(caught.value.lines)
    assert "file.json" in text and "r-8" in text and message in text, text


def test_score_json_reads_a_checklist_and_says_caution(
    tmp_path: Path, data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_home / "questionnaires"
    for path in (PILOT_FILE, PROFILE_FILE):
        write_questionnaire(folder, path.name, path.read_text(encoding="utf-8"))
    favourable = {
        "r-1": 5,
        "r-2": 1,
        "r-3": "always",
        "r-4": "both",
        "r-5": 5,
        "r-6": 5,
        "r-7": 5,
        "t-1": 4,
        "t-2": "always",
        "t-3": 5,
        "t-4": 5,
        "t-5": "always",
    }
    answers = {key: {"value": value} for key, value in favourable.items()}
    answers["r-8"] = {"value": {"decks": True, "events": True, "web": False}}
    record = {
        "format": "assessor.assessment",
        "organisation": "Acme",
        "respondent": {"name": "Ann", "role": "ceo"},
        "period": "2026-Q3",
        "questionnaires": {"pilot-v3": 1, "org-profile": 1},
        "answers": {"pilot-v3": answers, "org-profile": {"sales-force": {"value": "partners"}}},
    }
    path = tmp_path / "uniform.json"
    path.write_text(json.dumps(record), encoding="utf-8")

    result = run_cli(capsys, "score", str(path), "--json")

    assert result.status == 0, result.err
    scored = json.loads(result.out)
    assert scored["caution"] == [
        "11 of 12 answers sit at the most favourable end of their scale; answers this uniform "
        "deserve a second look before anyone acts on them."
    ]
    assert list(scored["questionnaires"]) == ["pilot-v3"]
    assert scored["questionnaires"]["pilot-v3"]["dimensions"]["reach"]["score"] == 100.0
    text = run_cli(capsys, "score", str(path))
    assert "Read with care:\n  11 of 12 answers sit at the most favourable end" in text.out

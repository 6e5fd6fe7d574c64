"""The store takes only text it can keep and print (issue 23): names, notes and free-text
answers are checked (:mod:`assessor.files.text_checks`) before anything is written, ids
beyond SQLite's integers are "no assessment", and follow-ups are checked field by field."""

from __future__ import annotations

import pytest

from assessor.diagnosis.answers import Answer
from assessor.storage import Store
from assessor.storage.errors import InvalidRecordError, NotFoundError
from assessor.storage.followups import followups_from_json
from assessor.storage.invitations import new_invitation
from tests.helpers.storage import bundled, first_scored


def _text_item() -> tuple[str, str]:
    for questionnaire in bundled():
        for item in questionnaire.items:
            if item.kind == "text":
                return questionnaire.id, item.id
    raise AssertionError("no bundled questionnaire has a text item")


@pytest.mark.parametrize(
    ("organisation", "respondent", "unit", "fragment"),
    [
        ("\u200b", "Ann", "", "the organisation holds only invisible characters"),
        ("Acme\u2028", "Ann", "", "the organisation contains the control character '\\u2028'"),
        ("Acme", "A" * 201, "", "the respondent name is 201 characters long"),
        ("Acme", "Ann", "\ufeff", "the unit holds only invisible characters"),
        ("Acme", "Ann\ud800", "", "the respondent name contains a lone surrogate '\\ud800'"),
    ],
)
def test_a_new_assessment_with_a_name_that_cannot_be_kept_is_refused(
    store: Store, organisation: str, respondent: str, unit: str, fragment: str
) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        store.create_assessment(
            organisation, respondent, "ceo", "2026-Q3", unit, questionnaires=bundled()
        )

    assert fragment in caught.value.lines[0]
    assert store.list_assessments() == []


@pytest.mark.parametrize(
    ("note", "fragment"),
    [
        ("n" * 20_001, "the note is 20,001 characters long; a note has at most 20,000"),
        ("ring\x07", "the note contains the control character '\\x07' at position 4"),
        ("half \ud83d", "the note contains a lone surrogate '\\ud83d' at position 5"),
    ],
)
def test_a_note_that_cannot_be_kept_is_refused_and_nothing_changes(
    store: Store, note: str, fragment: str
) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    questionnaire = first_scored()
    item_id = questionnaire.items[0].id

    with pytest.raises(InvalidRecordError, match="the note") as caught:
        store.save_note(created.id, questionnaire.id, item_id, note)
    with pytest.raises(InvalidRecordError, match="the note"):
        store.save_answer(created.id, questionnaire.id, item_id, Answer(dont_know=True, note=note))

    (line,) = caught.value.lines
    assert line.startswith(f"{questionnaire.id} item {item_id}: {fragment}")
    assert store.get_assessment(created.id).assessment.answers == {}
    assert store.get_assessment(created.id).pending_notes == {}


def test_a_free_text_answer_of_20001_characters_is_refused(store: Store) -> None:
    created = store.create_assessment("Acme", "Ann", "ceo", "2026-Q3", questionnaires=bundled())
    questionnaire_id, item_id = _text_item()

    store.save_answer(created.id, questionnaire_id, item_id, Answer(value="t" * 20_000))
    with pytest.raises(InvalidRecordError, match="the answer is 20,001 characters long"):
        store.save_answer(created.id, questionnaire_id, item_id, Answer(value="t" * 20_001))

    stored = store.get_assessment(created.id).assessment.answers[questionnaire_id][item_id]
    assert stored.value == "t" * 20_000


@pytest.mark.parametrize(
    "identifier", [2**63, "9223372036854775808", "99999999999999999999999", "9" * 5000, -1, "²"]
)
def test_an_id_beyond_sqlite_is_no_assessment(store: Store, identifier: int | str) -> None:
    with pytest.raises(NotFoundError, match="no assessment") as caught:
        store.get_assessment(identifier)

    assert len(caught.value.lines[0]) < 200


def test_the_largest_id_sqlite_holds_is_looked_up(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no assessment 9223372036854775807"):
        store.get_assessment(2**63 - 1)


def test_an_inviter_is_a_name_too() -> None:
    with pytest.raises(InvalidRecordError, match="the inviter contains the control character"):
        new_invitation("Acme", "2026-Q3", "Sam", "sales", "Kim\x1b[31m")
    assert new_invitation("Acme", "2026-Q3", "Sam", "sales", "").invited.by == ""


def _entry(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "action": "Meet sales twice a month.",
        "source_period": "2026-Q1",
        "questionnaire": "collaboration",
        "dimension": "cadence",
        "position": 3,
        "status": "done",
        "answered_at": "2026-05-01T09:00:00+02:00",
    }
    entry.update(fields)
    return entry


def test_a_followup_is_read_back_with_its_time_in_utc() -> None:
    (row,) = followups_from_json([_entry()], "f.json: followups")

    assert (row.position, row.answered_at, row.source_period) == (
        3,
        "2026-05-01T07:00:00Z",
        "2026-Q1",
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"position": 10**20}, "position: must be from 0 to 2147483647, not 100000000000000000000"),
        ({"position": -1}, "position: must be from 0 to 2147483647, not -1"),
        ({"position": True}, "position: must be a whole number, not True"),
        ({"source_period": "2026-Q5"}, "source_period: '2026-Q5' is not a period"),
        ({"source_period": None}, "source_period: must be text, not None"),
        ({"action": "\u200b"}, "action: holds only invisible characters"),
        ({"action": "a" * 20_001}, "action: is 20,001 characters long"),
        ({"questionnaire": ["x"]}, "questionnaire: must be text, not a list"),
        ({"answered_at": "0001-01-01T00:00:00+01:00"}, "answered_at: '0001-01-01T00:00:00+01:00'"),
    ],
)
def test_a_followup_field_out_of_range_is_one_located_line(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        followups_from_json([_entry(), _entry(**fields)], "f.json: followups")

    (line,) = caught.value.lines
    assert line.startswith(f"f.json: followups[1].{message}")

"""Invitations in the store, and respondent files imported where the catalogue lacks their
questionnaires: the embedded definitions are kept as the assessment's snapshots."""

from __future__ import annotations

import json

from assessor.diagnosis.walkthrough import Walk
from assessor.exchange.respondent_file import INVITATION_KEY, dump_sealed
from assessor.storage import Store
from assessor.storage.database import utc_now
from assessor.storage.invitations import invitation_file, new_invitation
from assessor.storage.transfer import read_import
from tests.helpers.storage import mini


def _no_catalogue(questionnaire_id: str, version: int) -> None:
    return None


def test_an_invitation_is_out_until_a_complete_copy_is_here(store: Store) -> None:
    invitation = new_invitation("Acme", "2026-Q3", "Sam", "sales", "Kim", "EMEA")
    store.record_invitation(invitation)
    store.record_invitation(invitation)  # recording twice keeps one
    assert [s.state for s in store.invitations("ACME")] == ["out"]
    assert store.invitations("Acme", unit="") == []
    assert store.invitations("Acme", period="2026-Q2") == []

    content = invitation_file(invitation, [mini(4)])
    read_import(content, "sam.assessor", _no_catalogue).import_into(store)
    (status,) = store.invitations("Acme", unit="EMEA")
    assert (status.state, status.label) == ("answering", "Started, not finished")
    assert status.invitation.invited.by == "Kim"
    assert status.assessment_id is not None
    store.set_status(status.assessment_id, "complete")
    assert store.invitations("Acme")[0].state == "returned"


def test_embedded_definitions_are_used_when_the_catalogue_lacks_them(store: Store) -> None:
    # Version 9 of "mini" exists only in the file: this computer's catalogue has none of it.
    invitation = new_invitation("Acme", "2026-Q3", "Sam", "sales", "Kim")
    content = invitation_file(invitation, [mini(9, title="Mini nine")])

    report = read_import(content, "sam.assessor", _no_catalogue).import_into(store)

    (uuid,) = report.added
    definitions = store.definitions(uuid)
    assert definitions["mini"].version == 9 and definitions["mini"].title == "Mini nine"
    stored = store.get_assessment(uuid)
    walk = Walk(definitions, stored.assessment.answers, stored.assessment.respondent.role)
    assert [step.item.id for step in walk.steps] == ["a-1", "a-2"]
    # Opened here, the invitation is recorded, so the file sent back says who asked for it.
    name, sent_back = store.respondent_file(uuid)
    assert name == "Acme-2026-Q3-Sam.assessor"
    assert json.loads(sent_back)[INVITATION_KEY]["by"] == "Kim"
    assert json.loads(sent_back)["definitions"]["mini"]["version"] == 9


def test_a_replaced_assessment_keeps_its_id_and_loses_its_old_answers(store: Store) -> None:
    invitation = new_invitation("Acme", "2026-Q3", "Sam", "sales", "Kim")
    content = invitation_file(invitation, [mini()])
    (uuid,) = read_import(content, "a.assessor", _no_catalogue).import_into(store).added
    first_id = store.get_assessment(uuid).id
    record = json.loads(store.respondent_file(uuid)[1])
    record["status"] = "complete"
    record["updated"] = record["completed"] = utc_now()
    record["answers"] = {"mini": {"a-2": {"value": "no"}}}

    report = read_import(dump_sealed(record), "b.assessor", _no_catalogue).import_into(store)

    assert report.replaced == [uuid] and report.added == []
    stored = store.get_assessment(uuid)
    assert stored.id == first_id
    assert stored.assessment.status == "complete"
    assert {k: a.value for k, a in stored.assessment.answers["mini"].items()} == {"a-2": "no"}
    assert store.dimension_scores("Acme") != []  # scored as it came in

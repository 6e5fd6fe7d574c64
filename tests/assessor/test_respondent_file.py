"""Respondent files: the seal catches every changed byte in one line; layout does not matter."""

from __future__ import annotations

import json

import pytest

from assessor.errors import AssessorError
from assessor.exchange.respondent_file import (
    HASH_KEY,
    content_digest,
    dump_sealed,
    respondent_file_name,
    seal,
)
from assessor.storage.invitations import invitation_file, new_invitation
from assessor.storage.transfer import read_import
from tests.helpers.storage import mini


def _nothing(questionnaire_id: str, version: int) -> None:
    """A catalogue that has no questionnaire: the file's own definitions must do."""
    return None


@pytest.fixture(scope="module")
def small_file() -> bytes:
    invitation = new_invitation("Zoë & Co", "2026-Q3", "Łukasz", "sales", "Kim", "EMEA")
    return invitation_file(invitation, [mini()])


def test_a_respondent_file_reads_with_its_own_definitions(small_file: bytes) -> None:
    bundle = read_import(small_file, "x.assessor", _nothing)
    (assessment,) = bundle.assessments
    assert assessment.respondent.name == "Łukasz" and assessment.unit == "EMEA"
    assert assessment.status == "draft" and assessment.answers == {}
    assert bundle.lookup("mini", 1) == mini()
    assert bundle.invitations[assessment.uuid].by == "Kim"


def test_every_changed_byte_is_refused_in_one_line(small_file: bytes) -> None:
    refused = 0
    for position in range(len(small_file)):
        changed = bytearray(small_file)
        changed[position] ^= 0x01
        with pytest.raises(AssessorError) as caught:
            read_import(bytes(changed), "x.assessor", _nothing)
        assert len(caught.value.lines) == 1, (position, caught.value.lines)
        assert caught.value.lines[0].startswith(
            "x.assessor: the file was changed or damaged after it was written ("
        )
        refused += 1
    assert refused == len(small_file) > 1000


def test_the_layout_does_not_matter_only_the_content(small_file: bytes) -> None:
    record = json.loads(small_file)
    compact = json.dumps(record, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    assert read_import(compact, "x.assessor", _nothing).assessments[0].uuid == record["uuid"]
    reordered = dict(reversed(list(record.items())))
    assert content_digest(reordered) == record[HASH_KEY]


def test_a_respondent_file_must_carry_a_seal(small_file: bytes) -> None:
    record = json.loads(small_file)
    del record[HASH_KEY]
    unsealed = json.dumps(record).encode("utf-8")
    with pytest.raises(AssessorError) as caught:
        read_import(unsealed, "x.assessor", _nothing)
    assert caught.value.lines == (
        "x.assessor: the file was changed or damaged after it was written (it carries no sha256 "
        "seal: it is not one respondent file); nothing was imported: ask the sender for a new "
        "copy",
    )
    # An exchange file without a seal is still an ordinary exchange file.
    assert len(read_import(unsealed, "x.json", _nothing).assessments) == 1


def test_a_sealed_exchange_file_is_checked_whatever_its_name(small_file: bytes) -> None:
    record = json.loads(small_file)
    record["period"] = "2026-Q4"
    with pytest.raises(AssessorError, match="its SHA-256 does not match its content"):
        read_import(json.dumps(record).encode("utf-8"), "renamed.json", _nothing)
    resealed = dump_sealed(record)
    assert read_import(resealed, "renamed.json", _nothing).assessments[0].period == "2026-Q4"
    assert seal(seal(record)) == seal(record)


def test_a_malformed_invitation_is_one_line(small_file: bytes) -> None:
    record = json.loads(small_file)
    record["invitation"] = "Kim"
    with pytest.raises(AssessorError) as caught:
        read_import(dump_sealed(record), "x.assessor", _nothing)
    assert caught.value.lines == (
        'x.assessor: invitation: must be an object like {"by": "name", "at": "time"}',
    )


def test_file_names_are_safe() -> None:
    assert respondent_file_name("Acme Ltd/EMEA", "2026-Q3", "Marta López") == (
        "Acme-Ltd-EMEA-2026-Q3-Marta-López.assessor"
    )
    assert respondent_file_name("..", "", "/") == "respondent.assessor"

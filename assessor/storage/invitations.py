"""Invitations in the store: respondent files sent out, and whether each has come back.

Inviting someone writes a respondent file (:mod:`assessor.exchange.respondent_file`) and records
the invitation in the ``invitations`` table (migration ``m004_invitations``; ``confidential``
from ``m006_confidential_invitations``), keyed by the UUID of the assessment the file carries.
Opening a respondent file on another computer records its invitation there too, so that the file
sent back still says who asked for it. An invitation has *returned* when a complete assessment
with its UUID is stored here.

These functions take the :class:`~assessor.storage.unit_of_work.UnitOfWork` (the
:class:`~assessor.storage.store.Store` is one, and exposes some of them as methods too:
``store.record_invitation(...)`` and so on).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from assessor.diagnosis.answers import Answer
from assessor.errors import AssessorError
from assessor.exchange.exchange_file import (
    Assessment,
    Respondent,
    Role,
    assessment_to_json,
    new_uuid,
)
from assessor.exchange.respondent_file import (
    INVITATION_KEY,
    Invitation,
    InvitedBy,
    dump_sealed,
    respondent_file_name,
)
from assessor.files.text_checks import OPTIONAL_NAME, text_problem
from assessor.questionnaire.model import Questionnaire
from assessor.storage.assessments import new_record_problems
from assessor.storage.database import utc_now
from assessor.storage.errors import InvalidRecordError
from assessor.storage.exchange_records import DEFINITIONS_KEY, export_records_json
from assessor.storage.profiles import fitting_answers, profile_answers
from assessor.storage.snapshots import definition_data
from assessor.storage.unit_of_work import UnitOfWork

#: Where an invitation stands: answered and back, started (a draft is here), or not back yet.
InvitationState = Literal["returned", "answering", "out"]
STATE_LABELS: dict[str, str] = {
    "returned": "Returned",
    "answering": "Started, not finished",
    "out": "Still out",
}


@dataclass(frozen=True)
class InvitationStatus:
    """An invitation and where it stands in this database."""

    invitation: Invitation
    state: InvitationState
    #: the stored assessment with the invitation's UUID, if there is one
    assessment_id: int | None

    @property
    def label(self) -> str:
        """The state in words: Returned, Started, not finished, or Still out."""
        return STATE_LABELS[self.state]


def new_invitation(
    organisation: str,
    period: str,
    name: str,
    role: str,
    invited_by: str,
    unit: str = "",
    *,
    confidential: bool = False,
    send_to: str = "",
) -> Invitation:
    """An invitation with a fresh assessment UUID, checked like a new assessment.

    Who invites is a name too (one line, at most 200 characters; it may be empty), and so is
    who to send the answered file back to (``send_to``; empty means who invites).
    ``confidential`` invitations are reported by role and count only.
    """
    problems = new_record_problems(organisation, name, role, period, unit)
    if problem := text_problem(invited_by, OPTIONAL_NAME):
        problems.append(f"the inviter {problem}")
    if problem := text_problem(send_to, OPTIONAL_NAME):
        problems.append(f"who to send it back to: {problem}")
    if problems:
        raise InvalidRecordError(*problems)
    return Invitation(
        uuid=new_uuid(),
        organisation=organisation.strip(),
        unit=unit.strip(),
        period=period.strip(),
        respondent=Respondent(name.strip(), cast(Role, role)),
        invited=InvitedBy(invited_by.strip(), utc_now(), confidential, send_to.strip()),
    )


def invitation_file(
    invitation: Invitation,
    definitions: Sequence[Questionnaire],
    profile: Mapping[str, Mapping[str, Answer]] | None = None,
) -> bytes:
    """The respondent file for an invitation: a sealed draft with no answers of its own.

    ``definitions`` are embedded in full, so the file can be answered on a computer whose
    questionnaires differ. ``profile`` holds the organisation profile answers already given for
    the organisation, unit and period (see :func:`assessor.storage.profiles.profile_answers`):
    those that fit a profile among ``definitions`` travel in the file's answers, so the
    respondent is not asked them again.
    """
    if not definitions:
        raise InvalidRecordError("an invitation needs at least one questionnaire")
    carried = {
        q.id: fitting
        for q in definitions
        if q.is_profile and (fitting := fitting_answers(q, (profile or {}).get(q.id, {})))
    }
    blank = Assessment(
        uuid=invitation.uuid,
        organisation=invitation.organisation,
        respondent=invitation.respondent,
        period=invitation.period,
        unit=invitation.unit,
        status="draft",
        questionnaires={q.id: q.version for q in definitions},
        answers=carried,
        created=invitation.invited.at,
        updated=invitation.invited.at,
        answered_at={
            qid: dict.fromkeys(by_item, invitation.invited.at) for qid, by_item in carried.items()
        },
    )
    record = assessment_to_json(blank)
    record[DEFINITIONS_KEY] = {q.id: definition_data(q) for q in definitions}
    record[INVITATION_KEY] = invitation.invited.to_json()
    return dump_sealed(record)


def write_invitation_file(
    store: UnitOfWork,
    invitation: Invitation,
    definitions: Sequence[Questionnaire],
    target: Path,
    profile: Mapping[str, Mapping[str, Answer]] | None = None,
) -> None:
    """Write an invitation's respondent file to ``target`` (atomically), then record it.

    The organisation profile answers travel in the file (see :func:`invitation_file`):
    ``profile`` when given, else those stored for the invitation's organisation, unit and
    period.
    """
    from assessor.files.atomic import write_bytes_atomically

    if profile is None:
        profile = profile_answers(
            store, invitation.organisation, invitation.unit, invitation.period
        )
    content = invitation_file(invitation, definitions, profile)
    try:
        write_bytes_atomically(target, content)
    except OSError as error:
        raise AssessorError(f"{target}: cannot be written ({error.strerror or error})") from None
    record_invitation(store, invitation)


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/<stem>-2<suffix>`` and so on if that file exists already."""
    target = folder / name
    number = 2
    while target.exists():
        target = folder / f"{Path(name).stem}-{number}{Path(name).suffix}"
        number += 1
    return target


def write_invitation_files(
    store: UnitOfWork,
    organisation: str,
    period: str,
    people: Sequence[tuple[str, str]],
    invited_by: str,
    definitions: Sequence[Questionnaire],
    folder: Path,
    unit: str = "",
    profile: Mapping[str, Mapping[str, Answer]] | None = None,
    *,
    confidential: bool = False,
) -> list[Path]:
    """Invite each (name, role) of ``people``: one respondent file each in ``folder``.

    Every invitation is checked before any file is written; an existing file is never
    overwritten (the new one gets a number). Each file carries ``profile`` (or, when None, the
    stored organisation profile answers; see :func:`write_invitation_file`). Returns the files
    written, in order.
    """
    invitations = [
        new_invitation(
            organisation, period, name, role, invited_by, unit, confidential=confidential
        )
        for name, role in people
    ]
    if not folder.is_dir():
        raise AssessorError(f"{folder}: no such folder")
    written: list[Path] = []
    for invitation in invitations:
        target = free_path(folder, invitation.file_name)
        write_invitation_file(store, invitation, definitions, target, profile)
        written.append(target)
    return written


def insert_invitation(
    connection: sqlite3.Connection,
    organisation_id: int,
    record: Assessment,
    invited: InvitedBy,
    *,
    received: bool | None = None,
) -> None:
    """Record the invitation of ``record`` unless it is recorded already (inside a transaction).

    A file that says its invitation is confidential makes a recorded one confidential too; no
    file makes a confidential invitation named. ``received`` says the invitation came here in
    the respondent file itself (the respondent's computer); by default, when the record is a
    draft (an invitation being opened), not when it comes back complete.
    """
    if received is None:
        received = record.status == "draft"
    connection.execute(
        "INSERT INTO invitations (uuid, organisation_id, unit, period, respondent_name, role, "
        "invited_by, invited_at, confidential, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (uuid) DO UPDATE SET confidential = max(confidential, excluded.confidential)",
        (
            record.uuid.strip().lower(),
            organisation_id,
            record.unit.strip(),
            record.period,
            record.respondent.name.strip(),
            record.respondent.role,
            invited.by,
            invited.at or utc_now(),
            int(invited.confidential),
            int(received),
        ),
    )


def record_invitation(store: UnitOfWork, invitation: Invitation) -> None:
    """Record an invitation just sent out (committed when this returns)."""
    record = Assessment(
        uuid=invitation.uuid,
        organisation=invitation.organisation,
        respondent=invitation.respondent,
        period=invitation.period,
        unit=invitation.unit,
    )
    with store.writing() as tx:
        organisation_id = tx.organisation_id(invitation.organisation, utc_now())
        insert_invitation(
            tx.connection, organisation_id, record, invitation.invited, received=False
        )


def _status(row: Sequence[Any]) -> InvitationStatus:
    uuid, organisation, unit, period, name, role, by, at, confidential, assessment_id, status = row
    invitation = Invitation(
        uuid=uuid,
        organisation=organisation,
        unit=unit,
        period=period,
        respondent=Respondent(name, cast(Role, role)),
        invited=InvitedBy(by, at, bool(confidential)),
    )
    state: InvitationState = (
        "out" if assessment_id is None else "returned" if status == "complete" else "answering"
    )
    return InvitationStatus(invitation, state, assessment_id)


_SELECT = """
SELECT i.uuid, o.name, i.unit, i.period, i.respondent_name, i.role, i.invited_by, i.invited_at,
       i.confidential, a.id, a.status
FROM invitations i JOIN organisations o ON o.id = i.organisation_id
LEFT JOIN assessments a ON a.uuid = i.uuid
"""


def invitations(
    store: UnitOfWork, organisation: str, unit: str | None = None, period: str | None = None
) -> list[InvitationStatus]:
    """An organisation's invitations (of one unit or period, if given), newest period first."""
    sql = _SELECT + "WHERE i.organisation_id = (SELECT id FROM organisations WHERE name = ?)"
    parameters: list[Any] = [organisation.strip()]
    if unit is not None:
        sql += " AND i.unit = ?"
        parameters.append(unit.strip())
    if period is not None:
        sql += " AND i.period = ?"
        parameters.append(period.strip())
    sql += " ORDER BY i.period DESC, i.unit, i.role, i.respondent_name COLLATE NOCASE, i.uuid"
    with store.reading() as tx:
        return [_status(row) for row in tx.execute(sql, parameters)]


def invitation_of(store: UnitOfWork, uuid: str) -> InvitationStatus | None:
    """The invitation of the assessment with this UUID, if one is recorded here."""
    with store.reading() as tx:
        row = tx.execute(_SELECT + "WHERE i.uuid = ?", (uuid.strip().lower(),)).fetchone()
    return _status(row) if row is not None else None


def is_confidential(store: UnitOfWork, uuid: str) -> bool:
    """Whether the assessment with this UUID was answered under a confidential invitation."""
    with store.reading() as tx:
        row = tx.execute(
            "SELECT confidential FROM invitations WHERE uuid = ?", (uuid.strip().lower(),)
        ).fetchone()
    return bool(row[0]) if row is not None else False


def is_collected_confidential(store: UnitOfWork, uuid: str) -> bool:
    """Whether the assessment with this UUID answers a confidential invitation that this
    database sent or collected (not one the respondent received here, on their own computer):
    its own report is then not the collector's to print."""
    with store.reading() as tx:
        row = tx.execute(
            "SELECT confidential, received FROM invitations WHERE uuid = ?",
            (uuid.strip().lower(),),
        ).fetchone()
    return row is not None and bool(row[0]) and not bool(row[1])


@dataclass(frozen=True)
class InvitationsOut:
    """How many were invited for one organisation, unit and period, how many answered, and the
    roles still out (one entry per invitation not returned, in role order)."""

    invited: int
    returned: int
    roles_out: tuple[str, ...]

    @property
    def out(self) -> int:
        """How many invitations have not come back complete."""
        return self.invited - self.returned


def invitations_out(store: UnitOfWork, organisation: str, unit: str, period: str) -> InvitationsOut:
    """Invitations still out for one organisation, unit and period: counts and roles, no names.

    An invitation is returned when a complete assessment with its UUID is stored here; one
    started but not finished is still out.
    """
    from assessor.comparison.roles import role_order

    listed = invitations(store, organisation, unit, period)
    out = sorted(
        (s.invitation.respondent.role for s in listed if s.state != "returned"), key=role_order
    )
    return InvitationsOut(len(listed), len(listed) - len(out), tuple(out))


def respondent_file_of(store: UnitOfWork, id_or_uuid: int | str) -> tuple[str, bytes]:
    """The file name and bytes of a stored assessment as a respondent file (to send back).

    The record is the exchange export of the assessment with every definition it was answered
    against embedded and, when it was opened from an invitation, who invited the respondent. It
    carries only the notes its author shared (:mod:`assessor.storage.note_sharing`).
    """
    from assessor.exchange.responding import NoteSharing, strip_unshared_notes
    from assessor.storage.note_sharing import note_sharing

    # A lookup that knows nothing makes the export embed every definition.
    (exported,) = export_records_json(store, lambda questionnaire_id, version: None, [id_or_uuid])
    # A note never leaves its author's machine unless they shared it.
    shared = note_sharing(store, id_or_uuid).shared
    record = strip_unshared_notes(exported, NoteSharing.of(shared=shared))
    invited = invitation_of(store, str(record["uuid"]))
    if invited is not None:
        record[INVITATION_KEY] = invited.invitation.invited.to_json()
    name = respondent_file_name(
        str(record["organisation"]), str(record["period"]), str(record["respondent"]["name"])
    )
    return name, dump_sealed(record)


def settled_profile_items(store: UnitOfWork, id_or_uuid: int | str) -> set[tuple[str, str]]:
    """The organisation profile answers an invited respondent is not asked: (questionnaire id,
    item id) of every answered profile item of an assessment that came as a respondent file
    (its invitation is recorded here). Empty for an assessment started here.

    The inviter's profile answers travel in the file (see :func:`invitation_file`); they are
    not the respondent's to change, and the walk-through leaves them out.
    """
    with store.reading() as tx:
        assessment_id = tx.resolve(id_or_uuid)
        uuid = tx.execute("SELECT uuid FROM assessments WHERE id = ?", (assessment_id,))
        (found,) = uuid.fetchone()
        invited = tx.execute("SELECT 1 FROM invitations WHERE uuid = ?", (found,)).fetchone()
        if invited is None:
            return set()
        definitions = tx.definitions(assessment_id)
        answers = tx.load_answers(assessment_id).answers
    return {
        (qid, item_id)
        for qid, questionnaire in definitions.items()
        if questionnaire.is_profile
        for item_id in answers.get(qid, {})
    }


def scopes_with_invitations_out(store: UnitOfWork) -> list[tuple[str, str, str]]:
    """Every (organisation, unit, period) with an invitation not yet returned complete, in one
    query: organisations by name, newest period first (for Home's "still out")."""
    sql = """
    SELECT DISTINCT o.name, i.unit, i.period
    FROM invitations i JOIN organisations o ON o.id = i.organisation_id
    LEFT JOIN assessments a ON a.uuid = i.uuid
    WHERE a.id IS NULL OR a.status != 'complete'
    ORDER BY o.name COLLATE NOCASE, i.period DESC, i.unit
    """
    with store.reading() as tx:
        return [(str(name), str(unit), str(period)) for name, unit, period in tx.execute(sql)]

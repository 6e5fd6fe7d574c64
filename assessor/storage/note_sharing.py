"""Which notes may leave their author's machine: the ``note_shared`` flag of each answer row.

A note is private to its author by default (migration ``m007_shared_notes``). The respondent of
a respondent file shares a note by ticking "Share this note with the team" (one note) or "Share
all my notes" (every note of the assessment); the respondent file sent back
(:func:`assessor.storage.invitations.respondent_file_of`) then carries only the shared ones
(:func:`assessor.exchange.responding.strip_unshared_notes`). Each change is one committed
transaction, and marks the assessment updated, so a file sent back again after sharing more
replaces the earlier copy on import.

Sharing is not an answer: it may change on a complete assessment too (the send-off screen
offers it after the last question).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from assessor.storage.database import utc_now
from assessor.storage.unit_of_work import UnitOfWork

#: An item of an assessment: (questionnaire id, item id).
ItemKey = tuple[str, str]


@dataclass(frozen=True)
class NoteSharing:
    """An assessment's notes, split into those shared with the team and those kept private."""

    shared: frozenset[ItemKey]
    private: frozenset[ItemKey]

    @property
    def all_shared(self) -> bool:
        """True when there is at least one note and every note is shared."""
        return bool(self.shared) and not self.private

    def is_shared(self, questionnaire_id: str, item_id: str) -> bool:
        """Whether the note on this item is shared."""
        return (questionnaire_id, item_id) in self.shared


def note_sharing(store: UnitOfWork, id_or_uuid: int | str) -> NoteSharing:
    """The assessment's non-empty notes, shared and private."""
    with store.reading() as tx:
        assessment_id = tx.resolve(id_or_uuid)
        rows = tx.execute(
            "SELECT questionnaire_id, item_id, note_shared FROM answers "
            "WHERE assessment_id = ? AND note != ''",
            (assessment_id,),
        ).fetchall()
    shared = frozenset((str(q), str(i)) for q, i, flag in rows if flag)
    private = frozenset((str(q), str(i)) for q, i, flag in rows if not flag)
    return NoteSharing(shared, private)


def set_note_shared(
    store: UnitOfWork, id_or_uuid: int | str, questionnaire_id: str, item_id: str, shared: bool
) -> bool:
    """Share (or keep private) the note on one item; committed on return.

    Returns False when the item has no stored row (no answer and no note: nothing to share).
    """
    with store.writing() as tx:
        assessment_id = tx.resolve(id_or_uuid)
        changed = tx.execute(
            "UPDATE answers SET note_shared = ? WHERE assessment_id = ? AND questionnaire_id = ? "
            "AND item_id = ? AND note_shared != ?",
            (int(shared), assessment_id, questionnaire_id, item_id, int(shared)),
        ).rowcount
        if changed:
            _touch(tx.connection, assessment_id)
        exists = tx.execute(
            "SELECT 1 FROM answers WHERE assessment_id = ? AND questionnaire_id = ? "
            "AND item_id = ?",
            (assessment_id, questionnaire_id, item_id),
        ).fetchone()
    return exists is not None


def share_all_notes(store: UnitOfWork, id_or_uuid: int | str, shared: bool) -> int:
    """Share (or make private again) every note of the assessment; committed on return.

    Returns how many notes changed.
    """
    with store.writing() as tx:
        assessment_id = tx.resolve(id_or_uuid)
        changed = tx.execute(
            "UPDATE answers SET note_shared = ? WHERE assessment_id = ? AND note != '' "
            "AND note_shared != ?",
            (int(shared), assessment_id, int(shared)),
        ).rowcount
        if changed:
            _touch(tx.connection, assessment_id)
    return int(changed)


def _touch(connection: sqlite3.Connection, assessment_id: int) -> None:
    connection.execute(
        "UPDATE assessments SET updated = ? WHERE id = ?", (utc_now(), assessment_id)
    )

"""Completing an assessment, reopening it as a draft, and rescoring: when scores are cached.

Completing an assessment caches its dimension scores (:mod:`assessor.storage.score_cache`),
computed from its answers and its own snapshots of the questionnaires; reopening it drops
them. Rescoring recomputes the cache of completed assessments, after the scoring rules changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from assessor.errors import Cancelled, Progress
from assessor.exchange.exchange_file import STATUSES
from assessor.storage.assessments import read_assessment
from assessor.storage.database import utc_now
from assessor.storage.errors import InvalidRecordError
from assessor.storage.records import StoredAssessment
from assessor.storage.score_cache import clear_scores, write_scores
from assessor.storage.unit_of_work import UnitOfWork


def set_status(store: UnitOfWork, id_or_uuid: int | str, status: str) -> StoredAssessment:
    """Mark an assessment ``complete`` (scores cached) or ``draft`` again (cache dropped).

    Returns the assessment as stored afterwards.
    """
    if status not in STATUSES:
        raise InvalidRecordError(f"a status is draft or complete, not {status!r}")
    with store.writing() as tx:
        assessment_id = tx.resolve(id_or_uuid)
        now = utc_now()
        if status == "complete":
            answers = tx.load_answers(assessment_id).answers
            write_scores(tx.connection, assessment_id, tx.definitions(assessment_id), answers, now)
            tx.execute(
                "UPDATE assessments SET status = 'complete', completed = ?, updated = ? "
                "WHERE id = ?",
                (now, now, assessment_id),
            )
        else:
            clear_scores(tx.connection, assessment_id)
            tx.execute(
                "UPDATE assessments SET status = 'draft', completed = '', updated = ? WHERE id = ?",
                (now, assessment_id),
            )
        return read_assessment(tx, assessment_id)


def rescore(
    store: UnitOfWork, ids: Iterable[int | str] | None = None, progress: Progress | None = None
) -> int:
    """Recompute the cached scores of completed assessments (all, or those given).

    Drafts among ``ids`` are left alone. All of them are one transaction: ``progress(done,
    total)`` is told after each, and returning False stops with
    :class:`~assessor.errors.Cancelled`, every score as it was. Returns the number of
    assessments rescored.
    """
    count = 0
    now = utc_now()
    with store.writing() as tx:
        if ids is None:
            targets = [
                int(row[0])
                for row in tx.execute(
                    "SELECT id FROM assessments WHERE status = 'complete' ORDER BY id"
                )
            ]
        else:
            targets = list(dict.fromkeys(tx.resolve(given) for given in ids))
        for done, assessment_id in enumerate(targets):
            if progress is not None and not progress(done, len(targets)):
                raise Cancelled("cancelled: no score was changed")
            row = tx.execute(
                "SELECT status FROM assessments WHERE id = ?", (assessment_id,)
            ).fetchone()
            if row is None or row[0] != "complete":
                continue
            answers = tx.load_answers(assessment_id).answers
            write_scores(tx.connection, assessment_id, tx.definitions(assessment_id), answers, now)
            count += 1
        if progress is not None and not progress(len(targets), len(targets)):
            raise Cancelled("cancelled: no score was changed")
    return count

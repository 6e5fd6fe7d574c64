"""The cached dimension scores of completed assessments: computed from answers, never edited.

Scores are derived data (DESIGN.md §3): they are written when an assessment is completed or
imported complete, and recomputed by ``assessor rescore``; dropping them loses nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from assessor.diagnosis.answers import Answer
from assessor.questionnaire.model import Questionnaire

INSERT_SCORE = (
    "INSERT INTO dimension_scores (assessment_id, questionnaire_id, dimension_id, position, "
    "score, coverage, band, answered, dont_know, total, computed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def write_scores(
    connection: sqlite3.Connection,
    assessment_id: int,
    definitions: Mapping[str, Questionnaire],
    answers: Mapping[str, Mapping[str, Answer]],
    now: str,
) -> int:
    """Replace an assessment's cached dimension scores (inside the caller's transaction).

    Returns the number of dimension scores written.
    """
    from assessor.diagnosis.scoring import score_assessment

    row = connection.execute(
        "SELECT role FROM assessments WHERE id = ?", (assessment_id,)
    ).fetchone()
    scored = score_assessment(definitions, answers, None if row is None else str(row[0]))
    rows = [
        (
            assessment_id,
            questionnaire_id,
            dimension_id,
            position,
            dimension.score,
            dimension.coverage,
            dimension.band.label if dimension.band is not None else None,
            dimension.answered,
            dimension.dont_know,
            dimension.total,
            now,
        )
        for questionnaire_id, questionnaire in scored.questionnaires.items()
        for position, (dimension_id, dimension) in enumerate(questionnaire.dimensions.items())
    ]
    clear_scores(connection, assessment_id)
    connection.executemany(INSERT_SCORE, rows)
    return len(rows)


def clear_scores(connection: sqlite3.Connection, assessment_id: int) -> None:
    """Drop an assessment's cached scores (inside the caller's transaction)."""
    connection.execute("DELETE FROM dimension_scores WHERE assessment_id = ?", (assessment_id,))

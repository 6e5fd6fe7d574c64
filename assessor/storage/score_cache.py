"""The cached dimension scores of completed assessments: computed from answers, never edited.

Scores are derived data (DESIGN.md §3): they are written when an assessment is completed or
imported complete, and recomputed by ``assessor rescore`` (see
:mod:`assessor.storage.completion`); dropping them loses nothing. Trends read them back with
:func:`read_dimension_scores`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from assessor.diagnosis.answers import Answer
from assessor.questionnaire.model import Questionnaire
from assessor.storage.records import DimensionScoreRow

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


def read_dimension_scores(
    connection: sqlite3.Connection, organisation: str, unit: str | None = None
) -> list[DimensionScoreRow]:
    """Cached dimension scores of an organisation's completed assessments, for trends.

    Ordered by period, assessment, questionnaire and dimension (as defined). ``unit=None``
    means every unit. Reads inside the caller's transaction.
    """
    sql = (
        "SELECT a.period, a.id, a.uuid, a.unit, a.role, a.respondent_name, "
        "s.questionnaire_id, s.dimension_id, s.score, s.coverage, s.band, s.answered, "
        "s.dont_know, s.total FROM assessments a "
        "JOIN dimension_scores s ON s.assessment_id = a.id "
        "JOIN assessment_questionnaires q "
        "ON q.assessment_id = a.id AND q.questionnaire_id = s.questionnaire_id "
        "WHERE a.organisation_id = (SELECT id FROM organisations WHERE name = ?) "
        "AND a.status = 'complete'"
    )
    parameters: list[Any] = [organisation.strip()]
    if unit is not None:
        sql += " AND a.unit = ?"
        parameters.append(unit.strip())
    sql += " ORDER BY a.period, a.id, q.position, s.position"
    return [DimensionScoreRow(*row) for row in connection.execute(sql, parameters)]

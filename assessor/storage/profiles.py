"""The organisation profile in the store: answered once per organisation, unit and period.

A profile questionnaire (``kind = "profile"``, such as ``organisation-profile``) holds facts about
how the organisation is built, never scored. Its answers are kept like any other, in the
``answers`` rows of an assessment that includes it; no table of its own is needed. This module
finds the answers already given for an organisation, unit and period (:func:`profile_answers`:
the latest assessment by ``updated`` that answers each profile), and copies them into a new
assessment (:func:`copy_profile_answers`), so the profile is asked once however many people
answer. Notes are never copied: they stay private to whoever wrote them.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessor.diagnosis.answers import Answer, AnswerError, make_answer
from assessor.questionnaire.model import Questionnaire
from assessor.storage.records import value_to_sql
from assessor.storage.unit_of_work import Transaction, UnitOfWork

_SCOPE_SQL = """
SELECT a.id FROM assessments a JOIN organisations o ON o.id = a.organisation_id
WHERE o.name = ? AND a.unit = ? AND a.period = ? AND a.id != ?
ORDER BY a.updated DESC, a.id DESC
"""


def stored_profile_answers(
    tx: Transaction, organisation: str, unit: str, period: str, *, besides: int = -1
) -> dict[str, dict[str, Answer]]:
    """The profile answers stored for an organisation, unit and period (inside ``tx``).

    For each profile questionnaire, the answers of the most recently updated assessment (other
    than ``besides``) that answers at least one of its items; without notes. Keyed by
    questionnaire id, then item id; empty when no profile is answered yet.
    """
    found: dict[str, dict[str, Answer]] = {}
    rows = tx.execute(_SCOPE_SQL, (organisation.strip(), unit.strip(), period.strip(), besides))
    for (assessment_id,) in rows.fetchall():
        definitions = tx.definitions(int(assessment_id))
        profiles = [qid for qid, q in definitions.items() if q.is_profile and qid not in found]
        if not profiles:
            continue
        answers = tx.load_answers(int(assessment_id)).answers
        for qid in profiles:
            given = answers.get(qid, {})
            if given:
                found[qid] = {
                    item_id: Answer(answer.value, answer.dont_know)
                    for item_id, answer in given.items()
                }
    return found


def profile_answers(
    store: UnitOfWork, organisation: str, unit: str, period: str
) -> dict[str, dict[str, Answer]]:
    """The organisation profile answers already stored for this organisation, unit and period.

    Each profile questionnaire's answers come from the latest assessment (by ``updated``) that
    answers it; notes are left out. Empty when nobody has answered a profile there yet.
    """
    with store.reading() as tx:
        return stored_profile_answers(tx, organisation, unit, period)


def fitting_answers(questionnaire: Questionnaire, given: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers of ``given`` that fit ``questionnaire`` (an item of another version that
    is gone or changed is left out rather than refused)."""
    fitting: dict[str, Answer] = {}
    for item_id, answer in given.items():
        try:
            fitting[item_id] = make_answer(
                questionnaire, item_id, answer.value, dont_know=answer.dont_know
            )
        except AnswerError:
            continue
    return fitting


def copy_profile_answers(
    tx: Transaction,
    assessment_id: int,
    organisation: str,
    unit: str,
    period: str,
    definitions: Mapping[str, Questionnaire],
    now: str,
) -> int:
    """Copy the stored profile answers of the scope into a new assessment (inside ``tx``).

    Only profiles the assessment includes and has no answers to yet are filled; each answer is
    checked against the assessment's own definition. Returns the number of answers copied.
    """
    wanted = {qid: q for qid, q in definitions.items() if q.is_profile}
    if not wanted:
        return 0
    present = tx.load_answers(assessment_id).answers
    stored = stored_profile_answers(tx, organisation, unit, period, besides=assessment_id)
    rows = [
        (assessment_id, qid, item_id, value_to_sql(answer), int(answer.dont_know), "", now)
        for qid, questionnaire in wanted.items()
        if not present.get(qid)
        for item_id, answer in fitting_answers(questionnaire, stored.get(qid, {})).items()
    ]
    tx.executemany(
        "INSERT INTO answers (assessment_id, questionnaire_id, item_id, value, dont_know, "
        "note, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)

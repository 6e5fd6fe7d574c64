"""Assemble a report from the store: the assessment, its snapshots, and its earlier periods.

"Since last quarter" compares like with like: for each earlier period of the same organisation
and unit it takes the complete assessment of the same respondent role, or else the first one.
"""

from __future__ import annotations

from datetime import date

from assessor.diagnosis import diagnose
from assessor.report.builder import PeriodResult, build_report
from assessor.report.model import Report
from assessor.storage.store import Store


def earlier_periods(store: Store, id_or_uuid: int | str) -> list[PeriodResult]:
    """Diagnoses of the earlier complete periods of the assessment's organisation and unit."""
    stored = store.get_assessment(id_or_uuid)
    this = stored.assessment
    by_period: dict[str, int] = {}
    for summary in store.list_assessments(organisation=this.organisation, unit=this.unit):
        if summary.status != "complete" or summary.period >= this.period:
            continue
        if summary.role == this.respondent.role or summary.period not in by_period:
            by_period[summary.period] = summary.id
    results: list[PeriodResult] = []
    for period, assessment_id in sorted(by_period.items()):
        definitions = store.definitions(assessment_id)
        answers = store.get_assessment(assessment_id).assessment.answers
        results.append(PeriodResult(period, definitions, diagnose(definitions, answers)))
    return results


def report_for(store: Store, id_or_uuid: int | str, generated: date | None = None) -> Report:
    """The report model of a stored assessment, with its history."""
    stored = store.get_assessment(id_or_uuid)
    definitions = store.definitions(id_or_uuid)
    diagnosis = diagnose(definitions, stored.assessment.answers)
    history = earlier_periods(store, id_or_uuid)
    return build_report(stored.assessment, definitions, diagnosis, history, generated=generated)

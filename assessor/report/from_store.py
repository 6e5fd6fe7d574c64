"""Assemble a report from the store: the assessment, its snapshots, and its earlier periods.

"Since last quarter" compares like with like: for each earlier period of the same organisation
and unit it takes the complete assessment of the same respondent role, or else the first one
in role order.
"""

from __future__ import annotations

from datetime import date

from assessor.comparison import choose_source
from assessor.diagnosis import diagnose
from assessor.report.builder import PeriodResult, build_report
from assessor.report.model import Report
from assessor.storage.store import Store


def earlier_periods(store: Store, id_or_uuid: int | str) -> list[PeriodResult]:
    """Diagnoses of the earlier complete periods of the assessment's organisation and unit.

    Of each period's respondents the one of the same role is chosen, as action follow-up and the
    comparison choose (:func:`assessor.comparison.choose_source`).
    """
    this = store.get_assessment(id_or_uuid).assessment
    candidates: dict[str, list[tuple[int, str, str]]] = {}
    for summary in store.list_assessments(organisation=this.organisation, unit=this.unit):
        if summary.status == "complete" and summary.period < this.period:
            entry = (summary.id, summary.role, summary.respondent)
            candidates.setdefault(summary.period, []).append(entry)
    results: list[PeriodResult] = []
    for period in sorted(candidates):
        chosen = choose_source(candidates[period], this.respondent.role)
        assert chosen is not None  # every listed period has at least one candidate
        definitions = store.definitions(chosen)
        earlier = store.get_assessment(chosen).assessment
        diagnosis = diagnose(definitions, earlier.answers, earlier.respondent.role)
        results.append(PeriodResult(period, definitions, diagnosis))
    return results


def report_for(store: Store, id_or_uuid: int | str, generated: date | None = None) -> Report:
    """The report model of a stored assessment, with its history."""
    stored = store.get_assessment(id_or_uuid)
    definitions = store.definitions(id_or_uuid)
    diagnosis = diagnose(definitions, stored.assessment.answers, stored.assessment.respondent.role)
    history = earlier_periods(store, id_or_uuid)
    return build_report(stored.assessment, definitions, diagnosis, history, generated=generated)

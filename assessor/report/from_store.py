"""Assemble a report from the store: the assessment, its snapshots, and its earlier periods.

The change since the previous period compares like with like: for each earlier period of the
same organisation and unit it takes the complete assessment of the same respondent role, or
else the first one in role order. The respondent's follow-up of the previous report's actions
comes with the assessment. The organisation report of a period takes every complete assessment
of that period, and those of the latest complete period before it, with the organisation's
business outcomes up to that period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from assessor.comparison.respondents import RespondentInput
from assessor.comparison.roles import choose_source
from assessor.diagnosis.findings import diagnose
from assessor.errors import AssessorError
from assessor.exchange.exchange_file import Assessment, Respondent, period_problem
from assessor.exchange.outcomes import OutcomeValue
from assessor.report.blocks import shown_name
from assessor.report.builder import PeriodResult, build_report
from assessor.report.model import OrganisationReport, Report
from assessor.report.organisation import build_organisation_report
from assessor.storage.comparisons import comparison_inputs, known_organisation
from assessor.storage.store import Store


def earlier_periods(store: Store, id_or_uuid: int | str) -> list[PeriodResult]:
    """Diagnoses of the earlier complete periods of the assessment's organisation and unit.

    Of each period's respondents the one of the same role is chosen, as action follow-up and the
    comparison choose (:func:`assessor.comparison.roles.choose_source`).
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


def printed_names(assessment: Assessment) -> Assessment:
    """A copy of ``assessment`` whose names print (:func:`~assessor.report.blocks.shown_name`).

    Names are at most 200 characters since that limit came in; one stored before it may be
    far longer, and would otherwise fill pages (or more than a page, in a table's cell).
    """
    return replace(
        assessment,
        organisation=shown_name(assessment.organisation),
        unit=shown_name(assessment.unit),
        respondent=Respondent(shown_name(assessment.respondent.name), assessment.respondent.role),
    )


def _printed(inputs: list[RespondentInput]) -> list[RespondentInput]:
    return [replace(source, assessment=printed_names(source.assessment)) for source in inputs]


def report_for(store: Store, id_or_uuid: int | str, generated: date | None = None) -> Report:
    """The report model of a stored assessment, with its history.

    Refused (:class:`AssessorError`, one line) for an assessment this database collected under a
    confidential invitation: its answers and notes are the respondent's, reported only pooled
    in the organisation report (on the respondent's own computer their report prints).
    """
    stored = store.get_assessment(id_or_uuid)
    if store.is_collected_confidential(stored.assessment.uuid):
        raise AssessorError(
            f"assessment {id_or_uuid} was answered under a confidential invitation: its own "
            "report cannot be printed here; the organisation report shows it pooled with others"
        )
    definitions = store.definitions(id_or_uuid)
    diagnosis = diagnose(definitions, stored.assessment.answers, stored.assessment.respondent.role)
    history = earlier_periods(store, id_or_uuid)
    return build_report(
        printed_names(stored.assessment),
        definitions,
        diagnosis,
        history,
        generated=generated,
        followups=store.followups(stored.id),
    )


@dataclass(frozen=True)
class OrganisationInputs:
    """What the organisation report of one period is built from, read from the store."""

    organisation: str
    unit: str
    period: str
    sources: list[RespondentInput]
    previous: list[RespondentInput]
    #: the business outcomes of the period and before
    outcomes: list[OutcomeValue] = field(default_factory=list)
    #: the invitations of the period not answered yet, in words ("" when none was sent)
    still_out: str = ""


#: How the roles still out read ("still out: sales").
_OUT_NAMES = {"ceo": "chief executive", "marketing": "marketing", "sales": "sales"}


def still_out_line(invited: int, returned: int, roles_out: Sequence[str]) -> str:
    """ "invited 3, returned 2; still out: sales" ("" when nobody was invited)."""
    if invited == 0:
        return ""
    line = f"invited {invited}, returned {returned}"
    if not roles_out:
        return line + "; none still out"
    return line + "; still out: " + ", ".join(_OUT_NAMES.get(r, r) for r in roles_out)


def organisation_inputs(
    store: Store, organisation: str, period: str, unit: str = ""
) -> OrganisationInputs:
    """The complete assessments of the period, and of the complete period before it.

    Raises :class:`AssessorError` (one clear line) for a malformed period, an unknown
    organisation, or a period without a complete assessment.
    """
    problem = period_problem(period.strip())
    if problem:
        raise AssessorError(f"--period: {problem}")
    period = period.strip()
    name = known_organisation(store, organisation)
    unit = unit.strip()
    sources = comparison_inputs(store, name, unit, period, period)
    if not sources:
        where = name + (f" (unit {unit!r})" if unit else "")
        complete = sorted(
            {
                s.period
                for s in store.list_assessments(organisation=name, unit=unit)
                if s.status == "complete"
            }
        )
        known = ", ".join(complete) if complete else "none"
        raise AssessorError(
            f"{where} has no complete assessment in {period} (complete periods: {known})"
        )
    earlier = [
        s.period
        for s in store.list_assessments(organisation=name, unit=unit)
        if s.status == "complete" and s.period < period
    ]
    previous = comparison_inputs(store, name, unit, max(earlier), max(earlier)) if earlier else []
    outcomes = store.outcomes(name, unit, last=period)
    out = store.invitations_out(name, unit, period)
    still_out = still_out_line(out.invited, out.returned, out.roles_out)
    return OrganisationInputs(name, unit, period, sources, previous, outcomes, still_out)


def organisation_report(
    inputs: OrganisationInputs, generated: date | None = None
) -> OrganisationReport:
    """The organisation report of loaded inputs (pure: safe off the GUI thread)."""
    return build_organisation_report(
        _printed(inputs.sources),
        inputs.period,
        _printed(inputs.previous),
        organisation=shown_name(inputs.organisation),
        unit=shown_name(inputs.unit),
        generated=generated,
        outcomes=inputs.outcomes,
        still_out=inputs.still_out,
    )


def organisation_report_for(
    store: Store, organisation: str, period: str, unit: str = "", generated: date | None = None
) -> OrganisationReport:
    """The organisation report of one period, read from the store."""
    return organisation_report(organisation_inputs(store, organisation, period, unit), generated)

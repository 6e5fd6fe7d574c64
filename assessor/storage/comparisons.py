"""Load a comparison from the store: the complete assessments of one organisation and unit,
with its business outcomes over the same periods (:mod:`assessor.comparison.outcomes`).

Used by ``assessor compare``, the History view and the benchmarks. Problems (an unknown
organisation, no complete assessment, a malformed period) are :class:`AssessorError` lines.
"""

from __future__ import annotations

from assessor.comparison.build import build_comparison
from assessor.comparison.model import Comparison
from assessor.comparison.outcomes import with_outcomes
from assessor.comparison.respondents import RespondentInput
from assessor.errors import AssessorError
from assessor.exchange.exchange_file import period_problem
from assessor.questionnaire.metrics import bundled_metrics
from assessor.storage.outcomes import outcome_values
from assessor.storage.store import Store


def known_organisation(store: Store, organisation: str) -> str:
    """The stored spelling of ``organisation`` (matched ignoring case); raises if unknown."""
    wanted = organisation.strip().casefold()
    names = store.organisations()
    for name in names:
        if name.casefold() == wanted:
            return name
    known = "; ".join(names) if names else "none yet (try 'assessor demo')"
    raise AssessorError(f"no organisation named {organisation.strip()!r} (known: {known})")


def check_range(first: str | None, last: str | None) -> None:
    """Raise unless ``first`` and ``last`` are periods (or None) with first <= last."""
    for option, value in (("--from", first), ("--to", last)):
        if value is not None and (problem := period_problem(value)):
            raise AssessorError(f"{option}: {problem}")
    if first is not None and last is not None and first > last:
        raise AssessorError(f"--from {first} is after --to {last}")


def comparison_inputs(
    store: Store,
    organisation: str,
    unit: str = "",
    first: str | None = None,
    last: str | None = None,
) -> list[RespondentInput]:
    """The complete assessments of the organisation and unit within the periods, as inputs
    (each marked confidential when it answers a confidential invitation)."""
    inputs: list[RespondentInput] = []
    for summary in store.list_assessments(organisation=organisation, unit=unit):
        if summary.status != "complete":
            continue
        if (first is not None and summary.period < first) or (
            last is not None and summary.period > last
        ):
            continue
        stored = store.get_assessment(summary.id)
        inputs.append(
            RespondentInput(
                assessment=stored.assessment,
                definitions=store.definitions(summary.id),
                assessment_id=summary.id,
                followups=store.followups(summary.id),
                confidential=store.is_confidential(stored.assessment.uuid),
            )
        )
    return inputs


def comparison_for(
    store: Store,
    organisation: str,
    unit: str = "",
    first: str | None = None,
    last: str | None = None,
) -> Comparison:
    """The comparison of an organisation (and unit) over the periods ``first``..``last``, with
    the outcomes of those periods."""
    check_range(first, last)
    name = known_organisation(store, organisation)
    unit = unit.strip()
    inputs = comparison_inputs(store, name, unit, first, last)
    if not inputs:
        where = name + (f" (unit {unit!r})" if unit else "")
        span = ""
        if first or last:
            span = f" between {first or 'the start'} and {last or 'now'}"
        raise AssessorError(f"{where} has no complete assessment{span} to compare")
    comparison = build_comparison(inputs, name, unit)
    values = outcome_values(store, name, unit, first, last)
    return with_outcomes(comparison, values, bundled_metrics()) if values else comparison

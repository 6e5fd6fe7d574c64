"""Build a comparison across quarters and across respondents: "did what we changed work?" and
"do marketing and sales see the same company?".

:func:`build_comparison` takes the complete assessments of one organisation (and unit), each
with the questionnaire definitions it was answered against
(:class:`~assessor.comparison.respondents.RespondentInput`), and returns a
:class:`~assessor.comparison.model.Comparison`: plain data for the History view, the comparison
PDF and ``assessor compare --json`` (:mod:`assessor.comparison.json_form`). Pure: no storage, no
reportlab, no Qt.

The respondents of each period are listed in role order, then by name. The rules live with the
parts they build:

- each period's organisation view, findings and perception gaps:
  :mod:`assessor.comparison.period_view`;
- the series per index and dimension, with changes and trends: :mod:`assessor.comparison.trends`;
- what changed between consecutive periods (findings that appeared or resolved, items that moved
  most, version notes): :mod:`assessor.comparison.steps`, and the action follow-up:
  :mod:`assessor.comparison.followup_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.comparison.model import Comparison
from assessor.comparison.period_view import period_view
from assessor.comparison.respondents import (
    ComparedRespondent,
    RespondentInput,
    catalogue,
    compared_respondent,
    period_dimensions,
)
from assessor.comparison.roles import role_order
from assessor.comparison.steps import step
from assessor.comparison.trends import series


def build_comparison(
    inputs: Sequence[RespondentInput], organisation: str = "", unit: str | None = None
) -> Comparison:
    """The comparison of complete assessments of one organisation (and unit).

    ``organisation`` and ``unit`` default to those of the first input. Drafts should not be
    passed (the store's loader only passes complete assessments).
    """
    first = inputs[0].assessment if inputs else None
    name = organisation or (first.organisation if first else "")
    unit_name = unit if unit is not None else (first.unit if first else "")
    by_period: dict[str, list[ComparedRespondent]] = {}
    for source in inputs:
        by_period.setdefault(source.assessment.period, []).append(compared_respondent(source))
    periods = sorted(by_period)
    for respondents in by_period.values():
        respondents.sort(
            key=lambda r: (role_order(r.view.role), r.view.name.casefold(), r.view.assessment_id)
        )
    known = catalogue(periods, by_period)
    views = [period_view(p, by_period[p], known) for p in periods]
    present = [period_dimensions(by_period[p]) for p in periods]

    indices = [
        series(
            "overall",
            "Overall index",
            "",
            None,
            periods,
            [v.overall for v in views],
            [True] * len(views),
        )
    ]
    for questionnaire in known:
        qid = questionnaire.questionnaire_id
        indices.append(
            series(
                qid,
                questionnaire.title,
                qid,
                None,
                periods,
                [v.indices.get(qid) for v in views],
                [qid in p for p in present],
            )
        )
    dimensions = [
        series(
            f"{d.questionnaire_id}/{d.dimension_id}",
            d.title,
            d.questionnaire_id,
            d.dimension_id,
            periods,
            [v.dimensions.get((d.questionnaire_id, d.dimension_id)) for v in views],
            [d.dimension_id in p.get(d.questionnaire_id, set()) for p in present],
        )
        for questionnaire in known
        for d in questionnaire.dimensions
    ]
    steps = [
        step(views[i - 1], views[i], by_period[periods[i - 1]], by_period[periods[i]], known)
        for i in range(1, len(periods))
    ]
    return Comparison(
        organisation=name,
        unit=unit_name,
        periods=tuple(periods),
        questionnaires=known,
        period_views=tuple(views),
        indices=tuple(indices),
        dimensions=tuple(dimensions),
        steps=tuple(steps),
        version_notes=tuple(note for each in steps for note in each.version_notes),
    )

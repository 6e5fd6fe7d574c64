"""One period seen as the organisation: mean scores over its respondents, the findings that
count for the organisation and the perception gaps between roles.

- **Organisation view.** A period's score of a dimension is the mean of its respondents' scores
  (respondents with "not enough answers" are left out); questionnaire indices and the overall
  index are means of those dimension scores, as in :mod:`assessor.diagnosis.scoring`. Every
  respondent stays visible with name and role.
- **Findings.** A finding counts for the organisation in a period when it fired for at least
  half of the period's respondents (ties count: a pattern half the leadership sees is worth
  tracking; one respondent alone is a majority of one).
- **Perception gaps.** Per dimension: each role's score (respondents of one role averaged); the
  gap is the highest minus the lowest; :data:`~assessor.comparison.model.GAP_THRESHOLD` points
  or more is flagged as a finding "Marketing and sales see … differently".
- **Noise.** How far one respondent moving one answer one step moves a dimension of the
  organisation (:mod:`assessor.comparison.noise`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assessor.comparison.model import (
    DimensionKey,
    OrganisationFinding,
    PerceptionGap,
    PeriodView,
    QuestionnaireInfo,
)
from assessor.comparison.noise import one_step_change
from assessor.comparison.respondents import ComparedRespondent, period_dimensions
from assessor.comparison.roles import role_order


def _mean(values: Iterable[float | None]) -> float | None:
    listed = [v for v in values if v is not None]
    return round(sum(listed) / len(listed), 9) if listed else None


def perception_gaps(
    respondents: Sequence[ComparedRespondent], catalogue: Sequence[QuestionnaireInfo]
) -> tuple[PerceptionGap, ...]:
    """The gap between the roles of each dimension that at least two roles score."""
    gaps: list[PerceptionGap] = []
    for questionnaire in catalogue:
        for dimension in questionnaire.dimensions:
            key = (dimension.questionnaire_id, dimension.dimension_id)
            by_role: dict[str, list[float]] = {}
            for respondent in respondents:
                score = respondent.view.dimensions.get(key)
                if score is not None:
                    by_role.setdefault(respondent.view.role, []).append(score)
            if len(by_role) < 2:
                continue
            scores = tuple(
                (role, sum(values) / len(values))
                for role, values in sorted(by_role.items(), key=lambda kv: role_order(kv[0]))
            )
            high = max(scores, key=lambda rs: rs[1])
            low = min(scores, key=lambda rs: rs[1])
            gaps.append(
                PerceptionGap(
                    questionnaire_id=key[0],
                    dimension_id=key[1],
                    title=dimension.title,
                    scores=scores,
                    gap=high[1] - low[1],
                    high_role=high[0],
                    low_role=low[0],
                )
            )
    return tuple(gaps)


def organisation_findings(
    respondents: Sequence[ComparedRespondent],
) -> tuple[OrganisationFinding, ...]:
    """The findings that fired for at least half of the respondents, in the order first seen."""
    counts: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], OrganisationFinding] = {}
    total = len(respondents)
    for respondent in respondents:
        for result in respondent.diagnosis.fired:
            key = (result.questionnaire_id, result.finding.id)
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(
                key,
                OrganisationFinding(
                    key[0],
                    key[1],
                    result.finding.title,
                    result.finding.severity,
                    result.finding.positive,
                    0,
                    total,
                ),
            )
    return tuple(
        OrganisationFinding(
            f.questionnaire_id, f.finding_id, f.title, f.severity, f.positive, counts[key], total
        )
        for key, f in first.items()
        if 2 * counts[key] >= total
    )


def period_view(
    period: str,
    respondents: Sequence[ComparedRespondent],
    catalogue: Sequence[QuestionnaireInfo],
) -> PeriodView:
    """The organisation view of one period's respondents (dimensions of the catalogue order)."""
    present = period_dimensions(respondents)
    dimensions: dict[DimensionKey, float | None] = {}
    indices: dict[str, float | None] = {}
    for questionnaire in catalogue:
        qid = questionnaire.questionnaire_id
        if qid not in present:
            continue
        for dimension in questionnaire.dimensions:
            if dimension.dimension_id not in present[qid]:
                continue
            key = (qid, dimension.dimension_id)
            dimensions[key] = _mean(r.view.dimensions.get(key) for r in respondents)
        indices[qid] = _mean(score for (q, _), score in dimensions.items() if q == qid)
    return PeriodView(
        period=period,
        respondents=tuple(r.view for r in respondents),
        overall=_mean(dimensions.values()),
        indices=indices,
        dimensions=dimensions,
        findings=organisation_findings(respondents),
        gaps=perception_gaps(respondents, catalogue),
        one_step=one_step_change(respondents),
    )

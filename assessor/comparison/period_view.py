"""One period seen as the organisation: mean scores over its respondents, the findings that
count for the organisation and the perception gaps between roles.

- **Organisation view.** A period's score of a dimension is the mean of its respondents' scores
  (respondents with "not enough answers" are left out); questionnaire indices and the overall
  index are means of those dimension scores, as in :mod:`assessor.diagnosis.scoring`. Every
  respondent stays visible with name and role (unless answers are confidential, below).
- **Findings.** A finding counts for the organisation in a period when it fired for at least
  half of the period's respondents (ties count: a pattern half the leadership sees is worth
  tracking; one respondent alone is a majority of one).
- **Perception gaps.** Per dimension: each role's score (respondents of one role averaged) on
  the items asked of every role only (:mod:`assessor.comparison.shared_items`), so that roles
  are compared on the same questions; the gap is the highest minus the lowest;
  :data:`~assessor.comparison.model.GAP_THRESHOLD` points or more is flagged as a finding
  "Marketing and sales see … differently".
- **Disputed facts.** Fact items answered differently, as counts
  (:mod:`assessor.comparison.disputes`).
- **Confidential answers.** When any respondent answered under a confidential invitation, the
  period's respondents are pooled groups of at least three, without names, and the gaps are
  between those groups (:mod:`assessor.comparison.pooling`).
- **Noise.** How far one respondent moving one answer one step moves a dimension of the
  organisation (:mod:`assessor.comparison.noise`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from assessor.comparison.disputes import disputed_facts
from assessor.comparison.model import (
    DimensionKey,
    OrganisationFinding,
    PerceptionGap,
    PeriodView,
    QuestionnaireInfo,
)
from assessor.comparison.noise import one_step_change
from assessor.comparison.pooling import pooled_views
from assessor.comparison.respondents import ComparedRespondent, period_dimensions
from assessor.comparison.roles import role_order


def _mean(values: Iterable[float | None]) -> float | None:
    listed = [v for v in values if v is not None]
    return round(sum(listed) / len(listed), 9) if listed else None


def perception_gaps(
    respondents: Sequence[ComparedRespondent],
    catalogue: Sequence[QuestionnaireInfo],
    groups: Sequence[tuple[str, Sequence[int]]] | None = None,
) -> tuple[PerceptionGap, ...]:
    """The gap between the roles of each dimension that at least two roles score, on the
    items asked of every role (each respondent's shared scores).

    ``groups`` (key, indices into ``respondents``) replace the roles when given (pooled
    confidential groups).
    """
    if groups is None:
        by_key: dict[str, list[int]] = {}
        for index, respondent in enumerate(respondents):
            by_key.setdefault(respondent.view.role, []).append(index)
        groups = list(by_key.items())
    gaps: list[PerceptionGap] = []
    for questionnaire in catalogue:
        for dimension in questionnaire.dimensions:
            key = (dimension.questionnaire_id, dimension.dimension_id)
            by_role: dict[str, list[float]] = {}
            for group, members in groups:
                for index in members:
                    score = respondents[index].shared.get(key)
                    if score is not None:
                        by_role.setdefault(group, []).append(score)
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
                    result.finding.kind,
                    result.finding.dimension,
                ),
            )
    return tuple(
        replace(f, fired_for=counts[key]) for key, f in first.items() if 2 * counts[key] >= total
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
    confidential = any(r.source.confidential for r in respondents)
    shown = tuple(r.view for r in respondents)
    gaps = perception_gaps(respondents, catalogue)
    if confidential:
        pooled, groups = pooled_views(shown)
        shown = tuple(pooled)
        gaps = perception_gaps(respondents, catalogue, groups) if len(groups) > 1 else ()
    return PeriodView(
        period=period,
        respondents=shown,
        overall=_mean(dimensions.values()),
        indices=indices,
        dimensions=dimensions,
        findings=organisation_findings(respondents),
        gaps=gaps,
        one_step=one_step_change(respondents),
        disputes=disputed_facts(respondents),
        confidential=confidential,
    )

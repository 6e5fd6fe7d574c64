"""Build the organisation report: one period, every complete respondent, one diagnosis.

Pure data in, pure data out (no storage, no reportlab). The rules:

- **Scores** are the comparison's (:func:`assessor.comparison.build.build_comparison`): a
  dimension's
  score is the mean of its respondents' scores, the indices are means of those, and the
  perception gaps are the comparison's (highest role minus lowest; flagged from
  :data:`assessor.comparison.model.GAP_THRESHOLD` points). With the previous period's respondents
  given, the change since then and the chart's ticks come from the same comparison.
- **Findings** are every finding that fired for any respondent, once each, marked by whom:
  "seen by all", "seen by most (2 of 3: …)" or "seen by one: …". A finding fired for at least
  half of the respondents (the comparison's rule) comes before those fired for fewer; then
  the more severe first.
- **Actions** are every respondent's planned actions merged by text; each is ranked again on the
  organisation's scores (importance × (100 − the organisation's score of the dimension it acts
  on)), actions in the plans of at least half of the respondents first. The respondents'
  follow-up of the previous period's actions applies (:mod:`.actions`): an action done is not
  proposed again, an open one is carried over. No action is invented for a dimension no
  action covers.
- **Business outcomes** entered for the period, beside those of the last period before it
  (:mod:`.outcomes_view`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from assessor.comparison.build import build_comparison
from assessor.comparison.followup import action_key
from assessor.comparison.model import GAP_THRESHOLD, Comparison, PeriodView
from assessor.comparison.respondents import RespondentInput
from assessor.comparison.roles import role_order
from assessor.diagnosis.answers import describe_answer
from assessor.diagnosis.findings import (
    BLOCKS_POSITIVE,
    SEVERITY_ORDER,
    FindingResult,
    PlannedAction,
    diagnose,
)
from assessor.diagnosis.scores import OVERALL_BANDS, band_for
from assessor.exchange.outcomes import OutcomeValue
from assessor.questionnaire.model import Questionnaire
from assessor.report.actions import carry_over, followed_actions
from assessor.report.builder import (
    ROLE_LABELS,
    DimensionFigures,
    action_view,
    finding_view,
    method_view,
    questionnaire_view_of,
    score_view,
    stand_view,
)
from assessor.report.model import (
    ActionView,
    DisputeView,
    FindingView,
    GapView,
    OrganisationReport,
    QuestionnaireView,
    RespondentColumn,
    SideBySideRow,
)
from assessor.report.outcomes_view import outcomes_view
from assessor.report.summary import plan_view, summary_view

TITLE = "Organisation report"
#: The gap used when neither the action's dimension nor its questionnaire has a score.
DEFAULT_GAP = 50.0


def _diagnosed(source: RespondentInput) -> RespondentInput:
    if source.diagnosis is not None:
        return source
    assessment = source.assessment
    diagnosis = diagnose(source.definitions, assessment.answers, assessment.respondent.role)
    return replace(source, diagnosis=diagnosis)


def _who(source: RespondentInput) -> str:
    respondent = source.assessment.respondent
    return f"{respondent.name} ({ROLE_LABELS.get(respondent.role, respondent.role)})"


def seen_by(who: Sequence[str], total: int, *, confidential: bool = False) -> str:
    """ "seen by all 3", "seen by most (2 of 3: …)", "seen by one: …" ("" for one respondent).

    ``confidential``: counts only ("seen by 2 of 3 respondents"), never who.
    """
    count = len(who)
    if total <= 1:
        return ""
    if count == total:
        return "seen by both respondents" if total == 2 else f"seen by all {total} respondents"
    if confidential:
        return f"seen by {count} of {total} respondents"
    if count == 1:
        return f"seen by one: {who[0]}"
    share = "most" if 2 * count > total else "half"
    return f"seen by {share} ({count} of {total}: {', '.join(who)})"


def _definitions(
    sources: Sequence[RespondentInput], comparison: Comparison
) -> dict[str, Questionnaire]:
    """Per questionnaire of the comparison (in its order), the newest version answered."""
    found: dict[str, Questionnaire] = {}
    for source in sources:
        for qid, questionnaire in source.definitions.items():
            if qid not in found or questionnaire.version > found[qid].version:
                found[qid] = questionnaire
    return {
        q.questionnaire_id: found[q.questionnaire_id]
        for q in comparison.questionnaires
        if q.questionnaire_id in found
    }


def _questionnaire_views(
    definitions: Mapping[str, Questionnaire],
    view: PeriodView,
    sources: Sequence[RespondentInput],
    previous: PeriodView | None,
) -> list[QuestionnaireView]:
    views: list[QuestionnaireView] = []
    earlier = dict(previous.dimensions) if previous is not None else {}
    for qid, questionnaire in definitions.items():
        if qid not in view.indices:
            continue
        figures: dict[str, DimensionFigures] = {}
        for dimension in questionnaire.dimensions:
            key = (qid, dimension.id)
            if key not in view.dimensions:
                continue
            scored = [
                found
                for source in sources
                if source.diagnosis is not None
                and (found := source.diagnosis.scores.dimension(qid, dimension.id)) is not None
            ]
            figures[dimension.id] = DimensionFigures(
                score=view.dimensions[key],
                coverage=sum(d.coverage for d in scored) / len(scored) if scored else 0.0,
                answered=sum(d.answered for d in scored),
                dont_know=sum(d.dont_know for d in scored),
                total=sum(d.total for d in scored),
            )
        views.append(questionnaire_view_of(questionnaire, view.indices[qid], figures, earlier))
    return views


@dataclass
class _Fired:
    """A finding while merging: the first result, who it fired for and what they answered."""

    source: RespondentInput
    result: FindingResult
    who: list[str] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)


def _counted(answers: Sequence[str]) -> str:
    """Answers as counts, most given first: "2 of 3: Agree (4 of 5); 1 of 3: Disagree"."""
    counts: dict[str, int] = {}
    for answer in answers:
        counts[answer] = counts.get(answer, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    return "; ".join(f"{n} of {len(answers)}: {answer}" for answer, n in ordered)


def _findings(
    sources: Sequence[RespondentInput],
    views: Mapping[str, QuestionnaireView],
    confidential: bool = False,
) -> list[FindingView]:
    merged: dict[tuple[str, str], _Fired] = {}
    for source in sources:
        assert source.diagnosis is not None
        for result in source.diagnosis.fired:
            key = (result.questionnaire_id, result.finding.id)
            entry = merged.setdefault(key, _Fired(source, result))
            entry.who.append(_who(source))
            item_id = result.finding.item
            questionnaire = source.definitions.get(result.questionnaire_id)
            given = source.assessment.answers.get(result.questionnaire_id, {})
            if item_id is not None and questionnaire is not None and item_id in given:
                try:
                    item = questionnaire.item(item_id)
                except KeyError:
                    continue
                entry.answers.append(
                    (source.assessment.respondent.name, describe_answer(item, given[item_id]))
                )
    total = len(sources)
    ordered = sorted(
        merged.values(),
        key=lambda e: (
            2 * len(e.who) < total,
            SEVERITY_ORDER.index(e.result.finding.severity),
            -len(e.who),
        ),
    )
    findings: list[FindingView] = []
    for entry in ordered:
        view = finding_view(
            entry.result,
            entry.source.definitions,
            views,
            entry.source.assessment.answers,
            seen_by=seen_by(entry.who, total, confidential=confidential),
            majority=2 * len(entry.who) >= total,
        )
        distinct = {answer for _, answer in entry.answers}
        if len(distinct) > 1:
            flagged = (
                _counted([a for _, a in entry.answers])
                if confidential
                else "; ".join(f"{name}: {a}" for name, a in entry.answers)
            )
            view = replace(view, flagged_answer=flagged)
        findings.append(view)
    return findings


def _for_summary(findings: Sequence[FindingView]) -> list[FindingView]:
    """The findings the summary may name: a healthy pattern only when most saw it and no
    negative pattern of medium or higher severity was seen by most (as the engine rules for
    one respondent)."""
    blocked = any(not f.positive and f.majority and f.severity in BLOCKS_POSITIVE for f in findings)
    return [f for f in findings if not (f.positive and (blocked or not f.majority))]


def _organisation_gap(view: PeriodView, action: PlannedAction) -> float:
    qid, did = action.questionnaire_id, action.dimension_id
    score = view.dimensions.get((qid, did)) if did is not None else None
    if score is None:
        score = view.indices.get(qid)
    return DEFAULT_GAP if score is None else 100.0 - score


def _actions(sources: Sequence[RespondentInput], view: PeriodView) -> list[ActionView]:
    merged: dict[str, tuple[RespondentInput, PlannedAction, list[str]]] = {}
    for source in sources:
        assert source.diagnosis is not None
        for action in source.diagnosis.actions:
            entry = merged.setdefault(action_key(action.text), (source, action, []))
            if source.assessment.respondent.name not in entry[2]:
                entry[2].append(source.assessment.respondent.name)
    total = len(sources)
    ranked = sorted(
        merged.values(),
        key=lambda e: (2 * len(e[2]) < total, -e[1].importance * _organisation_gap(view, e[1])),
    )
    return [
        action_view(
            rank,
            action,
            source.definitions,
            seen_by=f"{len(who)} of {total}" if total > 1 else "",
            priority=action.importance * _organisation_gap(view, action),
        )
        for rank, (source, action, who) in enumerate(ranked, start=1)
    ]


def _side_by_side(
    comparison: Comparison, view: PeriodView, sources: Sequence[RespondentInput]
) -> list[SideBySideRow]:
    people = view.respondents
    # every respondent's own score of each dimension (None: not enough answers there)
    scores: dict[tuple[str, str], list[float | None]] = {}
    for source in sources:
        assert source.diagnosis is not None
        for qid, scored_q in source.diagnosis.scores.questionnaires.items():
            for did, scored_d in scored_q.dimensions.items():
                scores.setdefault((qid, did), []).append(scored_d.score)
    gaps = {(g.questionnaire_id, g.dimension_id): g for g in view.gaps}
    rows: list[SideBySideRow] = []
    for questionnaire in comparison.questionnaires:
        qid = questionnaire.questionnaire_id
        if qid not in view.indices:
            continue
        rows.append(
            SideBySideRow(
                label=questionnaire.title,
                is_index=True,
                organisation=view.indices[qid],
                scores=tuple(r.indices.get(qid) for r in people),
            )
        )
        for dimension in questionnaire.dimensions:
            key = (qid, dimension.dimension_id)
            if key not in view.dimensions:
                continue
            gap = gaps.get(key)
            scored = sum(1 for score in scores.get(key, []) if score is not None)
            total = len(scores.get(key, []))
            rows.append(
                SideBySideRow(
                    label=dimension.title,
                    is_index=False,
                    organisation=view.dimensions[key],
                    scores=tuple(r.dimensions.get(key) for r in people),
                    gap=gap.printed_gap if gap is not None else None,
                    flagged=gap is not None and gap.flagged,
                    based_on=f"{scored} of {total}" if 0 < scored < total else "",
                )
            )
    return rows


def build_organisation_report(
    sources: Sequence[RespondentInput],
    period: str,
    previous: Sequence[RespondentInput] = (),
    *,
    organisation: str = "",
    unit: str | None = None,
    generated: date | None = None,
    outcomes: Sequence[OutcomeValue] = (),
    still_out: str = "",
) -> OrganisationReport:
    """The organisation report of ``period`` from its complete assessments (``sources``).

    ``previous`` are the complete assessments of the period before, for the change since
    then; they may be empty. ``outcomes`` are the organisation's business outcome values (those
    of ``period`` and the last period before it are shown); ``still_out`` says which
    invitations have not come back. When any respondent answered under a confidential
    invitation the report names nobody: groups of at least 3 and counts only. Raises
    ValueError when no source is of ``period``.
    """
    current = [_diagnosed(s) for s in sources if s.assessment.period == period]
    if not current:
        raise ValueError(f"no assessment of {period} to report on")
    earlier = [_diagnosed(s) for s in previous if s.assessment.period < period]
    comparison = build_comparison([*earlier, *current], organisation, unit)
    view = comparison.period(period)
    before = comparison.period_views[-2] if len(comparison.period_views) > 1 else None
    # The comparison sorts respondents by role and name; the report keeps that order.
    order = {r.assessment_id: i for i, r in enumerate(view.respondents)}
    current.sort(
        key=lambda s: (
            order.get(s.assessment_id, len(order)),
            s.assessment.respondent.name.casefold(),
        )
    )
    definitions = _definitions(current, comparison)
    questionnaires = _questionnaire_views(definitions, view, current, before)
    views = {q.questionnaire_id: q for q in questionnaires}
    findings = _findings(current, views, view.confidential)
    followed = followed_actions([f for source in current for f in source.followups])
    actions, done = carry_over(_actions(current, view), followed, definitions, questionnaires)
    overall = score_view(
        "Overall index",
        view.overall,
        None if view.overall is None else band_for(OVERALL_BANDS, view.overall),
        OVERALL_BANDS,
    )
    stand = stand_view(
        overall,
        [q.result for q in questionnaires],
        before.period if before is not None else "",
        before.overall if before is not None else None,
    )
    day = generated or date.today()
    return OrganisationReport(
        title=TITLE,
        organisation=comparison.organisation,
        unit=comparison.unit,
        period=period,
        generated=f"{day.day} {day:%B %Y}",
        respondents=tuple(
            RespondentColumn(r.name, r.role_label, r.overall) for r in view.respondents
        ),
        overall=overall,
        questionnaires=tuple(questionnaires),
        findings=tuple(findings),
        actions=tuple(actions),
        side_by_side=tuple(_side_by_side(comparison, view, current)),
        gaps=tuple(
            GapView(g.finding_title, g.detail, g.gap, g.flagged)
            for g in sorted(view.gaps, key=lambda g: -g.gap)
        ),
        gap_threshold=GAP_THRESHOLD,
        band_legend=tuple(band.label for band in sorted(OVERALL_BANDS, key=lambda b: b.min)),
        summary=summary_view(stand, questionnaires, _for_summary(findings), actions, followed),
        plan=plan_view(actions, done, followed[0].period if followed else ""),
        method=method_view(definitions, list(definitions)),
        versions=tuple(f"{q.title} (version {q.version})" for q in definitions.values()),
        previous_period=before.period if before is not None else "",
        version_notes=comparison.version_notes,
        outcomes=outcomes_view(outcomes, period),
        confidential=view.confidential,
        team=team_line(current),
        disputes=tuple(DisputeView(d.text, d.dimension_title, d.counts) for d in view.disputes),
        still_out=still_out,
    )


def team_line(sources: Sequence[RespondentInput]) -> str:
    """Who answered by role and count, in role order: "1 chief executive, 2 sales leads"."""
    counts: dict[str, int] = {}
    for source in sources:
        given = source.assessment.respondent.role
        counts[given] = counts.get(given, 0) + 1
    parts = []
    for role in sorted(counts, key=role_order):
        label = ROLE_LABELS.get(role, role)
        label = label[:1].lower() + label[1:]
        parts.append(f"{counts[role]} {label}{'s' if counts[role] != 1 else ''}")
    return ", ".join(parts)

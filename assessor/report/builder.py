"""Build the report model from an assessment, its questionnaire definitions and its diagnosis.

Pure data in, pure data out: no reportlab here, so the same model can feed the PDF, the app's
results view and tests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessor.comparison.followup import FollowUp
from assessor.diagnosis.answers import describe_answer
from assessor.diagnosis.figures import points_text, printed
from assessor.diagnosis.findings import Diagnosis, FindingResult, PlannedAction
from assessor.diagnosis.scores import OVERALL_BANDS, AssessmentScore, Context, band_for
from assessor.diagnosis.visibility import visible_items
from assessor.exchange.exchange_file import Assessment
from assessor.questionnaire.catalogue import DEFAULT_ORDER
from assessor.questionnaire.model import Band, Questionnaire, aims_at
from assessor.report.actions import authored_action, carry_over, followed_actions
from assessor.report.model import (
    ActionView,
    AnswerView,
    AppendixSection,
    DimensionView,
    FindingView,
    MethodView,
    QuestionnaireView,
    Report,
    ScoreView,
    SinceLastView,
    StandView,
)
from assessor.report.summary import (
    consequence_of,
    plan_view,
    stage_text,
    summary_view,
)

ROLE_LABELS = {
    "ceo": "Chief executive",
    "marketing": "Marketing lead",
    "sales": "Sales lead",
    "other": "Other role",
}
#: Share of "don't know" among a questionnaire's answers above which the report warns.
DONT_KNOW_WARNING = 0.3


@dataclass(frozen=True)
class PeriodResult:
    """An earlier period's diagnosis: the chart's ticks, and what is new and resolved since."""

    period: str
    definitions: Mapping[str, Questionnaire]
    diagnosis: Diagnosis


def _band_index(bands: Sequence[Band], band: Band | None) -> int:
    ordered = sorted(bands, key=lambda b: b.min)
    return ordered.index(band) if band is not None and band in ordered else -1


def score_view(
    label: str,
    score: float | None,
    band: Band | None,
    bands: Sequence[Band],
    coverage: float = 1,
    meaning: str | None = None,
) -> ScoreView:
    """A score with its band; ``meaning`` (a dimension's own) replaces the band's meaning."""
    return ScoreView(
        label=label,
        score=score,
        band=band.label if band else "",
        meaning=(meaning or band.meaning) if band else "",
        band_index=_band_index(bands, band),
        coverage=coverage,
    )


#: (questionnaire id, dimension id) -> score
DimensionScores = Mapping[tuple[str, str], float | None]


@dataclass(frozen=True)
class DimensionFigures:
    """What a dimension view is made of: its score, coverage and answer counts."""

    score: float | None
    coverage: float = 0.0
    answered: int = 0
    dont_know: int = 0
    total: int = 0


def questionnaire_view_of(
    questionnaire: Questionnaire,
    index: float | None,
    figures: Mapping[str, DimensionFigures],
    previous: DimensionScores | None = None,
) -> QuestionnaireView:
    """A questionnaire's view from its index and each dimension's figures (absent: no score).

    The band of every score comes from the questionnaire's bands; a dimension's meaning is its
    own for that score where the file authors one, else the band's.
    """
    dimensions: list[DimensionView] = []
    for dimension in questionnaire.dimensions:
        found = figures.get(dimension.id, DimensionFigures(None))
        score = found.score
        dimensions.append(
            DimensionView(
                questionnaire_id=questionnaire.id,
                dimension_id=dimension.id,
                title=dimension.title,
                description=dimension.description,
                result=score_view(
                    dimension.title,
                    score,
                    band_for(questionnaire.bands, score) if score is not None else None,
                    questionnaire.bands,
                    found.coverage,
                    dimension.meaning_for(printed(score)) if score is not None else None,
                ),
                answered=found.answered,
                dont_know=found.dont_know,
                total=found.total,
                previous=(previous or {}).get((questionnaire.id, dimension.id)),
                consequence=" ".join(dimension.consequence.split()),
            )
        )
    return QuestionnaireView(
        questionnaire_id=questionnaire.id,
        title=questionnaire.title,
        version=questionnaire.version,
        description=" ".join(questionnaire.description.split()),
        result=score_view(
            questionnaire.title,
            index,
            band_for(questionnaire.bands, index) if index is not None else None,
            questionnaire.bands,
        ),
        dimensions=tuple(dimensions),
        sources=tuple(_cite(s.title, s.date) for s in questionnaire.sources),
        band_names=tuple(b.label for b in sorted(questionnaire.bands, key=lambda b: b.min)),
    )


def questionnaire_view(
    questionnaire: Questionnaire,
    scores: AssessmentScore,
    previous: DimensionScores | None = None,
) -> QuestionnaireView:
    """One questionnaire's index and dimensions; ``previous`` holds last period's scores."""
    result = scores.questionnaires.get(questionnaire.id)
    figures = {
        did: DimensionFigures(dim.score, dim.coverage, dim.answered, dim.dont_know, dim.total)
        for did, dim in (result.dimensions.items() if result else ())
    }
    return questionnaire_view_of(questionnaire, result.score if result else None, figures, previous)


def _cite(title: str, published: str) -> str:
    return f"“{title}” ({published})" if published else f"“{title}”"


def finding_view(
    result: FindingResult,
    definitions: Mapping[str, Questionnaire],
    views: Mapping[str, QuestionnaireView],
    answers: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    seen_by: str = "",
    majority: bool = True,
) -> FindingView:
    """A fired finding as the reader sees it: kind, basis, consequence and the evidence.

    ``views`` are the questionnaire views whose dimension scores size the finding;
    ``answers`` (the respondent's) give a flag the answer that raised it.
    """
    qid = result.questionnaire_id
    finding = result.finding
    questionnaire = definitions[qid]
    view = views.get(qid)
    dimension = None
    if view is not None and finding.dimension is not None:
        dimension = next((d for d in view.dimensions if d.dimension_id == finding.dimension), None)
    evidence = ""
    if dimension is not None and dimension.result.score is not None:
        evidence = f"{dimension.title} {points_text(dimension.result.score)}"
    flagged_item = flagged_answer = ""
    if finding.item is not None:
        try:
            item = questionnaire.item(finding.item)
        except KeyError:
            item = None
        if item is not None:
            flagged_item = item.text
            given = (answers or {}).get(qid, {}).get(item.id)
            flagged_answer = describe_answer(item, given) if given is not None else ""
    return FindingView(
        questionnaire_id=qid,
        finding_id=finding.id,
        questionnaire_title=questionnaire.title,
        title=finding.title,
        severity=finding.severity,
        explanation=" ".join(finding.explanation.split()),
        actions=tuple(finding.action_texts),
        sources=tuple(
            _cite(source.title, source.date)
            for source_id in finding.sources
            for source in questionnaire.sources
            if source.id == source_id
        ),
        positive=finding.positive,
        kind=finding.kind,
        basis=finding.basis or "",
        consequence=consequence_of(finding.consequence, dimension, qid),
        flagged_item=flagged_item,
        flagged_answer=flagged_answer,
        evidence=evidence,
        seen_by=seen_by,
        majority=majority,
        dimension_id=finding.dimension,
    )


def action_view(
    rank: int,
    action: PlannedAction,
    definitions: Mapping[str, Questionnaire],
    *,
    seen_by: str = "",
    priority: float | None = None,
) -> ActionView:
    """One planned action with who, when, how much work, how to tell it is done and what it
    answers."""
    questionnaire = definitions.get(action.questionnaire_id)
    titles = {f.id: f.title for f in questionnaire.findings} if questionnaire else {}
    authored = authored_action(definitions, action.questionnaire_id, action.text)
    return ActionView(
        rank=rank,
        text=action.text,
        priority=action.priority if priority is None else priority,
        aims_at=aims_at(definitions, action.questionnaire_id, action.dimension_id),
        owner=action.owner,
        horizon=action.horizon,
        done_when=action.done_when,
        answers=tuple(titles.get(fid, fid) for fid in action.finding_ids),
        effort=authored[1].effort if authored is not None else None,
        seen_by=seen_by,
        questionnaire_id=action.questionnaire_id,
        dimension_id=action.dimension_id,
        finding_ids=action.finding_ids,
    )


def method_view(definitions: Mapping[str, Questionnaire], order: Sequence[str]) -> MethodView:
    """What the method page states: sources, coverage threshold, how much rests on articles."""
    sources: dict[str, None] = {}
    items = [item for qid in order for item in definitions[qid].items if item.scored]
    findings = [finding for qid in order for finding in definitions[qid].findings]
    for qid in order:
        for source in definitions[qid].sources:
            sources.setdefault(_cite(source.title, source.date), None)
    return MethodView(
        sources=tuple(sources),
        min_coverage=min((definitions[qid].min_coverage for qid in order), default=0.6),
        items_on_articles=sum(item.basis == "article" for item in items),
        items_on_practice=sum(item.basis == "practice" for item in items),
        items_unmarked=sum(item.basis is None for item in items),
        findings_on_articles=sum(finding.basis == "article" for finding in findings),
        findings_on_practice=sum(finding.basis == "practice" for finding in findings),
        findings_unmarked=sum(finding.basis is None for finding in findings),
        bands=tuple((band.label, band.min, band.max) for band in OVERALL_BANDS),
        questionnaires=tuple(
            (
                f"{definitions[qid].title} (version {definitions[qid].version})",
                first_sentence(definitions[qid].description),
            )
            for qid in order
        ),
        bundled=any(qid in DEFAULT_ORDER for qid in order),
    )


def first_sentence(text: str) -> str:
    """The first sentence of a description (what a questionnaire asks), spacing normalised."""
    words = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(?:\s|$)", words)
    return match[1] if match else words


def stand_view(
    overall: ScoreView,
    indices: Sequence[ScoreView],
    previous_period: str = "",
    previous: float | None = None,
) -> StandView:
    """ "Where you stand" for an overall index with its questionnaire indices."""
    names = [band.label for band in sorted(OVERALL_BANDS, key=lambda b: b.min)]
    return StandView(
        overall=overall,
        stage=stage_text(overall.band, overall.band_index, names),
        indices=tuple(indices),
        previous_period=previous_period,
        previous=previous,
    )


def _evidence_warnings(
    questionnaires: Sequence[QuestionnaireView], assessment: Assessment
) -> list[str]:
    warnings: list[str] = []
    for view in questionnaires:
        thin = [d for d in view.dimensions if d.result.score is None]
        for dim in thin:
            warnings.append(
                f"{view.title} — {dim.title}: not enough answers for a score "
                f"({dim.result.coverage:.0%} of its weight answered)."
            )
        answered = sum(d.answered + d.dont_know for d in view.dimensions)
        unknown = sum(d.dont_know for d in view.dimensions)
        if answered and unknown / answered > DONT_KNOW_WARNING:
            warnings.append(
                f"{view.title}: {unknown} of {answered} answers are “don't know”, so its scores "
                "rest on thin evidence; find out before acting on them."
            )
    if assessment.status != "complete":
        warnings.insert(0, "This is a draft: some questions are still unanswered.")
    return warnings


def about_lines(assessment: Assessment, definitions: Mapping[str, Questionnaire]) -> list[str]:
    """The organisation profile's known answers (neither unanswered nor "don't know", and only
    the questions that apply), one line each: ``question — answer``. Plain text."""
    lines: list[str] = []
    context = Context(assessment.respondent.role, definitions, assessment.answers)
    for qid in assessment.questionnaires:
        questionnaire = definitions.get(qid)
        if questionnaire is None or not questionnaire.is_profile:
            continue
        answers = assessment.answers.get(qid, {})
        for item in visible_items(questionnaire, answers, context):
            answer = answers.get(item.id)
            if answer is not None and not answer.dont_know:
                lines.append(f"{item.text} — {describe_answer(item, answer)}")
    return lines


def _appendix(
    assessment: Assessment, definitions: Mapping[str, Questionnaire]
) -> list[AppendixSection]:
    sections: list[AppendixSection] = []
    # Profiles first, as the walk-through asks them.
    listed = [qid for qid in assessment.questionnaires if qid in definitions]
    for questionnaire_id in sorted(listed, key=lambda qid: not definitions[qid].is_profile):
        questionnaire = definitions[questionnaire_id]
        answers = assessment.answers.get(questionnaire_id, {})
        context = Context(assessment.respondent.role, definitions, assessment.answers)
        shown = {item.id for item in visible_items(questionnaire, answers, context)}
        sources = {s.id: s.title for s in questionnaire.sources}
        rows: list[AnswerView] = []
        role = assessment.respondent.role
        # Questions for other roles were never put to this respondent: left out, and counted.
        asked = [item for item in questionnaire.items if item.asks(role)]
        for number, item in enumerate(asked, start=1):
            answer = answers.get(item.id)
            text = (
                describe_answer(item, answer)
                if item.id in shown
                else "Not asked (does not apply after an earlier answer)"
            )
            rows.append(
                AnswerView(
                    number=f"{number}.",
                    text=item.text,
                    answer=text,
                    why=" ".join(item.why.split()),
                    source=sources.get(item.source, item.source),
                    note=answer.note if answer else "",
                    argument=" ".join(item.argument.split()),
                    basis=item.basis or "",
                )
            )
        sections.append(
            AppendixSection(
                title=questionnaire.title,
                answers=tuple(rows),
                other_roles=len(questionnaire.items) - len(asked),
            )
        )
    return sections


def _since_last(
    now: Diagnosis,
    definitions: Mapping[str, Questionnaire],
    history: Sequence[PeriodResult],
    order: Sequence[str],
    this_period: str,
) -> SinceLastView | None:
    """What changed since the previous period: findings new and resolved, version changes.

    Each dimension's change is on the chart (its ``previous`` score)."""
    earlier = [h for h in history if h.period < this_period]
    if not earlier:
        return None
    previous = max(earlier, key=lambda h: h.period)
    fired_now = {(f.questionnaire_id, f.finding.id): f.finding.title for f in now.fired}
    fired_before = {
        (f.questionnaire_id, f.finding.id): f.finding.title for f in previous.diagnosis.fired
    }
    return SinceLastView(
        previous_period=previous.period,
        new_findings=tuple(t for k, t in fired_now.items() if k not in fired_before),
        resolved_findings=tuple(t for k, t in fired_before.items() if k not in fired_now),
        versions_changed=tuple(
            definitions[qid].title
            for qid in order
            if qid in previous.definitions
            and previous.definitions[qid].version != definitions[qid].version
        ),
    )


def _previous(
    history: Sequence[PeriodResult], this_period: str
) -> tuple[PeriodResult | None, dict[tuple[str, str], float | None]]:
    earlier = [h for h in history if h.period < this_period]
    if not earlier:
        return None, {}
    previous = max(earlier, key=lambda h: h.period)
    scores = {
        (qid, did): scored.score
        for qid, q_score in previous.diagnosis.scores.questionnaires.items()
        for did, scored in q_score.dimensions.items()
    }
    return previous, scores


def build_report(
    assessment: Assessment,
    definitions: Mapping[str, Questionnaire],
    diagnosis: Diagnosis,
    history: Sequence[PeriodResult] = (),
    *,
    generated: date | None = None,
    followups: Sequence[FollowUp] = (),
) -> Report:
    """The report model of one assessment; ``history`` holds earlier periods, if any, and
    ``followups`` what the respondent said became of the previous report's actions.

    Profile questionnaires have no scores: they are left out of the indices, the chart and the
    sections, and listed (first) in the appendix of answers.
    """
    answered = [qid for qid in assessment.questionnaires if qid in definitions]
    order = [qid for qid in answered if not definitions[qid].is_profile]
    previous, previous_scores = _previous(history, assessment.period)
    questionnaires = [
        questionnaire_view(definitions[qid], diagnosis.scores, previous_scores) for qid in order
    ]
    views = {view.questionnaire_id: view for view in questionnaires}
    findings = [
        finding_view(result, definitions, views, assessment.answers) for result in diagnosis.fired
    ]
    followed = followed_actions(followups)
    actions, done = carry_over(
        [
            action_view(rank, action, definitions)
            for rank, action in enumerate(diagnosis.actions, start=1)
        ],
        followed,
        definitions,
        questionnaires,
    )
    not_evaluated = tuple(
        result.finding.title for result in diagnosis.findings if result.status == "not-evaluated"
    )
    overall = score_view(
        "Overall index", diagnosis.scores.overall, diagnosis.scores.overall_band, OVERALL_BANDS
    )
    stand = stand_view(
        overall,
        [q.result for q in questionnaires],
        previous.period if previous else "",
        previous.diagnosis.scores.overall if previous else None,
    )
    day = generated or date.today()
    return Report(
        title="Marketing and sales diagnosis",
        organisation=assessment.organisation,
        unit=assessment.unit,
        respondent=assessment.respondent.name,
        role=ROLE_LABELS.get(assessment.respondent.role, assessment.respondent.role),
        period=assessment.period,
        generated=f"{day.day} {day:%B %Y}",
        status=assessment.status,
        versions=tuple(
            f"{definitions[qid].title} (version {definitions[qid].version})" for qid in answered
        ),
        overall=overall,
        questionnaires=tuple(questionnaires),
        findings=tuple(findings),
        actions=tuple(actions),
        evidence_warnings=tuple(_evidence_warnings(questionnaires, assessment)),
        band_legend=tuple(band.label for band in sorted(OVERALL_BANDS, key=lambda b: b.min)),
        appendix=tuple(_appendix(assessment, definitions)),
        about=tuple(about_lines(assessment, definitions)),
        summary=summary_view(stand, questionnaires, findings, actions, followed),
        plan=plan_view(actions, done, followed[0].period if followed else ""),
        method=method_view(definitions, order),
        since_last=_since_last(diagnosis, definitions, history, order, assessment.period),
        not_evaluated=not_evaluated,
        cautions=tuple(caution.text for caution in diagnosis.cautions),
    )

"""Build the report model from an assessment, its questionnaire definitions and its diagnosis.

Pure data in, pure data out: no reportlab here, so the same model can feed the PDF, the app's
results view and tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from assessor.answers import describe_answer
from assessor.diagnosis import Diagnosis
from assessor.exchange import Assessment
from assessor.model import Band, Questionnaire
from assessor.report.model import (
    ActionView,
    AnswerView,
    AppendixSection,
    DeltaView,
    DimensionView,
    FindingView,
    QuestionnaireView,
    Report,
    ScoreView,
    SinceLastView,
    TrendPoint,
)
from assessor.scoring import OVERALL_BANDS, AssessmentScore, Context, visible_items

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
    """An earlier period's diagnosis, for "since last quarter" and the trend table."""

    period: str
    definitions: Mapping[str, Questionnaire]
    diagnosis: Diagnosis


def _band_index(bands: Sequence[Band], band: Band | None) -> int:
    ordered = sorted(bands, key=lambda b: b.min)
    return ordered.index(band) if band is not None and band in ordered else -1


def _score_view(
    label: str, score: float | None, band: Band | None, bands: Sequence[Band], coverage: float = 1
) -> ScoreView:
    return ScoreView(
        label=label,
        score=score,
        band=band.label if band else "",
        meaning=band.meaning if band else "",
        band_index=_band_index(bands, band),
        coverage=coverage,
    )


def _questionnaire_view(questionnaire: Questionnaire, scores: AssessmentScore) -> QuestionnaireView:
    result = scores.questionnaires.get(questionnaire.id)
    dimensions: list[DimensionView] = []
    for dimension in questionnaire.dimensions:
        dim = result.dimensions.get(dimension.id) if result else None
        dimensions.append(
            DimensionView(
                questionnaire_id=questionnaire.id,
                dimension_id=dimension.id,
                title=dimension.title,
                description=dimension.description,
                result=_score_view(
                    dimension.title,
                    dim.score if dim else None,
                    dim.band if dim else None,
                    questionnaire.bands,
                    dim.coverage if dim else 0.0,
                ),
                answered=dim.answered if dim else 0,
                dont_know=dim.dont_know if dim else 0,
                total=dim.total if dim else 0,
            )
        )
    return QuestionnaireView(
        questionnaire_id=questionnaire.id,
        title=questionnaire.title,
        version=questionnaire.version,
        description=" ".join(questionnaire.description.split()),
        result=_score_view(
            questionnaire.title,
            result.score if result else None,
            result.band if result else None,
            questionnaire.bands,
        ),
        dimensions=tuple(dimensions),
        sources=tuple(_cite(s.title, s.date) for s in questionnaire.sources),
    )


def _cite(title: str, published: str) -> str:
    return f"“{title}” ({published})" if published else f"“{title}”"


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


def _appendix(
    assessment: Assessment, definitions: Mapping[str, Questionnaire]
) -> list[AppendixSection]:
    sections: list[AppendixSection] = []
    for questionnaire_id in assessment.questionnaires:
        questionnaire = definitions[questionnaire_id]
        answers = assessment.answers.get(questionnaire_id, {})
        context = Context(assessment.respondent.role, definitions, assessment.answers)
        shown = {item.id for item in visible_items(questionnaire, answers, context)}
        sources = {s.id: s.title for s in questionnaire.sources}
        rows: list[AnswerView] = []
        for number, item in enumerate(questionnaire.items, start=1):
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
                )
            )
        sections.append(AppendixSection(title=questionnaire.title, answers=tuple(rows)))
    return sections


def _since_last(
    now: Diagnosis,
    definitions: Mapping[str, Questionnaire],
    history: Sequence[PeriodResult],
    order: Sequence[str],
    this_period: str,
) -> SinceLastView | None:
    earlier = [h for h in history if h.period < this_period]
    if not earlier:
        return None
    previous = max(earlier, key=lambda h: h.period)
    deltas: list[DeltaView] = []
    for questionnaire_id in order:
        questionnaire = definitions[questionnaire_id]
        before_q = previous.diagnosis.scores.questionnaires.get(questionnaire_id)
        now_q = now.scores.questionnaires.get(questionnaire_id)
        if before_q is None or now_q is None:
            continue
        for dimension in questionnaire.dimensions:
            before_d = before_q.dimensions.get(dimension.id)
            now_d = now_q.dimensions.get(dimension.id)
            if before_d is None or now_d is None:
                continue  # the dimension is not in both versions of the questionnaire
            deltas.append(
                DeltaView(questionnaire.title, dimension.title, before_d.score, now_d.score)
            )
    fired_now = {(f.questionnaire_id, f.finding.id): f.finding.title for f in now.fired}
    fired_before = {
        (f.questionnaire_id, f.finding.id): f.finding.title for f in previous.diagnosis.fired
    }
    trend = [
        TrendPoint(
            period=h.period,
            overall=h.diagnosis.scores.overall,
            indices=tuple(
                (q.score if (q := h.diagnosis.scores.questionnaires.get(qid)) else None)
                for qid in order
            ),
        )
        for h in sorted(earlier, key=lambda h: h.period)
    ]
    trend.append(
        TrendPoint(
            period=this_period,
            overall=now.scores.overall,
            indices=tuple(
                (q.score if (q := now.scores.questionnaires.get(qid)) else None) for qid in order
            ),
        )
    )
    return SinceLastView(
        previous_period=previous.period,
        deltas=tuple(deltas),
        new_findings=tuple(t for k, t in fired_now.items() if k not in fired_before),
        resolved_findings=tuple(t for k, t in fired_before.items() if k not in fired_now),
        trend_headings=tuple(definitions[qid].title for qid in order),
        trend=tuple(trend),
    )


def build_report(
    assessment: Assessment,
    definitions: Mapping[str, Questionnaire],
    diagnosis: Diagnosis,
    history: Sequence[PeriodResult] = (),
    *,
    generated: date | None = None,
) -> Report:
    """The report model of one assessment; ``history`` holds earlier periods, if any."""
    order = [qid for qid in assessment.questionnaires if qid in definitions]
    questionnaires = [_questionnaire_view(definitions[qid], diagnosis.scores) for qid in order]
    titles = {qid: definitions[qid].title for qid in order}
    findings = [
        FindingView(
            questionnaire_id=result.questionnaire_id,
            finding_id=result.finding.id,
            questionnaire_title=titles.get(result.questionnaire_id, result.questionnaire_id),
            title=result.finding.title,
            severity=result.finding.severity,
            explanation=" ".join(result.finding.explanation.split()),
            actions=tuple(result.finding.action_texts),
            sources=tuple(
                _cite(source.title, source.date)
                for source_id in result.finding.sources
                for source in definitions[result.questionnaire_id].sources
                if source.id == source_id
            ),
            positive=result.finding.positive,
        )
        for result in diagnosis.fired
    ]
    dimension_titles = {
        (qid, d.id): f"{titles[qid]}: {d.title}"
        for qid in order
        for d in definitions[qid].dimensions
    }
    actions = [
        ActionView(
            rank=rank,
            text=action.text,
            priority=action.priority,
            aims_at=dimension_titles.get(
                (action.questionnaire_id, action.dimension_id or ""),
                titles.get(action.questionnaire_id, ""),
            ),
        )
        for rank, action in enumerate(diagnosis.actions, start=1)
    ]
    not_evaluated = tuple(
        result.finding.title for result in diagnosis.findings if result.status == "not-evaluated"
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
        versions=tuple(f"{titles[qid]} (version {definitions[qid].version})" for qid in order),
        overall=_score_view(
            "Overall index", diagnosis.scores.overall, diagnosis.scores.overall_band, OVERALL_BANDS
        ),
        questionnaires=tuple(questionnaires),
        findings=tuple(findings),
        actions=tuple(actions),
        evidence_warnings=tuple(_evidence_warnings(questionnaires, assessment)),
        band_legend=tuple(band.label for band in sorted(OVERALL_BANDS, key=lambda b: b.min)),
        appendix=tuple(_appendix(assessment, definitions)),
        since_last=_since_last(diagnosis, definitions, history, order, assessment.period),
        not_evaluated=not_evaluated,
    )

"""The JSON form of a comparison: what ``assessor compare --json`` prints (see the README).

Scores, changes and gaps to one decimal, slopes to two; business outcomes as entered, their
changes to the metric's decimals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessor.comparison.model import (
    GAP_THRESHOLD,
    Comparison,
    DimensionKey,
    FindingChange,
    OutcomeSeries,
    PeriodView,
    Series,
    Step,
)

JSON_FORMAT = "assessor.comparison"
JSON_FORMAT_VERSION = 1


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _series_json(series: Series) -> dict[str, Any]:
    data: dict[str, Any] = {"key": series.key, "title": series.title}
    if series.questionnaire_id:
        data["questionnaire"] = series.questionnaire_id
    if series.dimension_id is not None:
        data["dimension"] = series.dimension_id
    data.update(
        {
            "scores": {p.period: _r(p.score) for p in series.points},
            "changes": {p.period: _r(p.change) for p in series.points},
            "slope": None if series.slope is None else round(series.slope, 2),
            "trend": series.trend or None,
        }
    )
    return data


def _nested(scores: Mapping[DimensionKey, float | None]) -> dict[str, dict[str, float | None]]:
    nested: dict[str, dict[str, float | None]] = {}
    for (qid, did), score in scores.items():
        nested.setdefault(qid, {})[did] = _r(score)
    return nested


def _period_json(view: PeriodView) -> dict[str, Any]:
    return {
        "period": view.period,
        "overall": _r(view.overall),
        "one_step": _r(view.one_step),
        "indices": {qid: _r(s) for qid, s in view.indices.items()},
        "dimensions": _nested(view.dimensions),
        "confidential": view.confidential,
        "respondents": [
            {
                "id": r.assessment_id,
                "name": r.name,
                "role": r.role,
                "count": r.count,
                "overall": _r(r.overall),
                "indices": {qid: _r(s) for qid, s in r.indices.items()},
                "dimensions": _nested(r.dimensions),
            }
            for r in view.respondents
        ],
        "findings": [
            {
                "id": f.finding_id,
                "questionnaire": f.questionnaire_id,
                "title": f.title,
                "severity": f.severity,
                "positive": f.positive,
                "fired_for": f.fired_for,
                "respondents": f.respondents,
            }
            for f in view.findings
        ],
        "gaps": [
            {
                "questionnaire": g.questionnaire_id,
                "dimension": g.dimension_id,
                "title": g.title,
                "scores": {role: _r(score) for role, score in g.scores},
                "gap": _r(g.gap),
                "flagged": g.flagged,
                "finding": g.finding_title if g.flagged else None,
            }
            for g in view.gaps
        ],
        "disputes": [
            {
                "questionnaire": d.questionnaire_id,
                "item": d.item_id,
                "text": d.text,
                "dimension": d.dimension_title,
                "answers": [{"answer": label, "count": n} for label, n in d.answers],
                "respondents": d.respondents,
                "counts": d.counts,
                "weight": round(d.weight, 3),
            }
            for d in view.disputes
        ],
    }


def _change_json(change: FindingChange) -> dict[str, Any]:
    return {
        "id": change.finding_id,
        "questionnaire": change.questionnaire_id,
        "title": change.title,
        "positive": change.positive,
    }


def _step_json(step: Step) -> dict[str, Any]:
    return {
        "from": step.before,
        "to": step.after,
        "appeared": [_change_json(c) for c in step.appeared],
        "resolved": [_change_json(c) for c in step.resolved],
        "moved_items": [
            {
                "questionnaire": m.questionnaire_id,
                "item": m.item_id,
                "text": m.text,
                "before": _r(m.before),
                "after": _r(m.after),
                "change": _r(m.change),
            }
            for m in step.moved_items
        ],
        "version_notes": list(step.version_notes),
        "followups": [
            {
                "action": f.action_text,
                "source_period": f.source_period,
                "questionnaire": f.questionnaire_id,
                "dimension": f.dimension_id,
                "aims_at": f.aims_at,
                "status": f.status,
                "answers": [
                    {"role": a.role, "respondent": a.respondent, "status": a.status}
                    for a in f.answers
                ],
                "before": _r(f.before),
                "after": _r(f.after),
                "change": _r(f.change),
                "outcomes": [
                    {
                        "metric": move.metric.id,
                        "before": move.before,
                        "after": move.after,
                        "change": round(move.change, move.metric.decimals),
                        "moved": move.verdict,
                    }
                    for move in f.outcomes
                ],
            }
            for f in step.followups
        ],
    }


def comparison_to_json(comparison: Comparison) -> dict[str, Any]:
    """The JSON shape of ``assessor compare --json`` (see the README; scores to 1 decimal)."""
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "organisation": comparison.organisation,
        "unit": comparison.unit,
        "periods": list(comparison.periods),
        "gap_threshold": GAP_THRESHOLD,
        "questionnaires": [
            {
                "id": q.questionnaire_id,
                "title": q.title,
                "dimensions": [{"id": d.dimension_id, "title": d.title} for d in q.dimensions],
            }
            for q in comparison.questionnaires
        ],
        "indices": [_series_json(s) for s in comparison.indices],
        "dimensions": [_series_json(s) for s in comparison.dimensions],
        "by_period": [_period_json(v) for v in comparison.period_views],
        "steps": [_step_json(s) for s in comparison.steps],
        "version_notes": list(comparison.version_notes),
        "outcomes": [_outcome_json(s) for s in comparison.outcomes],
    }


def _outcome_json(series: OutcomeSeries) -> dict[str, Any]:
    metric = series.metric
    return {
        "metric": metric.id,
        "title": metric.title,
        "unit": metric.unit,
        "better": metric.better,
        "values": {p.period: p.value for p in series.points if p.value is not None},
        "changes": {
            p.period: round(p.change, metric.decimals)
            for p in series.points
            if p.change is not None
        },
    }

"""The organisation report's business outcomes: one period's figures and the change since the
last period that has any, as plain report data (:class:`~assessor.report.model.OutcomesView`).

The values come from the store (:mod:`assessor.storage.outcomes`); which way is better, the unit
and the definition from the metrics (:mod:`assessor.questionnaire.metrics`). No reportlab here.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor.exchange.outcomes import OutcomeValue
from assessor.questionnaire.metrics import Metrics, bundled_metrics
from assessor.report.model import OutcomeRowView, OutcomesView


def _provenance(values: Sequence[OutcomeValue]) -> str:
    """Who entered the period's values and from where, in one line."""
    people = sorted({v.entered_by for v in values if v.entered_by})
    sources = sorted({v.source for v in values if v.source})
    parts = []
    if people:
        parts.append(f"Entered by {', '.join(people)}")
    if sources:
        parts.append(f"source: {'; '.join(sources)}")
    return "; ".join(parts) + ("." if parts else "")


def outcomes_view(
    values: Sequence[OutcomeValue], period: str, metrics: Metrics | None = None
) -> OutcomesView | None:
    """The outcomes of ``period`` beside those of the latest earlier period with any; None when
    no value of ``period`` or before is known."""
    used = metrics if metrics is not None else bundled_metrics()
    known = [v for v in values if v.period <= period and v.metric in used]
    if not known:
        return None
    earlier = sorted({v.period for v in known if v.period < period})
    previous = earlier[-1] if earlier else ""
    current = {v.metric: v for v in known if v.period == period}
    before = {v.metric: v.value for v in known if v.period == previous}
    rows: list[OutcomeRowView] = []
    for metric in used:
        if metric.id not in current and metric.id not in before:
            continue
        value = current[metric.id].value if metric.id in current else None
        last = before.get(metric.id)
        change, verdict = "", ""
        if value is not None and last is not None:
            change = metric.format_change(value - last)
            better = metric.is_better(last, value)
            verdict = "level" if better is None else "better" if better else "worse"
        rows.append(
            OutcomeRowView(
                title=metric.title,
                definition=metric.definition,
                direction=metric.better_label,
                value=metric.format(value),
                previous=metric.format(last),
                change=change,
                verdict=verdict,
            )
        )
    return OutcomesView(period, previous, tuple(rows), _provenance(list(current.values())))

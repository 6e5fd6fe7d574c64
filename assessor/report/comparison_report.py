"""The standalone comparison report: an organisation's quarters and respondents as a PDF.

Sections, each an outline entry: cover (organisation, unit, periods covered); trend (the
indices as lines, and questionnaire version changes); dimensions by period (per questionnaire a
trend chart and a table with coloured changes); respondents per period with perception gaps
flagged; findings that appeared and resolved; items that moved most; action follow-up beside
the change in the dimension each action aimed at. Uses the diagnosis report's styles and page
template (:mod:`assessor.report.render`); every user string goes through ``plain()``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from assessor.atomic import write_atomically
from assessor.comparison import GAP_THRESHOLD, ROLE_LABELS, Comparison, PeriodView, Step
from assessor.followup import STATUS_LABELS
from assessor.report.figures import points_change, points_text
from assessor.report.fonts import register_fonts
from assessor.report.render import (
    PAGE_SIZES,
    PageSize,
    _bullets,
    _Heading,
    _markup,
    _p,
    _PageCountCanvas,
    _ReportDocument,
    _table,
    plain,
)
from assessor.report.trend_chart import trend_chart

TITLE = "Comparison across quarters"
GREEN = "#1a7f37"
RED = "#b2182b"
GREY = "#5c6370"
STATUS_COLOURS = {
    "done": GREEN,
    "in-progress": "#9a6700",
    "not-started": RED,
    "unanswered": GREY,
    "mixed": GREY,
}


@dataclass(frozen=True)
class _Info:
    """What the page template prints in the header and the PDF's metadata."""

    title: str
    organisation: str
    unit: str
    period: str
    respondent: str
    generated: str


def _span(comparison: Comparison) -> str:
    periods = comparison.periods
    if not periods:
        return ""
    return periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"


def _score(value: float | None) -> str:
    return points_text(value)


def _change_markup(before: float | None, after: float | None) -> str:
    """The change between two printed scores as coloured markup (green up, red down).

    It is the difference of the figures as printed (:func:`points_change`), so "11 → 22"
    always comes with "+11".
    """
    change = points_change(before, after)
    if change is None:
        return ""
    if change == 0:
        return f'<font color="{GREY}">±0</font>'
    colour = GREEN if change > 0 else RED
    return f'<font color="{colour}"><b>{"+" if change > 0 else "−"}{abs(change)}</b></font>'


def _cell(score: float | None, change: float | None) -> Paragraph:
    before = None if score is None or change is None else score - change
    change_text = _change_markup(before, score)
    return _markup(f"{_score(score)} {change_text}".strip(), "cell")


def _cover(comparison: Comparison, generated: str) -> Iterator[Flowable]:
    yield Spacer(1, 50 * mm)
    yield _p(TITLE, "cover-title")
    yield _Heading(comparison.organisation, "cover-org", 0)
    if comparison.unit:
        yield _p(comparison.unit, "cover-line")
    yield Spacer(1, 8 * mm)
    count = len(comparison.periods)
    yield _markup(
        f"<b>Periods</b>  {plain(_span(comparison))} ({count} period{'s' if count != 1 else ''})",
        "cover-line",
    )
    yield _markup(f"<b>Assessments</b>  {comparison.respondent_count} complete", "cover-line")
    yield _markup(f"<b>Date</b>  {plain(generated)}", "cover-line")
    yield Spacer(1, 8 * mm)
    yield _p("Periods compared", "h3")
    for view in comparison.period_views:
        people = ", ".join(f"{r.name} ({r.role_label})" for r in view.respondents)
        yield _markup(f"<b>{plain(view.period)}</b>  {plain(people)}", "body")
    yield NextPageTemplate("body")
    yield PageBreak()


def _trend(comparison: Comparison, width: float) -> Iterator[Flowable]:
    yield _Heading("Trend", "h1", 0)
    yield _p(
        "The overall index and each questionnaire's index per period, 0–100. A period's score "
        "is the mean of its respondents' scores. The trend is the straight-line slope in points "
        "per quarter.",
        "small",
    )
    yield Spacer(1, 3 * mm)
    yield trend_chart(comparison.indices, comparison.periods, width)
    yield Spacer(1, 4 * mm)
    yield from _series_table(comparison, comparison.indices, "Index (mean)", width)
    if comparison.version_notes:
        yield _Heading("Questionnaire version changes", "h2", 1)
        yield _bullets(list(comparison.version_notes))


def _series_table(
    comparison: Comparison, series: Any, first_column: str, width: float
) -> Iterator[Flowable]:
    periods = comparison.periods
    label_share = 0.24
    trend_share = 0.13
    share = (1 - label_share - trend_share) / max(len(periods), 1)
    header = [_p(first_column, "cell-bold")] + [_p(p, "cell-bold") for p in periods]
    header.append(_p("Trend", "cell-bold"))
    rows: list[list[Any]] = [header]
    for line in series:
        row: list[Any] = [_p(line.title, "cell")]
        row += [_cell(point.score, point.change) for point in line.points]
        slope = "" if line.slope is None else f"<br/>{line.slope:+.1f} a quarter"
        row.append(_markup(f"{plain(line.trend or '—')}{slope}", "cell"))
        rows.append(row)
    widths = [width * label_share] + [width * share] * len(periods) + [width * trend_share]
    yield _table(rows, widths)


def _dimensions(comparison: Comparison, width: float) -> Iterator[Flowable]:
    yield PageBreak()
    yield _Heading("Dimensions by period", "h1", 0)
    yield _p(
        "Each dimension's score per period, the mean over the period's respondents, with its "
        "change from the previous period: green for up, red for down. A dimension missing "
        "after a questionnaire version change shows no change.",
        "small",
    )
    for questionnaire in comparison.questionnaires:
        series = comparison.dimension_series(questionnaire.questionnaire_id)
        yield KeepTogether(
            [
                _Heading(questionnaire.title, "h2", 1),
                trend_chart(series, comparison.periods, width),
                Spacer(1, 2 * mm),
                *_series_table(comparison, series, "Dimension (mean)", width),
            ]
        )


def _respondents(comparison: Comparison, width: float) -> Iterator[Flowable]:
    views = [v for v in comparison.period_views if v.respondents]
    yield PageBreak()
    yield _Heading("Respondents and perception gaps", "h1", 0)
    yield _p(
        "Each respondent's own score per dimension (not a mean). The gap is the highest "
        f"role's score minus the lowest; {GAP_THRESHOLD:.0f} points or more is flagged (⚠): "
        "the roles see the organisation differently, and that is worth a conversation before "
        "acting.",
        "small",
    )
    for view in views:
        yield from _period_respondents(comparison, view, width)


def _period_respondents(
    comparison: Comparison, view: PeriodView, width: float
) -> Iterator[Flowable]:
    people = list(view.respondents)
    gaps = {(g.questionnaire_id, g.dimension_id): g for g in view.gaps}
    label_share = 0.34
    share = (1 - label_share - 0.12) / max(len(people), 1)
    header = [_p("Dimension", "cell-bold")]
    header += [_p(f"{r.name} ({r.role_label})", "cell-bold") for r in people]
    header.append(_p("Gap", "cell-bold"))
    rows: list[list[Any]] = [header]
    for questionnaire in comparison.questionnaires:
        if questionnaire.questionnaire_id not in view.indices:
            continue
        rows.append(
            [_markup(f"<b>{plain(questionnaire.title)}</b>", "cell")]
            + [_p(_score(r.indices.get(questionnaire.questionnaire_id)), "cell") for r in people]
            + [_p("", "cell")]
        )
        for dimension in questionnaire.dimensions:
            key = (dimension.questionnaire_id, dimension.dimension_id)
            if key not in view.dimensions:
                continue
            gap = gaps.get(key)
            if gap is None:
                gap_cell = _p("—", "cell")
            elif gap.flagged:
                gap_cell = _markup(
                    f'<font color="{RED}"><b>⚠ {points_text(gap.gap)}</b></font>', "cell"
                )
            else:
                gap_cell = _p(points_text(gap.gap), "cell")
            rows.append(
                [_p(f"   {dimension.title}", "cell")]
                + [_p(_score(r.dimensions.get(key)), "cell") for r in people]
                + [gap_cell]
            )
    block: list[Flowable] = [
        _Heading(view.period, "h2", 1),
        _table(rows, [width * label_share] + [width * share] * len(people) + [width * 0.12]),
    ]
    flagged = view.flagged_gaps
    if flagged:
        block.append(Spacer(1, 2 * mm))
        for gap in flagged:
            block.append(
                _markup(
                    f'<font color="{RED}"><b>⚠ {plain(gap.finding_title)}</b></font> — '
                    f"{plain(gap.detail)}.",
                    "body",
                )
            )
    yield KeepTogether(block)


def _step_heading(step: Step) -> str:
    return f"{step.before} → {step.after}"


def _findings(comparison: Comparison) -> Iterator[Flowable]:
    yield PageBreak()
    yield _Heading("Findings that appeared and resolved", "h1", 0)
    yield _p(
        "A finding counts for a period when it fired for at least half of that period's "
        "respondents.",
        "small",
    )
    if comparison.period_views:
        first = comparison.period_views[0]
        yield _Heading(f"At the start ({first.period})", "h2", 1)
        yield _bullets([f.title for f in first.findings], "No pattern fired.")
    for step in comparison.steps:
        block: list[Flowable] = [_Heading(_step_heading(step), "h2", 1)]
        block.append(_p("Appeared", "h3"))
        block.append(_bullets([c.title for c in step.appeared]))
        block.append(_p("Resolved", "h3"))
        block.append(_bullets([c.title for c in step.resolved]))
        yield KeepTogether(block)


def _moved(comparison: Comparison, width: float) -> Iterator[Flowable]:
    steps = [s for s in comparison.steps if s.moved_items]
    if not steps:
        return
    yield CondPageBreak(80 * mm)
    yield _Heading("Items that moved most", "h1", 0)
    yield _p(
        "The questions whose answers moved most between two periods (the organisation's "
        "mean item score, 0–100), compared only where the question's id is the same in both.",
        "small",
    )
    for step in steps:
        rows: list[list[Any]] = [
            [
                _p("Question", "cell-bold"),
                _p(step.before, "cell-bold"),
                _p(step.after, "cell-bold"),
                _p("Change", "cell-bold"),
            ]
        ]
        for move in step.moved_items:
            rows.append(
                [
                    _markup(
                        f"{plain(move.text)}<br/>"
                        f'<font color="{GREY}" size="7.5">{plain(move.dimension_title)}</font>',
                        "cell",
                    ),
                    _p(_score(move.before), "cell"),
                    _p(_score(move.after), "cell"),
                    _markup(_change_markup(move.before, move.after), "cell"),
                ]
            )
        yield KeepTogether(
            [
                _Heading(_step_heading(step), "h2", 1),
                _table(rows, [width * 0.64, width * 0.12, width * 0.12, width * 0.12]),
            ]
        )


def _followups(comparison: Comparison, width: float) -> Iterator[Flowable]:
    steps = [s for s in comparison.steps if s.followups]
    if not steps:
        return
    yield CondPageBreak(80 * mm)
    yield _Heading("Action follow-up", "h1", 0)
    yield _p(
        "The top actions of each period's report, what the next period's respondents said "
        "became of them, and how the dimension each action aimed at moved meanwhile.",
        "small",
    )
    for step in steps:
        rows: list[list[Any]] = [
            [
                _p("Action", "cell-bold"),
                _p("Aims at", "cell-bold"),
                _p("Status", "cell-bold"),
                _p("Dimension moved", "cell-bold"),
            ]
        ]
        for row in step.followups:
            colour = STATUS_COLOURS.get(row.status, GREY)
            status = STATUS_LABELS.get(row.status, row.status)
            detail = ", ".join(
                f"{ROLE_LABELS.get(a.role, a.role)}: {STATUS_LABELS.get(a.status, a.status)}"
                for a in row.answers
            )
            moved = (
                f"{_score(row.before)} → {_score(row.after)} "
                f"{_change_markup(row.before, row.after)}"
            )
            rows.append(
                [
                    _p(row.action_text, "cell"),
                    _p(row.aims_at, "cell"),
                    _markup(
                        f'<font color="{colour}"><b>{plain(status)}</b></font><br/>'
                        f'<font color="{GREY}" size="7">{plain(detail)}</font>',
                        "cell",
                    ),
                    _markup(moved, "cell"),
                ]
            )
        yield CondPageBreak(40 * mm)
        yield _Heading(f"Actions of {step.before}, followed up in {step.after}", "h2", 1)
        yield _table(rows, [width * 0.42, width * 0.22, width * 0.18, width * 0.18])


def comparison_flowables(
    comparison: Comparison, width: float, generated: str = ""
) -> list[Flowable]:
    """Every flowable of the comparison report, for a frame ``width`` points wide."""
    return [
        *_cover(comparison, generated),
        *_trend(comparison, width),
        *_dimensions(comparison, width),
        *_respondents(comparison, width),
        *_findings(comparison),
        *_moved(comparison, width),
        *_followups(comparison, width),
    ]


def _generated(day: date | None) -> str:
    day = day or date.today()
    return f"{day.day} {day:%B %Y}"


def render_comparison(
    comparison: Comparison,
    stream: BinaryIO,
    pagesize: PageSize = "a4",
    generated: date | None = None,
) -> None:
    """Write the comparison report as PDF into ``stream``."""
    register_fonts()
    when = _generated(generated)
    info = _Info(
        title=TITLE,
        organisation=comparison.organisation,
        unit=comparison.unit,
        period=_span(comparison),
        respondent="",
        generated=when,
    )
    document = _ReportDocument(stream, info, PAGE_SIZES[pagesize], running_title=TITLE)
    document.build(
        comparison_flowables(comparison, document.width, when), canvasmaker=_PageCountCanvas
    )


def comparison_pdf_bytes(
    comparison: Comparison, pagesize: PageSize = "a4", generated: date | None = None
) -> bytes:
    """The comparison report as PDF bytes."""
    buffer = io.BytesIO()
    render_comparison(comparison, buffer, pagesize, generated)
    return buffer.getvalue()


def write_comparison_pdf(
    comparison: Comparison,
    target: Path,
    pagesize: PageSize = "a4",
    generated: date | None = None,
) -> None:
    """Write the comparison report to ``target`` atomically (never half a file)."""
    write_atomically(
        target, lambda stream: render_comparison(comparison, stream, pagesize, generated)
    )

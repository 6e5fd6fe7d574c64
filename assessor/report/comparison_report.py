"""The standalone comparison report: an organisation's quarters and respondents as a PDF.

Sections, each an outline entry: cover (organisation, unit, periods covered); the comparison
in one page (trend of the indices with a dashed line where a questionnaire version changed,
what improved and what did not against the smallest change that counts for this organisation,
actions done against the change in their dimension and the related business outcomes,
with every status explained, open perception gaps: :mod:`.comparison_summary`); business
outcomes beside the overall index (small multiples: :mod:`.outcome_chart`), when any were
entered; scores by period (one table of every index and
dimension, and questionnaire version changes); period by period (one compact table: who
answered, the indices, the flagged gaps); findings by period (one matrix); dimension trends (a
chart per questionnaire); items that moved most and action follow-up for the latest
:data:`DETAILED_STEPS` steps (one table each, grouped by step; earlier follow-ups in one line
each). Every change printed is the difference of the rounded scores beside it; under "did not
improve" no change is green. Made of the same building blocks and page template as the other
reports (:mod:`assessor.report.blocks`); every user string goes through ``plain()``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from assessor.comparison.followup import STATUS_LABELS
from assessor.comparison.model import (
    GAP_THRESHOLD,
    Comparison,
    FollowUpAnswer,
    FollowUpRow,
    OrganisationFinding,
    PeriodView,
    Series,
    Step,
)
from assessor.comparison.outcomes import OutcomeTally
from assessor.comparison.roles import ROLE_LABELS
from assessor.diagnosis.figures import points_change, points_text
from assessor.files.atomic import write_atomically
from assessor.questionnaire.metrics import NOT_PROOF
from assessor.report.blocks import (
    BOX_BACKGROUND,
    PAGE_SIZES,
    SEVERITY_COLOURS,
    Heading,
    PageCountCanvas,
    PageSize,
    ReportDocument,
    layout_table,
    markup_paragraph,
    paragraph,
    plain,
    ruled_table,
    shown_name,
)
from assessor.report.comparison_summary import (
    LISTED,
    ComparisonSummary,
    Movement,
    comparison_summary,
)
from assessor.report.fonts import register_fonts
from assessor.report.outcome_chart import multiples, outcome_charts
from assessor.report.trend_chart import trend_chart

TITLE = "Comparison across quarters"
GREEN = "#1a7f37"
RED = "#b2182b"
GREY = "#5c6370"
#: Plot heights of the trend charts: small on the summary page, a little taller in detail.
SUMMARY_PLOT = 100.0
DETAIL_PLOT = 85.0
#: How many of each step's most-moved items are listed.
MOVED_PER_STEP = 3
#: How many of the latest steps the follow-up table lists action by action (earlier steps are
#: summed up in one line each; page 2 counts them all) and "items that moved most" lists.
DETAILED_STEPS = 2
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


def _change_markup(change: int | None) -> str:
    """A change in printed points as coloured markup (green up, red down, grey level).

    Changes are the difference of the printed figures (:func:`points_change`), so "11 → 22"
    always comes with "+11".
    """
    if change is None:
        return ""
    if change == 0:
        return f'<font color="{GREY}">±0</font>'
    colour = GREEN if change > 0 else RED
    return f'<font color="{colour}"><b>{"+" if change > 0 else "−"}{abs(change)}</b></font>'


def _mean_markup(change: float) -> str:
    """A mean change to one decimal, coloured like :func:`_change_markup`."""
    if round(change, 1) == 0:
        return f'<font color="{GREY}">±0.0</font>'
    colour = GREEN if change > 0 else RED
    return f'<font color="{colour}"><b>{"+" if change > 0 else "−"}{abs(change):.1f}</b></font>'


def _cell(score: float | None, change: float | None) -> Paragraph:
    before = None if score is None or change is None else score - change
    change_text = _change_markup(points_change(before, score))
    return markup_paragraph(f"{_score(score)} {change_text}".strip(), "cell")


def _cover(comparison: Comparison, generated: str) -> Iterator[Flowable]:
    yield Spacer(1, 50 * mm)
    yield paragraph(TITLE, "cover-title")
    yield Heading(comparison.organisation, "cover-org", 0)
    if comparison.unit:
        yield paragraph(shown_name(comparison.unit), "cover-line")
    yield Spacer(1, 8 * mm)
    count = len(comparison.periods)
    yield markup_paragraph(
        f"<b>Periods</b>  {plain(_span(comparison))} ({count} period{'s' if count != 1 else ''})",
        "cover-line",
    )
    yield markup_paragraph(
        f"<b>Assessments</b>  {comparison.respondent_count} complete", "cover-line"
    )
    yield markup_paragraph(f"<b>Date</b>  {plain(generated)}", "cover-line")
    yield Spacer(1, 8 * mm)
    yield paragraph("Periods compared", "h3")
    for view in comparison.period_views:
        people = ", ".join(f"{shown_name(r.name)} ({r.role_label})" for r in view.respondents)
        yield markup_paragraph(f"<b>{plain(view.period)}</b>  {plain(people)}", "body")
    yield NextPageTemplate("body")
    yield PageBreak()


#: What each row of the follow-up tables means.
STATUS_MEANINGS = (
    "Done, In progress, Not started: what every respondent who followed the action up said",
    "Answers differ: they said different things",
    "Not answered: nobody said",
)


def _version_breaks(comparison: Comparison) -> list[str]:
    """The periods that begin a new questionnaire version (the trend marks them)."""
    return [step.after for step in comparison.steps if step.version_notes]


def _versions_line(summary: ComparisonSummary) -> str:
    """Where the questionnaire versions changed, and what that means for the trend."""
    steps = [f"{change.before} and {change.after}" for change in summary.version_changes]
    counts = [len(change.notes) for change in summary.version_changes]
    said = "; ".join(
        f"between {step} ({count} questionnaire{'s' if count != 1 else ''})"
        for step, count in zip(steps, counts, strict=True)
    )
    return (
        f"The dashed line marks a questionnaire version change: {said}. Scores either side of "
        "it rest on partly different questions, so a move across it is not all change; "
        "“Scores by period” says what was compared."
    )


def _noise_line(summary: ComparisonSummary) -> str:
    """The smallest change that counts for this organisation, and where it comes from."""
    people = summary.respondents
    basis = (
        f"one respondent moving one answer by one step moves a dimension of this organisation "
        f"by about {summary.one_step:.1f} points ({people} respondent{'s' if people != 1 else ''}"
        "; most questions have 4 or 5 steps)"
        if summary.one_step is not None
        else "a change of one printed point can come from rounding alone"
    )
    return f"Changes under {summary.noise} points are within noise: {basis}."


def _summary(comparison: Comparison, width: float) -> Iterator[Flowable]:
    yield Heading("The comparison in one page", "h1", 0)
    # Everything under the title is kept on the page, shrunk a little when it would not fit.
    yield KeepInFrame(0, 0, list(_summary_body(comparison, width)), mode="shrink", vAlign="TOP")
    yield PageBreak()


def _summary_body(comparison: Comparison, width: float) -> Iterator[Flowable]:
    summary = comparison_summary(comparison)
    first, latest = summary.first_period, summary.latest_period
    yield paragraph("Trend of the indices", "summary-h")
    yield trend_chart(
        comparison.indices,
        comparison.periods,
        width,
        plot_height=SUMMARY_PLOT,
        breaks=_version_breaks(comparison),
    )
    if summary.version_changes:
        yield paragraph(_versions_line(summary), "small")
    rows: list[list[Any]] = [
        [
            paragraph("Index", "cell-bold"),
            paragraph(first, "cell-bold"),
            paragraph(latest, "cell-bold"),
            paragraph("Change", "cell-bold"),
            paragraph("Trend", "cell-bold"),
        ]
    ]
    for move in summary.indices:
        rows.append(
            [
                paragraph(move.title, "cell"),
                paragraph(_score(move.first), "cell"),
                paragraph(_score(move.latest), "cell"),
                markup_paragraph(_change_markup(move.change), "cell"),
                paragraph(move.trend or "—", "cell"),
            ]
        )
    if len(summary.indices) > 0:
        yield Spacer(1, 1 * mm)
        yield ruled_table(rows, width, [0.46, 0.12, 0.12, 0.12, 0.18])
    else:
        yield paragraph("One period only: nothing to compare yet.")

    if summary.previous_period:
        yield paragraph(
            f"What improved since {summary.previous_period} and what did not", "summary-h"
        )
        across = (
            " This step crosses a questionnaire version change: read it with care."
            if summary.last_step_changed_version
            else ""
        )
        yield paragraph(_noise_line(summary) + across, "small")
        yield Spacer(1, 1 * mm)
        yield _two_lists(summary, width)

    yield paragraph("Actions done against the change in their dimension", "summary-h")
    if summary.followed_up:
        with_outcomes = bool(comparison.outcomes)
        header = [
            paragraph("What became of them", "cell-bold"),
            paragraph("Actions", "cell-bold"),
            paragraph("Their dimension moved (mean)", "cell-bold"),
        ]
        if with_outcomes:
            header.append(paragraph("Related outcomes moved", "cell-bold"))
        rows = [header]
        for group in summary.actions:
            colour = STATUS_COLOURS.get(group.status, GREY)
            mean = "—" if group.mean_change is None else _mean_markup(group.mean_change)
            row = [
                markup_paragraph(
                    f'<font color="{colour}"><b>{plain(group.label)}</b></font>', "cell"
                ),
                paragraph(str(group.count), "cell"),
                markup_paragraph(mean, "cell"),
            ]
            if with_outcomes:
                row.append(markup_paragraph(_tally_markup(group.outcomes), "cell"))
            rows.append(row)
        shares = [0.3, 0.12, 0.28, 0.3] if with_outcomes else [0.4, 0.2, 0.4]
        yield ruled_table(rows, width, shares)
        yield paragraph(
            f"{summary.followed_up} actions were followed up over the periods. "
            + "; ".join(STATUS_MEANINGS)
            + ". “Their dimension moved” is the mean change, in printed points, of the "
            "dimension each action aimed at over the quarter it was followed up. A rise beside "
            "actions done suggests, but does not prove, that they worked"
            + (
                "; so does a business outcome that moved for the better beside them: markets, "
                "prices, people and chance move outcomes too."
                if with_outcomes
                else "."
            ),
            "small",
        )
    else:
        yield paragraph("No action has been followed up yet.")

    yield paragraph(f"Open perception gaps in {latest}", "summary-h")
    if not summary.gaps:
        yield paragraph("Only one role answered in this period: no gap can be measured.")
    elif not summary.gaps_flagged:
        yield paragraph(
            f"No two roles differ by {GAP_THRESHOLD:.0f} points or more; the widest gaps:",
        )
    for gap in summary.gaps:
        mark = f'<font color="{RED}"><b>⚠ ' if summary.gaps_flagged else "<b>"
        end = "</b></font>" if summary.gaps_flagged else "</b>"
        yield markup_paragraph(f"{mark}{plain(gap.finding_title)}{end} — {plain(gap.detail)}.")


def _tally_markup(tally: OutcomeTally) -> str:
    """``4 better, 1 worse``, coloured (a dash when no related outcome was measured)."""
    if not tally.total:
        return f'<font color="{GREY}">—</font>'
    parts = [
        f'<font color="{GREEN}"><b>{tally.better} better</b></font>',
        f'<font color="{RED}"><b>{tally.worse} worse</b></font>',
    ]
    if tally.level:
        parts.append(f'<font color="{GREY}">{tally.level} level</font>')
    return ", ".join(parts)


def _outcomes(comparison: Comparison, width: float) -> Iterator[Flowable]:
    """Each outcome metric's trend beside the overall index, as small multiples."""
    if not comparison.outcomes:
        return
    overall = comparison.indices[0] if comparison.indices else None
    yield Heading("Business outcomes beside the indices", "h1", 0)
    yield paragraph(
        "The overall index and each business outcome entered, period by period, each on its "
        "own scale and in its own unit, with the latest change since the period before: for "
        "a sales cycle or a response time, lower is better. "
        f"{NOT_PROOF}",
        "small",
    )
    yield Spacer(1, 2 * mm)
    yield outcome_charts(multiples(overall, comparison.outcomes), width)
    yield Spacer(1, 2 * mm)
    defined = " ".join(
        f"<b>{plain(series.metric.label)}</b>: {plain(series.metric.definition)}"
        for series in comparison.outcomes
    )
    yield markup_paragraph(defined, "small")
    yield Spacer(1, 4 * mm)


def _moves_markup(row: FollowUpRow) -> str:
    """The related outcomes' moves of a follow-up row, one short line each."""
    lines = []
    for move in row.outcomes:
        colour = {"better": GREEN, "worse": RED}.get(move.verdict, GREY)
        lines.append(
            f"{plain(move.metric.label)} {plain(move.metric.format_change(move.change))} "
            f'<font color="{colour}"><b>{move.verdict}</b></font>'
        )
    return "<br/>".join(lines)


def _listed_change(move: Movement, improved: bool, noise: int) -> str:
    """A change coloured as its list says: green under "improved"; under "did not improve",
    red for a fall of ``noise`` points or more and grey within noise, never green."""
    change = move.change
    sign = "±" if change == 0 else "+" if change > 0 else "−"
    text = f"{sign}{abs(change)}"
    if improved:
        return f'<font color="{GREEN}"><b>{text}</b></font>'
    if change <= -noise:
        return f'<font color="{RED}"><b>{text}</b></font>'
    return f'<font color="{GREY}">{text}</font>'


def _two_lists(summary: ComparisonSummary, width: float) -> Table:
    lists = (
        (
            f"Improved by {summary.noise} points or more ({len(summary.improved)})",
            summary.improved,
            True,
        ),
        (
            f"Did not improve ({len(summary.not_improved)}): within noise, or fell (red)",
            summary.not_improved,
            False,
        ),
    )
    cells: list[list[Flowable]] = []
    for title, moves, improved in lists:
        cell: list[Flowable] = [paragraph(title, "cell-bold")]
        for move in moves[:LISTED]:
            cell.append(
                markup_paragraph(
                    f"{plain(move.title)} {_score(move.first)} → {_score(move.latest)} "
                    f"{_listed_change(move, improved, summary.noise)}",
                    "cell",
                )
            )
        if len(moves) > LISTED:
            cell.append(
                paragraph(f"… and {len(moves) - LISTED} more (see “Scores by period”).", "small")
            )
        if not moves:
            cell.append(paragraph("None.", "cell"))
        cells.append(cell)
    table = layout_table([cells], [width / 2, width / 2])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _grouped(
    header: list[Any],
    groups: Sequence[tuple[str, list[list[Any]]]],
    width: float,
    shares: Sequence[float],
) -> Table:
    """One table whose rows fall under shaded group rows spanning its width."""
    rows: list[list[Any]] = [header]
    group_rows: list[int] = []
    for title, members in groups:
        group_rows.append(len(rows))
        rows.append([markup_paragraph(f"<b>{plain(title)}</b>", "cell")] + [""] * (len(header) - 1))
        rows.extend(members)
    table = ruled_table(rows, width, shares)
    commands: list[tuple[Any, ...]] = []
    for row in group_rows:
        commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), BOX_BACKGROUND),
            # a group's title never ends a page without its first row
            ("NOSPLIT", (0, row), (-1, min(row + 1, len(rows) - 1))),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _series_row(line: Series, label: Flowable) -> list[Any]:
    """A series' row: each period's score with its change in printed points, and its trend."""
    row: list[Any] = [label]
    before: float | None = None
    for point in line.points:
        change = points_change(before, point.score) if point.change is not None else None
        row.append(_cell(point.score, change))
        before = point.score
    slope = "" if line.slope is None else f" {line.slope:+.1f}"
    row.append(markup_paragraph(f"{plain(line.trend or '—')}{slope}", "cell"))
    return row


def _scores_by_period(comparison: Comparison, width: float) -> Iterator[Flowable]:
    periods = comparison.periods
    yield Heading("Scores by period", "h1", 0)
    yield paragraph(
        "The organisation's scores per period (the mean of its respondents'), with the change "
        "from the previous period in the points printed: green up, red down. The trend is "
        "rising, steady or falling, with the straight-line slope in points per quarter. A "
        "dimension missing after a questionnaire version change shows no change.",
        "small",
    )
    yield Spacer(1, 2 * mm)
    label_share, trend_share = 0.25, 0.14
    share = (1 - label_share - trend_share) / max(len(periods), 1)
    header = [paragraph("Index or dimension (mean)", "cell-bold")]
    header += [paragraph(p, "cell-bold") for p in periods]
    header.append(paragraph("Trend a quarter", "cell-bold"))
    groups: list[tuple[str, list[list[Any]]]] = [
        (
            "Indices",
            [_series_row(line, paragraph(line.title, "cell")) for line in comparison.indices],
        )
    ]
    for questionnaire in comparison.questionnaires:
        series = comparison.dimension_series(questionnaire.questionnaire_id)
        groups.append(
            (
                questionnaire.title,
                [_series_row(line, paragraph(line.title, "cell")) for line in series],
            )
        )
    shares = [label_share, *[share] * len(periods), trend_share]
    yield _grouped(header, groups, width, shares)
    if comparison.version_notes:
        # one small paragraph: a bullet each took a third of a page with six changes
        yield paragraph("Questionnaire version changes", "h3")
        yield paragraph(" ".join(comparison.version_notes), "small")


def _dimension_trends(comparison: Comparison, width: float) -> Iterator[Flowable]:
    if len(comparison.periods) < 2:
        return
    yield CondPageBreak(90 * mm)
    yield Heading("Dimension trends", "h1", 0)
    for questionnaire in comparison.questionnaires:
        series = comparison.dimension_series(questionnaire.questionnaire_id)
        yield KeepTogether(
            [
                Heading(questionnaire.title, "h2", 1),
                trend_chart(
                    series,
                    comparison.periods,
                    width,
                    plot_height=DETAIL_PLOT,
                    breaks=_version_breaks(comparison),
                ),
            ]
        )


def _respondent_cell(view: PeriodView) -> Paragraph:
    people = "<br/>".join(
        f"{plain(shown_name(r.name))} ({plain(r.role_label)}) <b>{_score(r.overall)}</b>"
        for r in view.respondents
    )
    return markup_paragraph(people, "cell")


def _periods(comparison: Comparison, width: float) -> Iterator[Flowable]:
    yield CondPageBreak(45 * mm)
    yield Heading("Period by period", "h1", 0)
    yield paragraph(
        "Who answered each period with their own overall index, the organisation's overall "
        f"index (the mean of theirs), and the perception gaps of {GAP_THRESHOLD:.0f} points or "
        "more between roles (⚠). The organisation report of a period shows every dimension "
        "side by side.",
        "small",
    )
    yield Spacer(1, 2 * mm)
    rows: list[list[Any]] = [
        [
            paragraph("Period", "cell-bold"),
            paragraph("Respondents and their overall index", "cell-bold"),
            paragraph("Overall", "cell-bold"),
            paragraph("Perception gaps (points)", "cell-bold"),
        ]
    ]
    for view in comparison.period_views:
        gaps = "<br/>".join(
            f'<font color="{RED}">⚠ {plain(g.title)} {g.printed_gap}</font>'
            for g in view.flagged_gaps
        )
        rows.append(
            [
                paragraph(view.period, "cell"),
                _respondent_cell(view),
                markup_paragraph(f"<b>{_score(view.overall)}</b>", "cell"),
                markup_paragraph(gaps or "none", "cell"),
            ]
        )
    yield ruled_table(rows, width, [0.12, 0.46, 0.12, 0.3])


def _findings(comparison: Comparison, width: float) -> Iterator[Flowable]:
    periods = comparison.periods
    found: dict[tuple[str, str], OrganisationFinding] = {}
    counted: dict[tuple[str, str], dict[str, OrganisationFinding]] = {}
    titles = {(s.questionnaire_id, s.dimension_id): s.title for s in comparison.dimensions}
    for view in comparison.period_views:
        for finding in view.findings:
            key = (finding.questionnaire_id, finding.finding_id)
            title = titles.get((finding.questionnaire_id, finding.dimension))
            if is_next_step(finding) and title:
                # a dimension's next steps to Strong share one row: "Next steps to Strong:
                # Freedom from chaos", counted by the step seen by the most respondents
                key = (finding.questionnaire_id, f"next-step:{finding.dimension}")
                finding = replace(finding, title=f"Next steps to Strong: {title}")
                before = counted.get(key, {}).get(view.period)
                if before is not None and before.fired_for >= finding.fired_for:
                    found[key] = replace(found[key], title=finding.title)
                    continue
            # A row keeps the place of its first period and the title of its latest: across a
            # questionnaire version change the current wording is the one to read.
            found[key] = finding
            counted.setdefault(key, {})[view.period] = finding
    yield CondPageBreak(60 * mm)
    yield Heading("Findings by period", "h1", 0)
    yield paragraph(
        "A finding counts for a period (●, with how many respondents it fired for) when it "
        "fired for at least half of that period's respondents. A finding that appears or "
        "disappears across a questionnaire version change may only have been renamed.",
        "small",
    )
    yield Spacer(1, 2 * mm)
    if not found:
        yield paragraph("No pattern fired in any period.")
        return
    share = min(0.1, 0.5 / max(len(periods), 1))
    label_share = 1 - share * len(periods)
    rows: list[list[Any]] = [
        [paragraph("Finding", "cell-bold")]
        # the periods in small type, so that "2025-Q1" fits its narrow column on one line
        + [markup_paragraph(f"<b>{plain(period)}</b>", "cell-small") for period in periods]
    ]
    for key, finding in found.items():
        tag = "strength" if finding.positive else finding.severity
        colour = SEVERITY_COLOURS.get(finding.severity, GREY)
        rows.append(
            [
                markup_paragraph(
                    f"{plain(finding.title)} "
                    f'<font color="{colour}" size="7"><b>{plain(tag)}</b></font>',
                    "cell",
                )
            ]
            + [
                paragraph(f"● {c.fired_for}/{c.respondents}", "cell")
                if (c := counted[key].get(period)) is not None
                else paragraph("", "cell")
                for period in periods
            ]
        )
    table = ruled_table(rows, width, [label_share] + [share] * len(periods))
    table.setStyle(TableStyle([("RIGHTPADDING", (1, 0), (-1, -1), 2)]))  # narrow period columns
    yield table


def is_next_step(finding: OrganisationFinding) -> bool:
    """Whether ``finding`` is a low-severity next step to Strong (one row per dimension)."""
    return finding.kind == "next-step" and finding.severity == "low" and bool(finding.dimension)


def _step_heading(step: Step) -> str:
    return f"{step.before} → {step.after}"


def _moved(comparison: Comparison, width: float) -> Iterator[Flowable]:
    steps = [s for s in comparison.steps if s.moved_items][-DETAILED_STEPS:]
    if not steps:
        return
    yield CondPageBreak(50 * mm)
    yield Heading("Items that moved most", "h1", 0)
    yield paragraph(
        f"The {MOVED_PER_STEP} questions whose answers moved most between two periods, for the "
        f"latest {DETAILED_STEPS} steps (the organisation's mean item score, 0–100), compared "
        "only where the question's id is the same in both.",
        "small",
    )
    yield Spacer(1, 2 * mm)
    header = [
        paragraph("Question", "cell-bold"),
        paragraph("Before", "cell-bold"),
        paragraph("After", "cell-bold"),
        paragraph("Change", "cell-bold"),
    ]
    groups = []
    for step in steps:
        members = [
            [
                markup_paragraph(
                    f"{plain(move.text)} "
                    f'<font color="{GREY}" size="7">({plain(move.dimension_title)})</font>',
                    "cell",
                ),
                paragraph(_score(move.before), "cell"),
                paragraph(_score(move.after), "cell"),
                markup_paragraph(_change_markup(points_change(move.before, move.after)), "cell"),
            ]
            for move in step.moved_items[:MOVED_PER_STEP]
        ]
        groups.append((_step_heading(step), members))
    yield _grouped(header, groups, width, [0.7, 0.1, 0.1, 0.1])


def who_said(answers: Sequence[FollowUpAnswer]) -> str:
    """ "CEO: done, Sales: in progress"; confidential answers (no role) as counts only."""
    if any(not a.role for a in answers):
        counts: dict[str, int] = {}
        for a in answers:
            label = STATUS_LABELS.get(a.status, a.status).lower()
            counts[label] = counts.get(label, 0) + 1
        return ", ".join(f"{n} {label}" for label, n in counts.items())
    return ", ".join(
        f"{ROLE_SHORT.get(a.role, ROLE_LABELS.get(a.role, a.role))}: "
        f"{STATUS_LABELS.get(a.status, a.status).lower()}"
        for a in answers
    )


def _agreed_by(answers: Sequence[FollowUpAnswer], status: str) -> str:
    """ "CEO, Marketing" when every answer has a role and says ``status``, else ""."""
    if not answers or any(not a.role or a.status != status for a in answers):
        return ""
    return "said by " + ", ".join(
        ROLE_SHORT.get(a.role, ROLE_LABELS.get(a.role, a.role)) for a in answers
    )


#: Short role names for the follow-up table's answers.
ROLE_SHORT = {"ceo": "CEO", "marketing": "Marketing", "sales": "Sales", "other": "Other"}


def _followups(comparison: Comparison, width: float) -> Iterator[Flowable]:
    steps = [s for s in comparison.steps if s.followups]
    if not steps:
        return
    yield CondPageBreak(50 * mm)
    yield Heading("Action follow-up", "h1", 0)
    with_outcomes = bool(comparison.outcomes)
    yield paragraph(
        "The top actions of the reports of the latest periods (with the dimension each aimed "
        "at), what the next period's respondents said became of them, and how that dimension "
        "moved meanwhile"
        + (
            ", with the business outcomes related to that dimension (better or worse by each "
            f"metric's own direction). {NOT_PROOF}"
            if with_outcomes
            else "."
        )
        + " "
        + "; ".join(STATUS_MEANINGS)
        + ".",
        "small",
    )
    yield Spacer(1, 2 * mm)
    header = [
        paragraph("Action", "cell-bold"),
        paragraph("Status", "cell-bold"),
        paragraph(
            "Dimension aimed at; what moved" if with_outcomes else "Dimension aimed at; moved",
            "cell-bold",
        ),
    ]
    groups = []
    for step in steps[-DETAILED_STEPS:]:
        members = []
        # the actions aimed at one dimension side by side, its move said once (the first row)
        first_seen: dict[str, int] = {}
        for index, row in enumerate(step.followups):
            first_seen.setdefault(row.aims_at, index)
        ordered = sorted(step.followups, key=lambda r: first_seen[r.aims_at])
        said: set[str] = set()
        for row in ordered:
            colour = STATUS_COLOURS.get(row.status, GREY)
            status = STATUS_LABELS.get(row.status, row.status)
            detail = _agreed_by(row.answers, row.status) or who_said(row.answers)
            change = _change_markup(points_change(row.before, row.after))
            aimed = row.aims_at.split(": ", 1)[-1]
            moved = (
                f'<font size="7">{plain(aimed)}</font> '
                f"{_score(row.before)} → {_score(row.after)} {change}"
            )
            if with_outcomes and row.outcomes:
                moved += f'<br/><font size="7">{_moves_markup(row)}</font>'
            if row.aims_at in said:
                moved = f'<font color="{GREY}" size="7">{plain(aimed)}, as above</font>'
            said.add(row.aims_at)
            members.append(
                [
                    markup_paragraph(plain(row.action_text), "cell"),
                    markup_paragraph(
                        f'<font color="{colour}"><b>{plain(status)}</b></font> '
                        f'<font color="{GREY}" size="7">{plain(detail)}</font>',
                        "cell",
                    ),
                    markup_paragraph(moved, "cell"),
                ]
            )
        groups.append((f"Actions of {step.before}, followed up in {step.after}", members))
    earlier = steps[:-DETAILED_STEPS]
    if earlier:
        yield paragraph(
            "Earlier periods, in short: "
            + "; ".join(f"{_step_heading(step)}: {_status_counts(step)}" for step in earlier)
            + ".",
            "small",
        )
        yield Spacer(1, 1.5 * mm)
    shares = [0.48, 0.2, 0.32] if with_outcomes else [0.5, 0.22, 0.28]
    yield _grouped(header, groups, width, shares)


def _status_counts(step: Step) -> str:
    """ "9 actions: 2 done, 4 in progress, 3 answers differ"."""
    counts: dict[str, int] = {}
    for row in step.followups:
        counts[row.status] = counts.get(row.status, 0) + 1
    total = len(step.followups)
    parts = [
        f"{counts[status]} {STATUS_LABELS.get(status, status).lower()}"
        for status in ("done", "in-progress", "not-started", "mixed", "unanswered")
        if status in counts
    ]
    return f"{total} action{'s' if total != 1 else ''} ({', '.join(parts)})"


def comparison_flowables(
    comparison: Comparison, width: float, generated: str = ""
) -> list[Flowable]:
    """Every flowable of the comparison report, for a frame ``width`` points wide."""
    return [
        *_cover(comparison, generated),
        *_summary(comparison, width),
        *_outcomes(comparison, width),
        *_scores_by_period(comparison, width),
        *_periods(comparison, width),
        *_findings(comparison, width),
        *_dimension_trends(comparison, width),
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
    document = ReportDocument(stream, info, PAGE_SIZES[pagesize], running_title=TITLE)
    document.build(
        comparison_flowables(comparison, document.width, when), canvasmaker=PageCountCanvas
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

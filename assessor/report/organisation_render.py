"""Lay the organisation report out as a PDF: one period, every respondent, one diagnosis.

Cover (respondents, period); the organisation in one page (the five headings of the summary,
with who answered and the perception gaps after "Where you stand"); how to read it and the
dimension chart of the organisation's scores; each respondent's view side by side, then the
period's business outcomes beside the last period's (when any were entered); the findings,
each saying whom it was seen by; the 90-day plan; method and sources. The building blocks
and page template come from :mod:`.blocks`, the sections it shares with the respondent's
report from :mod:`.sections`; every user string goes through ``plain()``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    TableStyle,
)

from assessor.files.atomic import write_atomically
from assessor.questionnaire.metrics import NOT_PROOF
from assessor.report.blocks import (
    BOX_BACKGROUND,
    MUTED_HEX,
    PAGE_SIZES,
    Heading,
    PageCountCanvas,
    PageSize,
    ReportDocument,
    markup_paragraph,
    paragraph,
    plain,
    ruled_table,
)
from assessor.report.chart import dimension_chart
from assessor.report.fonts import register_fonts
from assessor.report.model import OrganisationReport
from assessor.report.sections import (
    coverage_note,
    findings_section,
    how_to_read,
    listed_actions,
    method_page,
    plan_section,
    score_text,
    summary_page,
)

RED = "#b2182b"
GREEN = "#1a7f37"
#: How many perception gaps the summary page lists (the rest are in the side-by-side table).
SUMMARY_GAPS = 3
#: How many disputed facts the summary page lists (the rest follow the side-by-side table).
SUMMARY_DISPUTES = 3
#: What confidential answering means, on the cover and page 2.
CONFIDENTIAL_NOTE = "no name stands beside an answer, a score or a note; groups under 3 are pooled."


def _people(report: OrganisationReport) -> str:
    return ", ".join(f"{r.name} ({r.role})" for r in report.respondents)


def _cover(report: OrganisationReport) -> Iterator[Flowable]:
    yield Spacer(1, 50 * mm)
    yield paragraph(report.title, "cover-title")
    yield Heading(report.organisation, "cover-org", 0)
    if report.unit:
        yield paragraph(report.unit, "cover-line")
    yield Spacer(1, 8 * mm)
    yield markup_paragraph(f"<b>Period</b>  {plain(report.period)}", "cover-line")
    count = len(report.respondents)
    yield markup_paragraph(
        f"<b>Respondents</b>  {count} complete assessment{'s' if count != 1 else ''}",
        "cover-line",
    )
    yield markup_paragraph(f"<b>Date</b>  {plain(report.generated)}", "cover-line")
    yield Spacer(1, 8 * mm)
    yield paragraph("Who answered", "h3")
    if report.confidential:
        yield paragraph(f"{report.team}, in confidence: {CONFIDENTIAL_NOTE}")
    else:
        for respondent in report.respondents:
            yield paragraph(f"{respondent.name} ({respondent.role})")
    yield Spacer(1, 4 * mm)
    yield paragraph("Questionnaires answered", "h3")
    for version in report.versions:
        yield paragraph(version)
    yield NextPageTemplate("body")
    yield PageBreak()


def _still_out(report: OrganisationReport) -> str:
    return f" Invitations: {plain(report.still_out)}." if report.still_out else ""


def _who_answered(report: OrganisationReport) -> list[Flowable]:
    if report.confidential:
        return [
            markup_paragraph(
                f"<b>Based on {plain(report.team)}</b>, answering in confidence: "
                f"{plain(CONFIDENTIAL_NOTE)}{_still_out(report)}",
                "small",
            )
        ]
    if len(report.respondents) == 1:
        only = report.respondents[0]
        return [
            markup_paragraph(
                f"<b>One respondent only:</b> {plain(only.name)} ({plain(only.role)}). This is "
                "one person's view, not yet the organisation's: ask marketing and sales to "
                "answer too, and the report will show where the views differ." + _still_out(report),
                "warning",
            )
        ]
    return [
        markup_paragraph(
            f"<b>Based on {len(report.respondents)} respondents:</b> {plain(_people(report))}."
            + _still_out(report),
            "small",
        )
    ]


def _gaps_summary(report: OrganisationReport) -> list[Flowable]:
    parts: list[Flowable] = [paragraph("Perception gaps", "summary-h")]
    if report.confidential and not report.gaps:
        parts.append(
            paragraph(
                "Not shown: the answers are confidential, and gaps are shown only between "
                "groups of at least 3 respondents each."
            )
        )
        return parts
    if report.roles < 2:
        parts.append(
            paragraph("Perception gaps need answers from at least two roles; this period has one.")
        )
        return parts
    flagged = report.flagged_gaps
    if not flagged:
        widest = report.gaps[:2]
        parts.append(
            paragraph(
                f"No two roles differ by {report.gap_threshold:.0f} points or more on any "
                "dimension"
                + ("; the widest gaps:" if widest else ": the respondents see it alike.")
            )
        )
        parts += [markup_paragraph(f"<b>{plain(g.title)}</b> — {plain(g.detail)}.") for g in widest]
        return parts
    for gap in flagged[:SUMMARY_GAPS]:
        parts.append(
            markup_paragraph(
                f'<font color="{RED}"><b>⚠ {plain(gap.title)}</b></font> — {plain(gap.detail)}.'
            )
        )
    more = len(flagged) - SUMMARY_GAPS
    if more > 0:
        parts.append(
            paragraph(f"… and {more} more, in “Each respondent's view side by side”.", "small")
        )
    parts.append(
        paragraph(
            "A gap is worth a conversation before acting: the roles see the organisation "
            "differently.",
            "small",
        )
    )
    return parts


def _disputes_summary(report: OrganisationReport) -> list[Flowable]:
    """The top disputed facts for page 2 (nothing when no fact was answered differently)."""
    if not report.disputes:
        return []
    parts: list[Flowable] = [paragraph("Facts the team disputes", "summary-h")]
    parts += [
        markup_paragraph(f"<b>{plain(d.text)}</b> — {plain(d.counts)}.")
        for d in report.disputes[:SUMMARY_DISPUTES]
    ]
    more = len(report.disputes) - SUMMARY_DISPUTES
    parts.append(
        paragraph(
            "Settle a disputed fact before acting on it"
            + (f"; {more} more in “Facts the team disputes”." if more > 0 else "."),
            "small",
        )
    )
    return parts


def _summary(report: OrganisationReport, width: float) -> Iterator[Flowable]:
    yield from summary_page(
        report.summary,
        width,
        title="The organisation in one page",
        after_stand=[
            *_who_answered(report),
            *_disputes_summary(report),
            *_gaps_summary(report),
        ],
    )
    yield PageBreak()


def _guide_and_chart(report: OrganisationReport, width: float) -> Iterator[Flowable]:
    yield from how_to_read(
        report.method,
        width,
        "page 2, the diagnosis; the chart; the respondents side by side; business "
        "outcomes; findings; plan; method.",
        extra=(
            (
                "Organisation score",
                "the mean of the respondents' scores of a dimension (a respondent without "
                "enough answers there is left out); the indices are means of those.",
            ),
            (
                "Perception gap",
                f"the highest role's score of a dimension minus the lowest, on the questions "
                f"every role is asked; {report.gap_threshold:.0f} points or more is flagged ⚠.",
            ),
            (
                "Disputed fact",
                "a question of fact the respondents answered differently, as counts; the "
                "largest spread of scores first.",
            ),
            (
                "Seen by",
                "how many respondents' answers fired a finding: by all, by most, or by one.",
            ),
        ),
    )
    if report.version_notes:
        count = len(report.version_notes)
        yield paragraph(
            f"ℹ {count} questionnaire{'s' if count != 1 else ''} changed version since "
            f"{report.previous_period or 'the previous period'}: ticks and changes compare "
            "only dimensions in both.",
            "small",
        )
    chart: list[Flowable] = [
        Heading("Dimensions at a glance", "h2", 0),
        paragraph(
            "The organisation's score of each dimension, 0 to 100, coloured by its band."
            + (
                f" The black tick marks {report.previous_period}'s score, the figure after "
                "each score the change since, in printed points."
                if report.previous_period
                else ""
            ),
            "small",
        ),
        Spacer(1, 2 * mm),
        dimension_chart(
            report.questionnaires,
            report.band_legend,
            width,
            report.previous_period,
            show_change=bool(report.previous_period),
        ),
    ]
    partial = coverage_note(report.questionnaires)
    if partial is not None:
        chart.append(partial)
    yield KeepTogether(chart)


def _side_by_side(report: OrganisationReport, width: float) -> Iterator[Flowable]:
    yield CondPageBreak(60 * mm)
    yield Heading("Each respondent's view side by side", "h1", 0)
    yield paragraph(
        (
            "The answers are confidential: each group's score (at least 3 respondents) "
            "beside the organisation's. "
            if report.confidential
            else "Each respondent's own score per questionnaire and dimension, beside the "
            "organisation's (their mean). "
        )
        + "The gap is the highest role's score minus the lowest, on the questions every role "
        f"is asked; {report.gap_threshold:.0f} points or more is flagged ⚠. “2 of 3” beside "
        "an organisation score: it rests on the respondents with enough answers there.",
        "small",
    )
    yield Spacer(1, 2 * mm)
    people = report.respondents
    label_share, org_share, gap_share = 0.3, 0.15, 0.07
    share = (1 - label_share - org_share - gap_share) / max(len(people), 1)
    header: list[Any] = [paragraph("Questionnaire and dimension", "cell-bold")]
    header.append(paragraph("Organisation", "cell-bold"))
    header += [
        markup_paragraph(f"<b>{plain(r.name)}</b><br/>{plain(r.role)}", "cell") for r in people
    ]
    header.append(paragraph("Gap", "cell-bold"))
    rows: list[list[Any]] = [header]
    index_rows: list[int] = []
    for row in report.side_by_side:
        if row.is_index:
            index_rows.append(len(rows))
        label = (
            markup_paragraph(f"<b>{plain(row.label)}</b>", "cell")
            if row.is_index
            else paragraph(f"   {row.label}", "cell")
        )
        if row.gap is None:
            gap = paragraph("—" if not row.is_index else "", "cell")
        elif row.flagged:
            gap = markup_paragraph(f'<font color="{RED}"><b>⚠ {row.gap:.0f}</b></font>', "cell")
        else:
            gap = paragraph(f"{row.gap:.0f}", "cell")
        based_on = (
            f' <font color="{MUTED_HEX}">{plain(row.based_on)}</font>' if row.based_on else ""
        )
        rows.append(
            [
                label,
                markup_paragraph(f"<b>{score_text(row.organisation)}</b>{based_on}", "cell"),
                *[paragraph(score_text(score), "cell") for score in row.scores],
                gap,
            ]
        )
    shares = [label_share, org_share, *[share] * len(people), gap_share]
    table = ruled_table(rows, width, shares)
    table.setStyle(
        TableStyle([("BACKGROUND", (0, r), (-1, r), BOX_BACKGROUND) for r in index_rows])
    )
    yield table
    overall = " · ".join(f"{r.name} {score_text(r.overall)}" for r in people)
    yield Spacer(1, 2 * mm)
    yield paragraph(
        f"Overall index: organisation {score_text(report.overall.score)} · {overall}.", "small"
    )


def _disputes(report: OrganisationReport, width: float) -> Iterator[Flowable]:
    """Every disputed fact, as counts, most consequential first."""
    if not report.disputes:
        return
    yield CondPageBreak(30 * mm)
    yield Heading("Facts the team disputes", "h2", 0)
    yield paragraph(
        "Questions of fact the respondents answered differently, as counts (never names), the "
        "most consequential first: the spread of the answers' scores times the question's "
        "weight. Agree and strongly agree count as one answer.",
        "small",
    )
    yield Spacer(1, 1.5 * mm)
    rows: list[list[Any]] = [
        [paragraph("Question", "cell-bold"), paragraph("Answers", "cell-bold")]
    ]
    for dispute in report.disputes:
        rows.append(
            [
                markup_paragraph(
                    f"<b>{plain(dispute.text)}</b><br/>"
                    f'<font color="{MUTED_HEX}">{plain(dispute.dimension)}</font>',
                    "cell",
                ),
                paragraph(dispute.counts, "cell"),
            ]
        )
    yield ruled_table(rows, width, [0.55, 0.45])


def _outcomes(report: OrganisationReport, width: float) -> Iterator[Flowable]:
    """The period's business outcomes beside the last period's, with which way is better."""
    view = report.outcomes
    if view is None:
        return
    before = view.previous_period
    parts: list[Flowable] = [
        Heading(f"Business outcomes in {view.period}", "h2", 0),
        paragraph(
            "The figures entered for the period"
            + (f", beside {before}'s and the change since then" if before else "")
            + ". Green is a change for the better, red for the worse, by each metric's own "
            f"direction; each metric's definition follows the table. {NOT_PROOF}",
            "small",
        ),
        Spacer(1, 1.5 * mm),
    ]
    header = [
        paragraph("Outcome", "cell-bold"),
        paragraph(view.period, "cell-bold"),
        paragraph(before or "Before", "cell-bold"),
        paragraph("Change", "cell-bold"),
    ]
    rows: list[list[Any]] = [header]
    for row in view.rows:
        colour = {"better": GREEN, "worse": RED}.get(row.verdict, MUTED_HEX)
        change = (
            f'<font color="{colour}"><b>{plain(row.change)} {plain(row.verdict)}</b></font>'
            if row.change
            else "—"
        )
        rows.append(
            [
                markup_paragraph(
                    f"<b>{plain(row.title)}</b> "
                    f'<font color="{MUTED_HEX}">{plain(row.direction)}</font>',
                    "cell",
                ),
                markup_paragraph(f"<b>{plain(row.value)}</b>", "cell"),
                paragraph(row.previous, "cell"),
                markup_paragraph(change, "cell"),
            ]
        )
    parts.append(ruled_table(rows, width, [0.46, 0.15, 0.15, 0.24]))
    yield KeepTogether(parts)
    # The definitions in one paragraph under the table (a row each would take a third of a
    # page), free to run on to the next page.
    yield Spacer(1, 1 * mm)
    # who entered them closes the same paragraph, so it never stands alone atop a page
    provenance = f"<br/>{plain(view.provenance)}" if view.provenance else ""
    yield markup_paragraph(
        " ".join(f"<b>{plain(row.title)}</b>: {plain(row.definition)}" for row in view.rows)
        + provenance,
        "small",
    )


def _findings(report: OrganisationReport, width: float) -> Iterator[Flowable]:
    yield CondPageBreak(45 * mm)
    yield Heading("Findings and what to do", "h1", 0)
    if len(report.respondents) > 1:
        yield paragraph(
            "Every pattern that fired for any respondent, once; those seen by at least half "
            "come first, and one seen by a single respondent is worth checking with the others.",
            "small",
        )
    if not report.findings:
        yield paragraph("No pattern in the diagnosis fired for any respondent.")
    said = [problem.key for problem in report.summary.wrong if problem.kind != "dimension"]
    yield from findings_section(report.findings, report.plan, width, said=said)


def organisation_flowables(report: OrganisationReport, width: float) -> list[Flowable]:
    """Every flowable of the organisation report, for a frame ``width`` points wide."""
    return [
        *_cover(report),
        *_summary(report, width),
        *_guide_and_chart(report, width),
        *_side_by_side(report, width),
        *_disputes(report, width),
        *_outcomes(report, width),
        *_findings(report, width),
        *plan_section(
            report.plan, width, organisation=True, listed=listed_actions(report.findings)
        ),
        *method_page(report.method, organisation=True),
    ]


def render_organisation(
    report: OrganisationReport, stream: BinaryIO, pagesize: PageSize = "a4"
) -> None:
    """Write the organisation report as PDF into ``stream``."""
    register_fonts()
    document = ReportDocument(stream, report, PAGE_SIZES[pagesize], running_title=report.title)
    document.build(organisation_flowables(report, document.width), canvasmaker=PageCountCanvas)


def organisation_pdf_bytes(report: OrganisationReport, pagesize: PageSize = "a4") -> bytes:
    """The organisation report as PDF bytes."""
    buffer = io.BytesIO()
    render_organisation(report, buffer, pagesize)
    return buffer.getvalue()


def write_organisation_pdf(
    report: OrganisationReport, target: Path, pagesize: PageSize = "a4"
) -> None:
    """Write the organisation report to ``target`` atomically (never half a file)."""
    write_atomically(target, lambda stream: render_organisation(report, stream, pagesize))

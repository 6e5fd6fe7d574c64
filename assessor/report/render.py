"""Lay the respondent's report out as a PDF with reportlab platypus.

As in pretix's reports, in three steps: the :class:`Report` model is built without reportlab
(:mod:`.builder`); the functions here turn each of its parts into flowables, made of the
building blocks of :mod:`.blocks` and the sections the reports share (:mod:`.sections`); and
:func:`write_pdf` places them on the pages of :class:`~assessor.report.blocks.ReportDocument`
and writes the file atomically. Every user or questionnaire string goes through
:func:`~assessor.report.blocks.plain`, so nothing the user typed is ever read as markup.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from assessor.diagnosis.figures import points_change, points_text
from assessor.files.atomic import write_atomically
from assessor.report.blocks import (
    PAGE_SIZES,
    Heading,
    PageCountCanvas,
    PageSize,
    ReportDocument,
    bullet_list,
    long_text,
    markup_paragraph,
    paragraph,
    plain,
    ruled_table,
)
from assessor.report.chart import dimension_chart
from assessor.report.fonts import register_fonts
from assessor.report.model import Report
from assessor.report.sections import (
    caution_box,
    finding_blocks,
    how_to_read,
    method_page,
    plan_section,
    questionnaire_sections,
    summary_page,
)

# --- Flowables for each part of the report ---------------------------------------------------


def _cover(report: Report) -> Iterator[Flowable]:
    yield Spacer(1, 50 * mm)
    yield paragraph(report.title, "cover-title")
    yield Heading(report.organisation, "cover-org", 0)
    if report.unit:
        yield paragraph(report.unit, "cover-line")
    yield Spacer(1, 8 * mm)
    yield markup_paragraph(f"<b>Period</b>  {plain(report.period)}", "cover-line")
    yield markup_paragraph(
        f"<b>Respondent</b>  {plain(report.respondent)} ({plain(report.role)})", "cover-line"
    )
    yield markup_paragraph(f"<b>Date</b>  {plain(report.generated)}", "cover-line")
    yield Spacer(1, 8 * mm)
    yield paragraph("Questionnaires answered", "h3")
    for version in report.versions:
        yield paragraph(version)
    if report.status != "complete":
        yield Spacer(1, 6 * mm)
        yield paragraph("Draft: not every question has been answered yet.", "warning")
    yield NextPageTemplate("body")
    yield PageBreak()


def _how_to_read(report: Report, width: float) -> Iterator[Flowable]:
    since = " and since last quarter" if report.since_last else ""
    yield from how_to_read(
        report.method,
        width,
        "page 2 is the diagnosis; then the dimension chart, one section per questionnaire, "
        f"the findings with what to do, the 90-day plan{since}, every answer given, and the "
        "method and its limits.",
    )
    if report.evidence_warnings:
        yield paragraph("How firm the evidence is", "h2")
        for warning in report.evidence_warnings:
            yield paragraph(f"• {warning}", "warning")


def _chart(report: Report, width: float) -> Iterator[Flowable]:
    since = report.since_last
    yield KeepTogether(
        [
            Heading("Dimensions at a glance", "h1", 0),
            paragraph(
                "Each bar is one dimension's score from 0 to 100, coloured by its band. A "
                "dimension with too few answers shows no bar rather than a guess."
                + (
                    f" The black tick marks the score of {since.previous_period}."
                    if since is not None
                    else ""
                ),
                "small",
            ),
            Spacer(1, 3 * mm),
            dimension_chart(
                report.questionnaires,
                report.band_legend,
                width,
                previous_label=since.previous_period if since is not None else "",
            ),
        ]
    )
    yield PageBreak()


def _findings(report: Report) -> Iterator[Flowable]:
    yield PageBreak()
    yield Heading("Findings and what to do", "h1", 0)
    if not report.findings:
        yield paragraph("No pattern in the diagnosis fired for these answers.")
    for finding in report.findings:
        yield from finding_blocks(finding)
    if report.not_evaluated:
        yield paragraph("Not evaluated", "h2")
        yield paragraph(
            "These patterns could not be checked because answers they depend on are missing "
            "or “don't know”:",
            "small",
        )
        yield bullet_list(report.not_evaluated)


def _change_cell(change: float | None) -> Paragraph:
    if change is None:
        return paragraph("—", "cell")
    colour = "#1a7f37" if change > 0 else "#b2182b" if change < 0 else "#5c6370"
    return markup_paragraph(f'<font color="{colour}"><b>{change:+d}</b></font>', "cell")


def _whose_scores(report: Report) -> str:
    """Whose scores the tables of earlier periods show (the comparison report shows means)."""
    return (
        f"These are single respondents' scores, not the organisation's mean: "
        f"{report.respondent}'s for {report.period}, and for each earlier period the "
        f"respondent in the same role ({report.role}) where there was one, else the first. "
        "The comparison report shows each period's mean over all its respondents."
    )


def _since_last(report: Report, width: float) -> Iterator[Flowable]:
    since = report.since_last
    if since is None:
        return
    yield PageBreak()
    yield Heading("Since last quarter", "h1", 0)
    yield paragraph(
        f"Compared with {since.previous_period}, the previous assessment of the same "
        f"organisation. {_whose_scores(report)}"
    )
    rows: list[list[Any]] = [
        [
            paragraph("Dimension", "cell-bold"),
            paragraph(since.previous_period, "cell-bold"),
            paragraph(report.period, "cell-bold"),
            paragraph("Change", "cell-bold"),
        ]
    ]
    for delta in since.deltas:
        rows.append(
            [
                paragraph(f"{delta.questionnaire_title}: {delta.dimension_title}", "cell"),
                paragraph(points_text(delta.before), "cell"),
                paragraph(points_text(delta.now), "cell"),
                _change_cell(points_change(delta.before, delta.now)),
            ]
        )
    yield Spacer(1, 2 * mm)
    yield ruled_table(rows, width, [0.55, 0.15, 0.15, 0.15])
    yield paragraph("New findings", "h3")
    yield bullet_list(since.new_findings)
    yield paragraph("Resolved findings", "h3")
    yield bullet_list(since.resolved_findings)
    if len(since.trend) > 2:
        yield paragraph("Indices by period", "h2")
        yield paragraph(_whose_scores(report), "small")
        share = 0.8 / (len(since.trend_headings) + 1)
        header = [paragraph("Period", "cell-bold"), paragraph("Overall", "cell-bold")]
        header += [paragraph(title, "cell-bold") for title in since.trend_headings]
        trend_rows: list[list[Any]] = [header]
        for point in since.trend:
            values = [point.overall, *point.indices]
            trend_rows.append(
                [paragraph(point.period, "cell")]
                + [paragraph(points_text(v), "cell") for v in values]
            )
        yield ruled_table(trend_rows, width, [0.2] + [share] * (len(since.trend_headings) + 1))


def _appendix(report: Report) -> Iterator[Flowable]:
    yield PageBreak()
    yield Heading("Appendix: every question and answer", "h1", 0)
    yield paragraph(
        "Each question as asked, the answer given, why it is asked, the point behind it and "
        "the note, if any.",
        "small",
    )
    for section in report.appendix:
        yield Heading(section.title, "h2", 1)
        if section.other_roles:
            count = section.other_roles
            yield paragraph(
                f"{count} question{'' if count == 1 else 's'} of this questionnaire "
                f"{'is' if count == 1 else 'are'} put only to other roles and not listed here.",
                "small",
            )
        for row in section.answers:
            origin = (
                "the tool's own practice, not a claim of the articles"
                if row.basis == "practice"
                else f"from “{row.source}”"
            )
            lines = [
                markup_paragraph(f"<b>{plain(row.number)} {plain(row.text)}</b>", "h3"),
                *long_text(row.answer, "answer", "Answer: ", bold=True),
                paragraph(f"Why we ask: {row.why} ({origin})", "why"),
            ]
            if row.argument:
                point = "The point" if row.basis == "practice" else "The article's point"
                lines.append(paragraph(f"{point}: {row.argument}", "why"))
            yield KeepTogether(lines)
            if row.note:
                yield from long_text(row.note, "note", "<i>Note:</i> ")


def _summary(report: Report, width: float) -> Iterator[Flowable]:
    notes: list[str] = []
    if report.status != "complete":
        notes.append("A draft: some questions are still unanswered.")
    elif report.evidence_warnings:
        notes.append("Some scores rest on thin evidence: see “How firm the evidence is”.")
    yield from summary_page(
        report.summary, width, notes=notes, after_stand=caution_box(report.cautions, width)
    )
    yield PageBreak()


def report_flowables(report: Report, width: float) -> list[Flowable]:
    """Every flowable of the report, in order, for a frame ``width`` points wide."""
    return [
        *_cover(report),
        *_summary(report, width),
        *_how_to_read(report, width),
        *_chart(report, width),
        *questionnaire_sections(report.questionnaires, width),
        *_findings(report),
        *plan_section(report.plan, width),
        *_since_last(report, width),
        *_appendix(report),
        *method_page(report.method),
    ]


def render_pdf(report: Report, stream: BinaryIO, pagesize: PageSize = "a4") -> None:
    """Write the report as PDF into ``stream``."""
    register_fonts()
    document = ReportDocument(stream, report, PAGE_SIZES[pagesize])
    document.build(report_flowables(report, document.width), canvasmaker=PageCountCanvas)


def pdf_bytes(report: Report, pagesize: PageSize = "a4") -> bytes:
    """The report as PDF bytes."""
    buffer = io.BytesIO()
    render_pdf(report, buffer, pagesize)
    return buffer.getvalue()


def write_pdf(report: Report, target: Path, pagesize: PageSize = "a4") -> None:
    """Write the report to ``target`` atomically: a failure never leaves half a PDF."""
    write_atomically(target, lambda stream: render_pdf(report, stream, pagesize))

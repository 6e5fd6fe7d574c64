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
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from assessor.files.atomic import write_atomically
from assessor.report.blocks import (
    PAGE_SIZES,
    Heading,
    PageCountCanvas,
    PageSize,
    ReportDocument,
    long_text,
    markup_paragraph,
    paragraph,
    plain,
)
from assessor.report.chart import dimension_chart
from assessor.report.fonts import register_fonts
from assessor.report.model import Report
from assessor.report.sections import (
    caution_box,
    coverage_note,
    findings_section,
    how_to_read,
    listed_actions,
    method_page,
    plan_section,
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
    if report.about:
        # The organisation profile's facts: never scored, plain text (escaped by paragraph).
        yield Spacer(1, 6 * mm)
        yield paragraph("About the organisation", "h3")
        for line in report.about:
            yield paragraph(line)
    if report.status != "complete":
        yield Spacer(1, 6 * mm)
        yield paragraph("Draft: not every question has been answered yet.", "warning")
    yield NextPageTemplate("body")
    yield PageBreak()


def _guide_and_chart(report: Report, width: float) -> Iterator[Flowable]:
    """Page 3: how to read the report, and the dimension chart with the change since the
    previous period printed beside each score."""
    since = report.since_last
    yield from how_to_read(
        report.method,
        width,
        "page 2 is the diagnosis; then this chart, the findings with what to do (those new "
        "since the previous period say so), the 90-day plan, every answer in one line each, "
        "and the method and its sources.",
    )
    if report.evidence_warnings:
        yield paragraph("How firm the evidence is", "h3")
        for warning in report.evidence_warnings:
            yield paragraph(f"• {warning}", "warning")
    chart: list[Flowable] = [
        Heading("Dimensions at a glance", "h2", 0),
        paragraph(
            "Each bar is one dimension's score from 0 to 100, coloured by its band; a "
            "dimension with too few answers shows no bar rather than a guess."
            + (_since_caption(report) if since is not None else ""),
            "small",
        ),
        Spacer(1, 2 * mm),
        dimension_chart(
            report.questionnaires,
            report.band_legend,
            width,
            previous_label=since.previous_period if since is not None else "",
            show_change=since is not None,
        ),
    ]
    note = coverage_note(report.questionnaires)
    if note is not None:
        chart.append(note)
    yield KeepTogether(chart)


def _since_caption(report: Report) -> str:
    """What the chart's ticks and changes compare with: whose scores, and any version change."""
    since = report.since_last
    assert since is not None
    text = (
        f" The black tick marks the score of {since.previous_period}, and the figure after "
        "each score its change since then, in the points printed: single respondents' scores, "
        f"{report.respondent}'s now and then the respondent in the same role ({report.role}) "
        "where there was one, else the first; the comparison report shows the organisation's "
        "means."
    )
    if since.versions_changed:
        text += (
            f" The questionnaire version changed since {since.previous_period} for "
            + ", ".join(since.versions_changed)
            + ": only dimensions in both versions are compared, on partly different questions."
        )
    return text


def _findings(report: Report, width: float) -> Iterator[Flowable]:
    yield CondPageBreak(40 * mm)
    yield Heading("Findings and what to do", "h1", 0)
    if not report.findings:
        yield paragraph("No pattern in the diagnosis fired for these answers.")
    said = [problem.key for problem in report.summary.wrong if problem.kind != "dimension"]
    since = report.since_last
    yield from findings_section(
        report.findings,
        report.plan,
        width,
        said=said,
        new=since.new_findings if since else (),
        since=since.previous_period if since else "",
    )
    if since is not None:
        resolved = "; ".join(title.rstrip(".") for title in since.resolved_findings)
        yield paragraph(f"Resolved since {since.previous_period}: {resolved or 'none'}.", "small")
    if report.not_evaluated:
        yield paragraph(
            "Not evaluated, because answers they depend on are missing or “don't know”: "
            + "; ".join(title.rstrip(".") for title in report.not_evaluated)
            + ".",
            "small",
        )


def _appendix(report: Report) -> Iterator[Flowable]:
    yield CondPageBreak(35 * mm)
    yield Heading("Appendix: every answer", "h1", 0)
    others = [
        f"{section.other_roles} question{'' if section.other_roles == 1 else 's'} of "
        f"{section.title}"
        for section in report.appendix
        if section.other_roles
    ]
    yield paragraph(
        "One line per question as asked, with the answer given (bold) and any note; † marks a "
        "question resting on standard practice rather than on the articles, and why each "
        "question is asked is in the app."
        + (
            " Put only to other roles, and not listed: " + "; ".join(others) + "." if others else ""
        ),
        "small",
    )
    for section in report.appendix:
        yield Heading(section.title, "h3", 1)
        for row in section.answers:
            mark = "†" if row.basis == "practice" else ""
            lead = f"{plain(row.number)} {plain(row.text)}{mark} — "
            yield from long_text(row.answer, "answer-line", lead, bold=True)
            if row.note:
                yield from long_text(row.note, "answer-line", "<i>Note:</i> ")


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
        *_guide_and_chart(report, width),
        *_findings(report, width),
        *plan_section(report.plan, width, listed=listed_actions(report.findings)),
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

"""Lay the report model out as a PDF with reportlab platypus.

Three steps, as in pretix's reports: styles and the page template (header, footer, "page x of
y"), functions turning each part of the :class:`Report` into flowables, and
:func:`write_pdf`, which writes the file atomically. Every user or questionnaire string goes
through :func:`plain`, so nothing the user typed is ever read as markup.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, Literal, Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from assessor.diagnosis.figures import points_change, points_text
from assessor.files.atomic import write_atomically
from assessor.report.chart import dimension_chart
from assessor.report.fonts import register_fonts
from assessor.report.model import FindingView, QuestionnaireView, Report, ScoreView
from assessor.report.palette import band_colour

PageSize = Literal["a4", "letter"]
PAGE_SIZES = {"a4": A4, "letter": LETTER}
#: Territories that print on Letter paper; everyone else gets A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR"})
MARGIN = 18 * mm
INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#5c6370")
RULE = colors.HexColor("#d0d4da")
SEVERITY_COLOURS = {
    "high": "#b2182b",
    "medium": "#c2591d",
    "low": "#6b6b6b",
    "info": "#2166ac",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: The language of the text Assessor writes into its PDFs (for screen readers and search).
DOCUMENT_LANGUAGE = "en-GB"


def default_pagesize() -> PageSize:
    """Letter where the locale's territory prints on Letter paper, A4 elsewhere."""
    for variable in ("LC_PAPER", "LC_ALL", "LANG"):
        value = os.environ.get(variable, "")
        match = re.match(r"^[a-z]{2,3}_([A-Z]{2})", value)
        if match:
            return "letter" if match[1] in LETTER_TERRITORIES else "a4"
    return "a4"


def resolve_pagesize(choice: str | None = None) -> PageSize:
    """The paper size to print on: ``choice`` ("a4" or "letter", any case), else the locale's."""
    return "letter" if (choice or default_pagesize()).lower() == "letter" else "a4"


def clean(text: str) -> str:
    """Text safe to draw: control characters and lone surrogates removed, NFC-normalised."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text.replace("\r\n", "\n")))


def plain(text: str) -> str:
    """User text as paragraph markup that shows it literally (escaped; newlines kept)."""
    return escape(clean(text)).replace("\n", "<br/>")


@cache
def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle(
        "body", fontName=regular, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT
    )

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "small": style("small", fontSize=8, leading=10.5, textColor=MUTED),
        "h1": style("h1", fontName=bold, fontSize=16, leading=20, spaceBefore=4, spaceAfter=8),
        "h2": style("h2", fontName=bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4),
        "h3": style("h3", fontName=bold, fontSize=10, leading=13, spaceBefore=6, spaceAfter=2),
        "cover-title": style(
            "cover-title", fontName=bold, fontSize=13, leading=17, textColor=MUTED
        ),
        "cover-org": style("cover-org", fontName=bold, fontSize=26, leading=32, spaceAfter=6),
        "cover-line": style("cover-line", fontSize=12, leading=17),
        "big-score": style("big-score", fontName=bold, fontSize=30, leading=34),
        "cell": style("cell", fontSize=8.5, leading=11),
        "cell-bold": style("cell-bold", fontName=bold, fontSize=8.5, leading=11),
        "warning": style("warning", fontSize=9, leading=12, textColor=colors.HexColor("#7a3e00")),
        "note": style("note", fontSize=9, leading=12, leftIndent=12, textColor=INK),
        "answer": style("answer", fontSize=9, leading=12, leftIndent=12),
        "why": style("why", fontSize=8, leading=10.5, leftIndent=12, textColor=MUTED),
        "summary-h": style(
            "summary-h", fontName=bold, fontSize=11.5, leading=14, spaceBefore=7, spaceAfter=3
        ),
        "cell-small": style("cell-small", fontSize=7.5, leading=9.5, textColor=MUTED),
        "box": style("box", fontSize=8.5, leading=11.5, spaceAfter=2.5),
        "para": style("para", spaceAfter=5),
    }


def _p(text: str, style: str = "body") -> Paragraph:
    """A paragraph of *plain* text (escaped here)."""
    return Paragraph(plain(text), _styles()[style])


def _markup(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of markup we wrote ourselves; any user text inside must already be plain()."""
    return Paragraph(markup, _styles()[style])


class _Heading(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A heading that also becomes an entry of the PDF's outline (bookmarks)."""

    def __init__(self, text: str, style: str, level: int) -> None:
        super().__init__(plain(text), _styles()[style])
        self.outline_title = clean(text)
        self.outline_level = level


class _PageCountCanvas(Canvas):  # type: ignore[misc]
    """A canvas that can print "of N" on every page: N is a form filled in at save time."""

    def save(self) -> None:
        regular, _ = register_fonts()
        self.beginForm("page-count")
        self.setFont(regular, 8)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


class DocumentInfo(Protocol):
    """What the page template reads of a document: a :class:`Report` or any such record."""

    @property
    def title(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def respondent(self) -> str: ...
    @property
    def generated(self) -> str: ...


class _ReportDocument(BaseDocTemplate):  # type: ignore[misc]
    """Page templates for the cover and the body, and outline entries for headings.

    ``running_title`` is printed at the top right of every body page.
    """

    def __init__(
        self,
        stream: BinaryIO,
        report: DocumentInfo,
        pagesize: tuple[float, float],
        running_title: str = "Marketing and sales diagnosis",
    ) -> None:
        super().__init__(
            stream,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 6 * mm,
            bottomMargin=MARGIN,
            title=clean(f"{report.title}: {report.organisation}, {report.period}"),
            author=clean(report.respondent),
            subject="Marketing and sales self-assessment",
            creator="Assessor",
            keywords=["marketing", "sales", "assessment", clean(report.period)],
            lang=DOCUMENT_LANGUAGE,
            displayDocTitle=True,
        )
        self.report = report
        self.running_title = running_title
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, id="body", showBoundary=0
        )
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[frame], onPage=self._footer),
                PageTemplate(id="body", frames=[frame], onPage=self._header_and_footer),
            ]
        )
        self._outline_keys = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        """Add an outline entry (and a bookmark) for every heading as it is placed."""
        if isinstance(flowable, _Heading):
            self._outline_keys += 1
            key = f"section-{self._outline_keys}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(
                flowable.outline_title, key, level=flowable.outline_level, closed=False
            )

    def _footer(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        regular, _ = register_fonts()
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        width, _ = document.pagesize
        y = MARGIN - 9 * mm
        canvas.drawString(MARGIN, y, clean(f"Assessor · generated {self.report.generated}"))
        label = f"Page {canvas.getPageNumber()} of "
        from reportlab.pdfbase.pdfmetrics import stringWidth

        right = width - MARGIN - stringWidth("000", regular, 8)
        canvas.drawRightString(right, y, label)
        canvas.translate(right, y)
        canvas.doForm("page-count")
        canvas.restoreState()

    def _header_and_footer(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        regular, bold = register_fonts()
        width, height = document.pagesize
        canvas.saveState()
        y = height - MARGIN
        canvas.setFont(bold, 8)
        canvas.setFillColor(MUTED)
        parts = [self.report.organisation, self.report.unit, self.report.period]
        heading = clean(" · ".join(part for part in parts if part))
        from reportlab.pdfbase.pdfmetrics import stringWidth

        room = width - 2 * MARGIN - 140
        while heading and stringWidth(heading, bold, 8) > room:
            heading = heading[:-2] + "…"
        canvas.drawString(MARGIN, y, heading)
        canvas.setFont(regular, 8)
        canvas.drawRightString(width - MARGIN, y, self.running_title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y - 4, width - MARGIN, y - 4)
        canvas.restoreState()
        self._footer(canvas, document)


# --- Flowables for each part of the report ---------------------------------------------------


def _score_text(result: ScoreView) -> str:
    return points_text(result.score, "not enough answers")


def _band_cell(result: ScoreView) -> Paragraph:
    if result.score is None:
        return _p("—", "cell")
    colour = band_colour(result.band_index)
    return _markup(f'<font color="{colour}"><b>{plain(result.band)}</b></font>', "cell")


def _table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1f3f5")))
    table.setStyle(TableStyle(commands))
    return table


def _cover(report: Report) -> Iterator[Flowable]:
    yield Spacer(1, 50 * mm)
    yield _p(report.title, "cover-title")
    yield _Heading(report.organisation, "cover-org", 0)
    if report.unit:
        yield _p(report.unit, "cover-line")
    yield Spacer(1, 8 * mm)
    yield _markup(f"<b>Period</b>  {plain(report.period)}", "cover-line")
    yield _markup(
        f"<b>Respondent</b>  {plain(report.respondent)} ({plain(report.role)})", "cover-line"
    )
    yield _markup(f"<b>Date</b>  {plain(report.generated)}", "cover-line")
    yield Spacer(1, 8 * mm)
    yield _p("Questionnaires answered", "h3")
    for version in report.versions:
        yield _p(version)
    if report.status != "complete":
        yield Spacer(1, 6 * mm)
        yield _p("Draft: not every question has been answered yet.", "warning")
    yield NextPageTemplate("body")
    yield PageBreak()


FINDING_KINDS = {"watch": "Watch", "flag": "Flag"}


def _finding_tag(finding: FindingView) -> Paragraph:
    colour = SEVERITY_COLOURS.get(finding.severity, "#333333")
    if finding.positive:
        tag = "Strength"
    elif finding.kind in FINDING_KINDS:
        tag = f"{FINDING_KINDS[finding.kind]} · {finding.severity} severity"
    else:
        tag = f"{finding.severity.capitalize()} severity"
    extra = "".join(
        f" · {plain(part)}"
        for part in (finding.questionnaire_title, finding.evidence, finding.seen_by)
        if part
    )
    return _markup(
        f'<font color="{colour}"><b>{plain(tag)}</b></font> <font color="#5c6370">{extra}</font>',
        "small",
    )


def finding_blocks(finding: FindingView) -> list[Flowable]:
    """One finding: title, tag, explanation, the flagged answer, why it matters, actions, basis."""
    parts: list[Flowable] = [_Heading(finding.title, "h2", 1), _finding_tag(finding)]
    parts.append(Spacer(1, 1.5 * mm))
    if finding.kind == "flag" and finding.flagged_item:
        answer = f" — answered “{plain(finding.flagged_answer)}”" if finding.flagged_answer else ""
        parts.append(
            _markup(f"<i>Raised by one answer:</i> “{plain(finding.flagged_item)}”{answer}")
        )
    parts.append(_p(finding.explanation))
    if finding.consequence and not finding.positive:
        parts.append(_markup(f"<b>Why it matters:</b> {plain(finding.consequence)}"))
    tail: list[Flowable] = []
    if finding.actions:
        tail.append(_p("What to do", "h3"))
        tail.append(_bullets(finding.actions))
    if finding.basis == "practice":
        tail.append(
            _p(
                "Rests on standard practice (the tool's own judgement), not on a claim of the "
                "articles.",
                "small",
            )
        )
    elif finding.sources:
        tail.append(_p("Rests on " + "; ".join(finding.sources), "small"))
    # "What to do" never stands alone at the foot of a page, away from its actions.
    return [KeepTogether(parts), KeepTogether(tail)]


def _bullets(texts: tuple[str, ...] | list[str], empty: str = "None.") -> Flowable:
    if not texts:
        return _p(empty)
    return ListFlowable(
        [ListItem(_p(text), value="•") for text in texts],
        bulletType="bullet",
        bulletFontName=register_fonts()[0],
        leftIndent=12,
    )


def _how_to_read(report: Report, width: float) -> Iterator[Flowable]:
    from assessor.report.sections import how_to_read

    since = " and since last quarter" if report.since_last else ""
    yield from how_to_read(
        report.method,
        width,
        "page 2 is the diagnosis; then the dimension chart, one section per questionnaire, "
        f"the findings with what to do, the 90-day plan{since}, every answer given, and the "
        "method and its limits.",
    )
    if report.evidence_warnings:
        yield _p("How firm the evidence is", "h2")
        for warning in report.evidence_warnings:
            yield _p(f"• {warning}", "warning")


def _chart(report: Report, width: float) -> Iterator[Flowable]:
    since = report.since_last
    yield KeepTogether(
        [
            _Heading("Dimensions at a glance", "h1", 0),
            _p(
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


def questionnaire_sections(
    questionnaires: Sequence[QuestionnaireView], width: float
) -> Iterator[Flowable]:
    """One section per questionnaire: description, index, and each dimension's meaning."""
    for questionnaire in questionnaires:
        yield CondPageBreak(70 * mm)
        head: list[Flowable] = [
            _Heading(questionnaire.title, "h1", 0),
            _p(questionnaire.description),
            Spacer(1, 2 * mm),
            _markup(
                f"<b>Index: {_score_text(questionnaire.result)}</b>"
                + (f" — {plain(questionnaire.result.band)}" if questionnaire.result.band else "")
            ),
            Spacer(1, 2 * mm),
        ]
        rows: list[list[Any]] = [
            [
                _p("Dimension", "cell-bold"),
                _p("Score", "cell-bold"),
                _p("Answered", "cell-bold"),
                _p("Band and what it means", "cell-bold"),
            ]
        ]
        for dimension in questionnaire.dimensions:
            result = dimension.result
            answered = f"{result.coverage:.0%}"
            if dimension.dont_know:
                answered += f" ({dimension.dont_know} don't know)"
            meaning = (
                _markup(
                    f'<font color="{band_colour(result.band_index)}"><b>{plain(result.band)}</b>'
                    f"</font>: {plain(' '.join(result.meaning.split()))}",
                    "cell",
                )
                if result.score is not None
                else _p("Not enough answers to score this dimension.", "cell")
            )
            rows.append(
                [
                    _p(dimension.title, "cell"),
                    _p(_score_text(result), "cell"),
                    _p(answered, "cell"),
                    meaning,
                ]
            )
        # Kept together so that a table never leaves one row alone on the next page.
        yield KeepTogether(
            [
                *head,
                _table(rows, [width * 0.24, width * 0.1, width * 0.16, width * 0.5]),
                Spacer(1, 2 * mm),
                _p("Draws on: " + "; ".join(questionnaire.sources), "small"),
            ]
        )


def _findings(report: Report) -> Iterator[Flowable]:
    yield PageBreak()
    yield _Heading("Findings and what to do", "h1", 0)
    if not report.findings:
        yield _p("No pattern in the diagnosis fired for these answers.")
    for finding in report.findings:
        yield from finding_blocks(finding)
    if report.not_evaluated:
        yield _p("Not evaluated", "h2")
        yield _p(
            "These patterns could not be checked because answers they depend on are missing "
            "or “don't know”:",
            "small",
        )
        yield _bullets(report.not_evaluated)


def _change_cell(change: float | None) -> Paragraph:
    if change is None:
        return _p("—", "cell")
    colour = "#1a7f37" if change > 0 else "#b2182b" if change < 0 else "#5c6370"
    return _markup(f'<font color="{colour}"><b>{change:+d}</b></font>', "cell")


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
    yield _Heading("Since last quarter", "h1", 0)
    yield _p(
        f"Compared with {since.previous_period}, the previous assessment of the same "
        f"organisation. {_whose_scores(report)}"
    )
    rows: list[list[Any]] = [
        [
            _p("Dimension", "cell-bold"),
            _p(since.previous_period, "cell-bold"),
            _p(report.period, "cell-bold"),
            _p("Change", "cell-bold"),
        ]
    ]
    for delta in since.deltas:
        rows.append(
            [
                _p(f"{delta.questionnaire_title}: {delta.dimension_title}", "cell"),
                _p(points_text(delta.before), "cell"),
                _p(points_text(delta.now), "cell"),
                _change_cell(points_change(delta.before, delta.now)),
            ]
        )
    yield Spacer(1, 2 * mm)
    yield _table(rows, [width * 0.55, width * 0.15, width * 0.15, width * 0.15])
    yield _p("New findings", "h3")
    yield _bullets(since.new_findings)
    yield _p("Resolved findings", "h3")
    yield _bullets(since.resolved_findings)
    if len(since.trend) > 2:
        yield _p("Indices by period", "h2")
        yield _p(_whose_scores(report), "small")
        share = 0.8 / (len(since.trend_headings) + 1)
        header = [_p("Period", "cell-bold"), _p("Overall", "cell-bold")]
        header += [_p(title, "cell-bold") for title in since.trend_headings]
        trend_rows: list[list[Any]] = [header]
        for point in since.trend:
            values = [point.overall, *point.indices]
            trend_rows.append(
                [_p(point.period, "cell")] + [_p(points_text(v), "cell") for v in values]
            )
        yield _table(trend_rows, [width * 0.2] + [width * share] * (len(since.trend_headings) + 1))


def _appendix(report: Report) -> Iterator[Flowable]:
    yield PageBreak()
    yield _Heading("Appendix: every question and answer", "h1", 0)
    yield _p(
        "Each question as asked, the answer given, why it is asked, the point behind it and "
        "the note, if any.",
        "small",
    )
    for section in report.appendix:
        yield _Heading(section.title, "h2", 1)
        if section.other_roles:
            count = section.other_roles
            yield _p(
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
                _markup(f"<b>{plain(row.number)} {plain(row.text)}</b>", "h3"),
                _markup(f"Answer: <b>{plain(row.answer)}</b>", "answer"),
                _p(f"Why we ask: {row.why} ({origin})", "why"),
            ]
            if row.argument:
                point = "The point" if row.basis == "practice" else "The article's point"
                lines.append(_p(f"{point}: {row.argument}", "why"))
            yield KeepTogether(lines)
            if row.note:
                yield _markup(f"<i>Note:</i> {plain(row.note)}", "note")


def _summary(report: Report, width: float) -> Iterator[Flowable]:
    from assessor.report.sections import summary_page

    notes: list[str] = []
    if report.status != "complete":
        notes.append("A draft: some questions are still unanswered.")
    elif report.evidence_warnings:
        notes.append("Some scores rest on thin evidence: see “How firm the evidence is”.")
    yield from summary_page(report.summary, width, notes=notes)
    yield PageBreak()


def report_flowables(report: Report, width: float) -> list[Flowable]:
    """Every flowable of the report, in order, for a frame ``width`` points wide."""
    # sections imports this module's helpers, so it is imported here, not at the top.
    from assessor.report.sections import method_page, plan_section

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
    document = _ReportDocument(stream, report, PAGE_SIZES[pagesize])
    document.build(report_flowables(report, document.width), canvasmaker=_PageCountCanvas)


def pdf_bytes(report: Report, pagesize: PageSize = "a4") -> bytes:
    """The report as PDF bytes."""
    buffer = io.BytesIO()
    render_pdf(report, buffer, pagesize)
    return buffer.getvalue()


def write_pdf(report: Report, target: Path, pagesize: PageSize = "a4") -> None:
    """Write the report to ``target`` atomically: a failure never leaves half a PDF."""
    write_atomically(target, lambda stream: render_pdf(report, stream, pagesize))

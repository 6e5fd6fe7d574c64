"""The building blocks every PDF report is made of: styles, flowables and the page template.

The respondent's report (:mod:`.render` with :mod:`.sections`), the organisation report
(:mod:`.organisation_render`) and the comparison report (:mod:`.comparison_report`) are laid out
from these alike, following pretix's reports: a plain data model is built first (no reportlab),
then functions turn it into flowables made of the blocks here, and :class:`ReportDocument`
places them on pages with a header, a footer and "page x of y".

- **Text**: :func:`clean` and :func:`plain`. Every user or questionnaire string goes through
  :func:`plain` (directly or via :func:`paragraph`), so nothing the user typed is ever read as
  markup; :func:`markup_paragraph` takes only markup the report writes itself.
- **Flowables**: :func:`paragraph`, :func:`markup_paragraph`, :class:`Heading` (an outline
  entry too), :func:`bullet_list`, :func:`layout_table` (every table: its cells start in the
  report's font) and :func:`ruled_table`, whose column widths are shares of the frame's width.
- **Pages**: :data:`PAGE_SIZES` and the choice of paper (:func:`resolve_pagesize`),
  :class:`ReportDocument` (cover and body page templates) and :class:`PageCountCanvas`.
- **Charts**: :func:`fit_text`, which shortens a label to the room it has.

The fonts are registered once (:func:`assessor.report.fonts.register_fonts`), and the styles
built once, on first use.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any, BinaryIO, Literal, Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    ListFlowable,
    ListItem,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from assessor.files.text_checks import NAME, NOTE
from assessor.report.fonts import register_fonts

PageSize = Literal["a4", "letter"]
PAGE_SIZES = {"a4": A4, "letter": LETTER}
#: Territories that print on Letter paper; everyone else gets A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR"})
MARGIN = 18 * mm
#: The muted grey of secondary text, as hex for markup and as a reportlab colour.
MUTED_HEX = "#5c6370"
INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#d0d4da")
#: The shade of boxes and of the group rows of tables.
BOX_BACKGROUND = colors.HexColor("#f4f6f8")
SEVERITY_COLOURS = {
    "high": "#b2182b",
    "medium": "#c2591d",
    "low": "#6b6b6b",
    "info": "#2166ac",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: The language of the text Assessor writes into its PDFs (for screen readers and search).
DOCUMENT_LANGUAGE = "en-GB"


# --- Paper -----------------------------------------------------------------------------------


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


# --- Text ------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """Text safe to draw: control characters and lone surrogates removed, NFC-normalised."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text.replace("\r\n", "\n")))


def plain(text: str) -> str:
    """User text as paragraph markup that shows it literally (escaped; newlines kept)."""
    return escape(clean(text)).replace("\n", "<br/>")


def shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the last being "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shown_name(name: str) -> str:
    """A name as reports print it: at most as long as a name may be
    (:data:`~assessor.files.text_checks.NAME`, 200 characters), so that a longer one stored
    before that limit still prints, shortened with "…"."""
    return shortened(name, NAME.max_length)


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so that it fits ``width`` points (charts' labels).

    The time it takes is bounded by the room, not by the text: only as many characters are
    measured as could fit if each were a tenth of the font size wide (narrower than any glyph
    that shows; a text of many zero-width characters is shortened a little early).
    """
    most = int(width / (size * 0.1)) + 1
    if len(text) <= most and stringWidth(text, font, size) <= width:
        return text
    text = text[:most]
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


#: The most characters of a note or free-text answer a report prints (as many as a note may
#: hold), and the most lines (about a page).
MAX_PRINTED_CHARACTERS = NOTE.max_length
MAX_PRINTED_LINES = 60
#: Lines of a long text set as one paragraph (reportlab re-wraps a paragraph that runs over a
#: page whole, at every page, so one huge paragraph costs time by the square of its length).
LINES_PER_PARAGRAPH = 10


def _more_lines(lines: Sequence[str]) -> str:
    """``… (N more lines)`` for the lines not printed that hold something; "" for none."""
    count = sum(1 for line in lines if line)
    return f"… ({count:,} more line{'' if count == 1 else 's'})" if count else ""


def excerpt(text: str) -> tuple[list[str], str]:
    """The lines of a long user text a report prints, and what it says of the rest.

    Runs of empty lines are folded into one; at most :data:`MAX_PRINTED_LINES` lines and
    :data:`MAX_PRINTED_CHARACTERS` characters are kept. The second value is "" when all of
    the text is printed, else ``… (N more lines)`` or ``… (N more characters)``.
    """
    lines = [line.rstrip() for line in clean(text).split("\n")]
    kept: list[str] = []
    more = ""
    budget = MAX_PRINTED_CHARACTERS
    for index, line in enumerate(lines):
        if not line and (not kept or not kept[-1]):
            continue  # a run of empty lines prints as one
        if len(kept) == MAX_PRINTED_LINES or budget <= 0:
            more = _more_lines(lines[index:])
            break
        if len(line) > budget:
            kept.append(line[:budget].rstrip() + "…")
            more = _more_lines(lines[index + 1 :]) or f"… ({len(line) - budget:,} more characters)"
            break
        kept.append(line)
        budget -= len(line)
    while kept and not kept[-1]:
        kept.pop()
    return kept, more


def long_text(text: str, style: str, lead: str = "", *, bold: bool = False) -> list[Flowable]:
    """A note or free-text answer as paragraphs, bounded whatever its size.

    ``lead`` is markup we wrote (such as ``<i>Note:</i> ``) put before the first line; with
    ``bold`` the text is set in bold (the "… (N more lines)" line never is). At most
    :data:`MAX_PRINTED_LINES` lines are printed (see :func:`excerpt`), in paragraphs of
    :data:`LINES_PER_PARAGRAPH` lines, so the time to lay them out does not grow with the text.
    """
    kept, more = excerpt(text)
    lines = [f"<b>{escape(line)}</b>" if bold and line else escape(line) for line in kept]
    if more:
        lines.append(escape(more))
    groups = [lines[i : i + LINES_PER_PARAGRAPH] for i in range(0, len(lines), LINES_PER_PARAGRAPH)]
    return [
        markup_paragraph((lead if number == 0 else "") + "<br/>".join(group), style)
        for number, group in enumerate(groups or [[]])
    ]


# --- Styles and flowables --------------------------------------------------------------------


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every report, by name (built once, after the fonts are in)."""
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
        "answer-line": style(
            "answer-line",
            fontSize=7.5,
            leading=9.4,
            leftIndent=10,
            firstLineIndent=-10,
            spaceAfter=0.5,
        ),
        "why": style("why", fontSize=8, leading=10.5, leftIndent=12, textColor=MUTED),
        "summary-h": style(
            "summary-h", fontName=bold, fontSize=11.5, leading=14, spaceBefore=7, spaceAfter=3
        ),
        "cell-small": style("cell-small", fontSize=7.5, leading=9.5, textColor=MUTED),
        "box": style("box", fontSize=8.3, leading=11, spaceAfter=2.2),
        "para": style("para", spaceAfter=5),
    }


def paragraph(text: str, style: str = "body") -> Paragraph:
    """A paragraph of *plain* text (escaped here), in the named style of :func:`styles`."""
    return Paragraph(plain(text), styles()[style])


def markup_paragraph(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of markup we wrote ourselves; any user text inside must already be plain()."""
    return Paragraph(markup, styles()[style])


#: The most characters a heading prints (a longer name, such as an organisation's, ends in "…").
MAX_HEADING_CHARACTERS = 160


class Heading(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A heading that also becomes an entry of the PDF's outline (bookmarks).

    ``level`` is the outline's depth: 0 for a section, 1 for a part of one. A heading is at
    most :data:`MAX_HEADING_CHARACTERS` characters (a few lines; longer text is shortened with
    "…") and is never split across pages: it moves to the next page whole.
    """

    def __init__(self, text: str, style: str, level: int) -> None:
        shown = shortened(clean(text), MAX_HEADING_CHARACTERS)
        super().__init__(plain(shown), styles()[style])
        self.outline_title = shown
        self.outline_level = level

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Nothing: a heading is not split (it goes to the next page whole)."""
        return []


def bullet_list(texts: Sequence[str], empty: str = "None.") -> Flowable:
    """Plain ``texts`` as a bulleted list; the paragraph ``empty`` when there are none."""
    if not texts:
        return paragraph(empty)
    return ListFlowable(
        [ListItem(paragraph(text), value="•") for text in texts],
        bulletType="bullet",
        bulletFontName=register_fonts()[0],
        leftIndent=12,
    )


def layout_table(rows: list[list[Any]], widths: Sequence[float], **options: Any) -> Table:
    """A reportlab table whose cells start in the report's font.

    reportlab's tables select their cell font (Helvetica unless told) before drawing each cell,
    even a cell of paragraphs, and that would leave a standard-14 font, never embedded,
    referenced in the PDF. Every table of the reports is made here. ``widths`` are in points;
    ``options`` go to :class:`~reportlab.platypus.Table` (``hAlign`` defaults to the left).
    """
    options.setdefault("hAlign", "LEFT")
    table = Table(rows, colWidths=list(widths), **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts()[0])]))
    return table


def ruled_table(
    rows: list[list[Any]], width: float, shares: Sequence[float], header: bool = True
) -> Table:
    """A table of ``rows`` with a rule under each row and, if ``header``, a shaded first row.

    Each column takes its share of ``width`` (the frame's width), so the table fits any paper.
    """
    table = layout_table(rows, [width * share for share in shares], repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1f3f5")))
    table.setStyle(TableStyle(commands))
    return table


# --- The page template -----------------------------------------------------------------------


class PageCountCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that can print "of N" on every page: N is a form filled in at save time.

    Its initial font is the report's own (DejaVu Sans), not reportlab's Helvetica: every page
    starts with a font selection, and a Helvetica one would leave a standard-14 font, which is
    never embedded, referenced in the PDF.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        regular, _ = register_fonts()
        kwargs["initialFontName"] = kwargs.get("initialFontName") or regular
        super().__init__(*args, **kwargs)

    def save(self) -> None:
        """Draw the page count into its form, then write the PDF."""
        regular, _ = register_fonts()
        self.beginForm("page-count")
        self.setFont(regular, 8)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


class DocumentInfo(Protocol):
    """What the page template reads of a document: a report model or any such record."""

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


class ReportDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """Page templates for the cover and the body, and outline entries for headings.

    The cover page has the footer only ("Assessor · generated …", "Page x of y"); body pages
    also have a header: the organisation, unit and period at the left and ``running_title`` at
    the right. Build it with ``canvasmaker=PageCountCanvas`` so that "of y" is filled in.
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
            title=clean(f"{report.title}: {shown_name(report.organisation)}, {report.period}"),
            author=clean(shown_name(report.respondent)),
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
        if isinstance(flowable, Heading):
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
        canvas.drawString(MARGIN, y, fit_text(heading, bold, 8, width - 2 * MARGIN - 140))
        canvas.setFont(regular, 8)
        canvas.drawRightString(width - MARGIN, y, self.running_title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y - 4, width - MARGIN, y - 4)
        canvas.restoreState()
        self._footer(canvas, document)

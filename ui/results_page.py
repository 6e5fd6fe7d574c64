"""Results: the indices with their bands, the dimension chart, findings and the action plan.

The chart is the report's own drawing rendered to SVG, so the screen shows what the paper
shows. Everything is plain text: questionnaire and user text are never read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.diagnosis.findings import KIND_LABELS
from assessor.report.model import CAUTION_HEADING, FindingView, Report
from ui import style
from ui.pdf_output import PdfOutput
from ui.plain_text import plain_label, score_text
from ui.svg_chart import CHART_WIDTH, SvgChart

NO_SCORE = "not enough answers"


class ResultsPage(QWidget):
    """Shows one assessment's diagnosis and offers the PDF."""

    edit_requested = Signal(int)
    #: save the assessment as a respondent file to send back (the main window asks where)
    send_back_requested = Signal(int)
    home_requested = Signal()
    status_message = Signal(str)
    #: what was written ("the PDF") and the file
    file_saved = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.assessment_id = 0
        self.pdf = PdfOutput(self)
        self.pdf.busy_changed.connect(self._busy)
        self.pdf.done.connect(self._done)
        self.pdf.saved.connect(lambda path: self.file_saved.emit("the PDF", path))
        layout = QVBoxLayout(self)
        style.page_margins(layout)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroll_area, 1)
        buttons = QHBoxLayout()
        self.home_button = QPushButton("← Assessments")
        self.home_button.setAccessibleName("Back to the list of assessments")
        self.home_button.clicked.connect(self.home_requested)
        self.edit_button = QPushButton("Edit answers")
        self.edit_button.setAccessibleName("Edit the answers of this assessment")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.assessment_id))
        self.send_back_button = QPushButton("Send back…")
        self.send_back_button.setAccessibleName(
            "Send back: save these answers as a respondent file for the person who asked"
        )
        self.send_back_button.clicked.connect(
            lambda: self.send_back_requested.emit(self.assessment_id)
        )
        self.busy = plain_label("", muted=True)
        self.export_button = QPushButton("Export PDF…")
        self.export_button.setAccessibleName("Export the diagnosis as a PDF file")
        self.preview_button = QPushButton("Preview")
        self.preview_button.setAccessibleName("Preview the PDF diagnosis")
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print the diagnosis")
        self.export_button.clicked.connect(self.export_pdf)
        self.preview_button.clicked.connect(self.preview_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        for widget in (self.home_button, self.edit_button, self.send_back_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.busy, 1)
        for widget in (self.export_button, self.preview_button, self.print_button):
            buttons.addWidget(widget)
        layout.addLayout(buttons)

    def show_report(self, assessment_id: int, report: Report) -> None:
        """Fill the page with a report model."""
        from assessor.report.chart import chart_svg

        self.assessment_id = assessment_id
        self.report = report
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(style.SPACE_M)
        heading = f"{report.organisation}" + (f" — {report.unit}" if report.unit else "")
        column.addWidget(style.title(heading))
        column.addWidget(
            plain_label(f"{report.period} · {report.respondent} ({report.role})", muted=True)
        )

        overall = QGridLayout()
        overall.setHorizontalSpacing(style.SPACE_L)
        big = plain_label(score_text(report.overall.score), scale=style.FIGURE_LARGE, bold=True)
        big.setAccessibleName(f"Overall index {score_text(report.overall.score)}")
        overall.addWidget(big, 0, 0, 2, 1)
        band_row = QHBoxLayout()
        band_row.setSpacing(style.SPACE_M)
        band_row.addWidget(plain_label("Overall:", scale=style.SUBHEADING, bold=True, wrap=False))
        band_row.addWidget(style.band_chip(report.overall.band, report.overall.band_index))
        if not report.overall.band:
            band_row.addWidget(plain_label("not enough answers", scale=style.SUBHEADING))
        band_row.addStretch(1)
        overall.addLayout(band_row, 0, 1)
        overall.addWidget(plain_label(report.overall.meaning), 1, 1)
        overall.setColumnStretch(1, 1)
        column.addLayout(overall)

        indices_box = QWidget()
        indices_box.setMaximumWidth(int(CHART_WIDTH * 1.4))
        indices = QGridLayout(indices_box)
        indices.setContentsMargins(0, 0, 0, 0)
        for row, questionnaire in enumerate(report.questionnaires):
            indices.addWidget(plain_label(questionnaire.title), row, 0)
            indices.addWidget(
                plain_label(score_text(questionnaire.result.score), bold=True), row, 1
            )
            result = questionnaire.result
            band = (
                style.band_chip(result.band, result.band_index)
                if result.band
                else plain_label("not enough answers", muted=True)
            )
            indices.addWidget(band, row, 2, Qt.AlignmentFlag.AlignLeft)
        indices.setColumnStretch(0, 1)
        column.addWidget(indices_box)

        self.cautions: QFrame | None = None
        if report.cautions:
            self.cautions = self._cautions(report.cautions)
            column.addWidget(self.cautions)

        for warning in report.evidence_warnings:
            column.addWidget(plain_label(f"⚠ {warning}"))

        column.addWidget(style.heading("Dimensions"))
        self.chart = SvgChart("Chart of every dimension's score")
        self.chart.show_svg(chart_svg(report.questionnaires, report.band_legend, CHART_WIDTH))
        self.chart.setMaximumWidth(int(CHART_WIDTH * 1.4))
        column.addWidget(self.chart)

        column.addWidget(style.heading("Findings"))
        if not report.findings:
            column.addWidget(plain_label("No pattern in the diagnosis fired for these answers."))
        for finding in report.findings:
            column.addWidget(self._finding(finding))

        column.addWidget(style.heading("Action plan"))
        if not report.actions:
            column.addWidget(plain_label("No action is called for by these answers."))
        for action in report.actions:
            column.addWidget(plain_label(f"{action.rank}. {action.text}  ({action.aims_at})"))
            if action.owner is not None:
                who = (
                    f"{action.owner_label} · {action.horizon_label} · effort {action.effort_label}"
                )
                if action.carried_over:
                    who += f" · carried over from {action.carried_over}"
                done = f" · Done when: {action.done_when}" if action.done_when else ""
                column.addWidget(plain_label(f"     {who}{done}", muted=True))
        column.addStretch(1)
        self.scroll_area.setWidget(body)
        self.export_button.setFocus()

    @staticmethod
    def _cautions(cautions: tuple[str, ...]) -> QFrame:
        """The "Read with care" box: each caution in plain text, under a marked heading."""
        frame = QFrame()
        frame.setObjectName("cautions")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setStyleSheet(
            f"QFrame#cautions {{ background: {style.WARNING_BACKGROUND}; "
            f"border: 1px solid {style.WARNING_TEXT}; border-radius: 4px; }} "
            f"QFrame#cautions QLabel {{ color: {style.WARNING_TEXT}; }}"
        )
        frame.setAccessibleName(CAUTION_HEADING)
        layout = QVBoxLayout(frame)
        layout.addWidget(
            plain_label(f"⚠ {CAUTION_HEADING}", scale=style.SUBHEADING, bold=True, name="caution")
        )
        for caution in cautions:
            layout.addWidget(plain_label(f"•  {caution}", name="caution-text"))
        return frame

    @staticmethod
    def _finding(finding: FindingView) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(f"Finding: {finding.title}")
        layout = QVBoxLayout(frame)
        tag = "Strength" if finding.positive else f"{finding.severity.capitalize()} severity"
        if not finding.positive and finding.kind in KIND_LABELS:
            tag = f"{KIND_LABELS[finding.kind]} · {tag}"
        layout.addWidget(plain_label(finding.title, scale=style.SUBHEADING, bold=True))
        layout.addWidget(plain_label(f"{tag} · {finding.questionnaire_title}", muted=True))
        layout.addWidget(plain_label(finding.explanation))
        for action in finding.actions:
            layout.addWidget(plain_label(f"•  {action}"))
        return frame

    # --- PDF ----------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        for button in (self.export_button, self.preview_button, self.print_button):
            button.setEnabled(not busy)
        self.busy.setText("Preparing the PDF…" if busy else "")

    def _done(self, message: str) -> None:
        if message:
            self.status_message.emit(message)

    def export_pdf(self) -> None:
        """Export PDF… (asks where)."""
        if self.report is not None:
            self.pdf.export(self.report)

    def preview_pdf(self) -> None:
        """Preview the PDF."""
        if self.report is not None:
            self.pdf.preview(self.report)

    def print_pdf(self) -> None:
        """Print… (asks for a printer)."""
        if self.report is not None:
            self.pdf.print(self.report)

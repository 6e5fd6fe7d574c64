"""Results: the indices with their bands, the dimension chart, findings and the action plan.

The chart is the report's own drawing rendered to SVG, so the screen shows what the paper
shows. Everything is plain text: questionnaire and user text are never read as markup.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor.report.model import FindingView, Report
from ui.pdf_output import PdfOutput

CHART_WIDTH = 560.0


def _label(text: str, *, scale: float = 1.0, bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    if muted:
        label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


class ChartWidget(QSvgWidget):
    """The SVG chart, kept at its own aspect ratio."""

    def __init__(self, svg: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.load(QByteArray(svg.encode("utf-8")))
        self.setAccessibleName("Chart of every dimension's score")
        box = self.renderer().viewBoxF()
        self._ratio = box.height() / box.width() if box.width() else 0.5
        self.setMinimumWidth(320)

    def heightForWidth(self, width: int) -> int:
        return int(width * self._ratio)

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(int(CHART_WIDTH * 1.2), int(CHART_WIDTH * 1.2 * self._ratio))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.setMinimumHeight(self.heightForWidth(event.size().width()))
        super().resizeEvent(event)


class ResultsPage(QWidget):
    """Shows one assessment's diagnosis and offers the PDF."""

    edit_requested = Signal(int)
    home_requested = Signal()
    status_message = Signal(str)

    def __init__(self, export_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.export_folder = export_folder
        self.report: Report | None = None
        self.assessment_id = 0
        self.pdf = PdfOutput(self)
        self.pdf.busy_changed.connect(self._busy)
        self.pdf.done.connect(self._done)
        layout = QVBoxLayout(self)
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
        self.busy = _label("", muted=True)
        self.export_button = QPushButton("Export PDF…")
        self.export_button.setAccessibleName("Export the diagnosis as a PDF file")
        self.preview_button = QPushButton("Preview")
        self.preview_button.setAccessibleName("Preview the PDF diagnosis")
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print the diagnosis")
        self.export_button.clicked.connect(self.export_pdf)
        self.preview_button.clicked.connect(self.preview_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        for widget in (self.home_button, self.edit_button):
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
        column.setSpacing(10)
        heading = f"{report.organisation}" + (f" — {report.unit}" if report.unit else "")
        column.addWidget(_label(heading, scale=1.6, bold=True))
        column.addWidget(
            _label(f"{report.period} · {report.respondent} ({report.role})", muted=True)
        )

        overall = QGridLayout()
        big = _label(_score(report.overall.score), scale=3.0, bold=True)
        big.setAccessibleName(f"Overall index {_score(report.overall.score)}")
        overall.addWidget(big, 0, 0, 2, 1)
        overall.addWidget(
            _label(f"Overall: {report.overall.band or 'not enough answers'}", scale=1.2, bold=True),
            0,
            1,
        )
        overall.addWidget(_label(report.overall.meaning), 1, 1)
        overall.setColumnStretch(1, 1)
        column.addLayout(overall)

        indices_box = QWidget()
        indices_box.setMaximumWidth(int(CHART_WIDTH * 1.4))
        indices = QGridLayout(indices_box)
        indices.setContentsMargins(0, 0, 0, 0)
        for row, questionnaire in enumerate(report.questionnaires):
            indices.addWidget(_label(questionnaire.title), row, 0)
            indices.addWidget(_label(_score(questionnaire.result.score), bold=True), row, 1)
            indices.addWidget(_label(questionnaire.result.band or "not enough answers"), row, 2)
        indices.setColumnStretch(0, 1)
        column.addWidget(indices_box)

        for warning in report.evidence_warnings:
            column.addWidget(_label(f"⚠ {warning}"))

        column.addWidget(_label("Dimensions", scale=1.25, bold=True))
        self.chart = ChartWidget(chart_svg(report.questionnaires, report.band_legend, CHART_WIDTH))
        self.chart.setMaximumWidth(int(CHART_WIDTH * 1.4))
        column.addWidget(self.chart)

        column.addWidget(_label("Findings", scale=1.25, bold=True))
        if not report.findings:
            column.addWidget(_label("No pattern in the diagnosis fired for these answers."))
        for finding in report.findings:
            column.addWidget(self._finding(finding))

        column.addWidget(_label("Action plan", scale=1.25, bold=True))
        if not report.actions:
            column.addWidget(_label("No action is called for by these answers."))
        for action in report.actions:
            column.addWidget(_label(f"{action.rank}. {action.text}  ({action.aims_at})"))
        column.addStretch(1)
        self.scroll_area.setWidget(body)
        self.export_button.setFocus()

    @staticmethod
    def _finding(finding: FindingView) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(f"Finding: {finding.title}")
        layout = QVBoxLayout(frame)
        tag = "Strength" if finding.positive else f"{finding.severity.capitalize()} severity"
        layout.addWidget(_label(finding.title, scale=1.1, bold=True))
        layout.addWidget(_label(f"{tag} · {finding.questionnaire_title}", muted=True))
        layout.addWidget(_label(finding.explanation))
        for action in finding.actions:
            layout.addWidget(_label(f"•  {action}"))
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
            self.pdf.export(self.report, self.export_folder)

    def preview_pdf(self) -> None:
        """Preview the PDF."""
        if self.report is not None:
            self.pdf.preview(self.report)

    def print_pdf(self) -> None:
        """Print… (asks for a printer)."""
        if self.report is not None:
            self.pdf.print(self.report)

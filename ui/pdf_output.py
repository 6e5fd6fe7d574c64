"""Export, preview and print the PDF diagnosis, and export the organisation report; the PDF is
built off the GUI thread.

Export writes the file atomically (see :func:`assessor.report.render.write_pdf`). Preview shows
the very same PDF with QtPdf; printing renders its pages onto the printer chosen in the print
dialog. The organisation report reads its assessments from the store on the GUI thread (a few
rows), then builds and writes the PDF in the worker.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from assessor.errors import AssessorError
from assessor.files.file_names import safe_stem
from assessor.report.model import Report
from ui import dialogs, places
from ui.operations import Operation

if TYPE_CHECKING:
    from assessor.storage.store import Store

PRINT_DPI = 200


def suggested_file_name(report: Report) -> str:
    """A file name such as ``Acme-2026-Q3-diagnosis.pdf`` (safe on every system)."""
    return f"{safe_stem(f'{report.organisation}-{report.period}', 'assessment')}-diagnosis.pdf"


def organisation_file_name(organisation: str, unit: str, period: str) -> str:
    """A file name such as ``Acme-2026-Q2-organisation-report.pdf`` (safe on every system)."""
    parts = [organisation, unit, period] if unit else [organisation, period]
    return f"{safe_stem('-'.join(parts), 'organisation')}-organisation-report.pdf"


def build_pdf(report: Report) -> bytes:
    """The report as PDF bytes on the locale's paper (runs in a worker thread)."""
    from assessor.report.blocks import resolve_pagesize
    from assessor.report.render import pdf_bytes

    return pdf_bytes(report, resolve_pagesize())


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print PDF bytes page by page on ``printer``; returns the number of pages printed."""
    with tempfile.TemporaryDirectory(prefix="assessor-print-") as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(data)
        document = QPdfDocument()
        document.load(str(path))
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(
                    int(points.width() * PRINT_DPI / 72), int(points.height() * PRINT_DPI / 72)
                )
                image = document.render(page, size)
                target = QRectF(painter.viewport())
                scale = min(target.width() / size.width(), target.height() / size.height())
                painter.drawImage(
                    QRectF(
                        QPointF(0, 0),
                        QSize(int(size.width() * scale), int(size.height() * scale)).toSizeF(),
                    ),
                    image,
                )
        finally:
            painter.end()
        count = document.pageCount()
        document.close()
        return count


class PreviewDialog(QDialog):
    """Shows the PDF exactly as it prints."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 900)
        self._folder = tempfile.TemporaryDirectory(prefix="assessor-preview-")
        path = Path(self._folder.name) / "preview.pdf"
        path.write_bytes(data)
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        layout = QVBoxLayout(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Report preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        self.document.close()
        self._folder.cleanup()
        super().done(result)


def show_preview(parent: QWidget, data: bytes, title: str) -> None:
    """Open the preview window (tests replace this)."""
    dialog = PreviewDialog(data, title, parent)
    dialog.exec()


class PdfOutput(QObject):
    """Runs PDF work for a page; ``busy_changed`` lets the page show a busy state."""

    busy_changed = Signal(bool)
    done = Signal(str)
    #: the PDF file just written
    saved = Signal(object)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.widget = parent_widget
        self.operation: Operation[Any] | None = None

    def _run(self, work: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        def failed(error: Exception) -> None:
            self.done.emit("")
            dialogs.show_error(
                self.widget,
                "The PDF could not be made",
                f"{error}\n\nYour answers are safe; nothing was written.",
            )

        self.operation = Operation(work, on_success, failed, self)
        self.operation.finished.connect(lambda: self.busy_changed.emit(False))
        self.busy_changed.emit(True)
        self.operation.start()

    def export(self, report: Report) -> None:
        """Ask where to save (Documents, then the folder used last), then write the PDF."""
        target = places.ask_save_path(
            self.widget, "Export PDF", suggested_file_name(report), "PDF files (*.pdf)", ".pdf"
        )
        if target is None:
            return

        def work() -> Path:
            from assessor.files.atomic import write_bytes_atomically

            write_bytes_atomically(target, build_pdf(report))
            return target

        def written(path: Path) -> None:
            self.done.emit(f"Saved the PDF to {path}")
            self.saved.emit(path)

        self._run(work, written)

    def export_organisation(self, store: Store, organisation: str, unit: str, period: str) -> None:
        """Organisation report…: the period's assessments, then where to save (Documents, then
        the folder used last), then the PDF."""
        from assessor.report.from_store import organisation_inputs

        try:
            inputs = organisation_inputs(store, organisation, period, unit)
        except AssessorError as error:
            dialogs.show_error(self.widget, "No organisation report", "\n".join(error.lines))
            return
        target = places.ask_save_path(
            self.widget,
            "Organisation report",
            organisation_file_name(inputs.organisation, inputs.unit, inputs.period),
            "PDF files (*.pdf)",
            ".pdf",
        )
        if target is None:
            return

        def work() -> Path:
            from assessor.files.atomic import write_bytes_atomically
            from assessor.report.blocks import resolve_pagesize
            from assessor.report.from_store import organisation_report
            from assessor.report.organisation_render import organisation_pdf_bytes

            data = organisation_pdf_bytes(organisation_report(inputs), resolve_pagesize())
            write_bytes_atomically(target, data)
            return target

        def written(path: Path) -> None:
            self.done.emit(f"Saved the organisation report to {path}")
            self.saved.emit(path)

        self._run(work, written)

    def preview(self, report: Report) -> None:
        """Build the PDF and show it."""

        def shown(data: bytes) -> None:
            self.done.emit("")
            show_preview(self.widget, data, f"Preview: {report.organisation}, {report.period}")

        self._run(lambda: build_pdf(report), shown)

    def print(self, report: Report) -> None:
        """Ask for a printer, then print the PDF on it."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"{report.organisation} {report.period} diagnosis")
        if not dialogs.print_setup(self.widget, printer):
            return
        self._printer = printer

        def printed(data: bytes) -> None:
            pages = print_pdf(data, printer)
            self.done.emit(f"Sent {pages} pages to the printer")

        self._run(lambda: build_pdf(report), printed)

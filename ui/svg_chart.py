"""A chart drawn by the report (as SVG), shown at its own aspect ratio at any width."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QWidget

#: The width, in points, the report's drawings are made at for the screen.
CHART_WIDTH = 560.0


class SvgChart(QSvgWidget):
    """Shows an SVG chart; its height follows its width."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._ratio = 0.5
        self.setMinimumWidth(320)

    def show_svg(self, svg: str) -> None:
        """Replace the drawing."""
        self.load(QByteArray(svg.encode("utf-8")))
        box = self.renderer().viewBoxF()
        self._ratio = box.height() / box.width() if box.width() else 0.5
        self.setMinimumHeight(self.heightForWidth(max(self.width(), 320)))
        self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        return int(width * self._ratio)

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(int(CHART_WIDTH * 1.2), int(CHART_WIDTH * 1.2 * self._ratio))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.setMinimumHeight(self.heightForWidth(event.size().width()))
        super().resizeEvent(event)

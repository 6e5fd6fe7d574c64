"""A small trend line of an index over the periods, painted directly (no chart library)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from assessor.diagnosis.overall_bands import overall_band_index
from assessor.report.palette import band_colour
from ui.plain_text import score_text

#: The vertical scale: the whole 0–100 range, so that lines of several organisations compare.
LOW, HIGH = 0.0, 100.0


class Sparkline(QWidget):
    """The overall index per period as a line, each point in its band's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[str, float | None]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_points(self, points: Sequence[tuple[str, float | None]]) -> None:
        """Show these (period, index) points, oldest first; a period with no index has no dot."""
        self.points = list(points)
        spoken = ", ".join(f"{period} {score_text(score)}" for period, score in self.points)
        self.setAccessibleName(f"Overall index by period: {spoken}")
        self.setToolTip(spoken)
        self.update()

    def sizeHint(self) -> QSize:
        height = self.fontMetrics().height() * 3
        return QSize(height * 4, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = max(2.5, self.height() / 14)
        area = QRectF(self.rect()).adjusted(radius + 1, radius + 1, -radius - 1, -radius - 1)
        text = self.palette().color(self.foregroundRole())
        guide = QColor(text)
        guide.setAlphaF(0.18)
        painter.setPen(QPen(guide, 1, Qt.PenStyle.DotLine))
        for level in (40.0, 60.0, 80.0):  # the overall band limits
            y = self._y(area, level)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        step = area.width() / max(1, len(self.points) - 1)
        placed = [
            (QPointF(area.left() + index * step, self._y(area, score)), score)
            for index, (_, score) in enumerate(self.points)
            if score is not None
        ]
        line = QColor(text)
        line.setAlphaF(0.6)
        painter.setPen(QPen(line, max(1.5, radius / 2)))
        for (start, _), (end, _) in pairwise(placed):
            painter.drawLine(start, end)
        painter.setPen(Qt.PenStyle.NoPen)
        for index, (point, score) in enumerate(placed):
            painter.setBrush(QColor(band_colour(overall_band_index(score))))
            size = radius * (1.5 if index == len(placed) - 1 else 1.0)
            painter.drawEllipse(point, size, size)
        painter.end()

    @staticmethod
    def _y(area: QRectF, score: float | None) -> float:
        value = min(HIGH, max(LOW, score if score is not None else LOW))
        return area.bottom() - (value - LOW) / (HIGH - LOW) * area.height()

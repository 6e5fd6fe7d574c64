"""The trend chart: scores per period as lines, one reportlab drawing for the PDF and the app.

Each series (the overall index, a questionnaire index or a dimension) is a line from period to
period on a 0–100 scale, with its own colour, marker and dash pattern, so lines stay apart in
grey print and for colour-blind readers. A period without a score breaks the line. A dashed
vertical line, labelled "new version", marks where a questionnaire version changed. The legend
below names every line; :func:`trend_svg` renders the same drawing for the desktop app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assessor.comparison.model import Series
from assessor.report.chart import svg_for_qt
from assessor.report.fonts import register_fonts

#: Line colours (Okabe–Ito, colour-blind safe); the first series is drawn thicker.
LINE_COLOURS: tuple[str, ...] = (
    "#000000",
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
)
DASHES: tuple[list[float] | None, ...] = (None, None, [4, 2], [1.5, 1.5], [6, 2, 1.5, 2])
MARKERS: tuple[str, ...] = ("circle", "square", "diamond", "triangle")
LEGEND_ROW = 13.0
PLOT_HEIGHT = 170.0


def _legend_rows(titles: Sequence[str], width: float, font: str) -> list[list[int]]:
    """Series indices laid out in rows that fit ``width``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows: list[list[int]] = [[]]
    used = 0.0
    for index, title in enumerate(titles):
        needed = 34 + stringWidth(title, font, 8) + 14
        if rows[-1] and used + needed > width:
            rows.append([])
            used = 0.0
        rows[-1].append(index)
        used += needed
    return rows


def _marker(drawing: Any, kind: str, x: float, y: float, colour: Any) -> None:
    from reportlab.graphics.shapes import Circle, Polygon, Rect

    size = 2.6
    if kind == "circle":
        shape: Any = Circle(x, y, size)
    elif kind == "square":
        shape = Rect(x - size, y - size, 2 * size, 2 * size)
    elif kind == "diamond":
        shape = Polygon(
            [x, y + size + 0.6, x + size + 0.6, y, x, y - size - 0.6, x - size - 0.6, y]
        )
    else:
        shape = Polygon([x, y + size + 0.8, x + size + 0.6, y - size, x - size - 0.6, y - size])
    shape.fillColor = colour
    shape.strokeColor = colour
    shape.strokeWidth = 0.5
    drawing.add(shape)


def trend_chart(
    series: Sequence[Series],
    periods: Sequence[str],
    width: float = 480.0,
    plot_height: float = PLOT_HEIGHT,
    breaks: Sequence[str] = (),
) -> Any:
    """A line chart of ``series`` over ``periods``, ``width`` points wide.

    ``breaks`` are the periods that begin a new questionnaire version: a dashed line between
    each and the period before it marks the change.
    """
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from assessor.report.blocks import fit_text

    regular, _ = register_fonts()
    legend = _legend_rows([s.title for s in series], width - 8, regular)
    legend_height = LEGEND_ROW * len(legend) + 6
    axis_room = 18.0
    height = plot_height + axis_room + legend_height + 8
    drawing = Drawing(width, height)
    # The drawing's own starting font, else reportlab's default would reference Helvetica.
    drawing.initialFontName, drawing.initialFontSize = regular, 8
    drawing.add(Rect(0, 0, width, height, fillColor=HexColor("#ffffff"), strokeColor=None))
    left, right = 30.0, width - 14.0
    bottom = legend_height + axis_room
    top = bottom + plot_height
    grid, muted = HexColor("#d0d4da"), HexColor("#5c6370")

    def y_of(score: float) -> float:
        return bottom + (top - bottom) * max(0.0, min(score, 100.0)) / 100.0

    count = len(periods)

    def x_of(index: int) -> float:
        if count <= 1:
            return (left + right) / 2
        return left + 10 + (right - left - 20) * index / (count - 1)

    for tick in range(0, 101, 20):
        drawing.add(Line(left, y_of(tick), right, y_of(tick), strokeColor=grid, strokeWidth=0.4))
        drawing.add(
            String(
                left - 4,
                y_of(tick) - 2.8,
                str(tick),
                fontName=regular,
                fontSize=7.5,
                fillColor=muted,
                textAnchor="end",
            )
        )
    every = max(1, -(-count * 46 // int(max(right - left, 1))))  # thin labels when crowded
    for index, period in enumerate(periods):
        if index % every and index != count - 1:
            continue
        drawing.add(
            String(
                x_of(index),
                bottom - 12,
                period,
                fontName=regular,
                fontSize=7.5,
                fillColor=muted,
                textAnchor="middle",
            )
        )
    drawing.add(Line(left, bottom, right, bottom, strokeColor=muted, strokeWidth=0.6))
    position = {period: index for index, period in enumerate(periods)}
    for period in breaks:
        index = position.get(period, 0)
        if index < 1:
            continue  # not compared, or nothing before it
        x = (x_of(index - 1) + x_of(index)) / 2
        drawing.add(
            Line(x, bottom, x, top + 2, strokeColor=muted, strokeWidth=0.8, strokeDashArray=[3, 2])
        )
        drawing.add(
            String(x + 2, top - 6, "new version", fontName=regular, fontSize=6.5, fillColor=muted)
        )

    for number, line in enumerate(series):
        colour = HexColor(LINE_COLOURS[number % len(LINE_COLOURS)])
        dash = DASHES[number % len(DASHES)] if number else None
        thick = 2.2 if number == 0 else 1.4
        runs: list[list[float]] = [[]]
        for point in line.points:
            if point.period not in position:
                continue
            if point.score is None:
                runs.append([])
                continue
            runs[-1].extend((x_of(position[point.period]), y_of(point.score)))
        for run in runs:  # separate segments: an SVG polyline would be filled black
            for start in range(0, len(run) - 2, 2):
                drawing.add(
                    Line(
                        *run[start : start + 4],
                        strokeColor=colour,
                        strokeWidth=thick,
                        strokeDashArray=dash,
                        strokeLineCap=1,
                    )
                )
        kind = MARKERS[number % len(MARKERS)]
        for point in line.points:
            if point.score is not None and point.period in position:
                _marker(drawing, kind, x_of(position[point.period]), y_of(point.score), colour)

    y = legend_height - LEGEND_ROW
    for row in legend:
        x = 4.0
        for index in row:
            line = series[index]
            colour = HexColor(LINE_COLOURS[index % len(LINE_COLOURS)])
            dash = DASHES[index % len(DASHES)] if index else None
            drawing.add(
                Line(
                    x,
                    y + 3,
                    x + 24,
                    y + 3,
                    strokeColor=colour,
                    strokeWidth=2.2 if index == 0 else 1.4,
                    strokeDashArray=dash,
                )
            )
            _marker(drawing, MARKERS[index % len(MARKERS)], x + 12, y + 3, colour)
            title = fit_text(line.title, regular, 8, width - x - 34)
            drawing.add(String(x + 30, y, title, fontName=regular, fontSize=8))
            x += 34 + stringWidth(title, regular, 8) + 14
        y -= LEGEND_ROW
    return drawing


def trend_svg(
    series: Sequence[Series],
    periods: Sequence[str],
    width: float = 480.0,
    breaks: Sequence[str] = (),
) -> str:
    """The trend chart as SVG text for the app, with the same QtSvg adjustments as the bars."""
    from reportlab.graphics import renderSVG

    return svg_for_qt(renderSVG.drawToString(trend_chart(series, periods, width, breaks=breaks)))

"""Business outcomes as small multiples: one small chart per metric, beside the overall index.

Each cell shows one series over the periods on its own scale and in its own unit: the title,
the latest value with its unit, which way is better (``↑ higher is better`` / ``↓ lower is
better``) and the change since the previous period, coloured and worded by whether it moved for
the better (green) or the worse (red) — for a metric where lower is better, a fall is green. A
period without a value breaks the line. The first cell is the overall index (0–100), so the
outcomes sit beside the scores. One reportlab drawing for the comparison PDF; :func:`outcomes_svg`
renders the same for the History view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assessor.comparison.model import OutcomeSeries, Series
from assessor.diagnosis.figures import points_change, points_text
from assessor.report.chart import svg_for_qt
from assessor.report.fonts import register_fonts

GREEN = "#1a7f37"
RED = "#b2182b"
GREY = "#5c6370"
LINE = "#0072B2"
INDEX_LINE = "#000000"
INK_HEX = "#1f2328"
#: The height of one small chart, in points.
CELL_HEIGHT = 104.0
GAP = 10.0


@dataclass(frozen=True)
class Multiple:
    """One small chart: a series of values with its labels and how to print a value."""

    title: str
    #: which way is better: ``↑ higher is better`` or ``↓ lower is better``
    direction: str
    points: tuple[tuple[str, float | None], ...]
    format: Callable[[float | None], str]
    #: the latest change, printed (``+2.4%``), and whether it is better, worse or level
    change: str
    verdict: str
    low: float
    high: float
    colour: str = LINE


def _span(values: Sequence[float], floor: float, ceiling: float) -> tuple[float, float]:
    """A y range around the values, padded, within the metric's own range."""
    low, high = min(values), max(values)
    pad = (high - low) * 0.2 or max(abs(high) * 0.1, 1.0)
    return max(floor, low - pad), min(ceiling, high + pad)


def index_multiple(series: Series) -> Multiple:
    """The overall index (or any score series) as a small chart on 0–100."""
    points = tuple((p.period, p.score) for p in series.points)
    known = [s for _, s in points if s is not None]
    change, verdict = "", ""
    if len(points) > 1 and points[-1][1] is not None and points[-2][1] is not None:
        moved = points_change(points[-2][1], points[-1][1])
        if moved is not None:
            change = "±0" if moved == 0 else f"{moved:+d}"
            verdict = "level" if moved == 0 else "better" if moved > 0 else "worse"
    low, high = _span(known, 0.0, 100.0) if known else (0.0, 100.0)
    return Multiple(
        f"{series.title} (0–100)",
        "↑ higher is better",
        points,
        points_text,
        change,
        verdict,
        low,
        high,
        INDEX_LINE,
    )


def outcome_multiple(series: OutcomeSeries) -> Multiple:
    """One business outcome metric as a small chart on its own scale."""
    metric = series.metric
    points = tuple((p.period, p.value) for p in series.points)
    known = [v for _, v in points if v is not None]
    change, verdict = "", ""
    last = series.points[-1] if series.points else None
    if last is not None and last.change is not None:
        change = metric.format_change(last.change)
        verdict = "level" if last.better is None else "better" if last.better else "worse"
    low, high = _span(known, metric.min, metric.max) if known else (metric.min, metric.max)
    return Multiple(
        metric.label,
        metric.better_label,
        points,
        metric.format,
        change,
        verdict,
        low,
        high,
    )


def multiples(overall: Series | None, outcomes: Sequence[OutcomeSeries]) -> list[Multiple]:
    """The cells: the overall index first (when given), then each metric in order."""
    cells = [index_multiple(overall)] if overall is not None else []
    return cells + [outcome_multiple(series) for series in outcomes]


def _verdict_colour(verdict: str) -> str:
    return {"better": GREEN, "worse": RED}.get(verdict, GREY)


def _cell(drawing: Any, cell: Multiple, x: float, y: float, width: float, height: float) -> None:
    """Draw one small chart with its lower left corner at (x, y)."""
    from reportlab.graphics.shapes import Circle, Line, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from assessor.report.blocks import fit_text

    regular, bold = register_fonts()
    muted, grid = HexColor(GREY), HexColor("#d0d4da")
    drawing.add(
        Rect(x, y, width, height, fillColor=HexColor("#f7f8fa"), strokeColor=grid, strokeWidth=0.4)
    )
    top = y + height - 11
    title = fit_text(cell.title, bold, 8, width - 10)
    drawing.add(String(x + 5, top, title, fontName=bold, fontSize=8))
    known = [value for _, value in cell.points if value is not None]
    latest = cell.format(known[-1]) if known else "—"
    drawing.add(String(x + 5, top - 13, latest, fontName=bold, fontSize=10))
    room = width - 14 - stringWidth(latest, bold, 10)
    direction = cell.direction
    if stringWidth(direction, regular, 6.5) > room:
        direction = cell.direction.split(" ")[0] + " better"
    drawing.add(
        String(
            x + width - 5,
            top - 13,
            fit_text(direction, regular, 6.5, room),
            fontName=regular,
            fontSize=6.5,
            fillColor=muted,
            textAnchor="end",
        )
    )
    if cell.change:
        label = f"{cell.change}, {cell.verdict}" if cell.verdict else cell.change
        since = f"{label} since {cell.points[-2][0]}" if len(cell.points) > 1 else label
        if stringWidth(since, bold, 6.5) <= width - 10:
            label = since
        drawing.add(
            String(
                x + 5,
                top - 23,
                fit_text(label, bold, 6.5, width - 10),
                fontName=bold,
                fontSize=6.5,
                fillColor=HexColor(_verdict_colour(cell.verdict)),
            )
        )
    left, right = x + 22, x + width - 7
    bottom, plot_top = y + 13, top - 31
    count = len(cell.points)

    def x_of(index: int) -> float:
        return (left + right) / 2 if count <= 1 else left + (right - left) * index / (count - 1)

    span = cell.high - cell.low or 1.0

    def y_of(value: float) -> float:
        return bottom + (plot_top - bottom) * (value - cell.low) / span

    for level in sorted({min(known), max(known)}) if known else ():
        drawing.add(Line(left, y_of(level), right, y_of(level), strokeColor=grid, strokeWidth=0.4))
        drawing.add(
            String(
                left - 3,
                y_of(level) - 2.2,
                _axis(level),
                fontName=regular,
                fontSize=6,
                fillColor=muted,
                textAnchor="end",
            )
        )
    if count:
        for index in sorted({0, count - 1}):
            drawing.add(
                String(
                    x_of(index),
                    y + 4,
                    cell.points[index][0],
                    fontName=regular,
                    fontSize=6,
                    fillColor=muted,
                    textAnchor="start" if index == 0 and count > 1 else "end",
                )
            )
    colour = HexColor(cell.colour)
    previous: tuple[float, float] | None = None
    for index, (_, value) in enumerate(cell.points):
        if value is None:
            previous = None
            continue
        here = (x_of(index), y_of(value))
        if previous is not None:
            drawing.add(Line(*previous, *here, strokeColor=colour, strokeWidth=1.4))
        drawing.add(Circle(*here, 1.8, fillColor=colour, strokeColor=colour, strokeWidth=0.3))
        previous = here


def _legend(drawing: Any, x: float, y: float, width: float, height: float) -> None:
    """The last free cell: how to read the small charts."""
    from reportlab.graphics.shapes import String
    from reportlab.lib.colors import HexColor

    from assessor.report.blocks import fit_text

    regular, bold = register_fonts()
    lines = [
        (bold, "How to read these", INK_HEX),
        (regular, "Each chart on its own scale;", GREY),
        (regular, "the lines mark its lowest", GREY),
        (regular, "and highest value.", GREY),
        (bold, "Green: for the better", GREEN),
        (bold, "Red: for the worse", RED),
        (regular, "↑ ↓: which way is better.", GREY),
        (regular, "A gap: not known that period.", GREY),
    ]
    top = y + height - 11
    for number, (font, text, colour) in enumerate(lines):
        drawing.add(
            String(
                x + 5,
                top - number * 10.5,
                fit_text(text, font, 7, width - 8),
                fontName=font,
                fontSize=7,
                fillColor=HexColor(colour),
            )
        )


def _axis(value: float) -> str:
    """A short axis label: ``9``, ``0.4``, ``1.2k``, ``10M``."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            short = value / limit
            text = f"{short:.0f}" if abs(short) >= 10 else f"{short:.1f}".removesuffix(".0")
            return text + suffix
    return f"{value:.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.1f}"


def columns_for(width: float) -> int:
    """How many small charts fit side by side in ``width`` points (at least 2, at most 4)."""
    return max(2, min(4, int((width + GAP) // 112)))


def outcome_charts(
    cells: Sequence[Multiple], width: float = 480.0, columns: int | None = None
) -> Any:
    """The small multiples as one drawing ``width`` points wide, row by row; a free cell at the
    end says how to read them."""
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib.colors import HexColor

    across = columns or columns_for(width)
    rows = max(1, -(-len(cells) // across))
    cell_width = (width - GAP * (across - 1)) / across
    height = rows * CELL_HEIGHT + (rows - 1) * GAP
    drawing = Drawing(width, height)
    # The drawing's own starting font, else reportlab's default would reference Helvetica.
    drawing.initialFontName, drawing.initialFontSize = register_fonts()[0], 8
    drawing.add(Rect(0, 0, width, height, fillColor=HexColor("#ffffff"), strokeColor=None))

    def corner(number: int) -> tuple[float, float]:
        row, column = divmod(number, across)
        return column * (cell_width + GAP), height - (row + 1) * CELL_HEIGHT - row * GAP

    for number, cell in enumerate(cells):
        _cell(drawing, cell, *corner(number), cell_width, CELL_HEIGHT)
    if len(cells) % across:
        _legend(drawing, *corner(len(cells)), cell_width, CELL_HEIGHT)
    return drawing


def outcomes_svg(cells: Sequence[Multiple], width: float = 480.0) -> str:
    """The small multiples as SVG text for the app (the PDF's drawing, adjusted for QtSvg)."""
    from reportlab.graphics import renderSVG

    return svg_for_qt(renderSVG.drawToString(outcome_charts(cells, width)))

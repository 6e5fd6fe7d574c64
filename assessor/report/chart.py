"""The dimension chart: one reportlab drawing, used in the PDF and rendered to SVG for the app.

Each dimension is a horizontal bar from 0 to 100 in its band's colour, grouped by questionnaire;
a dimension without enough answers shows that in words instead of a bar. Where the previous
period scored the dimension, a black tick (on a white edge, so it shows on every bar colour)
marks that score, and the legend names the period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assessor.diagnosis.figures import points_change, points_text
from assessor.report.fonts import register_fonts
from assessor.report.model import QuestionnaireView
from assessor.report.palette import NO_SCORE_COLOUR, band_colour

ROW_HEIGHT = 15.5
GROUP_GAP = 8.0


def _tick(drawing: Any, x: float, y: float, height: float = ROW_HEIGHT - 2) -> None:
    """The previous period's mark: a black bar on a white edge."""
    from reportlab.graphics.shapes import Rect
    from reportlab.lib.colors import HexColor

    drawing.add(Rect(x - 2.2, y, 4.4, height, fillColor=HexColor("#ffffff"), strokeColor=None))
    drawing.add(
        Rect(
            x - 1.1, y + 0.8, 2.2, ROW_HEIGHT - 3.6, fillColor=HexColor("#000000"), strokeColor=None
        )
    )


def dimension_chart(
    questionnaires: Sequence[QuestionnaireView],
    legend: Sequence[str],
    width: float = 480.0,
    previous_label: str = "",
    show_change: bool = False,
) -> Any:
    """A drawing of every dimension's score, ``width`` points wide.

    ``previous_label`` names the period whose scores the ticks mark (in the legend); with
    ``show_change`` the change since then, in the points printed, follows each score.
    """
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from assessor.report.blocks import fit_text

    regular, bold = register_fonts()
    label_width = min(170.0, width * 0.36)
    bar_left = label_width + 6
    bar_width = width - bar_left - (72 if show_change else 44)
    rows = sum(len(q.dimensions) for q in questionnaires)
    groups = len(questionnaires)
    height = rows * ROW_HEIGHT + groups * (ROW_HEIGHT + GROUP_GAP) + 18 + 22
    drawing = Drawing(width, height)
    # The drawing's own starting font, else reportlab's default would reference Helvetica.
    drawing.initialFontName, drawing.initialFontSize = regular, 8
    # A paper-white ground, so the chart stays readable on a dark screen too.
    drawing.add(Rect(0, 0, width, height, fillColor=HexColor("#ffffff"), strokeColor=None))
    grey, track = HexColor("#c8c8c8"), HexColor("#eeeeee")

    def x_of(score: float) -> float:
        return bar_left + bar_width * max(0.0, min(score, 100.0)) / 100.0

    def text(x: float, y: float, value: str, font: str, size: float, **style: Any) -> None:
        drawing.add(String(x, y, value, fontName=font, fontSize=size, **style))

    y = height
    for questionnaire in questionnaires:
        y -= ROW_HEIGHT
        text(0, y + 5, fit_text(questionnaire.title, bold, 9, width), bold, 9)
        for dimension in questionnaire.dimensions:
            y -= ROW_HEIGHT
            text(10, y + 5, fit_text(dimension.title, regular, 8.5, label_width - 10), regular, 8.5)
            drawing.add(
                Rect(bar_left, y + 3, bar_width, ROW_HEIGHT - 6, fillColor=track, strokeColor=None)
            )
            for tick in range(20, 100, 20):  # gridlines sit behind the bar, inside its row only
                drawing.add(
                    Line(
                        x_of(tick),
                        y + 1,
                        x_of(tick),
                        y + ROW_HEIGHT - 1,
                        strokeColor=grey,
                        strokeWidth=0.4,
                        strokeDashArray=[1, 2],
                    )
                )
            score = dimension.result.score
            if score is None:
                text(
                    bar_left + 4,
                    y + 5.5,
                    "not enough answers",
                    regular,
                    8,
                    fillColor=HexColor(NO_SCORE_COLOUR),
                )
                continue
            colour = HexColor(band_colour(dimension.result.band_index))
            drawing.add(
                Rect(
                    bar_left,
                    y + 3,
                    x_of(score) - bar_left,
                    ROW_HEIGHT - 6,
                    fillColor=colour,
                    strokeColor=None,
                )
            )
            change = points_change(dimension.previous, score) if show_change else None
            if change is not None:
                sign = "±" if change == 0 else "+" if change > 0 else "−"
                text(width - 30, y + 5, points_text(score), bold, 8.5, textAnchor="end")
                text(width, y + 5, f"{sign}{abs(change)}", regular, 8, textAnchor="end")
            else:
                text(
                    width - (30 if show_change else 0),
                    y + 5,
                    points_text(score),
                    bold,
                    8.5,
                    textAnchor="end",
                )
            if dimension.previous is not None:
                _tick(drawing, x_of(dimension.previous), y + 1)
        y -= GROUP_GAP
    axis_y = y - 2
    drawing.add(
        Line(
            bar_left,
            axis_y,
            bar_left + bar_width,
            axis_y,
            strokeColor=HexColor("#9aa0a6"),
            strokeWidth=0.5,
        )
    )
    for tick in range(0, 101, 20):
        drawing.add(
            Line(
                x_of(tick),
                axis_y,
                x_of(tick),
                axis_y - 3,
                strokeColor=HexColor("#9aa0a6"),
                strokeWidth=0.5,
            )
        )
        text(x_of(tick), axis_y - 11, str(tick), regular, 7.5, textAnchor="middle")
    x = bar_left
    for index, label in enumerate(legend):
        drawing.add(Rect(x, 2, 10, 8, fillColor=HexColor(band_colour(index)), strokeColor=None))
        text(x + 14, 3, label, regular, 8)
        x += 30 + stringWidth(label, regular, 8)
    if any(d.previous is not None for q in questionnaires for d in q.dimensions):
        _tick(drawing, x + 4, 0.5, 11)
        text(
            x + 10,
            3,
            fit_text(previous_label or "previous period", regular, 8, width - x - 12),
            regular,
            8,
        )
    return drawing


def chart_svg(
    questionnaires: Sequence[QuestionnaireView],
    legend: Sequence[str],
    width: float = 480.0,
    previous_label: str = "",
    show_change: bool = False,
) -> str:
    """The dimension chart as SVG text, exactly as the PDF draws it.

    Two adjustments for SVG Tiny renderers such as QtSvg: the clip path reportlab wraps around
    the drawing is dropped (QtSvg would paint its rectangle black), and fonts are named by
    family and weight rather than by reportlab's registration name.
    """
    from reportlab.graphics import renderSVG

    return svg_for_qt(
        renderSVG.drawToString(
            dimension_chart(questionnaires, legend, width, previous_label, show_change)
        )
    )


def svg_for_qt(svg: str) -> str:
    """reportlab's SVG adjusted for QtSvg: no clip path, fonts named by family and weight."""
    svg = re.sub(r"<clipPath.*?</clipPath>", "", svg, flags=re.S)
    svg = svg.replace(' style="clip-path: url(#clip)"', "")
    svg = re.sub(
        r"font-family: ?DejaVuSans-Bold;", "font-family: DejaVu Sans; font-weight: bold;", svg
    )
    return re.sub(r"font-family: ?DejaVuSans;", "font-family: DejaVu Sans;", svg)

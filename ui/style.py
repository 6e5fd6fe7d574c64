"""One look for every page: spacing, type sizes and colours.

Sizes are relative to the system font, so a user's larger font and a 200 % screen carry over.
The band colours are the report's own (:mod:`assessor.report.palette`), so a band looks the same
on screen and on paper. Colours that sit on the window's background (changes up and down, error
text) have a light-palette and a dark-palette tone: :func:`tone` picks by the palette in use.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from assessor.report.palette import band_colour
from ui.plain_text import plain_label

# --- spacing (device-independent pixels) ---------------------------------------------------------

#: Between the parts of one thing (a label and its value).
SPACE_S = 4
#: Between things in a group (the lines of a card).
SPACE_M = 8
#: Between groups (cards, sections of a page).
SPACE_L = 16
#: Around every page's content.
PAGE_MARGIN = 12

# --- type sizes (× the system font) ------------------------------------------------------------

#: A page's title ("Assessments", an organisation's name on History and Results).
TITLE = 1.6
#: A section of a page ("Findings", "Respondents"), and an organisation on a Home card.
HEADING = 1.25
#: The question in the walk-through.
QUESTION = 1.35
#: An answer option, a finding's title.
SUBHEADING = 1.1
#: A headline figure (an index on Home, the overall index on Results).
FIGURE = 2.4
#: The overall index on Results.
FIGURE_LARGE = 3.0

# --- colours -------------------------------------------------------------------------------------

#: (light palette, dark palette) tones for colours drawn on the window's background.
UP = ("#116329", "#56d364")
DOWN = ("#c62828", "#ff7b72")
ERROR = ("#b2182b", "#ff8a80")
WARNING_BACKGROUND = "#fff4d6"
WARNING_TEXT = "#5a3b00"
DARK_TEXT = "#1f2328"
LIGHT_TEXT = "#ffffff"


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the palette (default: the application's) has a dark window background."""
    used = palette if palette is not None else QGuiApplication.palette()
    return used.color(QPalette.ColorRole.Window).lightness() < 128


def tone(pair: tuple[str, str], palette: QPalette | None = None) -> QColor:
    """The light or dark tone of a colour pair, for the palette in use."""
    return QColor(pair[1] if is_dark(palette) else pair[0])


def change_colour(change: float | None, palette: QPalette | None = None) -> QColor | None:
    """Green for a gain, red for a loss, None (the text colour) for none or a level score."""
    if change is None or round(change) == 0:
        return None
    return tone(UP if change > 0 else DOWN, palette)


def relative_luminance(colour: QColor) -> float:
    """WCAG relative luminance of a colour (0 black to 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21; 4.5 or more reads well as body text)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: QColor) -> QColor:
    """Dark or white text, whichever reads better on ``background``."""
    dark, light = QColor(DARK_TEXT), QColor(LIGHT_TEXT)
    return dark if contrast_ratio(dark, background) >= contrast_ratio(light, background) else light


def band_chip_css(band_index: int) -> str:
    """A style sheet for a label shown as a chip in the band's report colour."""
    background = QColor(band_colour(band_index))
    return (
        f"background: {background.name()}; color: {text_on(background).name()}; "
        f"border-radius: 4px; padding: 1px {SPACE_M}px;"
    )


def band_chip(label: str, band_index: int, name: str = "band") -> QLabel:
    """A band's label on its report colour (hidden when there is no band)."""
    chip = plain_label(label, wrap=False, name=name)
    chip.setStyleSheet(band_chip_css(band_index))
    chip.setVisible(bool(label))
    return chip


def colour_css(colour: QColor | None) -> str:
    """A style sheet that sets a label's text colour (empty: the palette's text colour)."""
    return f"color: {colour.name()};" if colour is not None else ""


def title(text: str = "") -> QLabel:
    """A page title."""
    return plain_label(text, scale=TITLE, bold=True)


def heading(text: str = "") -> QLabel:
    """A section heading."""
    return plain_label(text, scale=HEADING, bold=True)


def page_margins(layout: QBoxLayout) -> None:
    """The margins and spacing every page uses."""
    layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    layout.setSpacing(SPACE_M)


def centre_column(outer: QBoxLayout, box: QWidget) -> None:
    """Put ``box`` in the middle third of a page (welcome, send-off), a little above centre."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(box, 3)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)


def link_button(text: str, accessible: str) -> QPushButton:
    """A flat button that reads as a link (user text stays plain: buttons never read markup)."""
    button = QPushButton(text)
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAccessibleName(accessible)
    button.setToolTip(accessible)
    button.setStyleSheet(
        "QPushButton { color: palette(link); text-decoration: underline; border: none; "
        f"padding: 0 {SPACE_S}px; text-align: left; }}"
    )
    return button

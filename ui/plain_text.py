"""Labels for user and questionnaire text: always plain text, never read as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from assessor.diagnosis.figures import points_text


def plain_label(
    text: str = "",
    *,
    scale: float = 1.0,
    bold: bool = False,
    muted: bool = False,
    wrap: bool = True,
    name: str = "",
) -> QLabel:
    """A selectable plain-text label; ``name`` also becomes its object and accessible name."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if scale != 1.0 or bold:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    if muted:
        label.setStyleSheet("color: palette(placeholder-text);")
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name.replace("-", " "))
    return label


def score_text(value: float | None) -> str:
    """A 0–100 score as shown on screen: whole points, halves up (as in the PDFs, and as its
    band is read), or a dash when there is none."""
    return points_text(value)


def count(number: int, noun: str, plural: str = "") -> str:
    """``1 assessment``, ``2 assessments`` (``plural`` for irregular nouns)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"

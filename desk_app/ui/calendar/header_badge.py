"""A staff member's initials in a circle of their colour, beside their name in the day
view's column header: forty columns are found by colour and face-like badge faster than
by reading names. (Staff have no photos in the data model; initials stand in.)
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette

from desk_app.ui.widgets import palette

# Below this column width the name needs all the room there is: no badge.
BADGE_MIN_WIDTH = 110


def initials_of(name: str) -> str:
    """First letters of the first and last word ("Jörg Weiß" → "JW", "Aylin" → "AY")."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return ""
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def _text_on(fill: QColor) -> QColor:
    return QColor(palette.TEXT_ON_LIGHT) if fill.lightnessF() > 0.6 else QColor("white")


def badge_font(base: QFont, side: float) -> QFont:
    """The initials' font for circles ``side`` px across (made once per header paint)."""
    font = QFont(base)
    font.setBold(True)
    font.setPixelSize(max(8, int(side * 0.42)))
    return font


def paint_badge(
    painter: QPainter, circle: QRectF, initials: str, colour: str | None, colours: QPalette
) -> None:
    """A circle in ``circle`` with the initials centred in it, in the painter's font;
    without a staff colour, the palette's mid tone."""
    fill = QColor(colour) if colour else colours.color(QPalette.ColorRole.Mid)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawEllipse(circle)
    painter.setPen(_text_on(fill))
    painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, initials)

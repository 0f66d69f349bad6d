"""A staff member's initials in a circle of their colour, beside their name in the day
view's column header: forty columns are found by colour and face-like badge faster than
by reading names. (Staff have no photos in the data model; initials stand in.)
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPixmap

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
    """The initials' font for circles ``side`` px across."""
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


class BadgeCache:
    """Each badge drawn once into a pixmap: the header repaints on every scroll, and
    switching to the badge's font and back for each of a dozen columns cost more than
    the titles themselves (bench/day_view.py, the empty grid)."""

    def __init__(self) -> None:
        self._pixmaps: dict[tuple[str, str | None, int, str, float, int], QPixmap] = {}

    def pixmap(
        self,
        initials: str,
        colour: str | None,
        side: int,
        base: QFont,
        colours: QPalette,
        ratio: float,
    ) -> QPixmap:
        key = (initials, colour, side, base.key(), ratio, colours.cacheKey())
        found = self._pixmaps.get(key)
        if found is None:
            if len(self._pixmaps) > 500:  # fonts or palettes changed many times
                self._pixmaps.clear()
            found = QPixmap(int(side * ratio), int(side * ratio))
            found.setDevicePixelRatio(ratio)
            found.fill(Qt.GlobalColor.transparent)
            painter = QPainter(found)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setFont(badge_font(base, side))
            paint_badge(painter, QRectF(0, 0, side, side), initials, colour, colours)
            painter.end()
            self._pixmaps[key] = found
        return found

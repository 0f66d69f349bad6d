"""The text of the time grid's appointment blocks, measured once instead of per block.

A busy chain day shows a thousand blocks of three or four lines. Building the fonts and
their metrics for every block, eliding every line and formatting every clock time on
every paint was most of the paint's time (cProfile of bench/day_view.py). Here the fonts
and metrics are made once per base font, and elided lines, text widths and clock times
are remembered: a reload of the same day (after every change, every sync) and every
repaint (scrolling, the now line, the cursor) find them ready.

Nothing here translates: the painting passes its words in. No painting either.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtGui import QFont, QFontMetrics

# Remembered texts are dropped beyond this many (a day has a few thousand lines).
CACHE_LIMIT = 20_000


class Role(enum.IntEnum):
    """Which font a piece of block text is set in."""

    NORMAL = 0
    BOLD = 1  # the customer's name
    NORMAL_STRUCK = 2  # a cancelled appointment
    BOLD_STRUCK = 3
    TAG = 4  # status marks and the online tag: bold, a point smaller

    @staticmethod
    def line(bold: bool, struck: bool) -> Role:
        return Role((1 if bold else 0) + (2 if struck else 0))


@dataclass(frozen=True)
class BlockFonts:
    fonts: tuple[QFont, ...]  # by Role
    metrics: tuple[QFontMetrics, ...]  # by Role
    line_height: int  # of the normal font: a block's line pitch


def _block_fonts(base: QFont) -> BlockFonts:
    fonts = []
    for role in Role:
        font = QFont(base)
        if role is Role.TAG:
            font.setPointSizeF(max(6.0, font.pointSizeF() - 1))
            font.setBold(True)
        else:
            font.setBold(role in (Role.BOLD, Role.BOLD_STRUCK))
            font.setStrikeOut(role in (Role.NORMAL_STRUCK, Role.BOLD_STRUCK))
        fonts.append(font)
    metrics = tuple(QFontMetrics(f) for f in fonts)
    return BlockFonts(tuple(fonts), metrics, metrics[Role.NORMAL].height())


class GridText:
    """Fonts, widths, elided lines and clock times of one grid widget."""

    def __init__(self) -> None:
        self._font_key = ""
        self._fonts: BlockFonts | None = None
        self._locale = ""
        self._elided: dict[tuple[int, str, int], str] = {}
        self._advance: dict[tuple[int, str], int] = {}
        self._clock: dict[int, str] = {}

    def fonts(self, base: QFont) -> BlockFonts:
        """The block fonts for the widget's font (made again when it changed)."""
        key = base.key()
        if self._fonts is None or key != self._font_key:
            self._font_key, self._fonts = key, _block_fonts(base)
            self._elided.clear()
            self._advance.clear()
        return self._fonts

    def elided(self, role: Role, text: str, width: int) -> str:
        key = (role, text, width)
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) >= CACHE_LIMIT:
                self._elided.clear()
            metrics = self._metrics(role)
            found = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            self._elided[key] = found
        return found

    def advance(self, role: Role, text: str) -> int:
        key = (role, text)
        found = self._advance.get(key)
        if found is None:
            if len(self._advance) >= CACHE_LIMIT:
                self._advance.clear()
            found = self._metrics(role).horizontalAdvance(text)
            self._advance[key] = found
        return found

    def clock(self, hour: int, minute: int) -> str:
        """A wall-clock time in the default locale's short format (09:30, 9:30 AM)."""
        locale = QLocale()
        if locale.name() != self._locale:
            self._locale = locale.name()
            self._clock.clear()
        key = hour * 60 + minute
        found = self._clock.get(key)
        if found is None:
            found = locale.toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)
            self._clock[key] = found
        return found

    def _metrics(self, role: Role) -> QFontMetrics:
        if self._fonts is None:
            raise RuntimeError("GridText.fonts() first")
        return self._fonts.metrics[role]
